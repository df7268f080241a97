// JSON members and values written as bytes into a JsonBytes (src/parse/json-bytes.ts), the same bytes as
// JSON.stringify gives for them: an ECS document goes out without a document object, a document string and
// the UTF-8 encoding of that string.

import type { JsonBytes } from '../parse/json-bytes.js';

/** A member's name as JSON text, made once: `"name":` to open an object with, `,"name":` after a member. */
export interface MemberKey {
  readonly first: string;
  readonly next: string;
}

export function memberKey(name: string): MemberKey {
  const first = `${JSON.stringify(name)}:`;
  return { first, next: `,${first}` };
}

const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const COMMA = 44;

/** Starts a member: a comma unless it is the first in its object (the last byte opened the object). */
export function member(out: JsonBytes, key: MemberKey): void {
  // raw(): a short loop over a flat string costs less than a typed-array copy of a few bytes
  out.raw(out.buf[out.pos - 1] === OPEN_OBJECT ? key.first : key.next);
}

/**
 * Strings up to this length go through the character loop; longer ones through JSON.stringify, which
 * escapes in native code, and are copied as latin1 when ASCII (a plain copy; UTF-8 encoding costs several
 * times more).
 */
const SHORT = 48;

/** A string as a JSON string literal. */
export function stringValue(out: JsonBytes, s: string): void {
  if (s.length <= SHORT) {
    out.str(s);
    return;
  }
  jsonText(out, JSON.stringify(s));
}

/** Text that is already JSON (from JSON.stringify, so without lone surrogates), as UTF-8. */
export function jsonText(out: JsonBytes, json: string): void {
  out.room(json.length * 3);
  out.pos += out.buf.write(json, out.pos, Buffer.byteLength(json) === json.length ? 'latin1' : 'utf8');
}

/** A string member (`,"key":"value"`). */
export function stringMember(out: JsonBytes, key: MemberKey, s: string): void {
  member(out, key);
  stringValue(out, s);
}

/** A number as JSON.stringify writes it (non-finite: null). */
export function numberValue(out: JsonBytes, n: number): void {
  if (Number.isSafeInteger(n) && n >= 0) out.int(n);
  else out.raw(Number.isFinite(n) ? String(n) : 'null');
}

/** Keys already written as `"key":`, for objects taken over from the normalized event (data, paths, selinux). */
const KEYS = new Map<string, MemberKey>();
const MAX_KEYS = 4096;

function keyOf(k: string): MemberKey {
  let b = KEYS.get(k);
  if (b === undefined) {
    b = memberKey(k);
    if (KEYS.size < MAX_KEYS) KEYS.set(k, b);
  }
  return b;
}

/**
 * Long values that come again and again (a BPRM_FCAPS record's capability sets: 400 characters, the same in
 * nearly every event) as the bytes written the first time: a copy instead of an escape pass. Bounded (1 MiB of
 * bytes); when fewer than a quarter of a window's look-ups find their value, the cache is turned off.
 */
const LONG = new Map<string, Uint8Array>();
const LONG_MAX_BYTES = 1 << 20;
const WINDOW = 4096;
let longBytes = 0;
let longLookups = 0;
let longHits = 0;
let longCaching = true;

function repeatedString(out: JsonBytes, s: string): void {
  if (s.length <= SHORT || !longCaching) return stringValue(out, s);
  const known = LONG.get(s);
  if (++longLookups % WINDOW === 0) {
    if (longHits < WINDOW / 4) {
      longCaching = false;
      LONG.clear();
    }
    longHits = 0;
  }
  if (known !== undefined) {
    longHits++;
    return out.bytes(known);
  }
  const start = out.pos;
  stringValue(out, s);
  if (longCaching && longBytes + out.pos - start <= LONG_MAX_BYTES) {
    LONG.set(s, Uint8Array.prototype.slice.call(out.buf, start, out.pos));
    longBytes += out.pos - start;
  }
}

/** Any JSON value, as JSON.stringify writes it (members whose value is undefined are left out). */
export function jsonValue(out: JsonBytes, v: unknown): void {
  if (typeof v === 'string') repeatedString(out, v);
  else if (typeof v === 'number') numberValue(out, v);
  else if (typeof v === 'boolean') out.raw(v ? 'true' : 'false');
  else if (v === null || typeof v !== 'object') out.raw('null');
  else if (Array.isArray(v)) arrayValue(out, v);
  else objectValue(out, v as Record<string, unknown>);
}

export function arrayValue(out: JsonBytes, a: readonly unknown[]): void {
  out.byte(OPEN_ARRAY);
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out.byte(COMMA);
    const v = a[i];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') out.raw('null');
    else jsonValue(out, v);
  }
  out.byte(93);
}

/** An array of strings (event.original, tags, args). */
export function stringArray(out: JsonBytes, a: readonly string[]): void {
  out.byte(OPEN_ARRAY);
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out.byte(COMMA);
    stringValue(out, a[i]!);
  }
  out.byte(93);
}

/** A plain object; Object.keys gives the order JSON.stringify uses (integer keys first, then insertion). */
export function objectValue(out: JsonBytes, o: Readonly<Record<string, unknown>>): void {
  out.byte(OPEN_OBJECT);
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    member(out, keyOf(k));
    jsonValue(out, v);
  }
  out.byte(125);
}
