// SOCKADDR `saddr=`: the raw struct sockaddr the program passed, hex-encoded. Families are decoded as
// auditd does (local/unix incl. abstract names, inet, inet6, netlink); any other family keeps its bytes.

import { ADDRESS_FAMILIES } from '../../tables/families.js';
import { ADDRESS_FAMILY } from '../../tables/linux-constants.js';
import { decodeLossless } from '../lossless.js';

const { AF_LOCAL, AF_INET, AF_INET6, AF_NETLINK } = ADDRESS_FAMILY;

export interface SockAddr {
  /** Address family number (host order, as the program passed it). */
  familyNumber: number;
  /** auditd's name for the family (local, inet, inet6, netlink, ...) or `unknown-family(N)`. */
  family: string;
  /** IPv4/IPv6 address in text form. */
  addr?: string;
  port?: number;
  /** IPv6 flow information (when not zero) and scope id (when not zero). */
  flow?: number;
  scope?: number;
  /** Unix socket path; abstract names start with `@`. */
  path?: string;
  /** Netlink port id and multicast groups. */
  pid?: number;
  groups?: number;
  /** The hex as logged, for families not decoded and for reference. */
  raw: string;
  /** Why decoding stopped short (too short for the family, bad hex). */
  error?: string;
}

/**
 * Lower-case IPv6 text with the longest run (2 or more) of zero groups shortened to `::` (RFC 5952), and
 * IPv4-mapped addresses as ::ffff:a.b.c.d. `v4Compatible`: also IPv4-compatible ones as ::a.b.c.d, as
 * glibc's inet_ntop() (and so ausearch and aureport) print them.
 */
export function formatIpv6(b: Uint8Array, off = 0, v4Compatible = false): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!);
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0) {
    const v4 = `${b[off + 12]}.${b[off + 13]}.${b[off + 14]}.${b[off + 15]}`;
    if (g[5] === 0xffff) return `::ffff:${v4}`;
    if (v4Compatible && g[5] === 0 && g[6] !== 0) return `::${v4}`;
  }
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestAt < 0) return hex.join(':');
  return `${hex.slice(0, bestAt).join(':')}::${hex.slice(bestAt + bestLen).join(':')}`;
}

function familyName(n: number): string {
  return ADDRESS_FAMILIES.get(n) ?? `unknown-family(${n})`;
}

/** Decodes a `saddr=` hex value; never throws. */
export function decodeSockaddr(hex: string): SockAddr {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(hex) || hex.length < 4) {
    return { familyNumber: -1, family: 'malformed', raw: hex, error: 'not a hex sockaddr' };
  }
  const b = Buffer.from(hex, 'hex');
  const fam = b[0]! | (b[1]! << 8); // host (little-endian) order
  const out: SockAddr = { familyNumber: fam, family: familyName(fam), raw: hex };
  switch (fam) {
    case AF_LOCAL: {
      if (b.length <= 2) {
        out.path = '';
        out.error = 'unnamed socket';
      } else if (b[2] === 0) {
        // Abstract: the name is every byte after the leading NUL, as long as the program gave it.
        let end = b.length;
        while (end > 3 && b[end - 1] === 0) end--;
        out.path = `@${decodeLossless(b, 3, end)}`;
      } else {
        let end = b.indexOf(0, 2);
        if (end < 0) end = b.length;
        out.path = decodeLossless(b, 2, end);
      }
      break;
    }
    case AF_INET:
      if (b.length < 8) out.error = 'sockaddr len too short';
      else {
        out.port = b.readUInt16BE(2);
        out.addr = `${b[4]}.${b[5]}.${b[6]}.${b[7]}`;
      }
      break;
    case AF_INET6:
      if (b.length < 24) out.error = 'sockaddr6 len too short';
      else {
        out.port = b.readUInt16BE(2);
        const flow = b.readUInt32BE(4);
        if (flow !== 0) out.flow = flow;
        out.addr = formatIpv6(b, 8);
        if (b.length >= 28) {
          const scope = b.readUInt32LE(24);
          if (scope !== 0) out.scope = scope;
        }
      }
      break;
    case AF_NETLINK:
      if (b.length < 12) out.error = 'len too short';
      else {
        out.pid = b.readUInt32LE(4);
        out.groups = b.readUInt32LE(8);
      }
      break;
    default:
      break;
  }
  return out;
}

/** go-libaudit's family vocabulary for normalized events (ipv4, ipv6, unix, netlink, or the number). */
export function sockaddrFamilyLabel(sa: SockAddr): string {
  switch (sa.familyNumber) {
    case AF_LOCAL:
      return 'unix';
    case AF_INET:
      return 'ipv4';
    case AF_INET6:
      return 'ipv6';
    case AF_NETLINK:
      return 'netlink';
    default:
      return sa.familyNumber < 0 ? 'malformed' : String(sa.familyNumber);
  }
}
