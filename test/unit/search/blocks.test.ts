// The byte-level reading of search: the line splitter over blocks gives the lines of the input however it is
// chunked, and the header reader, where it accepts a line, reads what parseRecord reads (elsewhere it
// declines, and parseRecord decides).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../src/parse/record.js';
import { BlockLines, BlockPool } from '../../../src/search/blocks.js';
import { header, readHeader } from '../../../src/search/header.js';

const LOG = readFileSync(new URL('../../fixtures/corpus/real-small.log', import.meta.url));

function splitInChunks(input: Buffer, cuts: number[]): string[] {
  const lines: string[] = [];
  const pool = new BlockPool();
  const splitter = new BlockLines(pool, { onLine: (b, s, e) => void lines.push(b.buf.toString('latin1', s, e)) });
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    // chunks are reused by the reader: the splitter must copy what it keeps
    const chunk = Buffer.from(input.subarray(at, c));
    splitter.push(chunk);
    chunk.fill(0x41);
    at = c;
  }
  splitter.push(Buffer.from(input.subarray(at)));
  splitter.end();
  return lines;
}

describe('BlockLines', () => {
  it('any chunking gives the lines of one chunk', () => {
    const input = LOG.subarray(0, 20000);
    const whole = input.toString('latin1').split('\n');
    if (whole[whole.length - 1] === '') whole.pop();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 20 }), (cuts) => {
        expect(splitInChunks(input, cuts)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('an unfinished last line and empty lines are lines; a line longer than a block is whole', () => {
    const long = `type=SYSCALL msg=audit(1.000:1): ${'x'.repeat(3 << 20)}`;
    expect(splitInChunks(Buffer.from(`a\n\n${long}\nb`), [1, 5, 1 << 20])).toEqual(['a', '', long, 'b']);
  });
});

describe('readHeader', () => {
  const agrees = (line: string): void => {
    const buf = Buffer.from(`${line}\n`, 'latin1');
    if (!readHeader(buf, 0, buf.length - 1)) return;
    const r = parseRecord(line);
    expect(r.kind).toBe('record');
    if (r.kind !== 'record') return;
    expect({ ...header }).toEqual({ type: r.type, sec: r.sec, msec: r.msec, serial: r.serial, node: r.node });
  };

  it('reads every line of a real log as parseRecord does', () => {
    let read = 0;
    for (const line of LOG.toString('latin1').split('\n')) {
      const buf = Buffer.from(`${line}\n`, 'latin1');
      if (readHeader(buf, 0, buf.length - 1)) read++;
      agrees(line);
    }
    expect(read).toBeGreaterThan(4500);
  });

  it.each([
    'node=web1 type=USER_LOGIN msg=audit(1700000000.123:42): pid=1',
    'type=UNKNOWN[1329] msg=audit(1700000000.123:42): x=1',
    'type=SYSCALL msg=audit(1700000000.5:42): short fraction',
    'type=SYSCALL  msg=audit(1700000000.123:42): two spaces',
    'type=DAEMON_START msg=audit(1700000000.123:42) no colon',
    'type=SYSCALL msg=audit(1700000000.123:42):\r',
    'type=SYSCALL msg=audit(1700000000.123:42',
    'node= type=SYSCALL msg=audit(1.123:4): x',
    '',
  ])('agrees with parseRecord or declines: %j', (line) => agrees(line));

  it('agrees with parseRecord on mangled headers', () => {
    const base = 'node=h1 type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e';
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        agrees(base.slice(0, at) + String.fromCharCode(byte) + base.slice(at + 1));
        agrees(base.slice(0, at));
      }),
      { numRuns: 500 },
    );
  });
});
