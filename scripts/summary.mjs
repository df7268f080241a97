#!/usr/bin/env node
// Reads vitest's JSON reports in reports/ and prints what CI needs: how many kernel tests ran or were
// skipped (and why), then one closing line `N passed, N failed[, N skipped]`.

import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

function load(name) {
  const file = `reports/${name}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function count(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0, missing: true };
  // a file that failed to load counts as a failure even when it declared no tests
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    missing: false,
  };
}

export function summarize() {
  const unit = count(load('unit'));
  const kernel = count(load('kernel'));
  const env = existsSync('reports/kernel-env.json') ? JSON.parse(readFileSync('reports/kernel-env.json', 'utf8')) : null;
  if (unit.missing) console.log('unit tests: no report (vitest did not finish)');
  if (kernel.missing) console.log('kernel tests: no report (vitest did not finish)');
  else if (env && !env.available)
    console.log(`kernel tests: ${kernel.passed + kernel.failed} ran, ${kernel.skipped} skipped — ALL KERNEL TESTS SKIPPED: ${env.reason}`);
  else console.log(`kernel tests: ${kernel.passed + kernel.failed} ran, ${kernel.skipped} skipped`);
  // Kernel tests must leave the audit state as they found it: drift (restored by the global teardown) fails the run.
  const drift = existsSync('reports/kernel-drift.json');
  if (drift)
    console.log(`FAILED: kernel tests left the audit state changed (restored): ${readFileSync('reports/kernel-drift.json', 'utf8')}`);
  const passed = unit.passed + kernel.passed;
  const failed = unit.failed + kernel.failed + (drift ? 1 : 0);
  const skipped = unit.skipped + kernel.skipped;
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return { passed, failed, skipped };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) summarize();
