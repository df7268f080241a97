// The save/restore helper itself: every later kernel test relies on it.

import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeKernel } from './describe.js';
import { readRules, readStatus, restoreKernel, snapshotKernel, stateDrift } from './state.js';

describeKernel('kernel state helper', () => {
  it('restores settings and rules changed behind its back', () => {
    const before = snapshotKernel();
    try {
      const backlog = String(Number(before.status.backlog_limit) + 17);
      execFileSync('auditctl', ['-b', backlog, '-r', '123']);
      execFileSync('auditctl', ['-a', 'always,exit', '-F', 'arch=b64', '-S', 'getpgid', '-F', 'auid=4242', '-k', 'tsaudit-state-test']);
      expect(readStatus().backlog_limit).toBe(backlog);
      expect(readRules()).toContain('-a always,exit -F arch=b64 -S getpgid -F auid=4242 -F key=tsaudit-state-test');
      expect(stateDrift(before, snapshotKernel())).toEqual([
        `rate_limit: ${before.status.rate_limit} -> 123`,
        `backlog_limit: ${before.status.backlog_limit} -> ${backlog}`,
        `rules: ${before.rules.length} -> ${before.rules.length + 1} lines`,
      ]);
    } finally {
      restoreKernel(before);
    }
    expect(stateDrift(before, snapshotKernel())).toEqual([]);
  });
});
