#!/usr/bin/env node
// Receive-path measurement for src/netlink (run as root, alone, under the kernel-test lock; it saves and
// restores the audit state with the real auditctl):
//
//   npm run build && flock /tmp/tsaudit-kernel-tests.lock node bench/netlink-receive.mjs [events] [mode]
//
// A child process calls getpgid() `events` times under one narrow rule (-S getpgid -F pid=<child>); this
// process is the registered audit pid, so every record is unicast to it. Each event is 3 records (SYSCALL,
// PROCTITLE, EOE). Modes:
//   drain  (default) AuditClient.receive(): async poll() on a koffi thread, then non-blocking recvfrom()
//                    on the main thread until EAGAIN (what tsaudit uses)
//   async            one koffi recvfrom.async() per datagram on a blocking socket (the alternative)
// Prints records/s and events/s of the reader, and event-loop stalls (max gap between timer ticks).

import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const EVENTS = Number(process.argv[2] ?? 100000);
const MODE = process.argv[3] ?? 'drain';
// prefill: let the generator finish before reading (records wait in the kernel backlog and the socket
// buffer), so the figure is the reader's own drain rate, not the generator's syscall rate.
const PREFILL = process.argv.includes('--prefill');

const auditctl = (...a) => execFileSync('auditctl', a, { encoding: 'utf8' });
const saved = Object.fromEntries(
  auditctl('-s')
    .trim()
    .split('\n')
    .map((l) => l.split(' ')),
);
const savedRules = auditctl('-l').trim();
if (savedRules !== 'No rules') throw new Error('bench needs an empty rule list (run it alone)');

function restore() {
  auditctl('-D');
  auditctl('-b', saved.backlog_limit, '-r', saved.rate_limit, '--backlog_wait_time', saved.backlog_wait_time);
  auditctl('-e', saved.enabled);
}

// The generator: waits for "go" on stdin, then calls getpgid(0) EVENTS times.
const child = spawn(
  process.execPath,
  [
    '-e',
    `
  const koffi = require(${JSON.stringify(require.resolve('koffi'))});
  const getpgid = koffi.load('libc.so.6').func('int getpgid(int)');
  process.stdin.once('data', () => { for (let i = 0; i < ${EVENTS}; i++) getpgid(0); process.exit(0); });
`,
  ],
  { stdio: ['pipe', 'inherit', 'inherit'] },
);

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let maxGap = 0;
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  maxGap = Math.max(maxGap, now - last);
  last = now;
}, 5);

try {
  auditctl('-b', '65536', '-r', '0', '--backlog_wait_time', '60000');
  auditctl('-a', 'always,exit', '-F', 'arch=b64', '-S', 'getpgid', '-F', `pid=${child.pid}`, '-k', 'tsaudit-bench');
  auditctl('-e', '1');
  maxGap = 0;
  last = performance.now();
  const result = MODE === 'async' ? await runAsync() : await runDrain();
  const secs = result.ms / 1000;
  console.log(
    JSON.stringify({
      mode: MODE,
      events: result.events,
      records: result.records,
      overruns: result.overruns,
      seconds: +secs.toFixed(3),
      records_per_s: Math.round(result.records / secs),
      events_per_s: Math.round(result.events / secs),
      prefill: PREFILL,
      reader_cpu_percent: Math.round((result.cpuMs / result.ms) * 100),
      max_event_loop_gap_ms: +maxGap.toFixed(1),
      event_loop_delay_p99_ms: +(loopDelay.percentile(99) / 1e6).toFixed(1),
    }),
  );
} finally {
  clearInterval(ticker);
  child.kill();
  restore();
}

async function go() {
  child.stdin.write('go\n');
  if (PREFILL) await new Promise((resolve) => child.once('exit', resolve));
}

async function runDrain() {
  const { AuditClient } = await import('../dist/netlink/client.js');
  const client = await AuditClient.open();
  client.setReceiveBuffer(8 << 20);
  await client.setPid();
  let records = 0;
  let events = 0;
  let overruns = 0;
  let t0 = 0;
  const ac = new AbortController();
  await go();
  let cpu0;
  try {
    for await (const batch of client.receive({ signal: ac.signal })) {
      if (!t0) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
        maxGap = 0; // count event-loop stalls while receiving only, not module loading
        last = t0;
        loopDelay.enable();
      }
      for (const item of batch) {
        if (item.kind === 'overrun') overruns++;
        else {
          records++;
          if (item.type === 1320) events++;
        }
      }
      if (events >= EVENTS) break;
    }
    const cpu = process.cpuUsage(cpu0);
    return { ms: performance.now() - t0, records, events, overruns, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await client.clearPid().catch(() => {});
    client.close();
  }
}

async function runAsync() {
  // The alternative: a blocking socket and one recvfrom.async per datagram.
  const koffi = require('koffi');
  const lib = koffi.load('libc.so.6');
  const socket = lib.func('int socket(int, int, int)');
  const bind = lib.func('int bind(int, void *, uint32_t)');
  const sendto = lib.func('intptr_t sendto(int, void *, size_t, int, void *, uint32_t)');
  const recv = lib.func('intptr_t recv(int, void *, size_t, int)');
  const setsockopt = lib.func('int setsockopt(int, int, int, void *, uint32_t)');
  const close = lib.func('int close(int)');
  const fd = socket(16, 3, 9);
  const addr = Buffer.alloc(12);
  addr.writeUInt16LE(16, 0);
  bind(fd, addr, 12);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(8 << 20);
  setsockopt(fd, 1, 33, size, 4);
  // AUDIT_SET pid = this process
  const req = Buffer.alloc(16 + 44);
  req.writeUInt32LE(60, 0);
  req.writeUInt16LE(1001, 4);
  req.writeUInt16LE(5, 6);
  req.writeUInt32LE(1, 8);
  req.writeUInt32LE(4, 16);
  req.writeUInt32LE(process.pid, 28);
  sendto(fd, req, req.length, 0, addr, 12);
  const buf = Buffer.alloc(65536);
  const recvAsync = (b) => new Promise((res, rej) => recv.async(fd, b, b.length, 0, (e, n) => (e ? rej(e) : res(n))));
  let records = 0;
  let events = 0;
  let t0 = 0;
  let cpu0;
  await go();
  while (events < EVENTS) {
    const n = await recvAsync(buf);
    if (n < 16) continue;
    const type = buf.readUInt16LE(4);
    if (type < 1100) continue;
    if (!t0) {
      t0 = performance.now();
      cpu0 = process.cpuUsage();
    }
    records++;
    if (type === 1320) events++;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  req.writeUInt32LE(2, 8);
  req.writeUInt32LE(0, 28);
  sendto(fd, req, req.length, 0, addr, 12);
  close(fd);
  return { ms, records, events, overruns: 0, cpuMs: (cpu.user + cpu.system) / 1000 };
}
