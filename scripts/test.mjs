#!/usr/bin/env node
// `npm test`: the unit group, then the kernel group under a machine-wide lock (kernel tests of two
// checkouts must never run at the same time), each writing vitest's JSON report to reports/.
// Ends with the summary lines that CI reads (see scripts/summary.mjs). Extra arguments go to vitest.
// Tests make temporary files and directories (shell homes for completion, helper binaries, logs); they run
// with TMPDIR set to one directory of their own, removed at the end, so nothing piles up in /tmp.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarize } from './summary.mjs';

const LOCK = '/tmp/tsaudit-kernel-tests.lock';
const extra = process.argv.slice(2);

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-test-'));
chmodSync(tmp, 0o755); // as /tmp: tests that run a process as another user hand it files from here
const env = { ...process.env, TMPDIR: tmp };

function vitest(project, wrap = []) {
  const args = [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=reports/${project}.json`,
    ...extra,
  ];
  const [cmd, ...rest] = wrap.length ? [...wrap, 'npx', ...args] : ['npx', ...args];
  const r = spawnSync(cmd, rest, { stdio: 'inherit', env });
  return r.status ?? 1;
}

const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
const unit = vitest('unit');
const kernel = vitest('kernel', hasFlock ? ['flock', '-w', '1800', LOCK] : []);
rmSync(tmp, { recursive: true, force: true });
const { failed } = summarize();
process.exit(unit !== 0 || kernel !== 0 || failed > 0 ? 1 : 0);
