// The README's global install: `npm install -g .` from the clone puts `tsaudit` on PATH and its man pages on
// MANPATH. Here into a temporary prefix, offline, and without running the build again (`npm test` has just
// built dist/, and rebuilding it under tests that run the CLI would pull it from under them).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; man: string[] };

describe('npm install -g . from the clone', () => {
  const prefix = mkdtempSync(join(tmpdir(), 'tsaudit-global-'));
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '.'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const env = { ...process.env, PATH: `${prefix}/bin:${process.env.PATH}`, MANPATH: `${prefix}/share/man` };
  const sh = (command: string) => spawnSync('sh', ['-c', command], { encoding: 'utf8', env, cwd: tmpdir() });

  it('installs', () => {
    expect(install.status, install.stderr).toBe(0);
  });

  it('puts a tsaudit on PATH that is this clone', () => {
    const r = sh('command -v tsaudit && tsaudit --version');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${prefix}/bin/tsaudit\n${pkg.version}\n`);
    expect(realpathSync(join(prefix, 'bin', 'tsaudit'))).toBe(realpathSync(join(ROOT, 'bin', 'tsaudit')));
  });

  it('runs a verb from any directory', () => {
    const r = sh(`tsaudit parse -format=json ${join(ROOT, 'test/fixtures/corpus/real-small.log')} | head -1`);
    expect(r.stdout).toMatch(/^\{"@timestamp":"2026-11-21T14:39:46\.032Z","record_type":"DAEMON_START"/);
    expect(sh('tsaudit help parse').stdout).toMatch(/^Usage: tsaudit parse/);
  });

  it.skipIf(spawnSync('man', ['--version']).status !== 0)('puts every man page on MANPATH', () => {
    for (const page of pkg.man) {
      const name = page.replace(/^man\//, '').replace(/\.\d$/, '');
      expect(existsSync(join(ROOT, page)), `${page} is built by npm install`).toBe(true);
      const linked = join(prefix, 'share/man', `man${page.slice(-1)}`, `${name}${page.slice(-2)}`);
      expect(realpathSync(linked)).toBe(realpathSync(join(ROOT, page)));
      // man finds it through MANPATH (and names the file the link points to)
      const r = sh(`man -w ${name}`);
      expect(realpathSync(r.stdout.trim()), `man -w ${name}`).toBe(realpathSync(join(ROOT, page)));
    }
  });
});
