// C library behaviours that aureport's output depends on, over latin1 strings (one char per byte, so
// every byte of the input comes out unchanged): strtoul's parse and wrap-around into 32-bit fields, the
// hex decoding of untrusted audit fields, and ctype tests.

/** Result of the last strtoul() call: true when the value overflowed 64 bits (C sets errno = ERANGE). */
export let strtoulRange = false;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isXDigit = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
export const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const TWO64 = 18446744073709551616n;

const hexVal = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);

/**
 * strtoul(s + at, NULL, base) as glibc on a 64-bit machine computes it, reduced to 32 bits (what the uid_t,
 * pid_t and int fields aureport stores it in keep). Returns the unsigned 32-bit value; sets strtoulRange.
 */
export function strtoul32(s: string, at: number, base: 10 | 16 = 10): number {
  strtoulRange = false;
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  const sign = s.charCodeAt(i);
  if (sign === 45 /* - */ || sign === 43 /* + */) {
    neg = sign === 45;
    i++;
  }
  if (base === 16 && s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120 && isXDigit(s.charCodeAt(i + 2))) i += 2;
  const start = i;
  // fast path: up to 13 digits fit a double exactly (values below 2^52)
  let v = 0;
  if (base === 10) {
    for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) v = v * 10 + (c - 48);
  } else {
    for (let c = s.charCodeAt(i); isXDigit(c); c = s.charCodeAt(++i)) v = v * 16 + hexVal(c);
  }
  if (i === start) return 0;
  if (i - start <= 13) {
    const low = v % 4294967296;
    return neg ? (low === 0 ? 0 : 4294967296 - low) : low;
  }
  let big = BigInt(base === 16 ? `0x${s.slice(start, i)}` : s.slice(start, i));
  if (big >= TWO64) {
    strtoulRange = true;
    return 0xffffffff;
  }
  if (neg) big = (TWO64 - big) % TWO64;
  return Number(big & 0xffffffffn);
}

/** A 32-bit unsigned value seen as C's int (what printf "%d" shows). */
export const asInt = (u: number) => u | 0;

/**
 * aureport's unescape(): a `(…)` value is returned as written up to its `)`; otherwise the leading hex
 * digits are decoded two by two (an odd last digit pairs with a 0), and the text ends at the first NUL
 * byte, as a C string does. undefined where aureport gets NULL.
 */
export function unescape(s: string, at: number): string | undefined {
  if (s.charCodeAt(at) === 40 /* ( */) {
    const close = s.indexOf(')', at);
    return close < 0 ? undefined : s.slice(at, close + 1);
  }
  let end = at;
  while (end < s.length && isXDigit(s.charCodeAt(end))) end++;
  const len = end - at;
  if (len < 2) return undefined;
  let out = '';
  for (let i = at; i < end; i += 2) {
    const hi = hexVal(s.charCodeAt(i));
    const lo = i + 1 < end ? hexVal(s.charCodeAt(i + 1)) : 0;
    const b = (hi << 4) | lo;
    if (b === 0) break;
    out += String.fromCharCode(b);
  }
  return out;
}

/** The bytes of a hex-encoded field, without stopping at NUL (sockaddr). */
export function unhexBytes(s: string, at: number): number[] | undefined {
  let end = at;
  while (end < s.length && isXDigit(s.charCodeAt(end))) end++;
  if (end - at < 2) return undefined;
  const out: number[] = [];
  for (let i = at; i < end; i += 2) out.push((hexVal(s.charCodeAt(i)) << 4) | (i + 1 < end ? hexVal(s.charCodeAt(i + 1)) : 0));
  return out;
}

/** A C string of at most size-1 characters (snprintf into a buffer of `size`). */
export const clip = (s: string, size: number) => (s.length < size ? s : s.slice(0, size - 1));
