// rules diff for a person at a terminal: the drift as a table; no drift and order notes as in the plain text.

import { describe, expect, it } from 'vitest';
import { diffTable, diffText, type RuleDiff } from '../../../src/rules/diff.js';

const drift = {
  missing: [{ line: 3, rule: '-w /etc/passwd -p wa -k passwd' }],
  extra: [{ rule: '-a always,exit -F arch=b64 -S execve -F key=exec' }],
  same: 2,
  orderDiffers: true,
} as unknown as RuleDiff;

describe('rules diff table', () => {
  it('shows each difference as a row of a boxed table, then the order note', async () => {
    const t = await diffTable(drift, 'audit.rules', { boxed: true });
    expect(t).toMatch(/┌/);
    expect(t).toMatch(/│ missing from kernel \(audit\.rules:3\) │ -w \/etc\/passwd -p wa -k passwd/);
    expect(t).toMatch(/│ not in audit\.rules\s+│ -a always,exit -F arch=b64 -S execve -F key=exec/);
    expect(t.endsWith('order differs: the 2 rules in both are in another order in the kernel\n')).toBe(true);
  });

  it('says "no drift" as the plain text does when there is nothing to tabulate', async () => {
    const none = { missing: [], extra: [], same: 5, orderDiffers: false } as unknown as RuleDiff;
    expect(await diffTable(none, 'f', { boxed: true })).toBe(diffText(none, 'f'));
    expect(diffText(none, 'f')).toBe('no drift: the kernel has the 5 rules of f, in order\n');
  });
});
