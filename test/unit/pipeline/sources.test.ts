// Sources: gzip by magic bytes (files and stdin), a directory as its rotated logs oldest first, and the
// event-selection hook of readLogs.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src/parse/reassemble.js';
import { readLogs } from '../../../src/pipeline/read-logs.js';
import type { EventSink } from '../../../src/pipeline/sinks.js';
import { expandInputs } from '../../../src/pipeline/sources.js';
import { runCli } from '../../helpers/cli.js';

const SMALL = 'test/fixtures/corpus/real-small.log';
const dir = mkdtempSync(join(tmpdir(), 'tsaudit-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const small = readFileSync(SMALL);
const gz = join(dir, 'audit.log.gz');
writeFileSync(gz, gzipSync(small));

describe('gzip, recognized by its magic bytes', () => {
  const plain = runCli(['parse', '-format=json', SMALL]);

  it('tsaudit parse file.gz prints what parse of the plain file prints', () => {
    const r = runCli(['parse', '-format=json', gz]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout.length).toBeGreaterThan(1000);
  });

  it('cat file.gz | tsaudit parse: the same', () => {
    const r = runCli(['parse', '-format=json'], { input: readFileSync(gz) });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(plain.stdout);
  });

  it('-i reads gzip too', () => {
    const r = runCli(['parse', '-i', '--no-id', gz]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(runCli(['parse', '-i', '--no-id', SMALL]).stdout);
  });

  it('a plain log named .gz is read as it is', () => {
    const named = join(dir, 'plain.gz');
    writeFileSync(named, small);
    expect(runCli(['parse', '-format=json', named]).stdout).toBe(plain.stdout);
  });

  it('broken gzip data: one line naming the file, exit 1', () => {
    const bad = join(dir, 'bad.gz');
    const bytes = gzipSync(small);
    writeFileSync(bad, Buffer.concat([bytes.subarray(0, 20), Buffer.alloc(200, 0x41)]));
    const r = runCli(['parse', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^tsaudit: cannot read ${bad}: not valid gzip data \\(.+\\)\\n$`));
  });
});

describe('a directory of rotated logs', () => {
  const logs = join(dir, 'audit');
  mkdirSync(logs);
  const lines = small.toString('latin1').split('\n').filter(Boolean);
  const parts = [lines.slice(0, 100), lines.slice(100, 200), lines.slice(200, 300)].map((p) => `${p.join('\n')}\n`);
  // audit.log.2 is the oldest, audit.log the newest
  writeFileSync(join(logs, 'audit.log.2'), parts[0]!, 'latin1');
  writeFileSync(join(logs, 'audit.log.1'), parts[1]!, 'latin1');
  writeFileSync(join(logs, 'audit.log'), parts[2]!, 'latin1');
  writeFileSync(join(logs, 'audit.log.10'), '', 'latin1');
  writeFileSync(join(logs, 'notes.txt'), 'not a log\n');

  it('expands to audit.log.N … audit.log.1, audit.log (numerically, oldest first)', () => {
    expect(expandInputs([logs, SMALL])).toEqual(
      ['audit.log.10', 'audit.log.2', 'audit.log.1', 'audit.log'].map((n) => join(logs, n)).concat(SMALL),
    );
    expect(expandInputs([dir])).toEqual([dir]); // no audit.log*: stays, and reading it says "is a directory"
  });

  it('parse DIR prints what parse of the files in that order prints', () => {
    const whole = join(dir, 'whole.log');
    writeFileSync(whole, parts.join(''), 'latin1');
    const r = runCli(['parse', logs]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(runCli(['parse', whole]).stdout);
  });
});

describe('readLogs: the event-selection hook', () => {
  it('the sink sees only the events `select` accepts; counts still cover all', async () => {
    const got: AuditEvent[] = [];
    const sink: EventSink = { write: (e) => got.push(e) > 0, ready: async () => undefined, end: async () => undefined };
    const input = Readable.from([small]);
    const r = await readLogs({ files: ['-'], stdin: input, sink, select: (e) => e.records.some((x) => x.type === 1300) });
    expect(got.length).toBeGreaterThan(10);
    expect(got.length).toBeLessThan(r.events);
    expect(got.every((e) => e.records.some((x) => x.type === 1300))).toBe(true);
  });

  it('an aborted signal stops reading before the next input', async () => {
    const got: AuditEvent[] = [];
    const sink: EventSink = { write: (e) => got.push(e) > 0, ready: async () => undefined, end: async () => undefined };
    const r = await readLogs({ files: [SMALL], sink, signal: AbortSignal.abort() });
    expect([r.lines, got.length]).toEqual([0, 0]);
  });
});
