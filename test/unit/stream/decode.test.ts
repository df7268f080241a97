import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, isRecordError, recordFromNetlink } from '../../../src/parse/record.js';
import { messageTypeNumber } from '../../../src/tables/message-types.js';
import { recordFromAsciiPayload } from '../../../src/stream/decode.js';

const fields = (r: AuditRecord) => [r.line, r.type, r.typeName, r.node, r.sec, r.msec, r.serial, r.msgStart, r.bodyStart, r.bodyEnd];

/** Corpus lines as the netlink socket delivers them: the type number and the payload after `msg=`. */
function netlinkForms(file: string): { type: number; payload: string }[] {
  const out: { type: number; payload: string }[] = [];
  for (const line of readFileSync(new URL(`../../fixtures/corpus/${file}`, import.meta.url), 'latin1').split('\n')) {
    const m = /^type=(\S+) msg=(audit\(.*)$/.exec(line);
    if (!m) continue;
    const type = messageTypeNumber(m[1]!);
    if (type !== undefined) out.push({ type, payload: m[2]! });
  }
  return out;
}

describe('stream decode: netlink payload bytes -> AuditRecord', () => {
  it('equals recordFromNetlink on every corpus record it takes, and takes nearly all of them', () => {
    let taken = 0;
    let all = 0;
    for (const file of ['real-small.log', 'real-small-raw.log', 'live-stream.log']) {
      for (const { type, payload } of netlinkForms(file)) {
        if (payload.includes('\x1d')) continue; // ENRICHED suffixes are auditd's, never on the socket
        all++;
        const bytes = Buffer.from(`${payload}\0\n`, 'latin1');
        const fast = recordFromAsciiPayload(type, bytes);
        const slow = recordFromNetlink(type, payload);
        if (fast === undefined) continue;
        taken++;
        expect(isRecordError(slow)).toBe(false);
        expect(fields(fast)).toEqual(fields(slow as AuditRecord));
        expect(fast.fields()).toEqual((slow as AuditRecord).fields());
      }
    }
    expect(all).toBeGreaterThan(100);
    expect(taken / all).toBeGreaterThan(0.99);
  });

  it('declines what it does not handle plainly (the general path decides)', () => {
    const no = (type: number, s: string) => expect(recordFromAsciiPayload(type, Buffer.from(s, 'latin1'))).toBeUndefined();
    no(1300, 'audit(1700000000.12:5): a=b'); // short fraction: parseRecord scales it
    no(1300, 'audit(1700000000.123 :5): a=b');
    no(1300, 'audit(1700000000.123:5) a=b');
    no(1300, 'x audit(1700000000.123:5): a=b');
    no(1300, 'audit(1700000000.123:5): a=b\x1dA=B');
    no(1300, 'audit(1700000000.123:5): a=b\r');
    no(99999, 'audit(1700000000.123:5): a=b'); // UNKNOWN[99999]
  });

  it('random headers and bodies: equal to the general path whenever taken', () => {
    const body = fc.stringMatching(/^[ -~]{0,60}$/);
    fc.assert(
      fc.property(
        fc.nat(2 ** 40),
        fc.nat(999),
        fc.nat(2 ** 32),
        fc.constantFrom(1300, 1302, 1320, 1327, 1112),
        body,
        (sec, ms, serial, type, b) => {
          const payload = `audit(${sec}.${String(ms).padStart(3, '0')}:${serial}): ${b}`;
          const fast = recordFromAsciiPayload(type, Buffer.from(payload, 'latin1'));
          const slow = recordFromNetlink(type, payload);
          if (fast !== undefined) expect(fields(fast)).toEqual(fields(slow as AuditRecord));
          else expect(/[\r\x1d]$|\x1d/.test(b) || b.endsWith('\r')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
