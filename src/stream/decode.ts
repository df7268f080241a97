// Netlink record -> AuditRecord, straight from the payload bytes, for the common case.
//
// The general path (recordFromNetlink) takes the payload as a string, strips the trailing NULs/newline that
// the client has already stripped, builds `type=NAME msg=` + payload as a second string, and parseRecord
// then takes that apart again and looks the type name up although the netlink header gave the number.
// Here the header `audit(SEC.MSEC:SERIAL): ` is read from the bytes, the line is decoded once (prefix and
// payload copied into one scratch buffer and sliced as latin1: one flat string), and the AuditRecord is built
// with the offsets already known. The result equals recordFromNetlink's (the unit test compares them); any
// payload this does not handle plainly (non-ASCII is the caller's business; a header not in the kernel's
// form, an ENRICHED separator, a type whose name does not map back to its number) returns undefined and takes
// the general path.

import { AuditRecord } from '../parse/record.js';
import { messageTypeName, messageTypeNumber } from '../tables/message-types.js';

/** `type=NAME msg=` as bytes, per type number (null: this type takes the general path). */
const prefixes = new Map<number, { bytes: Buffer; name: string } | null>();

function prefixFor(type: number): { bytes: Buffer; name: string } | null {
  let p = prefixes.get(type);
  if (p === undefined) {
    const name = messageTypeName(type);
    p = messageTypeNumber(name) === type && /^[A-Z0-9_]+$/.test(name) ? { bytes: Buffer.from(`type=${name} msg=`, 'latin1'), name } : null;
    if (prefixes.size < 4096) prefixes.set(type, p);
  }
  return p;
}

let scratch = Buffer.allocUnsafe(16 * 1024);

const OPEN = [97, 117, 100, 105, 116, 40]; // audit(

/** Reads up to 15 decimal digits at `i`; returns the value, or -1. Sets `end`. */
let end = 0;
function digits(b: Buffer, i: number, stop: number): number {
  let v = 0;
  const start = i;
  while (i < stop) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  end = i;
  return i === start || i - start > 15 ? -1 : v;
}

/**
 * The record for an ASCII netlink payload (trailing NULs and newlines allowed), or undefined when it needs
 * the general path.
 */
export function recordFromAsciiPayload(type: number, payload: Buffer): AuditRecord | undefined {
  let n = payload.length;
  while (n > 0 && (payload[n - 1] === 0 || payload[n - 1] === 10)) n--;
  if (n < 12 || payload[n - 1] === 13) return undefined;
  for (let k = 0; k < 6; k++) if (payload[k] !== OPEN[k]) return undefined;
  const sec = digits(payload, 6, n);
  const a = end;
  if (sec < 0 || payload[a] !== 46) return undefined;
  const msec = digits(payload, a + 1, n);
  const b = end;
  if (msec < 0 || b - (a + 1) !== 3 || payload[b] !== 58) return undefined;
  const serial = digits(payload, b + 1, n);
  const c = end;
  if (serial < 0 || payload[c] !== 41 || payload[c + 1] !== 58) return undefined;
  let body = c + 2;
  if (body < n && payload[body] === 32) body++;
  const sep = payload.indexOf(0x1d, body);
  if (sep >= 0 && sep < n) return undefined;
  const prefix = prefixFor(type);
  if (prefix === null) return undefined;
  const plen = prefix.bytes.length;
  const total = plen + n;
  if (total > scratch.length) scratch = Buffer.allocUnsafe(Math.max(total, scratch.length * 2));
  prefix.bytes.copy(scratch, 0);
  payload.copy(scratch, plen, 0, n);
  const line = scratch.toString('latin1', 0, total);
  return new AuditRecord(line, type, prefix.name, undefined, sec, msec, serial, plen, plen + body, total);
}
