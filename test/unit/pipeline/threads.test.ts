// `parse` on worker threads (src/pipeline/event-threads.ts) must write exactly what the in-thread run writes:
// same stdout bytes, same stderr, same exit code, for every format and for the awkward inputs. The in-process
// tests force small batches and wait for the workers, so that a few hundred events are rendered by both the
// main thread and the workers; the CLI tests use TSAUDIT_WORKERS (the number of workers, 0: in-thread).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderJob } from '../../../src/pipeline/batch-render.js';
import { EventLineWriter, readEventLines } from '../../../src/pipeline/event-lines.js';
import { type BatchOutput, machineNow, THREADS_MIN_BYTES, threadPlan } from '../../../src/pipeline/event-threads.js';
import { parseRecord, type AuditRecord } from '../../../src/parse/record.js';
import type { AuditEvent } from '../../../src/parse/reassemble.js';
import { BIN, ROOT, runCli } from '../../helpers/cli.js';

const SMALL = 'test/fixtures/corpus/real-small.log';
const RAW = 'test/fixtures/corpus/real-small-raw.log';
const LIVE = 'test/fixtures/corpus/live-stream.log';
let dir: string;
let medium: string;
let odd: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-threads-'));
  medium = join(dir, 'real-medium.log');
  writeFileSync(medium, gunzipSync(readFileSync('test/fixtures/corpus/real-medium.log.gz')));
  // bad lines, a separator, bytes that are not UTF-8, UTF-8 beyond latin1, a CR, no newline at the end
  odd = join(dir, 'odd.log');
  const lines = readFileSync(SMALL).toString('latin1').split('\n');
  lines.splice(40, 0, 'this is not an audit record');
  lines.splice(90, 0, 'type=SYSCALL msg=audit(garbage');
  lines.splice(120, 0, '---');
  lines.splice(150, 0, 'type=PROCTITLE msg=audit(1700000000.123:42): proctitle=C5816F647A name="caf\xe9 \xff"');
  lines.splice(151, 0, 'type=PATH msg=audit(1700000000.123:42): item=0 name="\xc5\x81odz \xf0\x9f\x9a\x80" nametype=NORMAL\r');
  writeFileSync(odd, Buffer.from(lines.join('\n').replace(/\n+$/, ''), 'latin1'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const built = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;

/** Runs readLogs in-process on the threaded driver (built modules: the worker script exists only there). */
async function threaded(files: string[], job: RenderJob, opts: { workers?: number; out?: BatchOutput } = {}) {
  const { threadedDriver } = await built<typeof import('../../../src/pipeline/event-threads.js')>('pipeline/event-threads.js');
  const { batchRenderer } = await built<typeof import('../../../src/pipeline/batch-render.js')>('pipeline/batch-render.js');
  const { readLogs } = await built<typeof import('../../../src/pipeline/read-logs.js')>('pipeline/read-logs.js');
  const { Output } = await built<typeof import('../../../src/format/output.js')>('format/output.js');
  const written: Buffer[] = [];
  const reports: string[] = [];
  // a copy: once written, a batch's memory goes back to the thread that filled it
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(Buffer.from(chunk));
      done();
    },
  });
  let stats = { main: 0, workers: 0 };
  const setup = { job, render: await batchRenderer(job), workers: opts.workers ?? 1, batchBytes: 2048, awaitWorkers: true };
  await readLogs({
    files,
    report: (l) => reports.push(l),
    driver: (report) => {
      const d = threadedDriver(setup, report, opts.out ?? new Output(sink));
      stats = d.stats;
      return d;
    },
  });
  return { stdout: Buffer.concat(written), stderr: reports.map((l) => `${l}\n`).join(''), stats };
}

/** The in-thread run's stdout as bytes (raw text keeps input bytes that are not UTF-8) and its stderr. */
const inThread = (args: string[], files: string[]) => {
  const r = spawnSync(process.execPath, [BIN, 'parse', ...args, ...files], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined, TSAUDIT_WORKERS: '0', TZ: 'UTC' },
    maxBuffer: 512 << 20,
  });
  expect(r.status).toBe(0);
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8') };
};

describe('threaded parse, in-process: the in-thread bytes, rendered by the main thread and the workers', () => {
  const cases: [string[], RenderJob][] = [
    [['-format=json'], { kind: 'records', format: 'json', rawValues: false }],
    [['-format=json', '--raw-values'], { kind: 'records', format: 'json', rawValues: true }],
    [['-format=yaml'], { kind: 'records', format: 'yaml', rawValues: false }],
    [['-format=text'], { kind: 'records', format: 'text', rawValues: false }],
    [['-i', '-format=json', '-id=false'], { kind: 'interpret', format: 'json', ids: false }],
    [['-i', '-format=yaml'], { kind: 'interpret', format: 'yaml', ids: true }],
    [['-i', '--utc'], { kind: 'interpret', format: 'text', ids: true, utc: true }],
    [['-format=ecs'], { kind: 'ecs', ids: true }],
  ];
  it.each(cases)(
    'parse %s',
    async (args, job) => {
      const files = [SMALL, odd, RAW, LIVE];
      const one = inThread(args, files);
      const many = await threaded(files, job, { workers: 2 });
      expect(many.stats.main).toBeGreaterThan(0);
      expect(many.stats.workers).toBeGreaterThan(0);
      expect(one.stdout.length).toBeGreaterThan(100_000);
      expect(many.stdout.equals(one.stdout)).toBe(true);
      expect(many.stderr).toBe(one.stderr);
    },
    60_000,
  );

  it('--output: a file output gets the documents of the in-thread run, in order', async () => {
    const files = [SMALL, odd, RAW, LIVE];
    const one = join(dir, 'ship-one.ndjson');
    const many = join(dir, 'ship-many.ndjson');
    inThread(['-format=ecs', '--output', `file:${one}?size=1G`], files);
    const { shipEventSink, documentRenderer, shipBatchOutput } =
      await built<typeof import('../../../src/pipeline/ecs-sink.js')>('pipeline/ecs-sink.js');
    const { parseOutputUrl } = await built<typeof import('../../../src/ship/url.js')>('ship/url.js');
    const sink = shipEventSink(documentRenderer('ecs', { ids: true }), { outputs: [parseOutputUrl(`file:${many}?size=1G`)] });
    const run = await threaded(files, { kind: 'ecs', ids: true }, { workers: 2, out: shipBatchOutput(sink) });
    expect(run.stats.main).toBeGreaterThan(0);
    expect(run.stats.workers).toBeGreaterThan(0);
    const expected = readFileSync(one);
    expect(expected.length).toBeGreaterThan(100_000);
    expect(readFileSync(many).equals(expected)).toBe(true);
  }, 60_000);
});

describe('event lines: what crosses to a worker parses back to the same records', () => {
  it('ASCII, UTF-8, bytes that are not UTF-8 (escapes), a CR', () => {
    const lines = [
      'type=SYSCALL msg=audit(1700000000.123:7): arch=c000003e syscall=59 success=yes exit=0 comm="ls"',
      'node=h1 type=PATH msg=audit(1700000000.123:7): item=0 name="Łodz 🚀" nametype=NORMAL\r',
      'type=PROCTITLE msg=audit(1700000000.123:7): proctitle=6C73 odd="\udce9\udcff"',
    ];
    const records = lines.map((l) => parseRecord(l) as AuditRecord);
    const events: AuditEvent[] = [
      { node: undefined, sec: 1700000000, msec: 123, serial: 7, records: records.slice(0, 1) },
      { node: 'h1', sec: 1700000000, msec: 123, serial: 7, records: records.slice(1) },
    ];
    const some = new EventLineWriter(Buffer.alloc(16)); // grows
    for (const e of events) some.add(e, false);
    const all: AuditEvent[] = [];
    readEventLines(some.buf, some.pos, false, (e) => all.push(e));
    expect(all.map((e) => e.records.map((r) => r.line))).toEqual(events.map((e) => e.records.map((r) => r.line)));
    expect(all.map((e) => [e.node, e.serial, e.records.length])).toEqual([
      [undefined, 7, 1],
      ['h1', 7, 2],
    ]);
    // all-ASCII batches are copied as latin1
    const w = new EventLineWriter();
    w.add(events[0]!, true);
    const back: AuditEvent[] = [];
    readEventLines(w.buf, w.pos, true, (e) => back.push(e));
    expect(back[0]!.records[0]!.line).toBe(lines[0]);
  });
});

describe('parse on worker threads, from the command line', () => {
  function both(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}, workers = '1') {
    const one = runCli(args, { ...opts, env: { ...opts.env, TSAUDIT_WORKERS: '0' } });
    const many = runCli(args, { ...opts, env: { ...opts.env, TSAUDIT_WORKERS: workers } });
    return { one, many };
  }

  it.each([['-format=json'], ['-i', '-format=json', '-id=false'], ['-format=ecs']])(
    'parse %s over 23 MB and several files: the same bytes',
    (...args) => {
      const { one, many } = both(['parse', ...args, medium, odd]);
      expect(one.status).toBe(0);
      expect(one.stdout.length).toBeGreaterThan(1_000_000);
      expect(many.status).toBe(0);
      expect(many.stderr).toBe(one.stderr);
      expect(one.stderr).toContain('were not audit records');
      expect(many.stdout === one.stdout).toBe(true); // not toEqual: a diff of MBs helps nobody
    },
    120_000,
  ); // two full runs over 23 MB: over 30 s at a load average of 16 on 2 cores

  it('stdin (a pipe) works the same', () => {
    const input = readFileSync(medium);
    const { one, many } = both(['parse', '-format=json'], { input });
    expect(one.status).toBe(0);
    expect(many.stdout === one.stdout).toBe(true);
  }, 120_000);

  it('--strict fails the same way; an unreadable input among several is reported and the others are read', () => {
    const strict = both(['parse', '-i', '--strict', SMALL, odd]);
    expect(strict.one.status).toBe(1);
    expect(strict.many.status).toBe(1);
    expect(strict.many.stderr).toBe(strict.one.stderr);
    const { one, many } = both(['parse', '-format=json', SMALL, join(dir, 'missing.log'), LIVE]);
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('missing.log: no such file');
    expect(many.status).toBe(1);
    expect(many.stderr).toBe(one.stderr);
    expect(many.stdout === one.stdout).toBe(true);
  });

  it('a run that fails on its only input ends at once, threads and all', () => {
    // a directory passes for a file until it is read
    const r = runCli(['parse', '-i', dir], { env: { TSAUDIT_WORKERS: '2' }, timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tsaudit: cannot read ${dir}: is a directory\n`);
  });

  it('a bad TSAUDIT_WORKERS is a usage error naming it', () => {
    const r = runCli(['parse', '-format=json', SMALL], { env: { TSAUDIT_WORKERS: 'lots' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: TSAUDIT_WORKERS: expected a number of worker threads from 0 to 64, got "lots"\n');
  });
});

describe('threadPlan: when parse uses threads', () => {
  const idle =
    (cpus: number, busy = 0) =>
    () =>
      Promise.resolve({ cpus, busy });
  const noProbe = () => Promise.reject(new Error('small inputs must not look at the CPUs'));
  let big: string;
  beforeAll(() => {
    big = join(dir, 'big.log');
    writeFileSync(big, '');
    truncateSync(big, THREADS_MIN_BYTES); // sparse: size is what counts
  });

  it('inputs of THREADS_MIN_BYTES or more, one worker per free CPU besides this thread', async () => {
    expect(await threadPlan([big], {}, idle(2))).toEqual({ workers: 1 });
    expect(await threadPlan([big], {}, idle(8))).toEqual({ workers: 4 });
    expect(await threadPlan([big], {}, idle(4, 1))).toEqual({ workers: 2 });
    // a busy machine: two CPUs with one other runnable thread (on average) leave none for a worker
    expect(await threadPlan([big], {}, idle(2, 1))).toEqual({ workers: 0 });
    expect(await threadPlan([big], {}, idle(2, 0.6))).toEqual({ workers: 0 });
    expect(await threadPlan([big], {}, idle(2, 0.4))).toEqual({ workers: 1 });
    expect(await threadPlan([big], {}, idle(1))).toEqual({ workers: 0 });
    // sizes add up over the inputs; small ones alone stay in-thread without a look at the CPUs
    expect(await threadPlan([SMALL, big], {}, idle(2))).toEqual({ workers: 1 });
    expect(await threadPlan([SMALL, LIVE], {}, noProbe)).toEqual({ workers: 0 });
    expect(await threadPlan([join(dir, 'missing.log')], {}, noProbe)).toEqual({ workers: 0 });
  });

  it('stdin: a redirected file counts by its size; a pipe alone runs in-thread', async () => {
    expect(await threadPlan(['-'], {}, idle(2), () => THREADS_MIN_BYTES)).toEqual({ workers: 1 });
    expect(await threadPlan([], {}, idle(2), () => THREADS_MIN_BYTES)).toEqual({ workers: 1 });
    expect(await threadPlan(['-'], {}, noProbe, () => 1 << 20)).toEqual({ workers: 0 });
    expect(await threadPlan(['-'], {}, noProbe, () => undefined)).toEqual({ workers: 0 });
    expect(await threadPlan([], {}, noProbe, () => undefined)).toEqual({ workers: 0 });
    expect(await threadPlan([big, '-'], {}, idle(2), () => undefined)).toEqual({ workers: 1 });
  });

  it('TSAUDIT_WORKERS decides alone', async () => {
    expect(await threadPlan([SMALL], { TSAUDIT_WORKERS: '3' }, noProbe)).toEqual({ workers: 3 });
    expect(await threadPlan([big], { TSAUDIT_WORKERS: '0' }, noProbe)).toEqual({ workers: 0 });
    expect(await threadPlan([SMALL], { TSAUDIT_WORKERS: '' }, noProbe)).toEqual({ workers: 0 });
    await expect(threadPlan([SMALL], { TSAUDIT_WORKERS: '-1' })).rejects.toThrow(/TSAUDIT_WORKERS/);
    await expect(threadPlan([SMALL], { TSAUDIT_WORKERS: '65' })).rejects.toThrow(/TSAUDIT_WORKERS/);
  });

  it('machineNow reads the runnable threads of /proc/stat, less this one', async () => {
    const m = await machineNow(3);
    expect(m.cpus).toBeGreaterThanOrEqual(1);
    expect(m.busy).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(m.busy * 3)).toBe(true);
  });
});
