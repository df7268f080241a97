// Builds the stream benchmark's C helpers with the machine's C compiler into a private directory:
// the burst generator (bench/stream-burst.c), shared by the stream benchmark and the stream kernel tests
// (both need a binary of their own so that an `-F exe=` rule matches nothing else on the machine), and the
// benchmark's minimal receiver (bench/stream-floor.c).

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BURST_SOURCE = fileURLToPath(new URL('./stream-burst.c', import.meta.url));
export const FLOOR_SOURCE = fileURLToPath(new URL('./stream-floor.c', import.meta.url));

/**
 * Compiles `source` into `dir/name`. Returns `{ path }` or `{ skip: reason }` when no compiler works here.
 */
function compile(source, name, dir, what) {
  const out = join(dir, name);
  const tried = [];
  for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean)) {
    const r = spawnSync(cc, ['-O2', '-o', out, source], { encoding: 'utf8' });
    if (r.status === 0) return { path: out };
    tried.push(`${cc}: ${r.error ? r.error.code : r.stderr.trim().split('\n')[0]}`);
  }
  return { skip: `no working C compiler to build ${what} (${tried.join('; ')})` };
}

/**
 * Compiles the burst generator (usage: `tsaudit-burst [N [P]]`: N getppid calls over P processes).
 * Returns `{ path }` or `{ skip: reason }` when no compiler works here.
 * @param {string} [dir] where to put the binary (default: a fresh directory under the system tmpdir)
 */
export function buildBurstHelper(dir = mkdtempSync(join(tmpdir(), 'tsaudit-burst-'))) {
  return compile(BURST_SOURCE, 'tsaudit-burst', dir, 'the burst helper');
}

/**
 * Compiles the minimal receiver (usage: `tsaudit-floor N KEY [IDLE_MS]`, see bench/stream-floor.c).
 * Returns `{ path }` or `{ skip: reason }` (no compiler, or no kernel headers for linux/audit.h).
 */
export function buildFloorReceiver(dir = mkdtempSync(join(tmpdir(), 'tsaudit-floor-'))) {
  return compile(FLOOR_SOURCE, 'tsaudit-floor', dir, 'the floor receiver');
}

/** The audit rule (auditctl argv after `-a`) that makes every getppid call of `path` one event keyed `key`. */
export function burstRule(path, key) {
  return ['always,exit', '-F', 'arch=b64', '-S', 'getppid', '-F', `exe=${path}`, '-k', key];
}
