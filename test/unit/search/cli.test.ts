// tsaudit search as a process: exit codes, <no matches>, EPIPE, rotated log directories, stdin.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../helpers/cli.js';
import { ausearch, HAVE_AUSEARCH, withoutAddedSeparators } from './harness.js';

const SMALL = new URL('../../fixtures/corpus/real-small.log', import.meta.url).pathname;
const env = { TZ: 'UTC', LC_ALL: 'C' };
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tsaudit search (process)', () => {
  it('nothing matched: exit 1, "<no matches>" on stderr, nothing on stdout', () => {
    const r = runCli(['search', '-if', SMALL, '-k', 'no-such-key'], { env });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('<no matches>\n');
  });

  it('--raw with nothing matched: exit 1 and no message (as ausearch)', () => {
    const r = runCli(['search', '-if', SMALL, '-k', 'no-such-key', '--raw'], { env });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
  });

  it('found: exit 0, the records on stdout', () => {
    const r = runCli(['search', '-if', SMALL, '-k', 'passwd', '--raw'], { env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('key="passwd"');
  });

  it('a reader that leaves (| head -1) ends the run quietly with exit 0', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" search -if "${SMALL}" -m ALL --raw | head -1`], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['-ts', '11/21/2026'], /flag -ts\/--start: cannot parse start date "11\/21\/2026"/],
    [['-sv', 'maybe'], /flag -sv\/--success: expected yes or no, got "maybe"/],
    [['-m', 'NO_SUCH_TYPE'], /flag -m\/--message: unknown message type "NO_SUCH_TYPE"/],
    [['-sc', 'nosuchcall'], /flag -sc\/--syscall: no syscall "nosuchcall" on x86_64/],
    [['-e', 'EWHAT'], /flag -e\/--exit: "EWHAT" is not a number and not an errno name/],
    [['-r', '-i'], /conflicting output formats: raw, interpret/],
    [['--extra-keys'], /--extra-\*: need --format csv/],
    [['--format', 'xml'], /argument 'xml' is invalid/],
  ])('usage error %j: exit 2, one line naming the flag', (args, message) => {
    const r = runCli(['search', '-if', SMALL, ...args], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an input that cannot be read: exit 1 naming it', () => {
    const r = runCli(['search', '-if', join(dir, 'missing.log'), '-k', 'x'], { env });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/-if .*missing\.log: no such file or directory/);
  });

  it('reads a log piped to stdin', () => {
    const r = runCli(['search', '-k', 'passwd', '--raw'], { env, input: readFileSync(SMALL) });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli(['search', '-if', SMALL, '-k', 'passwd', '--raw'], { env }).stdout);
  });

  it.skipIf(!HAVE_AUSEARCH)('-if DIR reads audit.log and its rotations oldest first, as ausearch', () => {
    const logs = join(dir, 'logs');
    const lines = readFileSync(SMALL, 'latin1').split('\n').filter(Boolean);
    const third = Math.floor(lines.length / 3);
    const part = (a: number, b: number) => `${lines.slice(a, b).join('\n')}\n`;
    spawnSync('mkdir', ['-p', logs]);
    writeFileSync(join(logs, 'audit.log.2'), part(0, third), 'latin1');
    writeFileSync(join(logs, 'audit.log.1'), part(third, 2 * third), 'latin1');
    writeFileSync(join(logs, 'audit.log'), part(2 * third, lines.length), 'latin1');
    for (const q of [
      ['-k', 'exec', '--raw'],
      ['-m', 'SYSCALL', '-sv', 'no'],
    ]) {
      const a = ausearch(['-if', logs, ...q]);
      const t = runCli(['search', '-if', logs, ...q], { env });
      expect(t.status).toBe(a.status);
      expect(Buffer.from(t.stdout, 'latin1').equals(withoutAddedSeparators(Buffer.from(a.stdout.toString('utf8'), 'latin1')))).toBe(true);
      expect(t.stderr).toContain(`NOTE - using logs in ${join(logs, 'audit.log')}`);
    }
  });
});
