// parse_sockaddr's reading of `saddr=`: the struct sockaddr a program passed, hex-encoded (or a `(…)`
// placeholder, whose bytes are read as they are). An inet or inet6 address becomes the event's host, a unix
// socket's path one of its file names; a sockaddr shorter than its family needs fails the record, as in C.
// Only the bytes the family and the wanted value need are decoded.

import { isXdigit } from './cstr.js';
import { formatIpv6 } from '../parse/interpret/sockaddr.js';
import { ADDRESS_FAMILY } from '../tables/linux-constants.js';

const { AF_LOCAL: AF_UNIX, AF_INET, AF_INET6 } = ADDRESS_FAMILY;

export interface SockaddrHost {
  /** 0, or parse_sockaddr's error code (1 inet, 2 inet6, 3 unix too short; 4 not decodable). */
  code: number;
  host: string | null;
  path: string | null;
}

const result: SockaddrHost = { code: 0, host: null, path: null };

function done(code: number, host: string | null = null, path: string | null = null): SockaddrHost {
  result.code = code;
  result.host = host;
  result.path = path;
  return result;
}

/** The sockaddr's bytes as C's unescape() gives them, decoded on demand. */
class Bytes {
  m = '';
  /** First character of the value. */
  p = 0;
  /** End of the hex digits; -1 for a `(…)` value, whose characters are its bytes. */
  end = 0;
  /** How many bytes there are. */
  n = 0;

  at(i: number): number {
    if (this.end < 0) return this.m.charCodeAt(this.p + i) & 0xff;
    const k = this.p + 2 * i;
    // an odd last digit pairs with a 0
    return (hex(this.m.charCodeAt(k)) << 4) | (k + 1 < this.end ? hex(this.m.charCodeAt(k + 1)) : 0);
  }
}

const hex = (c: number): number => (c <= 57 ? c - 48 : (c | 32) - 87);
const bytes = new Bytes();

/**
 * Reads the sockaddr at `p` (after `saddr=`). `wantHost`, `wantPath`: decode the address, the path. `aureport`: the report port's
 * ways, a `%scope` after an IPv6 address with a scope id and the C code's "len too short" warnings.
 * The result object is reused.
 */
export function sockaddrHost(m: string, p: number, wantHost: boolean, wantPath: boolean, aureport: boolean): SockaddrHost {
  const b = bytes;
  const len = decodeInto(b, m, p);
  if (len < 0) return done(4);
  const n = b.n;
  const family = n >= 2 ? b.at(0) | (b.at(1) << 8) : n === 1 ? b.at(0) : 0;
  if (family === AF_INET) {
    if (len < 16) return tooShort(1, 'sockaddr len too short', aureport);
    return done(0, wantHost && n >= 8 ? `${b.at(4)}.${b.at(5)}.${b.at(6)}.${b.at(7)}` : null);
  }
  if (family === AF_INET6) {
    if (len < 28) return tooShort(2, 'sockaddr6 len too short', aureport);
    return done(0, wantHost && n >= 24 ? inet6Host(b, aureport) : null);
  }
  if (family === AF_UNIX) {
    if (len < 4) return tooShort(3, 'sun_path len too short', aureport);
    if (!wantPath) return done(0);
    let e = b.at(2) !== 0 ? 2 : 3;
    let path = '';
    for (let c = e < n ? b.at(e) : 0; e < n && c !== 0; c = ++e < n ? b.at(e) : 0) path += String.fromCharCode(c);
    return done(0, null, path);
  }
  return done(0);
}

/**
 * Points `b` at the value; returns parse_sockaddr's `len` (the characters of a `(…)` value, else half the
 * hex digits), or -1 where C's unescape() fails (a lone `(`, fewer than two hex digits).
 */
function decodeInto(b: Bytes, m: string, p: number): number {
  b.m = m;
  b.p = p;
  if (m.charCodeAt(p) === 40) {
    const close = m.indexOf(')', p);
    if (close < 0) return -1;
    b.end = -1;
    b.n = close + 1 - p;
    return b.n;
  }
  let e = p;
  while (e < m.length && isXdigit(m.charCodeAt(e))) e++;
  if (e - p < 2) return -1;
  b.end = e;
  b.n = (e - p + 1) >> 1;
  return (e - p) >> 1;
}

function tooShort(code: number, warning: string, aureport: boolean): SockaddrHost {
  if (aureport) process.stderr.write(`${warning}\n`);
  return done(code);
}

function inet6Host(b: Bytes, withScope: boolean): string {
  const addr = new Uint8Array(16);
  for (let i = 0; i < 16; i++) addr[i] = b.at(8 + i);
  const host = formatIpv6(addr, 0, true);
  const scope = b.n >= 28 ? (b.at(24) | (b.at(25) << 8) | (b.at(26) << 16) | (b.at(27) << 24)) >>> 0 : 0;
  return withScope && scope !== 0 ? `${host}%${scope}` : host;
}
