// The prefilter tests as search runs them while reading (src/search/line-scan.ts): however the input is cut into
// chunks, the hits of each line are those of the same tests on that line alone (a place of the needle inside
// the line's own bytes; -sv no's test on the text of a line whose type counts).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, BlockLines, BlockPool } from '../../../src/search/blocks.js';
import { FAILURE_TEST } from '../../../src/search/failure.js';
import { header, readHeader } from '../../../src/search/header.js';
import { LineScans } from '../../../src/search/line-scan.js';
import { type LineTest, Needle } from '../../../src/search/needle.js';

const LOG = readFileSync(new URL('../../fixtures/corpus/real-small.log', import.meta.url)).subarray(0, 60000);

/** Each line's hits as search computes them, reading `input` in the chunks `cuts` make. */
function scanned(input: Buffer, cuts: number[], tests: LineTest[]): number[] {
  const scans = new LineScans(tests);
  const out: number[] = [];
  const sink = {
    onBlock: (b: Block) => scans.load(b),
    onLine: (b: Block, start: number, end: number) => {
      if (!readHeader(b.buf, start, end)) return void out.push(-1);
      let hits = scans.next < end ? scans.hits(start, end, header.type) : 0;
      if (scans.byText !== 0) hits |= scans.textHitsAt(b.buf, start, end, header.type);
      out.push(hits);
    },
  };
  const splitter = new BlockLines(new BlockPool(), sink);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    splitter.push(Buffer.from(input.subarray(at, c)));
    at = c;
  }
  splitter.push(Buffer.from(input.subarray(at)));
  splitter.end();
  return out;
}

/** The same tests on each line alone. */
function alone(input: Buffer, tests: LineTest[]): number[] {
  const lines = input.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => {
    const buf = Buffer.from(line, 'latin1');
    if (!readHeader(buf, 0, buf.length)) return -1;
    let hits = 0;
    tests.forEach((t, i) => {
      const passes = t.places !== undefined ? t.places(buf, buf.length).length > 0 : t.test(line);
      if (passes && t.counts(header.type)) hits |= 1 << i;
    });
    return hits;
  });
}

describe('LineScans', () => {
  const cases: [string, LineTest[]][] = [
    ['a key', [Needle.of('passwd')!]],
    ['a key in hex only', [Needle.of('/usr/bin')!]],
    ['-sv no', [FAILURE_TEST]],
    ['a key and -sv no', [Needle.of('exec')!, FAILURE_TEST]],
  ];

  it.each(cases)('%s: any chunking gives the hits of each line alone', (_, tests) => {
    const expected = alone(LOG, tests);
    expect(expected.some((h) => h > 0)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: LOG.length }), { maxLength: 12 }), (cuts) => {
        expect(scanned(LOG, cuts, tests)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
