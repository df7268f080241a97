// `--format json` gives the same rows and counters as the text report: the text is rebuilt from the JSON
// objects (rows joined as aureport prints them, counters under their "Number of …" labels) and compared
// with the text output, for every report kind on two corpus files. Also: CSV has the same rows, the
// timeline's buckets add up to the report's events, and the CLI reads stdin and rotated directories.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { KINDS, REPORT_KINDS, type ReportKind } from '../../../src/report/kinds.js';
import type { ReportRunOptions } from '../../../src/report/run.js';
import { runCli } from '../../helpers/cli.js';
import { reportInProcess } from './in-process.js';

process.env.TZ = 'UTC';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const FILES = ['real-small.log', 'live-stream.log'];

async function run(o: Omit<ReportRunOptions, 'output' | 'report'>): Promise<{ out: string; code: number }> {
  const r = await reportInProcess(o);
  return { out: r.stdout.toString('utf8'), code: r.code };
}

const jsonLines = (s: string) =>
  s
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, string | number | null>);

/** The report's lines after its title block (rows, totals, counters). */
function body(text: string): string[] {
  const lines = text.split('\n');
  // title: "", title, rule[, column header, rule]
  const ruleAt = lines.findIndex((l, i) => i > 1 && /^=+$/.test(l));
  const second = lines.findIndex((l, i) => i > ruleAt && /^=+$/.test(l));
  const start = second > 0 && /^(# date time|total {2})/.test(lines[ruleAt + 1] ?? '') ? second + 1 : ruleAt + 1;
  return lines.slice(start).filter((l) => l !== '' && l !== '<no events of interest were found>');
}

const LABELS: [string, string][] = [
  ['changes', 'Number of changes in configuration'],
  ['account_changes', 'Number of changes to accounts, groups, or roles'],
  ['logins', 'Number of logins'],
  ['failed_logins', 'Number of failed logins'],
  ['authentications', 'Number of authentications'],
  ['failed_authentications', 'Number of failed authentications'],
  ['users', 'Number of users'],
  ['terminals', 'Number of terminals'],
  ['host_names', 'Number of host names'],
  ['executables', 'Number of executables'],
  ['commands', 'Number of commands'],
  ['files', 'Number of files'],
  ['avcs', "Number of AVC's"],
  ['mac_events', 'Number of MAC events'],
  ['failed_syscalls', 'Number of failed syscalls'],
  ['anomaly_events', 'Number of anomaly events'],
  ['anomaly_responses', 'Number of responses to anomaly events'],
  ['crypto_events', 'Number of crypto events'],
  ['integrity_events', 'Number of integrity events'],
  ['virt_events', 'Number of virt events'],
  ['keys', 'Number of keys'],
  ['process_ids', 'Number of process IDs'],
  ['events', 'Number of events'],
];

const DETAILED = REPORT_KINDS.filter((k) => k !== 'summary' && k !== 'time');

describe.each(FILES)('JSON rows agree with the text report: %s', (name) => {
  const file = join(CORPUS, name);

  it.each(DETAILED)('detailed %s: each text row is the JSON row joined', async (kind: ReportKind) => {
    const text = await run({ kind, inputs: [file] });
    const json = await run({ kind, inputs: [file], format: 'json' });
    expect(json.code).toBe(text.code);
    const cols = KINDS[kind].detail!.columns;
    const derived = jsonLines(json.out).map(
      (o) => `${o.no}. ${o.date} ${o.time} ${cols.map((c) => (o[c] === null ? '(null)' : String(o[c]))).join(' ')}`,
    );
    expect(derived).toEqual(body(text.out));
  });

  it.each(DETAILED.filter((k) => KINDS[k].summary))('--summary %s: "total  value" lines are the JSON objects', async (kind: ReportKind) => {
    const text = await run({ kind, summary: true, inputs: [file] });
    const json = await run({ kind, summary: true, inputs: [file], format: 'json' });
    const col = KINDS[kind].summary!.column;
    const derived = jsonLines(json.out).map((o) => `${o.total}  ${o[col] === null ? '(null)' : o[col]}`);
    expect(derived).toEqual(body(text.out));
  });

  it('Summary Report: one object whose counters are the "Number of" lines', async () => {
    const text = await run({ kind: 'summary', inputs: [file] });
    const [obj, ...rest] = jsonLines((await run({ kind: 'summary', inputs: [file], format: 'json' })).out);
    expect(rest).toEqual([]);
    const fromText = new Map(
      text.out
        .split('\n')
        .filter((l) => l.startsWith('Number of'))
        .map((l) => [l.slice(0, l.lastIndexOf(':')), Number(l.slice(l.lastIndexOf(':') + 2))] as const),
    );
    expect(fromText.size).toBe(LABELS.length);
    for (const [key, label] of LABELS) expect([key, obj![key]]).toEqual([key, fromText.get(label)]);
    expect(text.out).toContain(`Range of time in logs: ${obj!.range_start} - ${obj!.range_end}\n`);
    expect(text.out).toContain(`Selected time for report: ${obj!.selected_start} - ${obj!.selected_end}\n`);
  });

  it('CSV has a header and the JSON rows, in order', async () => {
    const json = jsonLines((await run({ kind: 'executable', inputs: [file], format: 'json' })).out);
    const csv = (await run({ kind: 'executable', inputs: [file], format: 'csv' })).out.trimEnd().split('\n');
    expect(csv[0]).toBe(['no', 'date', 'time', ...KINDS.executable.detail!.columns].join(','));
    expect(csv.slice(1)).toEqual(json.map((o) => Object.values(o).join(',')));
  });

  it("the timeline buckets add up to the Summary Report's events, and split by result to the same total", async () => {
    const [counters] = jsonLines((await run({ kind: 'summary', inputs: [file], format: 'json' })).out);
    const buckets = jsonLines((await run({ kind: 'summary', inputs: [file], format: 'json', timeline: {} })).out);
    expect(buckets.reduce((a, b) => a + Number(b.total), 0)).toBe(counters!.events);
    const split = (await run({ kind: 'summary', inputs: [file], format: 'json', timeline: { split: 'result' } })).out;
    const byResult = jsonLines(split).map((b) => b as unknown as { total: number; by: Record<string, number> });
    for (const b of byResult) expect(Object.values(b.by).reduce((x, y) => x + y, 0)).toBe(b.total);
    const text = (await run({ kind: 'summary', inputs: [file], timeline: { split: 'result' } })).out;
    expect(text).toMatch(/^events per (minute|hour|day) \(UTC\), \d+ in all\n/);
    expect(text).toContain(`${counters!.events} in all`);
  });
});

describe('tsaudit report (process)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-report-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const small = join(CORPUS, 'real-small.log');

  it('reads a pipe on stdin, and names it "stdin" in the log time range report', () => {
    const input = readFileSync(small);
    const piped = runCli(['report', '-x', '--summary'], { input, env: { TZ: 'UTC' } });
    const direct = runCli(['report', '-if', small, '-x', '--summary'], { env: { TZ: 'UTC' } });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toBe(direct.stdout);
    const t = runCli(['report', '-t'], { input, env: { TZ: 'UTC' } });
    expect(t.stdout).toMatch(/\nstdin: \d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{3} - /);
  });

  it('reads a directory as its rotated set, oldest first, and events spanning two files stay whole', () => {
    const dir = join(tmp, 'logs');
    mkdirSync(dir);
    const lines = readFileSync(small, 'latin1').split('\n');
    const half = Math.floor(lines.length / 2);
    writeFileSync(join(dir, 'audit.log.1'), `${lines.slice(0, half).join('\n')}\n`, 'latin1');
    writeFileSync(join(dir, 'audit.log'), lines.slice(half).join('\n'), 'latin1');
    const whole = runCli(['report', '-if', small], { env: { TZ: 'UTC' } });
    const rotated = runCli(['report', '-if', dir], { env: { TZ: 'UTC' } });
    expect(rotated.status).toBe(0);
    expect(rotated.stderr).toContain(`NOTE - using logs in ${dir}/audit.log`);
    expect(rotated.stdout).toBe(whole.stdout);
    const t = runCli(['report', '-if', dir, '-t'], { env: { TZ: 'UTC' } });
    expect(
      t.stdout
        .split('\n')
        .filter((l) => l.startsWith(dir))
        .map((l) => l.slice(0, l.indexOf(':'))),
    ).toEqual([`${dir}/audit.log.1`, `${dir}/audit.log`]);
  });

  it('reads gzip logs through the pipeline: the same report as the plain log', async () => {
    const plain = join(tmp, 'medium.log');
    writeFileSync(plain, gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz'))));
    const a = await run({ kind: 'summary', inputs: [plain] });
    const b = await run({ kind: 'summary', inputs: [join(CORPUS, 'real-medium.log.gz')] });
    expect(b.out).toBe(a.out);
    expect(a.out).toContain('Number of events: 21407\n');
  });

  it("a detailed report that finds nothing exits 1 with aureport's line on stdout", () => {
    const r = runCli(['report', '-if', small, '--virt'], { env: { TZ: 'UTC' } });
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('<no events of interest were found>\n\n')).toBe(true);
  });

  it('two reports at once are a usage error; a missing input is a runtime error naming it', () => {
    const two = runCli(['report', '-if', small, '-x', '-f']);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/^tsaudit: only one report/);
    const missing = runCli(['report', '-if', join(tmp, 'nope.log')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nope.log');
  });

  it('-ts/-te keep the events of their range (keywords and dates as ausearch reads them)', () => {
    const all = runCli(['report', '-if', small, '-e', '--format', 'json'], { env: { TZ: 'UTC' } });
    const rows = all.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string; date: string });
    const mid = rows[Math.floor(rows.length / 2)]!;
    const later = runCli(['report', '-if', small, '-e', '--format', 'json', '-ts', mid.date, mid.time], { env: { TZ: 'UTC' } });
    const kept = later.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(rows.length);
    expect(kept.every((r) => r.time >= mid.time)).toBe(true);
    const none = runCli(['report', '-if', small, '-te', '01/01/05', '-x'], { env: { TZ: 'UTC' } });
    expect(none.status).toBe(1);
  });

  it('table output draws boxed tables; no escape codes when stdout is not a terminal', () => {
    const r = runCli(['report', '-if', small, '-x', '--summary', '--format', 'table']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/┌/);
    expect(r.stdout).toContain('/usr/sbin/runuser');

    expect(r.stdout).not.toMatch(/\x1b\[/);
  });
});
