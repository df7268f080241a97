// The record JSON is written as bytes (src/parse/json-bytes.ts) and reused by body text (record-json.ts's
// member caches): both must give exactly the bytes JSON.stringify and a fresh write would.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes } from '../../../src/parse/json-bytes.js';
import { recordJSON, recordToPlain } from '../../../src/parse/record-json.js';
import { recordOf } from '../../helpers/records.js';

function strBytes(s: string): Buffer {
  const j = new JsonBytes(16);
  j.str(s);
  return Buffer.from(j.buf.subarray(0, j.pos));
}

describe('JsonBytes string literals', () => {
  it('are the UTF-8 bytes of JSON.stringify, for any UTF-16 text (lone surrogates, controls, quotes)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          for (const s of [a, b, a + b]) expect(strBytes(s)).toEqual(Buffer.from(JSON.stringify(s), 'utf8'));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grows past its first buffer and writes integers as String() does', () => {
    const j = new JsonBytes(4);
    const long = '"\\\x1d'.repeat(5000);
    j.str(long);
    for (const n of [0, 7, 10, 1469188, 999999999999999]) j.int(n);
    expect(j.buf.toString('utf8', 0, j.pos)).toBe(JSON.stringify(long) + ['0', '7', '10', '1469188', '999999999999999'].join(''));
  });
});

const H = (type: string, serial: number) => `type=${type} msg=audit(1796283066.289:${serial}): `;

/** Lines whose keys are all distinct: their JSON is JSON.stringify of the object, byte for byte. */
const LINES = [
  `${H('PATH', 1)}item=0 name="/etc/" inode=19 dev=fe:00 mode=040755 ouid=0 ogid=0 rdev=00:00 nametype=PARENT cap_fp=0\x1dOUID="root" OGID="root"`,
  `${H('PROCTITLE', 2)}proctitle=2F62696E2F62617368002F7372762F61756469746C6162`,
  `${H('PROCTITLE', 3)}proctitle=68C3A96C6C6F00FF0A22`,
  `${H('CWD', 4)}cwd="/r\u00e9p \udce9"`,
  `${H('SYSCALL', 5)}arch=c000003e syscall=2 success=no exit=-13 a0=1 auid=4294967295 ses=-1 comm="a\\b" key="k"\x1dARCH=x86_64 SYSCALL=open`,
  `${H('USER_CMD', 6)}pid=1 uid=0 auid=0 ses=1 subj=u:r:t:s0-s0:c0.c1023 msg='cwd="/" cmd=6C73202D6C terminal=pts/0 res=success'`,
  `${H('SOCKADDR', 7)}saddr=0100002F6F72672F6B65726E656C00`,
  `${H('EXECVE', 8)}argc=3 a0="echo" a1=68C3A96C6C6F a2="" a3=?`,
];

describe('record JSON bytes', () => {
  it('are JSON.stringify of the record object, cached or not', () => {
    for (const line of LINES) {
      const r = recordOf(line);
      const want = `${JSON.stringify(recordToPlain(r))}\n`;
      // the first write fills the member caches, the later ones read them
      for (let i = 0; i < 3; i++) expect(recordJSON(r), line).toBe(want);
    }
  });

  it('stay the same once a record type stops caching (every body different)', () => {
    const seen: string[] = [];
    for (let i = 0; i < 1100; i++) {
      const r = recordOf(`${H('SYSCALL', 100 + i)}arch=c000003e syscall=59 success=yes exit=0 pid=${i} comm="x" exe=2F62696E2F78`);
      const json = recordJSON(r);
      expect(json).toBe(`${JSON.stringify(recordToPlain(r))}\n`);
      if (i < 3) seen.push(json);
    }
    // a body seen before the cache turned off is written afresh, the same
    expect(recordJSON(recordOf(`${H('SYSCALL', 100)}arch=c000003e syscall=59 success=yes exit=0 pid=0 comm="x" exe=2F62696E2F78`))).toBe(
      seen[0],
    );
  });
});
