// Bytes <-> strings without losing a byte. Audit logs are bytes: auditd writes what user space hands it
// (a Latin-1 file name in a quoted value, a NUL, an ESC), and only the kernel's own strings are hex-encoded.
// Valid UTF-8 decodes as usual; every byte that is not part of a valid UTF-8 sequence becomes the lone
// surrogate U+DC80 + (byte - 0x80), the "surrogateescape" scheme of Python's PEP 383. Valid UTF-8 never
// decodes to a lone surrogate, so the mapping is one to one, and encodeLossless gives back the exact bytes.
// In JSON, JSON.stringify writes such a code unit as `\udce9`; Python reads it back with
// `json.loads(line)["raw_msg"].encode("utf-8", "surrogateescape")`, and jsonTextToBytes below does the same.

import { isUtf8 } from 'node:buffer';

/** First and last code unit of the escapes (bytes 0x80..0xff). */
const ESC_FIRST = 0xdc80;
const ESC_LAST = 0xdcff;
const ESCAPED = /[\udc80-\udcff]/;

/** UTF-8 sequence length for a lead byte, 0 when it cannot start one. */
function seqLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/** True when bytes[i, i + n) is one well-formed UTF-8 sequence (no overlong form, surrogate, or > U+10FFFF). */
function wellFormed(bytes: Uint8Array, i: number, n: number, end: number): boolean {
  if (n === 0 || i + n > end) return false;
  const b0 = bytes[i]!;
  for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
  const b1 = bytes[i + 1]!;
  if (n === 3) {
    if (b0 === 0xe0 && b1 < 0xa0) return false; // overlong
    if (b0 === 0xed && b1 >= 0xa0) return false; // UTF-16 surrogate
  } else if (n === 4) {
    if (b0 === 0xf0 && b1 < 0x90) return false; // overlong
    if (b0 === 0xf4 && b1 >= 0x90) return false; // above U+10FFFF
  }
  return true;
}

/** bytes[start, end) as a string; bytes that are not valid UTF-8 become U+DC80..U+DCFF (see above). */
export function decodeLossless(bytes: Buffer, start = 0, end = bytes.length): string {
  if (isUtf8(bytes.subarray(start, end))) return bytes.toString('utf8', start, end);
  let out = '';
  let run = start; // start of the current valid run
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = seqLength(b);
    if (wellFormed(bytes, i, n, end)) {
      i += n;
      continue;
    }
    if (i > run) out += bytes.toString('utf8', run, i);
    out += String.fromCharCode(ESC_FIRST + (b - 0x80));
    i++;
    run = i;
  }
  if (end > run) out += bytes.toString('utf8', run, end);
  return out;
}

/** True when `s` holds an escaped byte (or a low surrogate in that range: encodeLossless tells them apart). */
export function hasEscapedBytes(s: string): boolean {
  return ESCAPED.test(s);
}

/** The bytes of a string made by decodeLossless (or any string: valid text is encoded as UTF-8). */
export function encodeLossless(s: string): Buffer {
  if (!ESCAPED.test(s)) return Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(s.length * 3);
  let o = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++; // a pair: a character above U+FFFF, part of the run
      continue;
    }
    if (c < ESC_FIRST || c > ESC_LAST) continue;
    if (i > run) o += out.write(s.slice(run, i), o, 'utf8');
    out[o++] = c - ESC_FIRST + 0x80;
    run = i + 1;
  }
  if (run < s.length) o += out.write(s.slice(run), o, 'utf8');
  return out.subarray(0, o);
}

/** Bytes of a hex string (even length, checked by the caller) as lossless text. */
export function hexToLossless(hex: string): string {
  return decodeLossless(Buffer.from(hex, 'hex'));
}
