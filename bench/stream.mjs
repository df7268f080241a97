#!/usr/bin/env node
// `npm run bench stream` (or `node bench/stream.mjs`). Stream benchmark: a burst of BENCH_STREAM_EVENTS (default 1,000,000) audit events from the burst generator
// (bench/stream-burst.c: getppid in a loop, under a rule matching only that binary), received by
// `tsaudit stream -format=json` (full pipeline: receive, parse, reassemble, JSON into a file, as the Go
// reference was measured; the file is deleted after), in unicast and in multicast mode. Reports events/s received, the kernel's lost count, serial gaps and ENOBUFS.
//
// Environment: BENCH_STREAM_EVENTS (burst size), BENCH_STREAM_MODES (unicast,multicast), BENCH_STREAM_BACKLOG
// (kernel backlog limit during the run, default 8192).
// Needs root, an audit kernel, auditctl and a C compiler; otherwise prints why it is skipped and exits 0.
// Changes kernel state (a rule, enabled, backlog_limit), so it runs under the kernel-test lock and restores
// everything it changed. Results: stdout, and bench/out/stream.json.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBurstHelper, burstRule } from './stream-burst.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/tsaudit`;
const LOCK = '/tmp/tsaudit-kernel-tests.lock';
const N = Number(process.env.BENCH_STREAM_EVENTS ?? 1_000_000);
const KEY = 'tsaudit-bench';
const MODES = (process.env.BENCH_STREAM_MODES ?? 'unicast,multicast').split(',');
/** Kernel backlog limit during the run (a larger one makes the kernel's backlog-wait stalls rarer). */
const BACKLOG = process.env.BENCH_STREAM_BACKLOG ?? '8192';

function skip(reason) {
  console.log(`stream: SKIPPED (${reason})`);
  process.exit(0);
}

const SELF = fileURLToPath(import.meta.url);

/** The harness entry (bench/run.mjs): the measurement runs in a child under the machine-wide kernel lock. */
export const streamScenario = {
  name: 'stream',
  description: `tsaudit stream -format=json receiving a ${N.toLocaleString('en-US')}-event getppid burst, unicast and multicast`,
  async run() {
    if (spawnSync('flock', ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log('stream: SKIPPED (flock not available)');
      return;
    }
    const code = await new Promise((resolve) => {
      const child = spawn('flock', ['-w', '1800', LOCK, process.execPath, SELF, '--measure'], { stdio: 'inherit' });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`stream measurement exited ${code}`);
  },
};

const direct = process.argv[1] === SELF;
if (direct && !process.argv.includes('--measure')) await streamScenario.run();
if (direct && process.argv.includes('--measure')) await measure();

async function measure() {
  if (process.getuid?.() !== 0) skip('not root');
  function auditctl(args) {
    return execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
  function status() {
    const s = {};
    for (const line of auditctl(['-s']).split('\n')) {
      const [k, v] = line.split(' ', 2);
      if (k && v !== undefined) s[k] = v;
    }
    return s;
  }
  try {
    status();
  } catch (err) {
    skip(err.code === 'ENOENT' ? 'auditctl not installed' : `auditctl -s failed: ${err.stderr?.toString().trim() || err.message}`);
  }
  const built = buildBurstHelper();
  if (!built.path) skip(built.skip);
  const helper = built.path;

  const before = status();
  if (before.pid !== '0') skip(`the audit pid is held by process ${before.pid}`);
  const rule = burstRule(helper, KEY);

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function runMode(mode) {
    const args = ['stream', '--stats', '-format=json', '--enable', '--backlog-limit', BACKLOG];
    if (mode === 'multicast') args.push('--multicast');
    const outDir = mkdtempSync(join(tmpdir(), 'tsaudit-stream-bench-'));
    const outFile = join(outDir, 'events.ndjson');
    const outFd = openSync(outFile, 'w');
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', outFd, 'pipe'] });
    closeSync(outFd);
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      const deadline = Date.now() + 15_000;
      while (!/tsaudit: streaming /.test(err)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`stream did not start: ${err.trim()}`);
        await sleep(20);
      }
      const lost0 = Number(status().lost);
      const t0 = Date.now();
      const gen = spawn(helper, [String(N)], { stdio: 'ignore' });
      const genExit = await new Promise((resolve) => gen.on('exit', (code) => resolve(code)));
      const t1 = Date.now();
      if (genExit !== 0) throw new Error(`burst generator exited ${genExit}`);
      // let the stream catch up (the kernel backlog and the socket buffer drain into it): wait until its
      // CPU time stands still for a second, then stop it
      const cpuTicks = () => {
        const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return Number(f[11]) + Number(f[12]); // utime + stime, all threads
      };
      for (let last = cpuTicks(), still = 0, i = 0; still < 4 && i < 2400; i++) {
        await sleep(250);
        const now = cpuTicks();
        still = now - last <= 1 ? still + 1 : 0;
        last = now;
      }
      const lost1 = Number(status().lost);
      let peakRssMB = 0;
      try {
        peakRssMB = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
      } catch {
        /* gone already */
      }
      child.kill('SIGINT');
      const exit = await exited;
      const m = /stream summary: (.*)/.exec(err);
      if (!m) throw new Error(`no summary from the stream (exit ${JSON.stringify(exit)}): ${err.trim()}`);
      const s = Object.fromEntries(m[1].split(' ').map((kv) => kv.split('=')));
      const events = Number(s.events);
      const lastMs = Number(s.last_event_ms);
      return {
        mode,
        burst: N,
        events_received: events,
        events_per_sec: Math.round(events / ((lastMs - t0) / 1000)),
        generator_seconds: (t1 - t0) / 1000,
        receive_seconds: (lastMs - t0) / 1000,
        kernel_lost: lost1 - lost0,
        stream_lost_kernel: Number(s.lost_kernel),
        sequence_gap_events: Number(s.lost_sequence),
        enobufs: Number(s.enobufs),
        dropped_queue: Number(s.dropped_queue),
        peak_rss_mb: peakRssMB,
        output_mb: Math.round(statSync(outFile).size / 1e6),
        exit: exit.code,
      };
    } finally {
      rmSync(outDir, { recursive: true, force: true });
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  }

  const results = [];
  auditctl(['-a', ...rule]);
  try {
    for (const mode of MODES) results.push(await runMode(mode));
  } finally {
    try {
      auditctl(['-d', ...rule]);
    } catch {
      /* already gone */
    }
    // tsaudit restores what it changed; make sure, in case it was killed
    const after = status();
    const fix = [];
    if (after.enabled !== before.enabled && (before.enabled === '0' || before.enabled === '1')) fix.push('-e', before.enabled);
    if (after.backlog_limit !== before.backlog_limit) fix.push('-b', before.backlog_limit);
    if (fix.length) auditctl(fix);
    if (status().pid !== '0') console.error('stream bench: WARNING: the audit pid is not 0 after the run');
  }

  console.log(`stream: ${N.toLocaleString('en-US')}-event burst (getppid), tsaudit stream -format=json --backlog-limit ${BACKLOG} > file`);
  for (const r of results) {
    console.log(
      `  ${r.mode.padEnd(9)} ${String(r.events_per_sec).padStart(7)} events/s received  ` +
        `(${r.events_received} events in ${r.receive_seconds}s; generator ${r.generator_seconds}s)  ` +
        `kernel lost ${r.kernel_lost}  serial-gap events ${r.sequence_gap_events}  ENOBUFS ${r.enobufs}  queue drops ${r.dropped_queue}  peak RSS ${r.peak_rss_mb} MB  output ${r.output_mb} MB`,
    );
  }
  mkdirSync(`${ROOT}bench/out`, { recursive: true });
  writeFileSync(`${ROOT}bench/out/stream.json`, `${JSON.stringify({ when: new Date().toISOString(), results }, null, 2)}\n`);
}
