// Netlink framing: a cursor reader and a chainable writer in the host's byte order (netlink is not network
// order), nlmsghdr encode/decode with 4-byte alignment, and splitting a datagram into messages.
//
// Facts from <linux/netlink.h>: struct nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid; } (16 bytes),
// NLMSG_ALIGNTO 4, control types NOOP 1 / ERROR 2 / DONE 3 / OVERRUN 4, struct nlmsgerr { s32 error;
// struct nlmsghdr msg; ... }.
//
// Audit quirk: records the kernel emits through kauditd (type >= 1100, seq 0) carry an nlmsg_len that
// excludes the header, and each sits alone in its datagram. Replies to requests (AUDIT_GET, LIST_RULES,
// NLMSG_ERROR/DONE) are framed properly and may share a datagram. splitDatagram() handles both.

import { endianness } from 'node:os';

export const LITTLE_ENDIAN = endianness() === 'LE';

/** Buffer's readers and writers in the host's byte order (netlink data is host-order). */
const B = Buffer.prototype;
const HOST = LITTLE_ENDIAN
  ? { readUInt16: B.readUInt16LE, readUInt32: B.readUInt32LE, readInt32: B.readInt32LE }
  : { readUInt16: B.readUInt16BE, readUInt32: B.readUInt32BE, readInt32: B.readInt32BE };
const HOST_WRITE = LITTLE_ENDIAN
  ? { u16: B.writeUInt16LE, u32: B.writeUInt32LE, s32: B.writeInt32LE }
  : { u16: B.writeUInt16BE, u32: B.writeUInt32BE, s32: B.writeInt32BE };

export const NLMSG = {
  NOOP: 1,
  ERROR: 2,
  DONE: 3,
  OVERRUN: 4,
} as const;

export const NLM_F = {
  REQUEST: 0x01,
  MULTI: 0x02,
  ACK: 0x04,
  ECHO: 0x08,
} as const;

export const NLMSG_ALIGNTO = 4;
export const NLMSG_HDRLEN = 16;
/** Size of struct nlmsgerr's fixed part: s32 error + the echoed nlmsghdr. */
export const NLMSGERR_LEN = 4 + NLMSG_HDRLEN;

/** First message type that is an audit record rather than a command or a reply (AUDIT_FIRST_USER_MSG). */
export const AUDIT_FIRST_EVENT_TYPE = 1100;

/** First audit message type (AUDIT_GET); records below AUDIT_FIRST_EVENT_TYPE exist: AUDIT_USER 1005, AUDIT_LOGIN 1006. */
export const AUDIT_FIRST_TYPE = 1000;

/**
 * Is this message an audit record? Types from 1100 always are; below that, the kernel also sends records of
 * command-range types (AUDIT_LOGIN 1006 when a loginuid is set, AUDIT_USER 1005 from `auditctl -m`). Those
 * come unsolicited, with sequence number 0, which no request of ours uses; replies echo the request's seq.
 */
export function isAuditRecord(type: number, seq: number): boolean {
  return type >= AUDIT_FIRST_EVENT_TYPE || (seq === 0 && type >= AUDIT_FIRST_TYPE);
}

export function nlmsgAlign(len: number): number {
  return (len + NLMSG_ALIGNTO - 1) & ~(NLMSG_ALIGNTO - 1);
}

/** Reads fixed-width integers in host byte order from a Buffer, advancing a cursor. */
export class Reader {
  offset: number;

  constructor(
    readonly buf: Buffer,
    offset = 0,
  ) {
    this.offset = offset;
  }

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  u8(): number {
    const v = this.buf.readUInt8(this.offset);
    this.offset += 1;
    return v;
  }

  /** Reads `size` bytes with `get` (one of Buffer's host-order readers) and moves past them. */
  private take(size: number, get: (this: Buffer, off: number) => number): number {
    const v = get.call(this.buf, this.offset);
    this.offset += size;
    return v;
  }

  u16(): number {
    return this.take(2, HOST.readUInt16);
  }

  u32(): number {
    return this.take(4, HOST.readUInt32);
  }

  s32(): number {
    return this.take(4, HOST.readInt32);
  }

  bytes(n: number): Buffer {
    const v = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }
}

/** Builds a buffer of host-order integers; every method returns `this`. */
export class Writer {
  private buf: Buffer;
  private len = 0;

  constructor(initial = 64) {
    this.buf = Buffer.alloc(initial);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf.writeUInt8(v, this.len);
    this.len += 1;
    return this;
  }

  /** Appends `size` bytes written by `put` (one of Buffer's host-order writers below). */
  private put(size: number, put: (this: Buffer, v: number, off: number) => number, v: number): this {
    this.ensure(size);
    put.call(this.buf, v, this.len);
    this.len += size;
    return this;
  }

  u16(v: number): this {
    return this.put(2, HOST_WRITE.u16, v);
  }

  u32(v: number): this {
    return this.put(4, HOST_WRITE.u32, v >>> 0);
  }

  s32(v: number): this {
    return this.put(4, HOST_WRITE.s32, v);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** Zero bytes up to the next multiple of 4. */
  align(): this {
    const pad = nlmsgAlign(this.len) - this.len;
    this.ensure(pad);
    this.buf.fill(0, this.len, this.len + pad);
    this.len += pad;
    return this;
  }

  get length(): number {
    return this.len;
  }

  /** A copy of what was written. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}

export interface NetlinkHeader {
  type: number;
  flags: number;
  seq: number;
  /** Sender's port id: 0 for the kernel. */
  pid: number;
}

export interface NetlinkMessage extends NetlinkHeader {
  /** The bytes after the 16-byte header (a view into the datagram, not a copy). */
  payload: Buffer;
}

/** One netlink message: header with nlmsg_len = 16 + payload length, payload padded to 4 bytes. */
export function encodeMessage(header: NetlinkHeader, payload: Uint8Array = new Uint8Array(0)): Buffer {
  return new Writer(NLMSG_HDRLEN + nlmsgAlign(payload.length))
    .u32(NLMSG_HDRLEN + payload.length)
    .u16(header.type)
    .u16(header.flags)
    .u32(header.seq)
    .u32(header.pid)
    .bytes(payload)
    .align()
    .toBuffer();
}

/**
 * Splits one received datagram into messages. Never throws: a header that does not fit ends the walk, and a
 * length that is implausible (smaller than the header or past the end, the audit record quirk) makes the
 * rest of the datagram one message.
 */
export function splitDatagram(datagram: Buffer): NetlinkMessage[] {
  const out: NetlinkMessage[] = [];
  let off = 0;
  while (datagram.length - off >= NLMSG_HDRLEN) {
    const r = new Reader(datagram, off);
    const len = r.u32();
    const type = r.u16();
    const flags = r.u16();
    const seq = r.u32();
    const pid = r.u32();
    const rest = datagram.length - off;
    if (isAuditRecord(type, seq) || len < NLMSG_HDRLEN || len > rest) {
      // An audit record (its nlmsg_len excludes the header) or a bad length: the datagram's remainder is it.
      out.push({ type, flags, seq, pid, payload: datagram.subarray(off + NLMSG_HDRLEN) });
      break;
    }
    out.push({ type, flags, seq, pid, payload: datagram.subarray(off + NLMSG_HDRLEN, off + len) });
    off += nlmsgAlign(len);
  }
  return out;
}

/** Decoded struct nlmsgerr: error 0 is an ACK; negative is -errno; positive is a value some audit requests return. */
export interface NetlinkError {
  error: number;
  /** The header of the request this answers, when present. */
  request?: NetlinkHeader;
}

export function decodeNetlinkError(payload: Buffer): NetlinkError {
  if (payload.length < 4) return { error: 0 };
  const r = new Reader(payload);
  const error = r.s32();
  if (payload.length < NLMSGERR_LEN) return { error };
  r.u32(); // nlmsg_len of the request
  const type = r.u16();
  const flags = r.u16();
  const seq = r.u32();
  const pid = r.u32();
  return { error, request: { type, flags, seq, pid } };
}

export function encodeNetlinkError(error: number, request: NetlinkHeader & { len?: number }): Buffer {
  return new Writer(NLMSGERR_LEN)
    .s32(error)
    .u32(request.len ?? NLMSG_HDRLEN)
    .u16(request.type)
    .u16(request.flags)
    .u32(request.seq)
    .u32(request.pid)
    .toBuffer();
}
