// Helpers shared by the benchmark scenarios: timing a command with its peak RSS and CPU time, and printing a
// table. Peak RSS and CPU time come from GNU time (`/usr/bin/time -f '%M %U %S'`) when installed; else peak
// RSS from polling /proc/PID/status (VmHWM) while the command runs, and no CPU time.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0 ? '/usr/bin/time' : undefined;

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
export async function measure(cmd, args, { stdoutFile = '/dev/null', env = process.env } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-bench-'));
  const timeOut = join(dir, 'time');
  const out = openSync(stdoutFile, 'w');
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', timeOut, cmd, ...args] : [cmd, ...args];
  const t0 = process.hrtime.bigint();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', out, 'pipe'], env });
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
    return [t.name, r.seconds.toFixed(2), cpu, (bytes / 1e6 / r.seconds).toFixed(1), Math.round(events / r.seconds), (r.peakRssKB / 1024).toFixed(1)];
  });
  if (runs > 1) console.log(`best of ${runs} rounds:`);
  table(['tool', 'seconds', 'CPU s', 'MB/s', 'events/s', 'peak RSS MB'], rows);
}

export function machine() {
  return `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`;
}

/** Prints rows as an aligned table. */
export function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
