// Helpers shared by the benchmark scenarios: timing a command with its peak RSS, and printing a table.
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when installed, else from polling /proc/PID/status
// (VmHWM) while the command runs.

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
 * Runs `cmd args` with stdout to /dev/null (or `stdoutFile`), returns { seconds, peakRssKB, status, stderr }.
 */
export async function measure(cmd, args, { stdoutFile = '/dev/null', env = process.env } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-bench-'));
  const timeOut = join(dir, 'time');
  const out = openSync(stdoutFile, 'w');
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M', '-o', timeOut, cmd, ...args] : [cmd, ...args];
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
  if (GNU_TIME) {
    const lines = readFileSync(timeOut, 'utf8').trim().split('\n');
    peakRssKB = Number(lines[lines.length - 1]);
  }
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakRssKB, status, stderr };
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
