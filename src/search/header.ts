// The header of a log line read straight from its bytes, for the lines in the shape auditd writes:
//   [node=NAME ]type=NAME msg=audit(SEC.MMM:SERIAL):
// with single spaces, printable header bytes and three-digit milliseconds. Anything else (extra spaces, a
// short fraction, a bad line) returns false and goes through parseRecord, whose rules (and error messages)
// stay the only ones: this reader accepts a subset of what parseRecord accepts and reads the same values.

import { messageTypeNumber } from '../tables/message-types.js';

/** The header last read by readHeader (one object for the run: no allocation per line). */
// `sec` starts as a heap number, as seconds since 2004 are: a small integer there first would make V8 re-type
// the field at the first real line and drop the compiled code that reads it.
export const header = { type: 0, sec: 2 ** 31, msec: 0, serial: 0, node: undefined as string | undefined };

interface Name {
  readonly bytes: Buffer;
  readonly value: number | string;
}

/** Names seen so far (a log has a few dozen types and a few nodes), by length and first and last byte. */
const TYPES = new Map<number, Name[]>();
const NODES = new Map<number, Name[]>();
let namesCount = 0;

function nameAt(buf: Buffer, start: number, end: number, isType: boolean): number | string {
  const key = (end - start) * 65536 + buf[start]! * 256 + buf[end - 1]!;
  const names = isType ? TYPES : NODES;
  const bucket = names.get(key);
  if (bucket !== undefined) {
    for (const n of bucket) if (same(buf, start, n.bytes)) return n.value;
  }
  const text = buf.toString('latin1', start, end);
  const value = isType ? (messageTypeNumber(text) ?? -1) : text;
  if (namesCount < 4096) {
    namesCount++;
    const n: Name = { bytes: Buffer.from(buf.subarray(start, end)), value };
    if (bucket === undefined) names.set(key, [n]);
    else bucket.push(n);
  }
  return value;
}

/** The bytes at `start` are `name` (of the same length: the caller's key says so). */
function same(buf: Buffer, start: number, name: Buffer): boolean {
  for (let i = name.length - 1; i >= 0; i--) if (buf[start + i] !== name[i]) return false;
  return true;
}

/** Offset of the first space at or after `p` (before `end`), or -1 when a byte on the way is not printable. */
function wordEnd(buf: Buffer, p: number, end: number): number {
  for (; p < end; p++) {
    const c = buf[p]!;
    if (c === 32) return p;
    if (c < 33 || c > 126) return -1;
  }
  return -1;
}

const NODE = Buffer.from('node=', 'latin1');
const MSG = Buffer.from('msg=audit(', 'latin1');

/** `text` is at `p` (a byte loop: until V8 optimizes it, a string's charCodeAt is a call per byte). */
function at(buf: Buffer, p: number, end: number, text: Buffer): boolean {
  if (end - p < text.length) return false;
  for (let i = 0; i < text.length; i++) if (buf[p + i] !== text[i]) return false;
  return true;
}

/** "type=" at `p`. */
function typeAt(buf: Buffer, p: number, end: number): boolean {
  return end - p > 5 && buf[p] === 116 && buf[p + 1] === 121 && buf[p + 2] === 112 && buf[p + 3] === 101 && buf[p + 4] === 61;
}

let numberEnd = 0;

/** Decimal digits from `p`, 1 to `max` of them; -1 when there are none or more. Sets numberEnd. */
function number(buf: Buffer, p: number, end: number, max: number): number {
  let v = 0;
  const start = p;
  for (; p < end; p++) {
    const c = buf[p]! - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  numberEnd = p;
  return p === start || p - start > max ? -1 : v;
}

/** Reads the header of the line at [start, end) into `header`; false when it is not in the common shape. */
export function readHeader(buf: Buffer, start: number, end: number): boolean {
  let p = start;
  header.node = undefined;
  if (buf[p] === 110 /* n */) {
    if (!at(buf, p, end, NODE)) return false;
    const sp = wordEnd(buf, p + 5, end);
    if (sp <= p + 5) return false;
    header.node = nameAt(buf, p + 5, sp, false) as string;
    p = sp + 1;
  }
  if (!typeAt(buf, p, end)) return false;
  const sp = wordEnd(buf, p + 5, end);
  if (sp <= p + 5) return false;
  const type = nameAt(buf, p + 5, sp, true) as number;
  p = sp + 1;
  if (!at(buf, p, end, MSG)) return false;
  const sec = number(buf, p + 10, end, 15);
  p = numberEnd;
  if (sec < 0 || p >= end || buf[p] !== 46 /* . */) return false;
  const msec = number(buf, p + 1, end, 3);
  if (msec < 0 || numberEnd !== p + 4 || numberEnd >= end || buf[numberEnd] !== 58 /* : */) return false;
  const serial = number(buf, numberEnd + 1, end, 15);
  p = numberEnd;
  if (serial < 0 || p + 1 >= end || buf[p] !== 41 /* ) */ || buf[p + 1] !== 58 /* : */) return false;
  header.type = type;
  header.sec = sec;
  header.msec = msec;
  header.serial = serial;
  return true;
}
