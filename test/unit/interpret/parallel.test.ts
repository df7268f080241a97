// `parse -i` on worker threads (src/pipeline/interpret-parallel.ts) must write exactly what the in-thread run
// writes: same stdout bytes, same stderr, same exit code, for every format and for the awkward inputs.
// TSAUDIT_WORKERS forces the thread count whatever the input size (0: in-thread).

import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARALLEL_MIN_BYTES, workersFor } from '../../../src/pipeline/interpret-parallel.js';
import { ROOT, runCli } from '../../helpers/cli.js';

const SMALL = 'test/fixtures/corpus/real-small.log';
let dir: string;
let medium: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-parallel-'));
  medium = join(dir, 'real-medium.log');
  // 21,407 events: about 42 batches of 512, spread over the workers
  writeFileSync(medium, gunzipSync(readFileSync('test/fixtures/corpus/real-medium.log.gz')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function both(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}, workers = '3') {
  const one = runCli(args, { ...opts, env: { ...opts.env, TSAUDIT_WORKERS: '0' } });
  const many = runCli(args, { ...opts, env: { ...opts.env, TSAUDIT_WORKERS: workers } });
  return { one, many };
}

describe('parse -i on worker threads', () => {
  it.each(['json', 'yaml', 'text'])(
    '-format=%s: the same bytes as in-thread, over several files',
    (format) => {
      const { one, many } = both(['parse', '-i', `-format=${format}`, medium, SMALL]);
      expect(one.status).toBe(0);
      expect(one.stdout.length).toBeGreaterThan(1_000_000);
      expect(many.status).toBe(0);
      expect(many.stderr).toBe(one.stderr);
      expect(many.stdout === one.stdout).toBe(true); // not toEqual: a diff of MBs helps nobody
    },
    120_000,
  ); // two full runs over 23 MB; YAML took over 30 s on a loaded 2-core machine

  it("text beyond latin1 is UTF-8, also where a character's low byte is ASCII (Ł is U+0141)", () => {
    const odd = join(dir, 'odd.log');
    // proctitle "Łodz" and "日本 🚀" (hex, as the kernel writes non-ASCII), between two copies of the medium log
    const lines = [
      'type=PROCTITLE msg=audit(1700000000.123:42): proctitle=C5816F647A',
      'type=PROCTITLE msg=audit(1700000000.124:43): proctitle=E697A5E69CAC20F09F9A80',
    ];
    writeFileSync(odd, `${lines.join('\n')}\n`);
    const { one, many } = both(['parse', '-i', '-format=json', '-id=false', medium, odd, medium], {}, '2');
    expect(one.stdout).toContain('"title":"Łodz"');
    expect(one.stdout).toContain('"title":"日本 🚀"');
    expect(many.stdout === one.stdout).toBe(true);
  });

  it('two threads, coloured text, names from this host: the same bytes', () => {
    const { one, many } = both(['parse', '-i', medium], { env: { FORCE_COLOR: '1' } }, '2');
    expect(one.stdout).toContain('\u001b[');
    expect(many.stdout === one.stdout).toBe(true);
  });

  it('stdin works the same', () => {
    const input = readFileSync(medium, 'utf8');
    const { one, many } = both(['parse', '-i', '-format=json', '-id=false'], { input });
    expect(one.status).toBe(0);
    expect(many.stdout === one.stdout).toBe(true);
  }, 120_000); // two full runs over 22 MB: over 30 s at a load average of 16 on 2 cores

  it('bad lines are reported once, counted, and --strict fails the same way', () => {
    const lines = readFileSync(SMALL, 'utf8').split('\n');
    lines.splice(500, 0, 'this is not an audit record');
    lines.splice(10, 0, 'type=SYSCALL msg=audit(garbage');
    const bad = join(dir, 'bad.log');
    writeFileSync(bad, lines.join('\n'));
    const { one, many } = both(['parse', '-i', '-format=json', medium, bad]);
    expect(one.status).toBe(0);
    expect(one.stderr.split('\n').filter((l) => l.startsWith(`${bad}:`))).toHaveLength(2);
    expect(many.stderr).toBe(one.stderr);
    expect(many.stdout === one.stdout).toBe(true);
    const strict = both(['parse', '-i', '--strict', medium, bad]);
    expect(strict.one.status).toBe(1);
    expect(strict.many.status).toBe(1);
    expect(strict.many.stderr).toBe(strict.one.stderr);
  }, 120_000); // four runs over 23 MB: over 30 s on a loaded 2-core machine

  it('an unreadable input among several is reported and the others are still read', () => {
    const { one, many } = both(['parse', '-i', '-format=json', SMALL, join(dir, 'missing.log'), medium]);
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('missing.log: no such file');
    expect(many.status).toBe(1);
    expect(many.stderr).toBe(one.stderr);
    expect(many.stdout === one.stdout).toBe(true);
  });

  it('a run that fails on its only input ends at once, threads and all', () => {
    // a directory passes for a file until it is read; before the fix the threads kept the process alive
    const r = runCli(['parse', '-i', dir], { env: { TSAUDIT_WORKERS: '2' }, timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`tsaudit: cannot read ${dir}: is a directory\n`);
  });

  it('chunks too large for the shared input ring reach the threads as copies: the same bytes', async () => {
    // the built modules (the worker script exists only there); readLogs reads 3 MiB at a time, the ring's
    // slots hold 1 MiB, so every chunk takes the copy path
    const built = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'dist', path)).href)) as T;
    const { parallelDriver } = await built<typeof import('../../../src/pipeline/interpret-parallel.js')>('pipeline/interpret-parallel.js');
    const { readLogs } = await built<typeof import('../../../src/pipeline/read-logs.js')>('pipeline/read-logs.js');
    const { Output } = await built<typeof import('../../../src/format/output.js')>('format/output.js');
    const written: Buffer[] = [];
    // a copy: once written, a batch's memory goes back to its thread
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(Buffer.from(chunk));
        done();
      },
    });
    await readLogs({
      files: [medium],
      highWaterMark: 3 << 20,
      driver: (report) => parallelDriver({ format: 'json', ids: false, workers: 2 }, report, new Output(sink)),
    });
    const one = runCli(['parse', '-i', '-format=json', '-id=false', medium], { env: { TSAUDIT_WORKERS: '0' } });
    expect(one.stdout.length).toBeGreaterThan(1_000_000);
    expect(Buffer.concat(written).toString('utf8') === one.stdout).toBe(true);
  });

  it('a bad TSAUDIT_WORKERS is a usage error naming it', () => {
    const r = runCli(['parse', '-i', SMALL], { env: { TSAUDIT_WORKERS: 'lots' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: TSAUDIT_WORKERS: expected a number of threads from 0 to 64, got "lots"\n');
  });
});

describe('workersFor: when parse -i uses threads', () => {
  it('inputs of PARALLEL_MIN_BYTES or more, with CPUs free for a reader and two workers or more', () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, '');
    truncateSync(big, PARALLEL_MIN_BYTES); // sparse: size is what counts
    const idle8 = { cpus: 8, load: 0.2 };
    expect(workersFor([big], {}, idle8)).toBe(4);
    expect(workersFor([big], {}, { cpus: 4, load: 0 })).toBe(3);
    expect(workersFor([big], {}, { cpus: 3, load: 0 })).toBe(2);
    // two CPUs: a reader and two workers share them, and cost more CPU than one thread (docs/performance.md)
    expect(workersFor([big], {}, { cpus: 2, load: 0 })).toBe(0);
    // busy CPUs are not free: eight CPUs with seven runnable threads elsewhere leave one
    expect(workersFor([big], {}, { cpus: 8, load: 7 })).toBe(0);
    expect(workersFor([big], {}, { cpus: 8, load: 4.5 })).toBe(2);
    expect(workersFor([SMALL], {}, idle8)).toBe(0);
    expect(workersFor(['/dev/null'], {}, idle8)).toBe(0);
    expect(workersFor([join(dir, 'missing.log')], {}, idle8)).toBe(0);
  });

  it('stdin counts by its size when it is a redirected file; a pipe (no size) stays in-thread', () => {
    const big = join(dir, 'big.log');
    writeFileSync(big, '');
    truncateSync(big, PARALLEL_MIN_BYTES);
    const idle8 = { cpus: 8, load: 0 };
    expect(workersFor(['-'], {}, idle8, () => PARALLEL_MIN_BYTES)).toBe(4);
    expect(workersFor([], {}, idle8, () => PARALLEL_MIN_BYTES)).toBe(4);
    expect(workersFor(['-'], {}, idle8, () => 1 << 20)).toBe(0);
    expect(workersFor(['-'], {}, idle8, () => undefined)).toBe(0);
    expect(workersFor([big, '-'], {}, idle8, () => undefined)).toBe(0);
    expect(workersFor([big, '-'], {}, idle8, () => 0)).toBe(4);
  });

  it('TSAUDIT_WORKERS decides alone: 0 and 1 mean in-thread', () => {
    expect(workersFor([SMALL], { TSAUDIT_WORKERS: '3' })).toBe(3);
    expect(workersFor(['-'], { TSAUDIT_WORKERS: '2' })).toBe(2);
    expect(workersFor([SMALL], { TSAUDIT_WORKERS: '1' })).toBe(0);
    expect(workersFor([SMALL], { TSAUDIT_WORKERS: '' })).toBe(0);
    expect(() => workersFor([SMALL], { TSAUDIT_WORKERS: '-1' })).toThrow(/TSAUDIT_WORKERS/);
  });
});
