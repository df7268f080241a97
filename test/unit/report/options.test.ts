// aureport's --node, --eoe-timeout and --escape against the installed aureport 3.0.9: the same stdout bytes
// and exit code on logs made for each option (a corpus log with node= prefixes; events whose records arrive
// further apart than the timeout; values full of control, shell and high bytes), plus the CLI's checks of
// their values. Skipped, with the reason printed, without aureport.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { EscapeMode, ReportKind } from '../../../src/report/kinds.js';
import type { ReportRunOptions } from '../../../src/report/run.js';
import { runCli } from '../../helpers/cli.js';
import { reportInProcess } from './in-process.js';

process.env.TZ = 'UTC';

const aureport = ['/usr/sbin/aureport', '/sbin/aureport'].find((p) => existsSync(p));
if (!aureport) console.log('aureport option tests skipped: aureport not found (apt-get install auditd)');

/** aureport's option for the reports used here. */
const OPTION: Partial<Record<ReportKind, string>> = {
  event: '-e',
  executable: '-x',
  file: '-f',
  key: '-k',
  comm: '--comm',
  auth: '-au',
  user: '-u',
  syscall: '-s',
};

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-report-opts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Run = Omit<ReportRunOptions, 'output' | 'inputs' | 'report'>;

async function ours(file: string, o: Run): Promise<{ stdout: string; code: number }> {
  const r = await reportInProcess({ ...o, inputs: [file] });
  return { stdout: r.stdout.toString('latin1'), code: r.code };
}

function theirs(file: string, args: string[]): { stdout: string; code: number } {
  try {
    const out = execFileSync(aureport!, ['-if', file, ...args], {
      env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { stdout: out.toString('latin1'), code: 0 };
  } catch (err) {
    const e = err as { stdout: Buffer; status: number };
    return { stdout: e.stdout.toString('latin1'), code: e.status };
  }
}

/** aureport's arguments for a run's report and options. */
function argsOf(o: Run): string[] {
  const a: string[] = [];
  if (OPTION[o.kind]) a.push(OPTION[o.kind]!);
  if (o.summary) a.push('--summary');
  if (o.interpret) a.push('-i');
  for (const n of o.nodes ?? []) a.push('--node', n);
  if (o.eoeTimeout !== undefined) a.push('--eoe-timeout', String(o.eoeTimeout));
  if (o.escape !== undefined) a.push('--escape', o.escape);
  return a;
}

async function expectSame(file: string, o: Run): Promise<string> {
  const want = theirs(file, argsOf(o));
  const got = await ours(file, o);
  expect(got.stdout).toBe(want.stdout);
  expect(got.code).toBe(want.code);
  return got.stdout;
}

const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex').toUpperCase();

/** real-small-raw.log with each event's records prefixed by node=alpha or node=beta (by serial), some left bare. */
function nodeLog(): string {
  const lines = readFileSync(join(CORPUS, 'real-small-raw.log'), 'latin1').split('\n').filter(Boolean);
  const out = lines.map((l) => {
    const serial = Number(/:(\d+)\)/.exec(l)?.[1] ?? 0);
    return serial % 3 === 0 ? l : `node=${serial % 3 === 1 ? 'alpha' : 'beta'} ${l}`;
  });
  const file = join(tmp, 'nodes.log');
  writeFileSync(file, `${out.join('\n')}\n`, 'latin1');
  return file;
}

function syscallEvent(sec: number, serial: number, f: { comm: string; exe: string; key: string; name: string }, pathAt = sec): string[] {
  const ts = (s: number) => `msg=audit(${s}.100:${serial}):`;
  return [
    `type=SYSCALL ${ts(sec)} arch=c000003e syscall=2 success=no exit=-13 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=${100 + serial} auid=1000 uid=1000 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts${serial % 3} ses=3 comm=${hex(f.comm)} exe=${hex(f.exe)} key=${hex(f.key)}`,
    `type=CWD ${ts(sec)} cwd="/root"`,
    `type=PATH ${ts(pathAt)} item=0 name=${hex(f.name)} inode=5 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0`,
    ...(pathAt === sec ? [`type=EOE ${ts(sec)}`] : []),
  ];
}

/** Values with every class of byte the escape modes treat differently. */
function escapeLog(): string {
  const odd = [
    'tab\there',
    'sp ace',
    'q"uo\'te`s',
    'dollar$(sub)|pipe\\back!',
    'semi;hash#amp&star*q?[br]<lt>{cb}',
    'high\xe9\x80byte',
    'plain',
  ];
  const lines: string[] = [];
  odd.forEach((v, i) =>
    lines.push(
      ...syscallEvent(1_700_000_000 + i, 10 + i, { comm: `c${v}`.slice(0, 15), exe: `/bin/${v}`, key: `k${v}`, name: `/tmp/${v}` }),
    ),
  );
  const file = join(tmp, 'escape.log');
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
  return file;
}

/** Events whose PATH record comes 3 and 6 seconds after their SYSCALL, with other events in between. */
function lateLog(): string {
  const f = (n: string) => ({ comm: 'cat', exe: '/usr/bin/cat', key: 'k', name: `/etc/${n}` });
  const lines = [
    ...syscallEvent(1_700_000_000, 1, f('a'), 1_700_000_003).slice(0, 2),
    ...syscallEvent(1_700_000_001, 2, f('b')),
    ...syscallEvent(1_700_000_000, 1, f('a'), 1_700_000_000).slice(2, 3),
    ...syscallEvent(1_700_000_004, 3, f('c')),
    ...syscallEvent(1_700_000_006, 4, f('d'), 1_700_000_006).slice(0, 2),
    ...syscallEvent(1_700_000_009, 5, f('e')),
    ...syscallEvent(1_700_000_006, 4, f('d'), 1_700_000_006).slice(2),
  ];
  const file = join(tmp, 'late.log');
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
  return file;
}

const REPORTS: [ReportKind, boolean][] = [
  ['summary', true],
  ['event', false],
  ['executable', false],
  ['executable', true],
  ['file', false],
  ['file', true],
  ['key', false],
  ['key', true],
  ['comm', false],
  ['comm', true],
  ['auth', false],
  ['user', false],
  ['syscall', false],
];

describe.skipIf(!aureport)('option --node = aureport', () => {
  const file = aureport ? nodeLog() : '';
  const kinds = REPORTS.filter(([k]) => k !== 'comm' && k !== 'key');
  for (const nodes of [['alpha'], ['alpha', 'beta'], ['gamma']])
    it.each(kinds.map(([kind, summary]) => [argsOf({ kind, summary, nodes }).join(' '), kind, summary] as const))(
      '%s',
      async (_l, kind, summary) => {
        await expectSame(file, { kind, summary, nodes });
      },
    );
  it('selects events: alpha and beta together count what each counts alone, unprefixed events none', async () => {
    const events = async (nodes: string[]) =>
      Number(/Number of events: (\d+)/.exec((await ours(file, { kind: 'summary', nodes })).stdout)![1]);
    const all = Number(/Number of events: (\d+)/.exec((await ours(file, { kind: 'summary' })).stdout)![1]);
    const [a, b, both] = [await events(['alpha']), await events(['beta']), await events(['alpha', 'beta'])];
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(both).toBe(a + b);
    expect(both).toBeLessThan(all);
  });
});

describe.skipIf(!aureport)('option --eoe-timeout = aureport', () => {
  const file = aureport ? lateLog() : '';
  for (const eoeTimeout of [undefined, 1, 2, 5, 10])
    it.each([
      ['summary', true],
      ['event', false],
      ['file', false],
      ['file', true],
    ] as const)(`--eoe-timeout ${eoeTimeout ?? '(auditd.conf)'} %s %s`, async (kind, summary) => {
      await expectSame(file, { kind, summary, eoeTimeout });
    });
  it('joins late records within the timeout and splits them past it', async () => {
    const rows = async (t: number) =>
      (await ours(file, { kind: 'event', eoeTimeout: t })).stdout.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(await rows(1)).toBeGreaterThan(await rows(10));
  });
});

describe.skipIf(!aureport)('option --escape = aureport', () => {
  const file = aureport ? escapeLog() : '';
  for (const escape of [undefined, 'raw', 'tty', 'shell', 'shell_quote'] as (EscapeMode | undefined)[])
    it.each(REPORTS.map(([kind, summary]) => [argsOf({ kind, summary, escape }).join(' '), kind, summary] as const))(
      '%s',
      async (_l, kind, summary) => {
        await expectSame(file, { kind, summary, escape });
      },
    );
  it('escapes more in each mode', async () => {
    const x = async (escape: EscapeMode) => (await ours(file, { kind: 'executable', escape })).stdout;
    expect(await x('raw')).toContain('/bin/tab\there');
    expect(await x('tty')).toContain('/bin/tab\\011here');
    expect(await x('tty')).toContain('/bin/sp ace');
    expect(await x('shell')).toContain('/bin/sp\\ ace');
    expect(await x('shell')).toContain('/bin/semi;hash');
    expect(await x('shell_quote')).toContain('/bin/semi\\;hash\\#');
  });
});

describe('option values on the command line', () => {
  const file = join(CORPUS, 'real-small.log');
  it.each([
    [['--eoe-timeout', '0'], /--eoe-timeout wants whole seconds from 1, got "0"/],
    [['--eoe-timeout', 'soon'], /--eoe-timeout wants whole seconds from 1, got "soon"/],
    [['--escape', 'html'], /--escape.*html/],
    [['--node'], /--node.*argument missing/],
  ])('%s is refused with a one-line usage error', async (args, msg) => {
    const r = runCli(['report', '-if', file, ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('passes --node, --eoe-timeout and --escape through to the report', async () => {
    const r = runCli(['report', '-if', file, '-x', '--node', 'nowhere', '--eoe-timeout', '3', '--escape', 'shell']);
    expect(r.stdout).toContain('<no events of interest were found>');
    expect(r.status).toBe(1);
  });
});
