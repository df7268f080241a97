// Differential tests: `tsaudit search` against the installed ausearch 3.0.9 on every file of the corpus
// (real-medium cut to its first lines to keep the suite fast) and on test/fixtures/search/synthetic.log
// (SELinux contexts, nodes, sockets, ... that the corpus lacks). For each selector alone, for combinations
// and for each output, stdout and the exit code must be equal byte for byte, with TZ=UTC LC_ALL=C.
//
// Deviations, the only differences allowed (each is undone before comparing, or is not compared):
//
// | what                         | ausearch                                   | tsaudit              | why                                   |
// |------------------------------|--------------------------------------------|----------------------|---------------------------------------|
// | --raw of ENRICHED events     | appends \x1d to records without an         | the line as read     | it changes the record: a reader then  |
// |                              | interpretation (PROCTITLE, EXECVE, ...)    |                      | sees an empty ENRICHED part           |
// | a usage error (bad value)    | exit 1                                     | exit 2               | tsaudit's usage errors exit 2         |
// | -ts/-te ISO 8601, this-hour  | refused                                    | accepted             | additions; checked against the same   |
// |                              |                                            |                      | time in ausearch's own spelling       |
// | several -if                  | the last one                               | all, in order        | an addition                           |
// | gzip input                   | refused (not a log)                        | read                 | an addition; checked against ausearch |
// |                              |                                            |                      | on the uncompressed bytes             |
// | --format json/yaml,          | (none)                                     | parse's objects      | tsaudit's own: checked against parse  |
// | --normalize                  |                                            |                      | over ausearch --raw's selection       |
// | -sc NAME --arch A (any order)| --arch must come first                     | either order         | options are not order-dependent       |
// | stdin that is a socket       | not read (only a FIFO is)                  | read                 | a socket carries a log as well        |
//
// -i, csv and text come from src/search/render, whose own deviations (test/unit/search/render/deviations.ts:
// bytes that are not UTF-8, SECCOMP kill-process, GMT_OFFSET minutes) are the only ones allowed there.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../../src/parse/record.js';
import { recordJSON } from '../../../src/parse/record-json.js';
import { ausearch, ausearchAsync, HAVE_AUSEARCH, search, withoutAddedSeparators } from './harness.js';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url).pathname;
const SYNTHETIC = new URL('../../fixtures/search/synthetic.log', import.meta.url).pathname;
/** real-medium.log is cut to its first lines: enough events of every kind, a fast suite. */
const MEDIUM_LINES = 6_000;

if (!HAVE_AUSEARCH) console.warn('search differential tests SKIPPED: /usr/sbin/ausearch 3.0.9 is not installed');

let dir = '';
const files: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-'));
  const medium =
    gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz')))
      .toString('latin1')
      .split('\n')
      .slice(0, MEDIUM_LINES)
      .join('\n') + '\n';
  files['real-medium (cut)'] = join(dir, 'real-medium-cut.log');
  writeFileSync(files['real-medium (cut)'], medium, 'latin1');
  for (const f of ['real-small.log', 'real-small-raw.log', 'live-stream.log']) files[f] = join(CORPUS, f);
  files['synthetic.log'] = SYNTHETIC;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Times inside the corpus (UTC): real-small 14:39:46-50, real-small-raw 14:39:51-55, real-medium
// 14:39:56-14:40:14, live-stream 14:42:30-31, synthetic 14:43:20-30, all on 11/21/26.
const QUERIES: string[][] = [
  // one selector
  ['-k', 'exec'],
  ['-k', 'exe'],
  ['-k', 'exec', '-w'],
  ['-k', 'passwd'],
  ['-k', 'net', '-w'],
  ['-k', 'null'],
  ['-m', 'SYSCALL'],
  ['-m', 'USER_LOGIN,USER_AUTH,USER_ACCT'],
  ['-m', 'ALL'],
  ['-m', '1300'],
  ['-m', 'EXECVE,CONFIG_CHANGE'],
  ['-ts', '11/21/26', '14:39:48'],
  ['-ts', '14:39:58', '11/21/26'],
  ['-te', '11/21/26', '14:39:48'],
  ['-ts', '11/21/26', '14:39:52', '-te', '11/21/26', '14:39:53'],
  ['-ts', '11/21/26'],
  ['-te', '11/20/26', '23:00'],
  ['-a', '4069'],
  ['-a', '5179'],
  ['-a', '100'],
  ['-p', '19293'],
  ['-pp', '1'],
  ['-ui', '0'],
  ['-ui', 'root'],
  ['-ui', '1001'],
  ['-ui', 'labuser'],
  ['-ue', '0'],
  ['-ue', 'labuser2'],
  ['-ua', '1001'],
  ['-ua', 'labuser'],
  ['-ul', '1001'],
  ['-ul', '-1'],
  ['-ul', 'labuser'],
  ['-ul', 'root'],
  ['-ua', 'root'],
  ['-ue', 'root'],
  ['-gi', '0'],
  ['-ge', '1002'],
  ['-ga', '1001'],
  ['-sc', 'openat'],
  ['-sc', '59'],
  ['--arch', 'b32', '-sc', 'execve'],
  ['--arch', 'b32', '-sc', '11'],
  ['--arch', 'b64'],
  ['-sv', 'yes'],
  ['-sv', 'no'],
  ['-e', '-2'],
  ['-e', '-ENOENT'],
  ['-e', '0'],
  ['-x', '/usr/bin/id'],
  ['-x', 'sudo', '-w'],
  ['-c', 'id'],
  ['-c', 'id', '-w'],
  ['-f', '/etc/passwd'],
  ['-f', '/etc'],
  ['-f', 'shadow', '-w'],
  ['-hn', '?'],
  ['-hn', '127.0.0.1'],
  ['-tm', 'pts'],
  ['-tm', '(none)', '-w'],
  ['--session', '607'],
  ['-n', 'hostA'],
  ['-su', 'init_t'],
  ['-o', 'shadow_t'],
  ['-se', 'system_r'],
  ['--just-one', '-k', 'exec'],
  ['--eoe-timeout', '1', '-m', 'ALL'],
  ['--escape', 'shell', '-k', 'exec', '-l'],
  // combinations
  ['-k', 'exec', '-ui', 'labuser'],
  ['-m', 'SYSCALL', '-sv', 'no'],
  ['-sc', 'openat', '-sv', 'no', '-ua', 'labuser'],
  ['-k', 'setid', '-e', '0', '-f', '/etc'],
  ['-x', '/usr/bin/id', '-ts', '11/21/26', '14:39:48', '-te', '11/21/26', '14:40:00'],
  ['-m', 'USER_CMD,USER_START', '-ul', '1001', '--session', '607'],
  ['-p', '903', '-ui', '1001', '-c', 'bash'],
];

const NAMES = ['real-small.log', 'real-small-raw.log', 'live-stream.log', 'real-medium (cut)', 'synthetic.log'];

describe.skipIf(!HAVE_AUSEARCH).each(NAMES)('search vs ausearch on %s', (name) => {
  it.each(QUERIES.map((q) => [q.join(' '), q]))('%s: --raw and default output, exit code', async (_label, q) => {
    const file = files[name]!;
    const [aRaw, aDef] = await Promise.all([
      ausearchAsync(['-if', file, ...(q as string[]), '--raw']),
      ausearchAsync(['-if', file, ...(q as string[])]),
    ]);
    const tRaw = await search(['-if', file, ...(q as string[]), '--raw']);
    if (aDef.status === 1 && !/<no matches>/.test(aDef.stderr)) {
      // ausearch refuses the query (a user this host lacks, ...): a usage error, exit 2 in tsaudit
      expect(tRaw.status, `ausearch: ${aRaw.stderr}`).toBe(2);
      return;
    }
    expect(tRaw.status, tRaw.stderr).toBe(aRaw.status);
    expect(tRaw.stdout.equals(withoutAddedSeparators(aRaw.stdout)), 'raw output differs').toBe(true);
    const tDef = await search(['-if', file, ...(q as string[])]);
    expect(tDef.status).toBe(aDef.status);
    expect(tDef.stdout.toString('latin1')).toBe(aDef.stdout.toString('latin1'));
    if (aDef.status === 1) expect(tDef.stderr).toContain('<no matches>\n');
  });
});

describe.skipIf(!HAVE_AUSEARCH)('additions checked against ausearch', () => {
  it('ISO 8601 and this-hour mean what the C-locale spelling means', async () => {
    const file = files['real-medium (cut)']!;
    const a = ausearch(['-if', file, '-ts', '11/21/26', '14:39:58', '-te', '11/21/26', '14:40:01', '--raw']);
    for (const q of [
      ['-ts', '2026-11-21T14:39:58', '-te', '2026-11-21', '14:40:01'],
      ['-ts', '2026-11-21T15:39:58+01:00', '-te', '14:40:01', '2026-11-21'],
    ]) {
      const t = await search(['-if', file, ...q, '--raw']);
      expect(t.stdout.equals(withoutAddedSeparators(a.stdout))).toBe(true);
    }
  });

  it('reads gzip-compressed logs as ausearch reads the uncompressed ones', async () => {
    const gz = join(dir, 'small.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(files['real-small.log']!)));
    const a = ausearch(['-if', files['real-small.log']!, '-k', 'exec']);
    const t = await search(['-if', gz, '-k', 'exec']);
    expect(t.status).toBe(0);
    expect(t.stdout.toString('latin1')).toBe(a.stdout.toString('latin1'));
  });

  it('reads stdin (gzip too) as ausearch reads a pipe', async () => {
    const log = readFileSync(files['real-small-raw.log']!);
    const a = ausearch(['-m', 'SYSCALL', '-sv', 'no'], log);
    expect((await search(['-m', 'SYSCALL', '-sv', 'no'], log)).stdout.toString('latin1')).toBe(a.stdout.toString('latin1'));
    expect((await search(['-m', 'SYSCALL', '-sv', 'no'], gzipSync(log))).stdout.toString('latin1')).toBe(a.stdout.toString('latin1'));
  });

  it('several -if are read as one stream, in order', async () => {
    const one = join(dir, 'both.log');
    writeFileSync(one, Buffer.concat([readFileSync(files['real-small.log']!), readFileSync(files['real-small-raw.log']!)]));
    const a = ausearch(['-if', one, '-k', 'passwd', '--raw']);
    const t = await search(['-if', files['real-small.log']!, '-if', files['real-small-raw.log']!, '-k', 'passwd', '--raw']);
    expect(t.stdout.equals(withoutAddedSeparators(a.stdout))).toBe(true);
  });

  it("--format json is parse's record objects of the events ausearch selects, in its order", async () => {
    for (const name of ['real-small.log', 'synthetic.log']) {
      const q = ['-if', files[name]!, '-k', 'e'];
      const a = withoutAddedSeparators(ausearch([...q, '--raw']).stdout).toString('utf8');
      const expected = a
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => recordJSON(parseRecord(l) as never))
        .join('');
      const t = await search([...q, '--format', 'json']);
      expect(t.stdout.toString('utf8')).toBe(expected);
    }
  });

  it('--format yaml is the same objects as json', async () => {
    const yaml = await import('js-yaml');
    const q = ['-if', files['synthetic.log']!, '-m', 'SYSCALL,USER_AVC'];
    const j = (await search([...q, '--format', 'json'])).stdout
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const y = yaml.loadAll((await search([...q, '--format', 'yaml'])).stdout.toString('utf8'));
    expect(y).toEqual(j);
    expect(j.length).toBeGreaterThan(3);
  });

  it('--normalize gives the normalized events of parse -i for the events ausearch selects', async () => {
    const { eventRenderer } = await import('../../../src/parse/normalize/render.js');
    const { AusearchAssembler } = await import('../../../src/search/assemble.js');
    const render = await eventRenderer('json', { ids: true });
    for (const q of [
      ['-k', 'passwd'],
      ['-m', 'USER_AUTH,USER_ACCT,CRED_ACQ'],
    ]) {
      const raw = withoutAddedSeparators(ausearch(['-if', files['real-small.log']!, ...q, '--raw']).stdout).toString('utf8');
      // ausearch's selection, grouped into events again (it prints whole events, in order)
      let expected = '';
      const asm = new AusearchAssembler((e) => void (expected += render(e.records)));
      for (const l of raw.split('\n')) if (l !== '') asm.push(parseRecord(l) as never);
      asm.end();
      const t = await search(['-if', files['real-small.log']!, ...q, '--normalize', '--format', 'json']);
      expect(t.stdout.toString('utf8')).toBe(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it('a usage error exits 2 where ausearch exits 1', async () => {
    const file = files['real-small.log']!;
    expect(ausearch(['-if', file, '-p', 'abc']).status).toBe(1);
    const t = await search(['-if', file, '-p', 'abc']);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/-p\/--pid: a process id must be a number, got "abc"/);
  });
});
