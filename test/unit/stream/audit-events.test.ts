import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../src/parse/record.js';
import { decodeNetlink, streamCodec } from '../../../src/stream/audit-events.js';

describe('stream codec: netlink message -> record', () => {
  it('gives the record parse would give for the same line', () => {
    const r = decodeNetlink(1300, Buffer.from('audit(1700000000.123:42): arch=c000003e syscall=110 comm="x" key="k"\0\n')) as AuditRecord;
    expect(r.line).toBe('type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=110 comm="x" key="k"');
    expect([r.serial, r.timeMs, r.get('key')]).toEqual([42, 1700000000123, 'k']);
  });

  it('a non-ASCII payload decodes as UTF-8 (and switches the fast ASCII path off for good)', () => {
    const { decode } = streamCodec();
    const a = decode(1300, Buffer.from('audit(1.000:1): comm="plain"')) as AuditRecord;
    const b = decode(1300, Buffer.from('audit(1.000:2): comm="caf\u00e9"')) as AuditRecord;
    const c = decode(1300, Buffer.from('audit(1.000:3): comm="\u00fcber"')) as AuditRecord;
    expect([a.get('comm'), b.get('comm'), c.get('comm')]).toEqual(['plain', 'caf\u00e9', '\u00fcber']);
  });

  it('a message that is not a record is an error string naming its type', () => {
    expect(decodeNetlink(1329, Buffer.from([1, 2, 3, 4]))).toMatch(/^netlink message type 1329: /);
  });
});
