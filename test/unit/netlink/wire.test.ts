import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NLM_F,
  NLMSG,
  Reader,
  Writer,
  decodeNetlinkError,
  encodeMessage,
  encodeNetlinkError,
  nlmsgAlign,
  splitDatagram,
} from '../../../src/netlink/wire.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('wire: reader and writer (little-endian host)', () => {
  it('writes host-order integers and pads to 4 bytes', () => {
    const b = new Writer(2).u8(1).u16(0x0203).u32(0x04050607).s32(-2).bytes(Buffer.from('ab')).align().toBuffer();
    expect(b.toString('hex')).toBe('01' + '0302' + '07060504' + 'feffffff' + '6162' + '000000');
    const r = new Reader(b);
    expect([r.u8(), r.u16(), r.u32(), r.s32(), r.bytes(2).toString()]).toEqual([1, 0x0203, 0x04050607, -2, 'ab']);
    expect(r.remaining).toBe(3);
  });

  it('aligns lengths to NLMSG_ALIGNTO', () => {
    expect([0, 1, 4, 5, 16, 17].map(nlmsgAlign)).toEqual([0, 4, 4, 8, 16, 20]);
  });
});

describe('wire: nlmsghdr', () => {
  it('encodes a request header with len = 16 + payload and pads the payload', () => {
    const d = encodeMessage({ type: 1000, flags: NLM_F.REQUEST | NLM_F.ACK, seq: 7, pid: 0 }, Buffer.from([1, 2, 3]));
    expect(d).toEqual(hex('13000000 e803 0500 07000000 00000000 010203 00'));
  });

  it('splits a datagram holding several properly framed messages', () => {
    const a = encodeMessage({ type: 1013, flags: NLM_F.MULTI, seq: 3, pid: 99 }, Buffer.from('rule1'));
    const b = encodeMessage({ type: NLMSG.DONE, flags: NLM_F.MULTI, seq: 3, pid: 99 }, Buffer.alloc(4));
    const msgs = splitDatagram(Buffer.concat([a, b]));
    expect(msgs.map((m) => [m.type, m.flags, m.seq, m.pid, m.payload.toString('hex')])).toEqual([
      [1013, 2, 3, 99, Buffer.from('rule1').toString('hex')],
      [3, 2, 3, 99, '00000000'],
    ]);
  });

  it('takes an audit record whose nlmsg_len excludes the header as one message', () => {
    const text = 'audit(1700000000.123:42): arch=c000003e syscall=59';
    const d = Buffer.concat([hex('33000000 1405 0000 00000000 00000000'), Buffer.from(text)]);
    d.writeUInt32LE(text.length, 0);
    const [m, ...rest] = splitDatagram(d);
    expect(rest).toEqual([]);
    expect(m!.type).toBe(1300);
    expect(m!.payload.toString()).toBe(text);
  });

  it('never throws on short or lying input', () => {
    expect(splitDatagram(Buffer.alloc(0))).toEqual([]);
    expect(splitDatagram(Buffer.alloc(15))).toEqual([]);
    const lying = hex('ff000000 0200 0000 01000000 00000000 00000000');
    expect(splitDatagram(lying)).toHaveLength(1);
    const tiny = hex('04000000 0200 0000 01000000 00000000');
    expect(splitDatagram(tiny)[0]!.payload.length).toBe(0);
  });
});

describe('wire: nlmsgerr', () => {
  it('decodes an ACK, an errno and a positive value with the echoed request header', () => {
    const req = { type: 1001, flags: 5, seq: 9, pid: 0 };
    expect(decodeNetlinkError(encodeNetlinkError(0, req))).toEqual({ error: 0, request: req });
    expect(decodeNetlinkError(hex('eaffffff 3c000000 e903 0500 09000000 00000000')).error).toBe(-22);
    expect(decodeNetlinkError(encodeNetlinkError(12, req)).error).toBe(12);
    expect(decodeNetlinkError(hex('ffffffff'))).toEqual({ error: -1 });
  });
});

describe('wire: properties', () => {
  it('splitDatagram never throws and never reads outside the datagram', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const d = Buffer.from(bytes);
        for (const m of splitDatagram(d)) {
          expect(m.payload.buffer).toBe(d.buffer);
          expect(m.payload.byteOffset + m.payload.length).toBeLessThanOrEqual(d.byteOffset + d.length);
        }
      }),
    );
  });

  it('any sequence of framed replies splits back into the same messages', () => {
    const msg = fc.record({
      type: fc.integer({ min: 1, max: 1099 }),
      flags: fc.integer({ min: 0, max: 0xffff }),
      seq: fc.integer({ min: 1, max: 0xffffffff }),
      pid: fc.integer({ min: 0, max: 0xffffffff }),
      payload: fc.uint8Array({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(msg, { minLength: 1, maxLength: 6 }), (msgs) => {
        const d = Buffer.concat(msgs.map((m) => encodeMessage(m, m.payload)));
        const out = splitDatagram(d);
        expect(out.map((m) => ({ type: m.type, flags: m.flags, seq: m.seq, pid: m.pid, payload: new Uint8Array(m.payload) }))).toEqual(
          msgs.map((m) => ({ ...m, payload: new Uint8Array(m.payload) })),
        );
      }),
    );
  });
});
