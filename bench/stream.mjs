#!/usr/bin/env node
// `npm run bench stream` (or `node bench/stream.mjs`). Stream benchmark: one burst of BENCH_STREAM_EVENTS
// (default 1,000,000) audit events, made by the burst generator (bench/stream-burst.c: getppid in a loop,
// split over BENCH_STREAM_GENERATORS parallel processes, default one per CPU, under a rule matching only
// that binary), is received in turn by each of these, with the same rule and the same kernel backlog limit:
//   floor     bench/stream-floor.c: a minimal C receiver that registers as the audit daemon, reads with
//             recvmmsg in batches and only counts (no parsing, no output): what this machine can do when a
//             receiver does no work per event
//   auditd    the real audit daemon users run, in the foreground with a private configuration directory
//             (log file in a temporary directory, RAW format, no dispatcher plugins, disk actions ignored)
//   unicast   `tsaudit stream -format=json` (full pipeline: receive, parse, reassemble, JSON into a file,
//             as the Go reference was measured; the file is deleted after)
//   multicast the same with --multicast (read-only log group, no audit pid)
//   receive   stages of unicast (bench/stream-stages.mjs, not run by default): tsaudit's stream code from
//   assemble  dist/ stopped after the netlink receive path, or after decoding and reassembly (no JSON, no
//             writes), so that each stage's CPU per event reads against the floor's in one run
// For each: events/s (events received / (time of the last event written out, or for the floor received,
// - start of the burst)), events missing (burst - received), the kernel's lost counter, serial gaps (a
// marker record sent after the burst makes a loss at its end a gap too), ENOBUFS, and the receiver's CPU time
// (utime + stime of its own process, all threads, children excluded). Received events are counted from
// what the receiver wrote, the same way for auditd's log and tsaudit's JSON (distinct serials of SYSCALL
// records with the burst's key; serial gaps: serials in the burst's range of which no record arrived);
// the floor counts complete events (EOE) itself. Ratios against auditd and the floor come from the same run.
//
// Environment: BENCH_STREAM_EVENTS (burst size), BENCH_STREAM_GENERATORS (generator processes),
// BENCH_STREAM_MODES (which receivers, in order; default floor,auditd,unicast,multicast; also receive,assemble),
// BENCH_STREAM_BACKLOG (kernel backlog limit during the run, default 8192), BENCH_STREAM_NODE_FLAGS (node flags for
// tsaudit, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
// Needs root, an audit kernel, auditctl and a C compiler; otherwise prints why it is skipped and exits 0.
// A receiver that cannot run here (no auditd binary, say) gets a row saying why, and the others go on.
// Changes kernel state (a rule, enabled, backlog_limit, the audit pid), so it runs under the kernel-test
// lock and restores everything it changed, also on failure and on SIGINT/SIGTERM. Results: stdout, and
// bench/out/stream.json.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  createReadStream,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, table, which } from './lib.mjs';
import { buildBurstHelper, buildFloorReceiver, burstRule } from './stream-burst.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/tsaudit`;
const STAGES = `${ROOT}bench/stream-stages.mjs`;
const LOCK = '/tmp/tsaudit-kernel-tests.lock';
const N = Number(process.env.BENCH_STREAM_EVENTS ?? 1_000_000);
const GENERATORS = Math.max(1, Number(process.env.BENCH_STREAM_GENERATORS ?? availableParallelism()) || 1);
const KEY = 'tsaudit-bench';
const MODES = (process.env.BENCH_STREAM_MODES ?? 'floor,auditd,unicast,multicast').split(',').filter(Boolean);
/** Kernel backlog limit during the run (a larger one makes the kernel's backlog-wait stalls rarer). */
const BACKLOG = process.env.BENCH_STREAM_BACKLOG ?? '8192';
/** Node flags for the tsaudit receiver, e.g. `--cpu-prof --cpu-prof-dir=DIR` to profile it. */
const NODE_FLAGS = (process.env.BENCH_STREAM_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** The floor receiver stops when none of its events arrived for this long. */
const FLOOR_IDLE_MS = 2000;

function skip(reason) {
  console.log(`stream: SKIPPED (${reason})`);
  process.exit(0);
}

const SELF = fileURLToPath(import.meta.url);

/** The harness entry (bench/run.mjs): the measurement runs in a child under the machine-wide kernel lock. */
export const streamScenario = {
  name: 'stream',
  description:
    `a ${N.toLocaleString('en-US')}-event getppid burst from ${GENERATORS} generator process${GENERATORS === 1 ? '' : 'es'}, ` +
    `received by a minimal C receiver (floor), auditd, and tsaudit stream -format=json (unicast, multicast)`,
  async run() {
    if (spawnSync('flock', ['--version'], { stdio: 'ignore' }).status !== 0) {
      console.log('stream: SKIPPED (flock not available)');
      return;
    }
    // Ctrl-C reaches the measuring child too; it restores the kernel and exits, and we wait for that
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    try {
      const code = await new Promise((resolve) => {
        const child = spawn('flock', ['-w', '1800', LOCK, process.execPath, SELF, '--measure'], { stdio: 'inherit' });
        child.on('exit', (c, signal) => resolve(c ?? signal));
      });
      if (code !== 0)
        throw new Error(typeof code === 'string' ? `stream measurement interrupted (${code})` : `stream measurement exited ${code}`);
    } finally {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
    }
  },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves true when `promise` settles within `ms`, else false; the timer never outlives it. */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** utime + stime of a live process (all its threads, not its children), in clock ticks; NaN when gone. */
function cpuTicks(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop().split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return Number.NaN;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Every child the bench started and that has not exited yet (stopped by pid on failure or signal). */
const live = new Map();
let interrupted = false;

/**
 * Spawns a child in a process group of its own (a Ctrl-C on the terminal does not reach it: the bench stops
 * it itself, in order), and tracks it until it exits.
 */
function spawnTracked(cmd, args, opts, stopSignal = 'SIGTERM') {
  if (interrupted) throw new Error('interrupted');
  const child = spawn(cmd, args, { ...opts, detached: true });
  const exited = new Promise((resolve) => {
    child.on('error', (err) => resolve({ code: null, signal: null, error: err }));
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid) {
    live.set(child.pid, { child, exited, stopSignal });
    exited.then(() => live.delete(child.pid));
  }
  return { child, exited };
}

/** Signals a tracked child's whole process group (the generator's forked workers with it). */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone */
    }
  }
}

/** Stops a tracked child with its own stop signal, then SIGKILL after `graceMs`; resolves when it exited. */
async function stopChild(pid, graceMs = 10_000) {
  const t = live.get(pid);
  if (!t) return;
  signalGroup(pid, t.stopSignal);
  if (!(await within(t.exited, graceMs))) {
    signalGroup(pid, 'SIGKILL');
    await t.exited;
  }
}

async function until(what, cond, timeoutMs, failFast) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (cond()) return;
    const why = failFast?.();
    if (why) throw new Error(`${what}: ${why}`);
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Waits until a receiver has caught up after the burst: its CPU time (and `more()`, when given) stood
 * still for a second. At most 10 minutes.
 */
async function settle(pid, more = () => 0) {
  let last = [cpuTicks(pid), more()];
  for (let still = 0, i = 0; still < 4 && i < 2400; i++) {
    await sleep(250);
    const now = [cpuTicks(pid), more()];
    if (Number.isNaN(now[0])) return;
    still = now[0] - last[0] <= 1 && now[1] === last[1] ? still + 1 : 0;
    last = now;
  }
}

const RECEIVERS = ['floor', 'auditd', 'unicast', 'multicast', 'receive', 'assemble'];

async function measure() {
  const unknown = MODES.filter((m) => !RECEIVERS.includes(m));
  if (unknown.length) {
    console.error(`stream bench: BENCH_STREAM_MODES: unknown ${unknown.join(', ')} (have: ${RECEIVERS.join(', ')})`);
    process.exit(2);
  }
  if (process.getuid?.() !== 0) skip('not root');
  try {
    status();
  } catch (err) {
    skip(err.code === 'ENOENT' ? 'auditctl not installed' : `auditctl -s failed: ${err.stderr?.toString().trim() || err.message}`);
  }
  const before = status();
  if (before.pid !== '0') skip(`the audit pid is held by process ${before.pid}`);
  if (before.enabled === '2') skip('the audit configuration is locked (enabled 2)');
  const rulesBefore = auditctl(['-l']);

  const work = mkdtempSync(join(tmpdir(), 'tsaudit-stream-bench-'));
  const built = buildBurstHelper(work);
  if (!built.path) {
    rmSync(work, { recursive: true, force: true });
    skip(built.skip);
  }
  const helper = built.path;
  const floorBuilt = buildFloorReceiver(work);
  const rule = burstRule(helper, KEY);
  const auditdPidFile = '/var/run/auditd.pid';

  let restoring;
  /** Puts everything back as it was before the run; safe to call twice (the second call waits for the first). */
  function restore() {
    restoring ??= (async () => {
      interrupted = true;
      const problems = [];
      for (const pid of [...live.keys()]) await stopChild(pid);
      try {
        auditctl(['-d', ...rule]);
      } catch {
        /* not there (any more) */
      }
      // the audit pid: a receiver that died without clearing it leaves a dead holder; registering and
      // unregistering the floor receiver makes the kernel notice and release it
      let s = status();
      if (s.pid !== '0' && !alive(Number(s.pid)) && floorBuilt.path) {
        spawnSync(floorBuilt.path, ['0', KEY], { stdio: 'ignore', timeout: 10_000 });
        s = status();
      }
      if (s.pid !== '0') problems.push(`the audit pid is ${s.pid}, not 0`);
      const fix = [];
      if (s.enabled !== before.enabled && (before.enabled === '0' || before.enabled === '1')) fix.push('-e', before.enabled);
      if (s.failure !== before.failure && (before.failure === '0' || before.failure === '1')) fix.push('-f', before.failure);
      if (s.backlog_limit !== before.backlog_limit) fix.push('-b', before.backlog_limit);
      if (s.rate_limit !== before.rate_limit) fix.push('-r', before.rate_limit);
      if (s.backlog_wait_time !== before.backlog_wait_time) fix.push('--backlog_wait_time', before.backlog_wait_time);
      if (fix.length) {
        try {
          auditctl(fix);
        } catch (err) {
          problems.push(`auditctl ${fix.join(' ')} failed: ${err.stderr?.toString().trim() || err.message}`);
        }
      }
      const after = status();
      for (const k of ['enabled', 'failure', 'pid', 'backlog_limit', 'rate_limit', 'backlog_wait_time']) {
        if (after[k] !== before[k]) problems.push(`${k} is ${after[k]}, was ${before[k]}`);
      }
      if (auditctl(['-l']) !== rulesBefore) problems.push('the rule list differs from before the run');
      rmSync(work, { recursive: true, force: true });
      for (const p of problems) console.error(`stream bench: WARNING: ${p}`);
    })();
    return restoring;
  }
  let signalled = false;
  const onSignal = (sig) => {
    signalled = true;
    console.error(`stream bench: ${sig}: stopping the receivers and restoring the kernel's audit state`);
    restore().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  /** One burst: all generator processes, started together; resolves when the last one exited. */
  async function burst() {
    const lost0 = Number(status().lost);
    const t0 = Date.now();
    const gen = spawnTracked(helper, [String(N), String(GENERATORS)], { stdio: 'ignore' });
    const exit = await gen.exited;
    const t1 = Date.now();
    if (exit.code !== 0) throw new Error(`burst generator exited ${exit.error?.message ?? exit.code ?? exit.signal}`);
    return { t0, lost0, generatorSeconds: (t1 - t0) / 1000 };
  }

  /**
   * One record after the burst (a USER message through `auditctl -m`): a loss at the end of the burst has no
   * later serial to show as a gap without it. Sent once the receiver has caught up, before it is stopped.
   */
  function endMarker() {
    auditctl(['-m', `${KEY}: end of burst`]);
  }

  function row(receiver, mode, b, { received, lastMs, gaps, enobufs, ticks, startTicks, lost1, extra = {} }) {
    const receiveSeconds = (lastMs - b.t0) / 1000;
    return {
      receiver,
      mode,
      burst: N,
      generators: GENERATORS,
      events_received: received,
      events_missing: N - received,
      events_per_sec: received > 0 && receiveSeconds > 0 ? Math.round(received / receiveSeconds) : 0,
      receive_seconds: receiveSeconds,
      generator_seconds: b.generatorSeconds,
      kernel_lost: lost1 - b.lost0,
      serial_gaps: gaps,
      enobufs,
      cpu_seconds: ticks / CLK_TCK,
      cpu_us_per_event: received > 0 ? Math.round((ticks / CLK_TCK / received) * 1e6 * 10) / 10 : null,
      // without the start-up (loading the code, registering), for the stages and the unicast run alike
      cpu_us_per_event_after_start:
        received > 0 && startTicks !== undefined ? Math.round(((ticks - startTicks) / CLK_TCK / received) * 1e6 * 10) / 10 : undefined,
      ...extra,
    };
  }

  async function runFloor() {
    if (!floorBuilt.path) return { receiver: 'floor', mode: 'unicast', skipped: floorBuilt.skip };
    const { child, exited } = spawnTracked(floorBuilt.path, [String(N), KEY, String(FLOOR_IDLE_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    await until(
      'the floor receiver to register',
      () => out.startsWith('ready\n'),
      10_000,
      () => (child.exitCode !== null ? `it exited ${child.exitCode}: ${err.trim()}` : undefined),
    );
    const b = await burst();
    // it stops by itself once it has all N events, or FLOOR_IDLE_MS after the last one
    if (!(await within(exited, 600_000))) await stopChild(child.pid);
    const lost1 = Number(status().lost);
    const m = /floor (.*)/.exec(out);
    if (!m) throw new Error(`no result from the floor receiver: ${err.trim()}`);
    const r = Object.fromEntries(
      m[1]
        .trim()
        .split(' ')
        .map((kv) => kv.split('=').map((x, i) => (i ? Number(x) : x))),
    );
    if (r.clk_tck !== CLK_TCK) throw new Error(`floor receiver: clock ticks ${r.clk_tck} != ${CLK_TCK}`);
    return row('floor', 'unicast', b, {
      received: r.events,
      lastMs: r.last_ms,
      gaps: r.gaps,
      enobufs: r.enobufs,
      ticks: r.cpu_ticks,
      lost1,
    });
  }

  async function runAuditd() {
    const bin = which('auditd');
    if (!bin) return { receiver: 'auditd', mode: 'unicast', skipped: 'auditd is not installed (apt-get install auditd)' };
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-stream-bench-auditd-'));
    const log = join(dir, 'audit.log');
    try {
      mkdirSync(join(dir, 'plugins'));
      // Everything not about where files go is auditd's shipped default (flush, freq, priority_boost, q_depth).
      // Disk actions are `ignore` so that a nearly full disk cannot suspend it or halt the machine.
      const conf = {
        local_events: 'yes',
        write_logs: 'yes',
        log_file: log,
        log_group: 'root',
        log_format: 'RAW',
        flush: 'INCREMENTAL_ASYNC',
        freq: '50',
        priority_boost: '4',
        name_format: 'NONE',
        max_log_file: '0',
        max_log_file_action: 'IGNORE',
        num_logs: '0',
        space_left: '2',
        space_left_action: 'IGNORE',
        admin_space_left: '1',
        admin_space_left_action: 'IGNORE',
        disk_full_action: 'IGNORE',
        disk_error_action: 'IGNORE',
        use_libwrap: 'no',
        q_depth: '2000',
        overflow_action: 'IGNORE',
        plugin_dir: join(dir, 'plugins'),
        end_of_event_timeout: '2',
      };
      writeFileSync(
        join(dir, 'auditd.conf'),
        Object.entries(conf)
          .map(([k, v]) => `${k} = ${v}\n`)
          .join(''),
        { mode: 0o640 },
      );
      // -n: no fork (it stays our child, stopped by pid); -c: our configuration directory (no rules.d, so
      // no rules are loaded); -s nochange: the bench sets enabled itself, as for every receiver.
      // (-f would send the events to stdout instead of the log file.)
      const { child, exited } = spawnTracked(bin, ['-n', '-c', dir, '-s', 'nochange'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
      await until(
        'auditd to register as the audit daemon',
        () => status().pid === String(child.pid),
        10_000,
        () => (child.exitCode !== null ? `it exited ${child.exitCode}: ${err.trim().split('\n').slice(-3).join(' / ')}` : undefined),
      );
      const s = status();
      if (!auditctl(['-l']).includes(`key=${KEY}`)) throw new Error('auditd removed the burst rule');
      if (s.backlog_limit !== BACKLOG || s.enabled !== '1') {
        throw new Error(`auditd changed the settings: backlog_limit ${s.backlog_limit} (want ${BACKLOG}), enabled ${s.enabled}`);
      }
      const b = await burst();
      const size = () => (existsSync(log) ? statSync(log).size : 0);
      await settle(child.pid, size);
      const lastMs = statSync(log).mtimeMs;
      endMarker();
      await settle(child.pid, size);
      const ticks = cpuTicks(child.pid);
      const lost1 = Number(status().lost);
      await stopChild(child.pid);
      const exit = await exited;
      await until('the audit pid to be 0 after auditd exited', () => status().pid === '0', 5000);
      if (existsSync(auditdPidFile) && readFileSync(auditdPidFile, 'utf8').trim() === String(child.pid)) rmSync(auditdPidFile);
      const counted = await countAuditdLog(log);
      return row('auditd', 'unicast', b, {
        received: counted.events,
        lastMs,
        gaps: counted.gaps,
        enobufs: null,
        ticks,
        lost1,
        extra: { exit: exit.code, log_mb: Math.round(statSync(log).size / 1e6) },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  async function runTsaudit(mode) {
    const args = ['stream', '--stats', '-format=json', '--enable', '--backlog-limit', BACKLOG];
    if (mode === 'multicast') args.push('--multicast');
    const outFile = join(work, 'events.ndjson');
    const outFd = openSync(outFile, 'w');
    const { child, exited } = spawnTracked(
      process.execPath,
      [...NODE_FLAGS, BIN, ...args],
      { cwd: ROOT, stdio: ['ignore', outFd, 'pipe'] },
      'SIGINT',
    );
    closeSync(outFd);
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    try {
      await until(
        'tsaudit stream to start',
        () => /tsaudit: streaming /.test(err),
        15_000,
        () => (child.exitCode !== null ? `it exited ${child.exitCode}: ${err.trim()}` : undefined),
      );
      const startTicks = cpuTicks(child.pid);
      const b = await burst();
      await settle(child.pid);
      // the time of the last event written, as for auditd (its summary's last event is the marker's)
      const lastMs = statSync(outFile).mtimeMs;
      endMarker();
      await sleep(2500); // past tsaudit's 2 s grace for serial gaps, so that a gap before the marker is loss
      await settle(child.pid);
      const lost1 = Number(status().lost);
      const ticks = cpuTicks(child.pid);
      let peakRssMB = 0;
      try {
        peakRssMB = Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
      } catch {
        /* gone already */
      }
      await stopChild(child.pid);
      const exit = await exited;
      const m = /stream summary: (.*)/.exec(err);
      if (!m) throw new Error(`no summary from the stream (exit ${JSON.stringify(exit)}): ${err.trim()}`);
      const s = Object.fromEntries(m[1].split(' ').map((kv) => kv.split('=')));
      // counted from its output like auditd's log (its summary counts every event, the machine's others too)
      const counted = await countTsauditJson(outFile);
      return row('tsaudit', mode, b, {
        received: counted.events,
        lastMs,
        gaps: counted.gaps,
        enobufs: Number(s.enobufs),
        ticks,
        startTicks,
        lost1,
        extra: {
          stream_events: Number(s.events),
          stream_lost_sequence: Number(s.lost_sequence),
          stream_lost_kernel: Number(s.lost_kernel),
          dropped_queue: Number(s.dropped_queue),
          peak_rss_mb: peakRssMB,
          output_mb: Math.round(statSync(outFile).size / 1e6),
          exit: exit.code,
        },
      });
    } finally {
      rmSync(outFile, { force: true });
    }
  }

  /** A stage receiver (bench/stream-stages.mjs): tsaudit's stream code stopped after receiving or after reassembly. */
  async function runStage(stage) {
    const { child, exited } = spawnTracked(
      process.execPath,
      [...NODE_FLAGS, STAGES, stage, KEY],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      'SIGINT',
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    await until(
      `the ${stage} stage to start`,
      () => /streaming /.test(err),
      15_000,
      () => (child.exitCode !== null ? `it exited ${child.exitCode}: ${err.trim()}` : undefined),
    );
    const startTicks = cpuTicks(child.pid);
    const b = await burst();
    await settle(child.pid);
    const lost1 = Number(status().lost);
    const ticks = cpuTicks(child.pid);
    await stopChild(child.pid);
    await exited;
    const m = /stage events=(\d+) last_ms=(\d+)/.exec(out);
    const s = /stream summary: .*enobufs=(\d+)/.exec(err);
    if (!m) throw new Error(`no result from the ${stage} stage: ${err.trim()}`);
    // a stage sees serial gaps only as the stream's own loss count
    const gaps = Number(/lost_sequence=(\d+)/.exec(err)?.[1] ?? 0);
    return row('tsaudit', stage, b, {
      received: Number(m[1]),
      lastMs: Number(m[2]),
      gaps,
      enobufs: Number(s?.[1] ?? 0),
      ticks,
      startTicks,
      lost1,
    });
  }

  const RUNNERS = {
    floor: runFloor,
    auditd: runAuditd,
    unicast: () => runTsaudit('unicast'),
    multicast: () => runTsaudit('multicast'),
    receive: () => runStage('receive'),
    assemble: () => runStage('assemble'),
  };

  /**
   * The settings every receiver gets: auditing on, our backlog limit, and everything else as before the run
   * (a receiver that changed something, auditd on its way out say, must not change the next one's figures).
   */
  function applyRunSettings() {
    const s = status();
    const fix = [];
    if (s.enabled !== '1') fix.push('-e', '1');
    if (s.backlog_limit !== BACKLOG) fix.push('-b', BACKLOG);
    if (s.failure !== before.failure && (before.failure === '0' || before.failure === '1')) fix.push('-f', before.failure);
    if (s.rate_limit !== before.rate_limit) fix.push('-r', before.rate_limit);
    if (s.backlog_wait_time !== before.backlog_wait_time) fix.push('--backlog_wait_time', before.backlog_wait_time);
    if (fix.length) auditctl(fix);
    if (!auditctl(['-l']).includes(`key=${KEY}`)) auditctl(['-a', ...rule]);
  }

  const results = [];
  let failed = false;
  try {
    auditctl(['-a', ...rule]);
    for (const mode of MODES) {
      if (interrupted) break;
      applyRunSettings();
      try {
        results.push(await RUNNERS[mode]());
      } catch (err) {
        if (interrupted) break;
        failed = true;
        console.error(`stream bench: ${mode} failed: ${err.message}`);
        results.push({ receiver: mode === 'floor' || mode === 'auditd' ? mode : 'tsaudit', mode, failed: err.message });
        for (const pid of [...live.keys()]) await stopChild(pid);
      }
      // the next receiver starts with an empty kernel queue and the audit pid free
      await until('the audit pid to be free', () => status().pid === '0', 10_000).catch(() => {});
    }
  } finally {
    await restore();
  }
  if (signalled) return; // the signal handler exits once restore() is done

  report(results);
  if (failed) process.exit(1);
}

function label(r) {
  return r.receiver === 'tsaudit' ? `tsaudit ${r.mode}` : r.receiver === 'floor' ? 'floor (minimal C)' : r.receiver;
}

function report(results) {
  const find = (receiver, mode = 'unicast') => results.find((r) => r.receiver === receiver && r.mode === mode && r.events_per_sec);
  const auditd = find('auditd');
  const floor = find('floor');
  const ratio = (r, peer) => (r.events_per_sec && peer ? `${(r.events_per_sec / peer.events_per_sec).toFixed(2)}x` : '-');
  console.log(
    `stream: ${N.toLocaleString('en-US')}-event burst (getppid) from ${GENERATORS} generator process${GENERATORS === 1 ? '' : 'es'}, ` +
      `backlog_limit ${BACKLOG}; tsaudit: stream -format=json > file; events/s = received / (last event written (floor: received) - burst start)`,
  );
  const rows = [];
  const notes = [];
  for (const r of results) {
    if (r.skipped || r.failed) {
      rows.push([label(r), '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-']);
      notes.push(`${label(r)}: ${r.skipped ? `skipped: ${r.skipped}` : `FAILED: ${r.failed}`}`);
      continue;
    }
    rows.push([
      label(r),
      r.events_per_sec,
      r.events_received,
      N - r.events_received,
      r.kernel_lost,
      r.serial_gaps ?? '-',
      r.enobufs ?? '-',
      r.cpu_seconds.toFixed(2),
      r.cpu_us_per_event ?? '-',
      r.generator_seconds.toFixed(2),
      ratio(r, auditd),
      ratio(r, floor),
    ]);
    if (r.receiver === 'tsaudit' && r.stream_events !== undefined) {
      notes.push(
        `${label(r)}: its own summary: ${r.stream_events} events (all keys), lost: sequence ${r.stream_lost_sequence}, kernel ${r.stream_lost_kernel}, ` +
          `queue ${r.dropped_queue}; peak RSS ${r.peak_rss_mb} MB, JSON written ${r.output_mb} MB`,
      );
    }
    if (r.cpu_us_per_event_after_start !== undefined) {
      notes.push(`${label(r)}: CPU after start-up ${r.cpu_us_per_event_after_start} us/event (start-up: loading the code, registering)`);
    }
    if (r.receiver === 'auditd') notes.push(`auditd: RAW log written ${r.log_mb} MB; ENOBUFS not observable from outside`);
  }
  table(
    [
      'receiver',
      'events/s',
      'received',
      'missing',
      'kernel lost',
      'serial gaps',
      'ENOBUFS',
      'CPU s',
      'CPU us/event',
      'burst s',
      'vs auditd',
      'vs floor',
    ],
    rows,
  );
  for (const n of notes) console.log(`  ${n}`);
  const uni = find('tsaudit');
  if (uni) {
    const parts = [];
    if (auditd) parts.push(`${ratio(uni, auditd)} auditd's events/s`);
    if (floor) parts.push(`${ratio(uni, floor)} the floor's`);
    if (parts.length) console.log(`ratio: tsaudit unicast receives at ${parts.join(', ')} (same burst, same run)`);
  }
  mkdirSync(`${ROOT}bench/out`, { recursive: true });
  writeFileSync(
    `${ROOT}bench/out/stream.json`,
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        machine: machine(),
        burst: N,
        generators: GENERATORS,
        backlog_limit: Number(BACKLOG),
        ratios: {
          tsaudit_unicast_to_auditd: uni && auditd ? uni.events_per_sec / auditd.events_per_sec : null,
          tsaudit_unicast_to_floor: uni && floor ? uni.events_per_sec / floor.events_per_sec : null,
        },
        results,
      },
      null,
      2,
    )}\n`,
  );
}

/**
 * Counts a receiver's output the same way for every receiver that writes one: events of the burst are the
 * distinct serials of SYSCALL records with our key (auditd writes no EOE to disk); serial gaps are serials
 * from the lowest of them to the highest serial seen (the end-of-burst marker) of which no record at all
 * arrived. `line` maps one line to `[serial, isOurSyscall]`, or undefined for a line that is no record.
 */
async function countRecords(file, line) {
  const ours = new Set();
  const seen = new Set();
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (tail + chunk).split('\n');
    tail = lines.pop();
    for (const l of lines) {
      const r = line(l);
      if (!r) continue;
      seen.add(r[0]);
      if (r[1]) ours.add(r[0]);
    }
  }
  if (ours.size === 0) return { events: 0, gaps: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of ours) if (s < lo) lo = s;
  for (const s of seen) if (s > hi) hi = s;
  let inRange = 0;
  for (const s of seen) if (s >= lo && s <= hi) inRange++;
  return { events: ours.size, gaps: hi - lo + 1 - inRange };
}

/** auditd's RAW log: `type=SYSCALL msg=audit(1700000000.123:4567): ... key="KEY"`. */
function countAuditdLog(file) {
  const head = /^type=(\S+) msg=audit\(\d+\.\d+:(\d+)\)/;
  const keyText = ` key="${KEY}"`;
  return countRecords(file, (l) => {
    const m = head.exec(l);
    return m ? [Number(m[2]), m[1] === 'SYSCALL' && l.includes(keyText)] : undefined;
  });
}

/** tsaudit's NDJSON: one object per record with `record_type`, `sequence` and `key`. */
function countTsauditJson(file) {
  const seq = /"sequence":(\d+)/;
  // record JSON in go-libaudit's shape: the rule key is an element of "keys"
  const keyText = JSON.stringify(KEY);
  return countRecords(file, (l) => {
    const m = seq.exec(l);
    return m ? [Number(m[1]), l.includes('"record_type":"SYSCALL"') && l.includes('"keys":[') && l.includes(keyText)] : undefined;
  });
}

// last, so that every module-level binding above is initialized first
const direct = process.argv[1] === SELF;
if (direct && !process.argv.includes('--measure')) {
  try {
    await streamScenario.run();
  } catch (err) {
    console.error(`bench stream failed: ${err.message}`);
    process.exit(1);
  }
}
if (direct && process.argv.includes('--measure')) await measure();
