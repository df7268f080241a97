// Property and fuzz tests for the parser (fast-check):
// - ≥ 100,000 mutated real lines and random lines: nothing throws, every line is either a record or a
//   record-level error (records + errors = lines), every field value is text of the line, the JSON equals
//   the object form, and the JSON (with go-libaudit's values or raw ones) gives back the line's bytes;
// - any chunking of the input bytes gives the same lines, records and events as one chunk.

import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/parse/lines.js';
import { EventAssembler } from '../../../src/parse/reassemble.js';
import { encodeLossless } from '../../../src/parse/lossless.js';
import { recordJSON, recordLineBytes, recordToPlain } from '../../../src/parse/record-json.js';
import { parseRecord } from '../../../src/parse/record.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, FIXTURES), 'utf8').split('\n').filter(Boolean);

// A mix of real shapes: ENRICHED and RAW kernel records, user-space msg='…', EOE, old formats.
const BASE = [
  ...read('corpus/real-small.log').filter((_, i) => i % 7 === 0),
  ...read('corpus/live-stream.log').filter((_, i) => i % 23 === 0),
  ...['audit-rhel6.log', 'audit-ubuntu16.log', 'audit-ubuntu17.log', 'test2.log', 'test3.log'].flatMap((f) =>
    read(`go-libaudit/auparse/testdata/${f}`),
  ),
];

const SYNTAX = [
  '=',
  ' ',
  '"',
  "'",
  '\x1d',
  '\\',
  '(',
  ')',
  ':',
  '.',
  '{',
  '}',
  '\t',
  '\r',
  '\0',
  'é',
  '日',
  '😀',
  'msg=',
  'type=',
  'audit(',
  'node=',
  '%',
  '__proto__=',
];

let roundTrips = 0;
const CANONICAL_HEADER = /^(?:node=[^ ]* )?type=[^ ]+ msg=/;

function check(ok: boolean, what: string, line: string): void {
  // plain checks: vitest's expect costs microseconds, and this runs millions of times
  if (!ok) throw new Error(`${what}: ${JSON.stringify(line)}`);
}

/** One line's outcome, comparable across runs. */
function outcome(line: string): string {
  const r = parseRecord(line);
  if (r.kind === 'error') {
    check(r.reason.length > 0, 'error without a reason', line);
    return `E ${r.code}`;
  }
  // Every part of the lazy model works and returns text of the line.
  for (const f of r.fields()) {
    check(line.includes(f.value), `value ${f.value} not in the line`, line);
    check(line.includes(f.key.replace(/^(old|new) /, '')), `key ${f.key} not in the line`, line);
  }
  for (const t of r.text()) check(line.includes(t.text), 'text not in the line', line);
  if (r.msg !== undefined) check(line.includes(r.msg), 'msg not in the line', line);
  for (const [k, v] of Object.entries(r.enriched())) check(line.includes(k) && line.includes(v), 'enriched not in the line', line);
  const json = recordJSON(r);
  check(json.endsWith('}\n') && json.indexOf('\n') === json.length - 1, 'JSON is not one line', line);
  check(isDeepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(recordToPlain(r)))), 'recordJSON differs from recordToPlain', line);
  for (const raw of [false, true]) {
    const j = recordJSON(r, { rawValues: raw });
    check(j.indexOf('\n') === j.length - 1, 'JSON is not one line', line);
    // The JSON gives back the line's bytes (for a header spelled as auditd writes it).
    if (CANONICAL_HEADER.test(line)) {
      check(recordLineBytes(JSON.parse(j)).equals(encodeLossless(line)), 'JSON does not give back the line', line);
      roundTrips++;
    }
  }
  return `R ${r.serial} ${json}`;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SYNTAX) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(line: string, muts: Mutation[]): string {
  let s = line;
  for (const m of muts) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    switch (m.kind) {
      case 'insert':
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      case 'delete':
        s = s.slice(0, at) + s.slice(at + m.len);
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'flip': {
        const c = String.fromCharCode(m.code);
        s = s.slice(0, at) + (c === '\n' ? ' ' : c) + s.slice(at + 1);
        break;
      }
      case 'repeat':
        s = s.slice(0, at) + s.slice(at, at + m.len) + s.slice(at);
        break;
    }
  }
  return s.replace(/\n/g, ' ');
}

const mutatedLine = fc
  .tuple(fc.nat({ max: BASE.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([i, muts]) => mutate(BASE[i]!, muts));

const randomLine = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.array(fc.constantFrom(...SYNTAX, 'a', 'b', 'key', '1', '0x', 'AF'), { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .tuple(
      fc.constantFrom('SYSCALL', 'USER_CMD', 'UNKNOWN[1999]', 'EOE', 'x'),
      fc.nat(),
      fc.nat({ max: 999 }),
      fc.nat(),
      fc.array(fc.constantFrom(...SYNTAX, 'a', 'arch=c000003e', 'syscall=59', 'res=1'), { maxLength: 30 }),
    )
    .map(([t, sec, ms, serial, body]) =>
      `type=${t} msg=audit(${sec}.${String(ms).padStart(3, '0')}:${serial}): ${body.join('')}`.replace(/\n/g, ' '),
    ),
);

const BATCH = 100;
const RUNS = 1000; // 1000 batches x 100 lines = 100,000 lines

describe('parser fuzz', () => {
  it(`${BATCH * RUNS} mutated and random lines: no exception, every line a record or an error`, () => {
    let lines = 0;
    let records = 0;
    let errors = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 3, arbitrary: mutatedLine }, { weight: 1, arbitrary: randomLine }), {
          minLength: BATCH,
          maxLength: BATCH,
        }),
        (batch) => {
          const input = Buffer.from(`${batch.join('\n')}\n`);
          const seen: string[] = [];
          const splitter = new LineSplitter((line) => {
            const o = outcome(line);
            seen.push(o);
            if (o.startsWith('R')) records++;
            else errors++;
          });
          splitter.push(input);
          splitter.end();
          check(seen.length === batch.length, `${seen.length} outcomes for ${batch.length} lines`, batch.join('\n'));
          lines += batch.length;
        },
      ),
      { numRuns: RUNS, seed: 20261121 },
    );
    expect(lines).toBeGreaterThanOrEqual(100_000);
    expect(records + errors).toBe(lines);
    expect(records).toBeGreaterThan(lines / 4); // the mutations leave many records intact
    expect(errors).toBeGreaterThan(lines / 20);
    expect(roundTrips).toBeGreaterThan(records); // both value modes, most headers canonical
    // 100,000 lines through the parser and both record writers: 30-46 s on a loaded shared machine
  }, 120_000);

  it('any chunking of the bytes gives the same lines, records and events', () => {
    const corpus = Buffer.from(
      `${[...read('corpus/real-small.log').slice(0, 400), 'garbage \0 line', '', 'type=EOE msg=audit(1.000:1): ', 'héllo 日本 😀 é'].join('\r\n')}\nlast line without newline`,
    );
    const run = (chunks: Buffer[]) => {
      const lines: string[] = [];
      const events: string[] = [];
      const asm = new EventAssembler((e) => events.push(`${e.serial}:${e.records.length}`));
      const s = new LineSplitter((line, no) => {
        lines.push(`${no}:${line}`);
        const r = parseRecord(line);
        if (r.kind === 'record') asm.push(r);
      });
      for (const c of chunks) s.push(c);
      s.end();
      asm.flush();
      return { lines, events };
    };
    const whole = run([corpus]);
    expect(whole.lines).toHaveLength(405);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: corpus.length - 1 }), { maxLength: 60 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), corpus.length];
        const chunks = points.slice(1).map((end, i) => corpus.subarray(points[i], end));
        expect(run(chunks)).toEqual(whole);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('random bytes in random chunks: lines = newlines (+1 for an unterminated tail), never a throw', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
        (bytes, sizes) => {
          const buf = Buffer.from(bytes);
          let n = 0;
          const s = new LineSplitter((line) => {
            n++;
            outcome(line);
          });
          let off = 0;
          for (let i = 0; off < buf.length; i++) {
            const size = sizes[i % sizes.length]!;
            s.push(buf.subarray(off, off + size));
            off += size;
          }
          s.end();
          const newlines = bytes.filter((b) => b === 10).length;
          expect(n).toBe(newlines + (buf.length > 0 && buf[buf.length - 1] !== 10 ? 1 : 0));
        },
      ),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('overlong lines are counted and skipped, not buffered', () => {
    const got: string[] = [];
    const s = new LineSplitter((line, no, overlong) => got.push(overlong ? `${no}:overlong ${overlong.bytes}` : `${no}:${line}`), 16);
    s.push(Buffer.from('short\n'));
    s.push(Buffer.from('x'.repeat(10)));
    s.push(Buffer.from('y'.repeat(10)));
    s.push(Buffer.from('z\nok\n'));
    s.push(Buffer.from(`${'w'.repeat(40)}\nend`));
    s.end();
    expect(got).toEqual(['1:short', '2:overlong 21', '3:ok', '4:overlong 40', '5:end']);
  });
});
