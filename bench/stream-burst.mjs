// Builds the burst generator (bench/stream-burst.c) with the machine's C compiler into a private directory.
// Shared by the stream benchmark and the stream kernel tests: both need a binary of their own so that an
// `-F exe=` rule matches nothing else on the machine.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BURST_SOURCE = fileURLToPath(new URL('./stream-burst.c', import.meta.url));

/**
 * Compiles the helper. Returns `{ path }` or `{ skip: reason }` when no compiler works here.
 * @param {string} [dir] where to put the binary (default: a fresh directory under the system tmpdir)
 */
export function buildBurstHelper(dir = mkdtempSync(join(tmpdir(), 'tsaudit-burst-'))) {
  const out = join(dir, 'tsaudit-burst');
  const tried = [];
  for (const cc of [process.env.CC, 'cc', 'gcc', 'clang'].filter(Boolean)) {
    const r = spawnSync(cc, ['-O2', '-o', out, BURST_SOURCE], { encoding: 'utf8' });
    if (r.status === 0) return { path: out };
    tried.push(`${cc}: ${r.error ? r.error.code : r.stderr.trim().split('\n')[0]}`);
  }
  return { skip: `no working C compiler to build the burst helper (${tried.join('; ')})` };
}

/** The audit rule (auditctl argv after `-a`) that makes every getppid call of `path` one event keyed `key`. */
export function burstRule(path, key) {
  return ['always,exit', '-F', 'arch=b64', '-S', 'getppid', '-F', `exe=${path}`, '-k', key];
}
