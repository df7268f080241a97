#!/usr/bin/env node
// `npm test`: the unit group, then the kernel group under a machine-wide lock (kernel tests of two
// checkouts must never run at the same time), each writing vitest's JSON report to reports/.
// Ends with the summary lines that CI reads (see scripts/summary.mjs). Extra arguments go to vitest.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { summarize } from './summary.mjs';

const LOCK = '/tmp/tsaudit-kernel-tests.lock';
const extra = process.argv.slice(2);

rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });

function vitest(project, wrap = []) {
  const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json',
    `--outputFile.json=reports/${project}.json`, ...extra];
  const [cmd, ...rest] = wrap.length ? [...wrap, 'npx', ...args] : ['npx', ...args];
  const r = spawnSync(cmd, rest, { stdio: 'inherit' });
  return r.status ?? 1;
}

const hasFlock = spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
const unit = vitest('unit');
const kernel = vitest('kernel', hasFlock ? ['flock', '-w', '1800', LOCK] : []);
const { failed } = summarize();
process.exit(unit !== 0 || kernel !== 0 || failed > 0 ? 1 : 0);
