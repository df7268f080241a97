// Helpers shared by the benchmark scenarios: timing a command with its peak RSS and CPU time, and printing a
// table. Peak RSS and CPU time come from GNU time (`/usr/bin/time -f '%M %U %S'`) when installed; else peak
// RSS from polling /proc/PID/status (VmHWM) while the command runs, and no CPU time.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME =
  existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined;

export function which(cmd) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin'])) {
    const p = join(dir, cmd);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Runs `cmd args` with stdout to /dev/null (or `stdoutFile`), returns { seconds, peakRssKB, cpuSeconds,
 * status, stderr } (cpuSeconds: user + system, all threads; undefined without GNU time).
 */
export async function measure(cmd, args, { stdoutFile = '/dev/null', stdinFile, env = process.env } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-bench-'));
  const timeOut = join(dir, 'time');
  const out = openSync(stdoutFile, 'w');
  const input = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', timeOut, cmd, ...args] : [cmd, ...args];
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { stdio: [input, out, 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d) => {
    if (stderr.length < 4096) stderr += d;
  });
  let polled = 0;
  const poll = GNU_TIME
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) polled = Math.max(polled, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 20);
  const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (poll) clearInterval(poll);
  closeSync(out);
  if (typeof input === 'number') closeSync(input);
  let peakRssKB = polled;
  let cpuSeconds;
  if (GNU_TIME) {
    const lines = readFileSync(timeOut, 'utf8').trim().split('\n');
    const [rss, user, sys] = lines[lines.length - 1].split(' ').map(Number);
    peakRssKB = rss;
    cpuSeconds = user + sys;
  }
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakRssKB, cpuSeconds, status, stderr };
}

/**
 * Times each tool `runs` times; rounds alternate the tools, so a change in machine load hits all of them,
 * and each tool's best round counts. Returns the results by tool name.
 */
export async function timeTools(tools, runs = 1) {
  const results = {};
  for (let round = 0; round < runs; round++) {
    for (const t of tools) {
      const r = await measure(t.cmd, t.args);
      if (r.status !== 0) throw new Error(`${t.name} exited ${r.status}: ${r.stderr}`);
      if (!results[t.name] || r.seconds < results[t.name].seconds) results[t.name] = r;
    }
  }
  return results;
}

/** Prints the table of timeTools() results for an input of `bytes` bytes holding `events` events. */
export function resultTable(tools, results, bytes, events, runs = 1) {
  const rows = tools.map((t) => {
    const r = results[t.name];
    const cpu = r.cpuSeconds === undefined ? '-' : r.cpuSeconds.toFixed(2);
    return [
      t.name,
      r.seconds.toFixed(2),
      cpu,
      (bytes / 1e6 / r.seconds).toFixed(1),
      Math.round(events / r.seconds),
      (r.peakRssKB / 1024).toFixed(1),
    ];
  });
  if (runs > 1) console.log(`best of ${runs} rounds:`);
  table(['tool', 'seconds', 'CPU s', 'MB/s', 'events/s', 'peak RSS MB'], rows);
}

export function machine() {
  return `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, node ${process.version}`;
}

/** Prints rows as an aligned table. */
export function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// tsaudit runs as users run it, through bin/tsaudit's `#!/usr/bin/env node` line, so that the launcher's own
// choices (its node flags included) are what the bench measures.
const isNodeProgram = (cmd) => cmd === process.execPath || cmd.endsWith('/bin/tsaudit');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times `node -e 0` (the floor every Node program pays) `runs` times and returns its median wall seconds.
 */
export async function nodeFloor(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await measure(process.execPath, ['-e', '0'])).seconds);
  return median(times);
}

/**
 * For each log, times each tool `runs` times (rounds alternate the tools, so a change in machine load hits
 * all of them) and prints one table: median wall and CPU seconds, the largest peak RSS, MB/s, and each tool's
 * median wall time over its peer's (`peer`: the name of another row), the way the issues state targets.
 * `tools(log)` returns [{ name, cmd, args, stdinFile?, peer?, env? }]. Returns { [label]: { [name]: summary } }.
 */
export async function compareAtSizes(logs, tools, { runs = 5, floor } = {}) {
  const all = {};
  for (const log of logs) {
    const list = tools(log);
    const samples = Object.fromEntries(list.map((t) => [t.name, []]));
    for (let round = 0; round < runs; round++) {
      for (const t of list) {
        const r = await measure(t.cmd, t.args, { stdinFile: t.stdinFile, env: t.env ?? process.env });
        if (r.status !== 0 && !(t.okStatus ?? [0]).includes(r.status))
          throw new Error(`${t.name} exited ${r.status} on ${log.label}: ${r.stderr}`);
        samples[t.name].push(r);
      }
    }
    const summary = {};
    for (const t of list) {
      const s = samples[t.name];
      const cpu = s.every((r) => r.cpuSeconds !== undefined) ? median(s.map((r) => r.cpuSeconds)) : undefined;
      summary[t.name] = { seconds: median(s.map((r) => r.seconds)), cpuSeconds: cpu, peakRssKB: Math.max(...s.map((r) => r.peakRssKB)) };
    }
    console.log(
      `\n${log.label}: ${(log.bytes / 1e6).toFixed(1)} MB, ${log.events} events; median of ${runs}${floor !== undefined ? `; node -e 0 = ${floor.toFixed(3)} s` : ''}`,
    );
    const rows = list.map((t) => {
      const r = summary[t.name];
      const peer = t.peer ? summary[t.peer] : undefined;
      return [
        t.name,
        r.seconds.toFixed(3),
        r.cpuSeconds === undefined ? '-' : r.cpuSeconds.toFixed(2),
        (r.peakRssKB / 1024).toFixed(1),
        (log.bytes / 1e6 / r.seconds).toFixed(1),
        floor !== undefined && isNodeProgram(t.cmd) ? `+${((r.seconds - floor) * 1000).toFixed(0)} ms` : '-',
        peer ? `${(r.seconds / peer.seconds).toFixed(2)}x` : '-',
        peer && r.cpuSeconds !== undefined && peer.cpuSeconds ? `${(r.cpuSeconds / peer.cpuSeconds).toFixed(2)}x` : '-',
      ];
    });
    table(['tool', 'wall s', 'CPU s', 'peak RSS MB', 'MB/s', 'over node -e 0', 'wall / peer', 'CPU / peer'], rows);
    all[log.label] = summary;
  }
  return all;
}
