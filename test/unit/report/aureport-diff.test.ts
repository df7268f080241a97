// Differential test: `tsaudit report` against the installed aureport 3.0.9 on every file of the corpus
// (real-medium cut to its first 6,000 lines to keep the suite fast): every report kind, with and without
// --summary, --failed, --success and -i — every combination on real-small.log (ENRICHED, where -i reads the
// log's own names), each option on and off on the others. stdout must be the same bytes and the exit code the same, except
// for the cases in DEVIATIONS, each with the reason aureport is wrong there. Both run with TZ=UTC LC_ALL=C.
// Skipped, with the reason printed, without aureport.

import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportKind } from '../../../src/report/kinds.js';
import { reportInProcess } from './in-process.js';

process.env.TZ = 'UTC';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

function findAureport(): string | undefined {
  for (const p of ['/usr/sbin/aureport', '/sbin/aureport', '/usr/bin/aureport']) {
    if (spawnSync(p, ['-v'], { stdio: 'ignore' }).status === 0) return p;
  }
  return undefined;
}

export const aureport = findAureport();
if (!aureport) console.log('aureport differential test skipped: aureport not found (apt-get install auditd)');

/** aureport's option for each report kind (none: the Summary Report). */
export const OPTION: Record<ReportKind, string | undefined> = {
  summary: undefined,
  auth: '-au',
  login: '-l',
  executable: '-x',
  file: '-f',
  key: '-k',
  mods: '-m',
  pid: '-p',
  syscall: '-s',
  event: '-e',
  anomaly: '-n',
  response: '-r',
  config: '-c',
  user: '-u',
  terminal: '-tm',
  host: '-h',
  time: '-t',
  tty: '--tty',
  comm: '--comm',
  integrity: '--integrity',
  crypto: '-cr',
  avc: '-a',
  mac: '-ma',
  virt: '--virt',
};

/**
 * Where tsaudit's stdout or exit code differs from aureport's on purpose, because aureport is wrong there.
 * Each entry: the file, the aureport arguments, and why. Empty: on this corpus there is no such case.
 */
const DEVIATIONS: readonly { file: string; args: string; reason: string }[] = [];

export interface Case {
  kind: ReportKind;
  summary: boolean;
  filter: '' | '--failed' | '--success';
  interpret: boolean;
}

export function argsOf(c: Case): string[] {
  const a: string[] = [];
  const opt = OPTION[c.kind];
  if (opt) a.push(opt);
  if (c.summary) a.push('--summary');
  if (c.filter) a.push(c.filter);
  if (c.interpret) a.push('-i');
  return a;
}

/** Every combination: 24 kinds x 2 x 3 x 2. */
export const CASES: Case[] = [];
for (const kind of Object.keys(OPTION) as ReportKind[])
  for (const summary of [false, true])
    for (const filter of ['', '--failed', '--success'] as const)
      for (const interpret of [false, true]) CASES.push({ kind, summary, filter, interpret });

/** Each option on and off: plain, --summary, --failed, --success, -i, --summary -i. */
export const EACH: Case[] = CASES.filter(
  (c) => [c.summary, c.filter !== '', c.interpret].filter(Boolean).length <= 1 || (c.summary && c.interpret && c.filter === ''),
);

const casesFor = (name: string) => (name === 'real-small.log' ? CASES : EACH);

/** Runs tsaudit's report in this process; stdout bytes and the exit code the CLI would give. */
export function tsaudit(file: string, c: Case, format: 'text' | 'json' = 'text'): Promise<{ stdout: Buffer; code: number }> {
  return reportInProcess({
    kind: c.kind,
    summary: c.summary,
    failed: c.filter === '--failed',
    success: c.filter === '--success',
    interpret: c.interpret,
    inputs: [file],
    format,
  });
}

function runAureport(file: string, args: string[]): Promise<{ stdout: Buffer; code: number }> {
  return new Promise((resolve) => {
    execFile(
      aureport!,
      ['-if', file, ...args],
      { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' }, encoding: 'buffer', maxBuffer: 256 << 20 },
      (err, stdout) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ stdout, code: typeof code === 'number' ? code : 1 });
      },
    );
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-aureport-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** real-medium cut at a line boundary: enough events for every report, fast enough for every case. */
export function corpusFiles(dir: string): string[] {
  const medium = join(dir, 'real-medium-cut.log');
  const lines = gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz')))
    .toString('latin1')
    .split('\n');
  writeFileSync(medium, `${lines.slice(0, 6_000).join('\n')}\n`, 'latin1');
  return [join(CORPUS, 'real-small.log'), join(CORPUS, 'real-small-raw.log'), join(CORPUS, 'live-stream.log'), medium];
}

describe.skipIf(!aureport)('tsaudit report = aureport 3.0.9 (stdout bytes and exit code)', () => {
  const files = aureport ? corpusFiles(tmp) : [];
  const expected = new Map<string, Promise<{ stdout: Buffer; code: number }>>();
  beforeAll(() => {
    // aureport runs up front, two at a time (the machine is shared with the rest of the suite), while the cases compare
    const queue: (() => Promise<unknown>)[] = [];
    for (const f of files)
      for (const c of casesFor(f.replace(/^.*\//, ''))) {
        const key = `${f} ${argsOf(c).join(' ')}`;
        let resolve!: (v: { stdout: Buffer; code: number }) => void;
        expected.set(key, new Promise((r) => (resolve = r)));
        queue.push(() => runAureport(f, argsOf(c)).then(resolve));
      }
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await job();
    };
    void Promise.all([worker(), worker()]);
  });

  for (const name of ['real-small.log', 'real-small-raw.log', 'live-stream.log', 'real-medium-cut.log']) {
    describe(name, () => {
      it.each(casesFor(name).map((c) => [argsOf(c).join(' ') || '(Summary Report)', c] as const))(
        '%s',
        async (_label, c) => {
          const file = files.find((f) => f.endsWith(`/${name}`))!;
          const args = argsOf(c).join(' ');
          const want = await expected.get(`${file} ${args}`)!;
          const got = await tsaudit(file, c);
          const deviation = DEVIATIONS.find((d) => d.file === name && d.args === args);
          if (deviation) {
            expect(got.stdout.equals(want.stdout), `listed as a deviation (${deviation.reason}) but identical`).toBe(false);
            return;
          }
          expect(got.stdout.toString('latin1')).toBe(want.stdout.toString('latin1'));
          expect(got.code).toBe(want.code);
        },
        120_000,
      );
    });
  }
});
