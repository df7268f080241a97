// `tsaudit stream` against the real kernel: a narrow rule (getppid from our own burst helper, matched by
// exe=), N known events, exactly N arrive with the right fields in JSON; unicast and multicast; the audit pid
// is 0 again and settings are restored after exit; a held pid is refused; EPIPE and SIGTERM exit cleanly.

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildBurstHelper, burstRule } from '../../bench/stream-burst.mjs';
import { BIN, ROOT } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { readStatus, stopStreams, useKernelState } from './state.js';
import { until } from '../helpers/wait.js';

const KEY = 'tsaudit-stream-test';
const N = 25;

interface Streamer {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();

function startStream(args: string[], wrap: string[] = []): Streamer {
  const argv = [...wrap, process.execPath, BIN, 'stream', '--stats', ...args];
  const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

const started = (s: Streamer) => until('the stream to start', () => /tsaudit: streaming /.test(s.stderr()));

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Records of our key's events, grouped by serial. */
function ourEvents(text: string): Map<number, Record<string, unknown>[]> {
  const lines = jsonLines(text);
  // record JSON in go-libaudit's shape: the rule key is in keys[]
  const serials = new Set(lines.filter((r) => (r.keys as string[] | undefined)?.includes(KEY)).map((r) => r.sequence as number));
  const events = new Map<number, Record<string, unknown>[]>();
  for (const r of lines) {
    const s = r.sequence as number;
    if (!serials.has(s)) continue;
    if (!events.has(s)) events.set(s, []);
    events.get(s)!.push(r);
  }
  return events;
}

describeKernel('tsaudit stream (kernel)', () => {
  useKernelState();
  let helper = '';
  let skip = '';

  beforeAll(() => {
    const built = buildBurstHelper();
    if (!built.path) {
      skip = built.skip ?? 'no helper';
      return;
    }
    helper = built.path;
    execFileSync('auditctl', ['-a', ...burstRule(helper, KEY)]);
  });

  afterEach(() => stopStreams(children));

  afterAll(() => {
    // useKernelState restores rules and settings; the audit pid must already be free
    expect(readStatus().pid).toBe('0');
  });

  function burst(n: number): number {
    const r = spawnSync(helper, [String(n)]);
    expect(r.status).toBe(0);
    return r.pid!;
  }

  async function receiveN(mode: string[], stopWith: NodeJS.Signals) {
    const s = startStream(['-format=json', '--enable', ...mode]);
    await started(s);
    const pid = burst(N);
    await until(`${N} events`, () => ourEvents(s.stdout()).size >= N);
    await new Promise((r) => setTimeout(r, 300)); // anything extra would arrive now
    s.child.kill(stopWith);
    const exit = await s.exited;
    return { s, pid, exit, events: ourEvents(s.stdout()) };
  }

  function checkEvents(events: Map<number, Record<string, unknown>[]>, pid: number) {
    expect(events.size).toBe(N);
    for (const records of events.values()) {
      expect(records.map((r) => r.record_type)).toEqual(['SYSCALL', 'PROCTITLE', 'EOE']);
      const sc = records[0]!;
      expect(['110', 'getppid']).toContain(sc.syscall);
      expect(sc.arch).toBe('x86_64');
      expect(sc.pid).toBe(String(pid));
      expect(sc.exe).toBe(helper);
      expect(sc.comm).toBe('tsaudit-burst');
      expect(sc.result).toBe('success');
    }
    const serials = [...events.keys()].sort((a, b) => a - b);
    expect(serials[N - 1]! - serials[0]!).toBe(N - 1); // one burst, consecutive serials
  }

  it('unicast: exactly N events with the right fields; pid cleared and settings restored after SIGINT', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const before = readStatus();
    const backlog = String(Number(before.backlog_limit) + 101);
    const s = startStream(['-format=json', '--enable', '--backlog-limit', backlog]);
    await started(s);
    const during = readStatus();
    expect(during.pid).toBe(String(s.child.pid));
    expect(during.enabled).toBe('1');
    expect(during.backlog_limit).toBe(backlog);
    const pid = burst(N);
    await until(`${N} events`, () => ourEvents(s.stdout()).size >= N);
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGINT');
    const exit = await s.exited;
    expect(exit.code).toBe(130);
    checkEvents(ourEvents(s.stdout()), pid);
    expect(jsonLines(s.stdout()).filter((r) => r.type === 'TSAUDIT_LOSS')).toEqual([]);
    expect(s.stderr()).toMatch(/stream summary: mode=unicast .*lost_kernel=0 lost_sequence=0 dropped_queue=0 enobufs=0 bad=0/);
    const after = readStatus();
    expect(after.pid).toBe('0');
    expect(after.enabled).toBe(before.enabled);
    expect(after.backlog_limit).toBe(before.backlog_limit);
  });

  it('multicast: exactly N events; SIGTERM exits 143 and leaves the audit pid alone', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const { s, pid, exit, events } = await receiveN(['--multicast'], 'SIGTERM');
    expect(exit.code).toBe(143);
    checkEvents(events, pid);
    expect(s.stderr()).toMatch(/stream summary: mode=multicast .*lost_sequence=0 dropped_queue=0 enobufs=0/);
    expect(readStatus().pid).toBe('0');
  });

  it('-i: exactly N normalized events (one JSON object per event) naming the helper and getppid', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const s = startStream(['-i', '-format=json', '--enable']);
    await started(s);
    const pid = burst(N);
    const ours = () => jsonLines(s.stdout()).filter((e) => (e.process as { exe?: string } | undefined)?.exe === helper);
    await until(`${N} interpreted events`, () => ours().length >= N);
    await new Promise((r) => setTimeout(r, 300));
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(130);
    const events = ours();
    expect(events).toHaveLength(N);
    for (const e of events) {
      expect(e.record_type).toBe('syscall');
      expect(e.result).toBe('success');
      expect(e.process).toMatchObject({ pid: String(pid), name: 'tsaudit-burst', exe: helper });
      expect(e.syscall).toMatchObject({ arch: 'x86_64', name: 'getppid' });
    }
    expect(new Set(events.map((e) => e.sequence)).size).toBe(N);
    expect(readStatus().pid).toBe('0');
  });

  it('multicast with CAP_AUDIT_READ only (user nobody): exactly N events, and says the lost counter is unreadable', async ({
    skip: skipTest,
  }) => {
    if (skip) skipTest(skip);
    if (spawnSync('setpriv', ['--version']).status !== 0) skipTest('setpriv (util-linux) not installed');
    const asNobody = [
      'setpriv',
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      '--inh-caps=+audit_read',
      '--ambient-caps=+audit_read',
    ];
    if (spawnSync(asNobody[0]!, [...asNobody.slice(1), process.execPath, BIN, '--version'], { cwd: ROOT }).status !== 0) {
      skipTest('user nobody cannot run this checkout (directory permissions)');
    }
    execFileSync('auditctl', ['-e', '1']); // restored by useKernelState
    const s = startStream(['--multicast', '-format=json'], asNobody);
    await until('the stream to start', () => /lost counter needs CAP_AUDIT_CONTROL/.test(s.stderr()));
    await new Promise((r) => setTimeout(r, 300)); // joined the group after that note
    const pid = burst(N);
    await until(`${N} events`, () => ourEvents(s.stdout()).size >= N);
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(130);
    checkEvents(ourEvents(s.stdout()), pid);
  });

  it('refuses a second unicast stream, naming the holder; multicast runs beside it', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const holder = startStream(['-format=json']);
    await started(holder);
    try {
      const second = startStream(['-format=json']);
      const exit = await second.exited;
      expect(exit.code).toBe(1);
      expect(second.stderr()).toBe(
        `tsaudit: the kernel's audit pid is held by process ${holder.child.pid} (node): stop it first, or use --multicast to read beside it\n`,
      );
      const { exit: mexit, events, pid } = await receiveN(['--multicast'], 'SIGINT');
      expect(mexit.code).toBe(130);
      checkEvents(events, pid);
      expect(readStatus().pid).toBe(String(holder.child.pid));
    } finally {
      holder.child.kill('SIGINT');
      await holder.exited;
    }
    expect(readStatus().pid).toBe('0');
  });

  it('a reader that stops reading: the stream drops and reports, stays bounded, and still stops at once', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    // stdout is a pipe nobody reads: after the pipe buffer (64 KiB) fills, every write waits for ever
    const s = startStream(['-format=json', '--enable', '--queue', '1000']);
    s.child.stdout!.pause();
    s.child.stdout!.removeAllListeners('data');
    await started(s);
    const total = 20_000;
    burst(total);
    await until('the drop to be reported', () => /dropped \d+ events because the output did not keep up/.test(s.stderr()), 20_000);
    const rssKB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${s.child.pid}/status`, 'utf8'))![1]);
    expect(rssKB).toBeLessThan(400 * 1024);
    const t0 = Date.now();
    s.child.kill('SIGINT');
    const exit = await s.exited;
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(exit.code).toBe(130);
    const summary = /dropped_queue=(\d+)/.exec(s.stderr());
    expect(Number(summary![1])).toBeGreaterThan(total / 2);
    expect(readStatus().pid).toBe('0');
  });

  it('a reader that goes away (EPIPE) ends the stream with exit 0 and the pid cleared', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const s = startStream(['-format=json', '--enable']);
    await started(s);
    let first = '';
    await new Promise<void>((resolve) => {
      s.child.stdout!.once('data', (d: string) => {
        first = d;
        s.child.stdout!.destroy();
        resolve();
      });
      burst(N);
    });
    expect(first.length).toBeGreaterThan(0);
    // more events, so that tsaudit writes into the closed pipe
    const more = setInterval(() => burst(50), 100);
    const exit = await Promise.race([s.exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    clearInterval(more);
    if (exit === null) s.child.kill('SIGKILL');
    expect(exit, s.stderr()).toEqual({ code: 0, signal: null });
    expect(readStatus().pid, s.stderr()).toBe('0');
  });
});
