// `tsaudit stream` flag handling, without a kernel: bad values are one-line usage errors (exit 2).

import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('tsaudit stream flags', () => {
  it.each([
    [['--queue', '0'], 'flag --queue: expected a whole number 1..2147483647, got "0"'],
    [['--backlog-limit', 'lots'], 'flag --backlog-limit: expected a whole number 0..4294967295, got "lots"'],
    [['-rate-limit=-1'], 'flag --rate-limit: expected a whole number 0..4294967295, got "-1"'],
    [['--count', '1.5'], 'flag --count: expected a whole number 1..2147483647, got "1.5"'],
    [['-format=xml'], 'flag --format: expected one of text, json, yaml, ecs, got "xml"'],
  ])('%j is a usage error', (args, message) => {
    const r = runCli(['stream', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tsaudit: ${message}\n`);
  });

  it('--help lists the modes, loss reporting and examples', () => {
    const r = runCli(['stream', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--multicast');
    expect(r.stdout).toContain('TSAUDIT_LOSS');
    expect(r.stdout).toContain('sudo tsaudit stream -format=json');
  });
});
