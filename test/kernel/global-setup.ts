// Once per kernel run: records whether kernel tests can run here (for the summary), snapshots the audit
// state, and at the end checks that the tests left it as they found it (restoring it if not).

import { mkdirSync, writeFileSync } from 'node:fs';
import { kernelEnv } from './env.js';
import { type KernelSnapshot, restoreKernel, snapshotKernel, stateDrift } from './state.js';

let before: KernelSnapshot | undefined;

export function setup(): void {
  const env = kernelEnv();
  mkdirSync('reports', { recursive: true });
  writeFileSync('reports/kernel-env.json', JSON.stringify(env));
  if (!env.available) {
    process.stderr.write(`\n*** kernel tests SKIPPED: ${env.reason} ***\n\n`);
    return;
  }
  before = snapshotKernel();
}

export function teardown(): void {
  if (!before) return;
  const drift = stateDrift(before, snapshotKernel());
  if (drift.length > 0) {
    process.stderr.write(`\n*** kernel tests left audit state changed (${drift.join('; ')}); restoring ***\n\n`);
    restoreKernel(before);
    writeFileSync('reports/kernel-drift.json', JSON.stringify(drift));
  }
}
