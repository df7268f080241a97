// The C library behaviour ausearch's field extraction depends on, over "byte strings" (JS strings holding
// one byte per char, latin1): strtoul/strtol/strtoll with their wrap-around and overflow, isxdigit, and
// ausearch's unescape() of hex-encoded values. Facts: glibc strtol(3), audit-userspace src/ausearch-lookup.c.

const MAX_U64 = (1n << 64n) - 1n;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

/** The result of a strto* call: its value and whether errno was set (ERANGE). */
export interface CNumber {
  value: number;
  overflow: boolean;
}

const out: CNumber = { value: 0, overflow: false };

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const digitOf = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? c - 55 : 99);

export const isXdigit = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAlpha = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * strtoul/strtoull (`signed` false) or strtoll (`signed` true) of `s` from `i`, base 10, 16 or 0. The
 * value is the result as a Number (exact below 2^53, which every audit id is; an unsigned "-v" is given
 * as -v, whose low bits are those of C's 2^64 - v); the caller narrows it to the C type it is assigned to
 * (u32(), i32()). The returned object is reused.
 */
export function strto(s: string, i: number, base: 0 | 10 | 16, signed = false): CNumber {
  const end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) {
    neg = sign === 45;
    i++;
  }
  let b: number = base;
  if ((b === 0 || b === 16) && s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120 && isXdigit(s.charCodeAt(i + 2))) {
    b = 16;
    i += 2;
  } else if (b === 0) {
    b = s.charCodeAt(i) === 48 ? 8 : 10;
  }
  const start = i;
  let v = 0;
  while (i < end) {
    const d = digitOf(s.charCodeAt(i));
    if (d >= b) break;
    v = v * b + d;
    i++;
  }
  out.overflow = false;
  if (i === start) {
    out.value = 0;
    return out;
  }
  if (v <= Number.MAX_SAFE_INTEGER) {
    // an unsigned conversion of "-v" wraps around to 2^64 - v: given as -v, whose low bits (u32, i32) are C's
    out.value = neg ? -v : v;
    return out;
  }
  // past 2^53: redo it exactly
  let big = 0n;
  const bb = BigInt(b);
  for (let k = start; k < i; k++) big = big * bb + BigInt(digitOf(s.charCodeAt(k)));
  if (signed) {
    let r = neg ? -big : big;
    if (r > MAX_I64) {
      r = MAX_I64;
      out.overflow = true;
    } else if (r < MIN_I64) {
      r = MIN_I64;
      out.overflow = true;
    }
    out.value = Number(r);
  } else if (big > MAX_U64) {
    out.value = Number(MAX_U64);
    out.overflow = true;
  } else {
    out.value = Number(neg ? -big : big);
  }
  return out;
}

/** True when strtoull(s + i, 16) overflows (more than 16 significant hex digits): its only failure. */
export function hexOverflows(s: string, i: number): boolean {
  while (isSpace(s.charCodeAt(i))) i++;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) i++;
  if (s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120 && isXdigit(s.charCodeAt(i + 2))) i += 2;
  while (s.charCodeAt(i) === 48) i++;
  let n = 0;
  while (isXdigit(s.charCodeAt(i))) {
    i++;
    if (++n > 16) return true;
  }
  return false;
}

/** The low 32 bits, unsigned (assignment to uid_t, gid_t, uint32_t). */
export function u32(v: number): number {
  return Number.isSafeInteger(v) ? ((v % 4294967296) + 4294967296) % 4294967296 : Number(BigInt.asUintN(32, BigInt(v)));
}

/** The low 32 bits, signed (assignment to pid_t, int). */
export function i32(v: number): number {
  const u = u32(v);
  return u >= 2147483648 ? u - 4294967296 : u;
}

/**
 * ausearch's unescape(): from `i`, a `(…)` value is kept as is (up to its `)`), else the run of hex digits
 * is decoded two by two (an odd last digit pairs with 0). The decoded C string stops at a NUL byte. Null
 * when there is nothing to decode (no hex digits, a single one, or `(` without `)`).
 */
export function unescape(s: string, i: number): string | null {
  if (s.charCodeAt(i) === 40) {
    const close = s.indexOf(')', i);
    return close < 0 ? null : s.slice(i, close + 1);
  }
  let e = i;
  while (e < s.length && isXdigit(s.charCodeAt(e))) e++;
  if (e - i < 2) return null;
  let r = '';
  for (let k = i; k < e; k += 2) {
    const hi = digitOf(s.charCodeAt(k));
    const lo = k + 1 < e ? digitOf(s.charCodeAt(k + 1)) : 0;
    const byte = hi * 16 + lo;
    if (byte === 0) break;
    r += String.fromCharCode(byte);
  }
  return r;
}
