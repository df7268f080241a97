import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

describe('tsaudit process behaviour', () => {
  it('--version prints the package version', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help exits 0 and shows usage', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: tsaudit/);
  });

  it.each([['--bogus'], ['-bogus'], ['no-such-verb']])('%s is a one-line usage error, exit 2', (arg) => {
    const r = runCli([arg]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tsaudit: .+\n$/);
    expect(r.stderr).toContain(arg);
  });

  it('suggests the closest verb for a mistyped one', () => {
    const r = runCli(['stauts']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("tsaudit: unknown command 'stauts' (Did you mean status?)\n");
  });
});
