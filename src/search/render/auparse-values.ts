// One field value interpreted the way auparse 3.0.9 does for `ausearch -i`, `--format csv` and `--format text`:
// the field's type comes from its name (auparse's typetab, with the per-record-type overrides of
// auparse_interp_adjust_type), and each type has one interpretation. Values are the strings as logged, quotes
// included (`"labuser"`), because auparse decides by the first character whether a value is hex.
//
// Strings auparse decodes from hex are bytes; here they are decoded as UTF-8 (invalid sequences become U+FFFD).
// Everything else follows auparse, including its quirks: a field it cannot convert prints
// `conversion error(v)`, an unquoted value that merely looks like hex is decoded, `00…` loses its first byte.

import type { Enriched } from '../../audit-fields/enriched.js';
import { ttyDataText } from '../../audit-fields/tty-data.js';
import { AUPARSE_FIELD_TYPES } from '../../tables/auparse-field-types.js';
import { ausearchArchName, archName } from '../../tables/arch.js';
import { errnoMessage, errnoName } from '../../tables/errno.js';
import { ADDRESS_FAMILIES } from '../../tables/families.js';
import { ausearchSyscallName } from '../../tables/syscalls.js';
import { SOCKETCALLS } from '../../tables/rule-fields.js';
import {
  hostProtocolName,
  ioctlRequestText,
  mmapText,
  openFlagsText,
  personalityText,
  syscallArgText,
} from '../../parse/interpret/args.js';
import { formatIpv6 } from '../../parse/interpret/sockaddr.js';
import {
  capabilityBitmapText,
  capabilityText,
  modeShortText,
  modeText,
  nfprotoText,
  promiscuousText,
  ruleListText,
  seccompCodeText,
  signalText,
} from '../../parse/interpret/values.js';
import { AUDIT_MESSAGE } from '../../tables/message-types.js';

export { type Enriched, enrichedOf, NO_ENRICHED } from '../../audit-fields/enriched.js';

const {
  SYSCALL: AUDIT_SYSCALL,
  PATH: AUDIT_PATH,
  EXECVE: AUDIT_EXECVE,
  MQ_OPEN: AUDIT_MQ_OPEN,
  NETFILTER_PKT: AUDIT_NETFILTER_PKT,
  SECCOMP: AUDIT_SECCOMP,
  KERN_MODULE: AUDIT_KERN_MODULE,
  AVC: AUDIT_AVC,
  ADD_GROUP: AUDIT_ADD_GROUP,
  DEL_GROUP: AUDIT_DEL_GROUP,
  TRUSTED_APP: AUDIT_TRUSTED_APP,
  USER_TTY: AUDIT_USER_TTY,
  GRP_MGMT: AUDIT_GRP_MGMT,
  CRYPTO_KEY_USER: AUDIT_CRYPTO_KEY_USER,
} = AUDIT_MESSAGE;

/** auparse's field types (AUPARSE_TYPE_*), as small integers for switch statements. */
export const T = {
  UNCLASSIFIED: 0,
  UID: 1,
  GID: 2,
  SYSCALL: 3,
  ARCH: 4,
  EXIT: 5,
  ESCAPED: 6,
  PERM: 7,
  MODE: 8,
  SOCKADDR: 9,
  FLAGS: 10,
  PROMISC: 11,
  CAPABILITY: 12,
  SUCCESS: 13,
  A0: 14,
  A1: 15,
  A2: 16,
  A3: 17,
  SIGNAL: 18,
  LIST: 19,
  TTY_DATA: 20,
  SESSION: 21,
  CAP_BITMAP: 22,
  NFPROTO: 23,
  ICMPTYPE: 24,
  PROTOCOL: 25,
  ADDR: 26,
  PERSONALITY: 27,
  SECCOMP: 28,
  OFLAG: 29,
  MMAP: 30,
  MODE_SHORT: 31,
  MAC_LABEL: 32,
  PROCTITLE: 33,
  HOOK: 34,
  NETACTION: 35,
  MACPROTO: 36,
  IOCTL_REQ: 37,
  ESCAPED_KEY: 38,
  ESCAPED_FILE: 39,
  FANOTIFY: 40,
  NLMCGRP: 41,
  RESOLVE: 42,
} as const;

const TYPE_BY_NAME = new Map<string, number>();
for (const [name, type] of AUPARSE_FIELD_TYPES) {
  const t = (T as Record<string, number>)[type];
  if (t !== undefined && !TYPE_BY_NAME.has(name)) TYPE_BY_NAME.set(name, t);
}

/** The typed names by length and first character: typeAt() finds a name in a line without cutting it out. */
const TYPE_BUCKETS = new Map<number, [string, number][]>();
for (const [name, t] of TYPE_BY_NAME) {
  const key = name.length * 256 + name.charCodeAt(0);
  const b = TYPE_BUCKETS.get(key);
  if (b) b.push([name, t]);
  else TYPE_BUCKETS.set(key, [[name, t]]);
}

/** typetab's type of the name s[start, end), without allocating; UNCLASSIFIED for names it does not list. */
export function typeAt(s: string, start: number, end: number): number {
  const b = TYPE_BUCKETS.get((end - start) * 256 + (s.charCodeAt(start) & 255));
  if (b === undefined) return T.UNCLASSIFIED;
  for (let i = 0; i < b.length; i++) if (s.startsWith(b[i]![0], start)) return b[i]![1];
  return T.UNCLASSIFIED;
}

// Record types whose fields auparse_interp_adjust_type re-classifies.

function isXdigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** C isxdigit over the whole string (an empty string counts, as in auparse). */
function isHexString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isXdigit(s.charCodeAt(i))) return false;
  return true;
}

function isIntString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when auparse_interp_adjust_type may re-classify fields of records of this type (besides `acct`). */
export function adjustsFields(rtype: number): boolean {
  return (
    rtype === AUDIT_EXECVE ||
    rtype === AUDIT_AVC ||
    rtype === AUDIT_USER_TTY ||
    rtype === AUDIT_NETFILTER_PKT ||
    rtype === AUDIT_PATH ||
    rtype === AUDIT_MQ_OPEN ||
    rtype === AUDIT_CRYPTO_KEY_USER ||
    rtype === AUDIT_ADD_GROUP ||
    rtype === AUDIT_GRP_MGMT ||
    rtype === AUDIT_DEL_GROUP ||
    rtype === AUDIT_TRUSTED_APP ||
    rtype === AUDIT_KERN_MODULE
  );
}

/** auparse_interp_adjust_type: the type of field `name` (value `val` as logged) in a record of type `rtype`. */
export function fieldType(rtype: number, name: string, val: string): number {
  const c0 = name.charCodeAt(0);
  if (rtype === AUDIT_EXECVE && c0 === 97 /* a */ && name !== 'argc' && !name.includes('_len')) return T.ESCAPED;
  if (rtype === AUDIT_AVC && name === 'saddr') return T.UNCLASSIFIED;
  if (rtype === AUDIT_USER_TTY && name === 'msg') return T.ESCAPED;
  if (rtype === AUDIT_NETFILTER_PKT && name === 'saddr') return T.ADDR;
  if (name === 'acct') {
    if (val.charCodeAt(0) === 34 || isHexString(val)) return T.ESCAPED;
    return T.UNCLASSIFIED;
  }
  if (rtype === AUDIT_PATH && name === 'flags') return T.FLAGS;
  if (rtype === AUDIT_MQ_OPEN && name === 'mode') return T.MODE_SHORT;
  if (rtype === AUDIT_CRYPTO_KEY_USER && name === 'fp') return T.UNCLASSIFIED;
  if (name === 'id' && (rtype === AUDIT_ADD_GROUP || rtype === AUDIT_GRP_MGMT || rtype === AUDIT_DEL_GROUP)) return T.GID;
  if (rtype === AUDIT_TRUSTED_APP) {
    if (val.charCodeAt(0) === 34) return T.ESCAPED;
    if (isIntString(val)) return T.UNCLASSIFIED;
    return isHexString(val) ? T.ESCAPED : T.UNCLASSIFIED;
  }
  if (rtype === AUDIT_KERN_MODULE && name === 'name') return T.ESCAPED;
  return TYPE_BY_NAME.get(name) ?? T.UNCLASSIFIED;
}

/** Names a uid or gid as this host does (getpwuid/getgrgid); undefined when the host has no such id. */
export interface IdNames {
  user(id: number): string | undefined;
  group(id: number): string | undefined;
  /** getpwnam: the uid of a user name (csv/text class an `acct=` subject by it); undefined when unknown. */
  userId?(name: string): number | undefined;
}

/** What interpreting one field may depend on besides its value (auparse's idata). */
export interface FieldContext {
  /** AUDIT_ARCH_* code of the record (SYSCALL/SECCOMP), or -1 (then the host's, x86_64, where auparse needs one). */
  arch: number;
  /** Syscall number of the record, or -1. */
  syscall: number;
  /** The record's a0 and a1 as logged (hex), or undefined. */
  a0: string | undefined;
  a1: string | undefined;
  /** Fills a0 and a1 when they are first needed (ausearch -i finds them in the line only then). */
  loadArgs?: (ctx: FieldContext) => void;
  /** The event's cwd (text/csv name the realpath of relative files with it), or undefined. */
  cwd: string | undefined;
  ids: IdNames;
}

const HOST_ARCH = 0xc000003e; // audit_detect_machine() on this x86_64 host

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return 0;
}

/** Decoded values already computed: logs repeat the same exe, cwd and names thousands of times. */
const UNESCAPED = new Map<string, string | null>();
const UNESCAPED_TITLES = new Map<string, string | null>();

/**
 * au_unescape: `(null)`-style values are kept up to `)`; otherwise the leading hex digits are decoded (an odd
 * last digit is the high nibble), and the result ends at its first NUL unless `nulAsSpace` (proctitle).
 * Null when there are fewer than two hex digits.
 */
export function auUnescape(s: string, nulAsSpace = false): string | null {
  if (s.charCodeAt(0) === 40 /* ( */) {
    const close = s.indexOf(')');
    return close < 0 ? null : s.slice(0, close + 1);
  }
  let n = 0;
  while (n < s.length && isXdigit(s.charCodeAt(n))) n++;
  if (n < 2) return null;
  const cache = nulAsSpace ? UNESCAPED_TITLES : UNESCAPED;
  const cached = cache.get(s);
  if (cached !== undefined) return cached;
  const bytes = Buffer.allocUnsafe((n + 1) >> 1);
  let len = 0;
  for (let i = 0; i < n; i += 2) {
    const b = (hexNibble(s.charCodeAt(i)) << 4) | (i + 1 < n ? hexNibble(s.charCodeAt(i + 1)) : 0);
    if (b === 0 && !nulAsSpace) break;
    bytes[len++] = b === 0 ? 32 : b;
  }
  const out = bytes.toString('utf8', 0, len);
  if (cache.size < 8192) cache.set(s, out);
  return out;
}

/** print_escaped: a quoted value's inside, or the decoded hex (`00…` drops the first byte), else as is. */
export function printEscaped(val: string): string {
  if (val.charCodeAt(0) === 34 /* " */) {
    const close = val.indexOf('"', 1);
    return close < 0 ? ' ' : val.slice(1, close);
  }
  const out = val.charCodeAt(0) === 48 && val.charCodeAt(1) === 48 ? auUnescape(val.slice(2)) : auUnescape(val);
  return out ?? val;
}

/**
 * print_escaped_ext with a cwd (csv/text objects): a relative name is joined to the cwd, and the result (or an
 * absolute name holding `..`) is normalized by auparse's path_norm.
 */
function realpath(val: string, cwd: string): string {
  const name = printEscaped(val);
  if (name.charCodeAt(0) !== 47 /* / */) return pathNorm(`${printEscaped(cwd)}/${name}`);
  return name.includes('..') ? pathNorm(name) : name;
}

/**
 * auparse's path_norm, including its use of one buffer across calls: a path that ends in `..` (or is only `/`)
 * gives back what the buffer still holds.
 */
let working = '';
function pathNorm(name: string): string {
  if (name === '') return name;
  if (name.charCodeAt(0) === 46 /* . */) return name;
  const buf = working.split('');
  let dest = 0;
  let start = 0;
  let terminated = working.length;
  while (start < name.length) {
    while (name.charCodeAt(start) === 47) start++;
    let end = start;
    while (end < name.length && name.charCodeAt(end) !== 47) end++;
    const len = end - start;
    if (len === 0) break;
    if (len === 1 && name.charCodeAt(start) === 46) {
      // "."
    } else if (len === 2 && name.startsWith('..', start)) {
      if (dest > 1) {
        do dest--;
        while (buf[dest - 1] !== '/');
      }
    } else {
      if (dest === 0 || buf[dest - 1] !== '/') buf[dest++] = '/';
      for (let i = start; i < end; i++) buf[dest++] = name[i]!;
      terminated = dest;
    }
    start = end;
  }
  working = buf.slice(0, terminated).join('');
  return working;
}

/** print_tty_data: keystrokes as `"text",<name>,…`; a value that is not hex stays as it is. */
function printTtyData(val: string): string {
  if (!isHexString(val) || val.length < 2) return val;
  return ttyDataText(Buffer.from(val, 'hex'));
}

function printProctitle(val: string): string {
  if (val.charCodeAt(0) === 34) return printEscaped(val);
  const out = val.charCodeAt(0) === 48 && val.charCodeAt(1) === 48 ? auUnescape(val.slice(2), true) : auUnescape(val, true);
  return out ?? val;
}

/** strtoul(val, base) as C returns it: the leading digits (after blanks and a sign), 0 when there are none. */
export function cNumber(val: string, base: number): number {
  let i = 0;
  while (val.charCodeAt(i) === 32) i++;
  let neg = false;
  if (val.charCodeAt(i) === 45) {
    neg = true;
    i++;
  } else if (val.charCodeAt(i) === 43) i++;
  if (base === 16 && val.charCodeAt(i) === 48 && (val.charCodeAt(i + 1) | 32) === 120) i += 2;
  let v = 0;
  for (; i < val.length; i++) {
    const c = val.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : c >= 65 && c <= 90 ? c - 55 : 99;
    if (d >= base) break;
    v = v * base + d;
  }
  return neg ? -v : v;
}

/** aulookup_uid / aulookup_gid: (u32)-1 is unset, 0 is root, else the host's name or unknown(N). */
function idName(val: string, ids: IdNames, group: boolean): string {
  const n = cNumber(val, 10) | 0; // C keeps it in an int
  if (n === -1) return 'unset';
  if (n === 0) return 'root';
  const name = group ? ids.group(n >>> 0) : ids.user(n >>> 0);
  return name ?? `unknown(${n})`;
}

function printSyscall(ctx: FieldContext, _val: string): string {
  const arch = ctx.arch < 0 ? HOST_ARCH : ctx.arch;
  const nr = ctx.syscall; // auparse's, not the value: -i names other records' syscall= as syscall 0
  const sys = ausearchSyscallName(arch, nr);
  if (sys === undefined) return `unknown-syscall(${nr})`;
  if (sys === 'socketcall' && ctx.loadArgs) ctx.loadArgs(ctx);
  if (sys === 'socketcall' && ctx.a0 !== undefined) {
    const f = SOCKETCALLS.get(cNumber(ctx.a0, 16));
    if (f !== undefined) return `${sys}(${f})`;
  }
  return sys;
}

function printExit(val: string): string {
  if (val.charCodeAt(0) !== 45) return val;
  const n = -cNumber(val, 10);
  return `${errnoName(n) ?? '(null)'}(${errnoMessage(n)})`;
}

function printSockaddr(val: string): string {
  let n = 0;
  while (n < val.length && isXdigit(val.charCodeAt(n))) n++;
  if (n < 2) return `malformed-host(${val})`;
  const slen = val.length >> 1;
  const b = Buffer.alloc(Math.max(n >> 1, 128));
  b.write(val.slice(0, n & ~1), 'hex');
  const famNr = b[0]! | (b[1]! << 8);
  const fam = ADDRESS_FAMILIES.get(famNr);
  if (fam === undefined) return `unknown-family(${famNr})`;
  switch (famNr) {
    case 1: {
      if (slen < 4) return `{ saddr_fam=${fam} sockaddr len too short }`;
      const start = b[2] === 0 ? 3 : 2;
      let end = b.indexOf(0, start);
      if (end < 0 || end > start + 108) end = Math.min(start + 108, b.length);
      return `{ saddr_fam=${fam} path=${b.toString('utf8', start, end)} }`;
    }
    case 2:
      if (slen < 16) return `{ saddr_fam=${fam} sockaddr len too short }`;
      return `{ saddr_fam=${fam} laddr=${b[4]}.${b[5]}.${b[6]}.${b[7]} lport=${b.readUInt16BE(2)} }`;
    case 10:
      if (slen < 28) return `{ saddr_fam=${fam} sockaddr6 len too short }`;
      return `{ saddr_fam=${fam} laddr=${formatIpv6(b, 8)} lport=${b.readUInt16BE(2)} }`;
    case 16:
      if (slen < 12) return `{ saddr_fam=${fam} len too short }`;
      return `{ saddr_fam=${fam} nlnk-fam=${famNr} nlnk-pid=${b.readUInt32LE(4)} }`;
    default:
      return `{ saddr_fam=${fam} (unsupported) }`;
  }
}

function printSuccess(val: string): string {
  const c = val.charCodeAt(0);
  if (c < 48 || c > 57) return val;
  const n = cNumber(val, 10);
  return n === 1 ? 'yes' : n === 0 ? 'no' : 'unset';
}

function printPerm(val: string): string {
  let v = cNumber(val, 10);
  if (v === 0) v = 0x0f;
  const out: string[] = [];
  if (v & 4) out.push('read');
  if (v & 2) out.push('write');
  if (v & 1) out.push('exec');
  if (v & 8) out.push('attr');
  return out.join(',');
}

/** The a0..a3 of a SYSCALL record, named for its syscall (auparse's print_a0..print_a3). */
function printArg(ctx: FieldContext, index: number, val: string): string {
  const arch = ctx.arch < 0 ? HOST_ARCH : ctx.arch;
  const sys = ctx.syscall < 0 ? undefined : ausearchSyscallName(arch, ctx.syscall);
  if (sys === undefined) return `0x${val}`;
  const namer = (n: number, kind: 'uid' | 'gid'): string =>
    (n | 0) === 0 ? 'root' : ((kind === 'uid' ? ctx.ids.user(n) : ctx.ids.group(n)) ?? `unknown(${n | 0})`);
  if (ctx.loadArgs && (index === 1 || index === 2)) ctx.loadArgs(ctx);
  return syscallArgText(sys, index, val, [ctx.a0, ctx.a1, undefined, undefined], namer, archName(arch));
}

/**
 * The types whose text depends on the value alone, and how each is printed (auparse_do_interpretation's switch),
 * in the order of AUPARSE_TYPE_*.
 */
const VALUE_PRINTERS: ReadonlyMap<number, (val: string) => string> = new Map<number, (val: string) => string>([
  [T.ARCH, (v) => ausearchArchName(cNumber(v, 16))],
  [T.EXIT, printExit],
  [T.ESCAPED, printEscaped],
  [T.PERM, printPerm],
  [T.MODE, (v) => modeText(v, 8)],
  [T.SOCKADDR, printSockaddr],
  [T.PROMISC, promiscuousText],
  [T.CAPABILITY, (v) => capabilityText(v, 10)],
  [T.SUCCESS, printSuccess],
  [T.SIGNAL, (v) => signalText(v, 10)],
  [T.LIST, ruleListText],
  [T.TTY_DATA, printTtyData],
  [T.SESSION, (v) => (v === '4294967295' ? 'unset' : v)],
  [T.CAP_BITMAP, capabilityBitmapText],
  [T.NFPROTO, nfprotoText],
  [T.PROTOCOL, (v) => hostProtocolName(cNumber(v, 10)) ?? 'undefined protocol'],
  [T.PERSONALITY, personalityText],
  // audit 3.0.9 names SECCOMP_RET_KILL_THREAD (0) `kill`; the other actions as the project's table does
  [T.SECCOMP, (v) => ((cNumber(v, 16) & 0xffff0000) === 0 ? 'kill' : seccompCodeText(v))],
  [T.OFLAG, openFlagsText],
  [T.MMAP, mmapText],
  [T.MODE_SHORT, (v) => modeShortText(v, 8)],
  [T.PROCTITLE, printProctitle],
  [T.IOCTL_REQ, ioctlRequestText],
  [T.ESCAPED_KEY, printEscaped],
  [T.FANOTIFY, printFanotify],
  // AUDIT_NLGRP_READLOG
  [T.NLMCGRP, (v) => (cNumber(v, 16) === 1 ? 'audit-netlink-multicast' : 'audit-none')],
]);

function printFanotify(val: string): string {
  const c = val.charCodeAt(0);
  if (c < 48 || c > 57) return val;
  const n = cNumber(val, 10);
  return n === 1 ? 'allow' : n === 2 ? 'deny' : 'unknown'; // FAN_ALLOW, FAN_DENY
}

/**
 * auparse_do_interpretation without the enriched lookup and the escaping: the text of value `val` (as logged)
 * of a field of type `type`.
 */
export function interpretValue(type: number, val: string, ctx: FieldContext): string {
  switch (type) {
    case T.UID:
    case T.GID:
      return idName(val, ctx.ids, type === T.GID);
    case T.SYSCALL:
      return printSyscall(ctx, val);
    case T.ESCAPED_FILE:
      return ctx.cwd === undefined ? printEscaped(val) : realpath(val, ctx.cwd);
    case T.A0:
    case T.A1:
    case T.A2:
    case T.A3:
      return printArg(ctx, type - T.A0, val);
    default: {
      // MAC labels and addresses keep their value; so, for now, do FLAGS (RHEL 4 PATH flags), ICMPTYPE, HOOK,
      // NETACTION, MACPROTO (NETFILTER_PKT) and RESOLVE (openat2), which no log we have shows
      const print = VALUE_PRINTERS.get(type);
      return print === undefined ? val : print(val);
    }
  }
}

/** True when ausearch's TTY escaping changes `s` (a byte below 0x20). */
const CONTROL = /[\x00-\x1f]/;

/** Any byte below 0x20 (one native scan: most values have none). */
function needsEscape(s: string): boolean {
  return CONTROL.test(s);
}

/** auparse's TTY escaping: bytes below 0x20 become \ooo. */
export function ttyEscape(s: string): string {
  if (!needsEscape(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 32 ? `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}` : s[i];
  }
  return out;
}

/** An enriched value's text as an id (unquoted, unhexed) and as it stands, both escaped. */
const ENRICHED_TEXT = new Map<string, readonly [string, string]>();

/** The text of an enriched interpretation `e` for a field of `type` (auditd could name it: not `unknown-…`). */
export function enrichedText(type: number, e: string): string {
  let text = ENRICHED_TEXT.get(e);
  if (text === undefined) {
    text = [escapeFor(type, printEscaped(e)), escapeFor(type, e)] as const;
    if (ENRICHED_TEXT.size < 4096) ENRICHED_TEXT.set(e, text);
  }
  return type === T.UID || type === T.GID ? text[0] : text[1];
}

/**
 * auparse_do_interpretation: the enriched interpretation when the record has one for this name (re-done when
 * auditd could not name it, `unknown-…`), else the field's own; escaped for a terminal.
 */
export function interpretField(type: number, name: string, val: string, ctx: FieldContext, enriched: Enriched): string {
  if (enriched.size !== 0) {
    const e = enriched.get(name);
    if (e !== undefined && !e.startsWith('unknown-')) return enrichedText(type, e);
  }
  if (PURE[type] === 1) {
    // these depend on the value alone (and the id names, fixed per resolver): logs repeat them thousands of times
    let cache = PURE_CACHE.get(ctx.ids);
    if (cache === undefined) PURE_CACHE.set(ctx.ids, (cache = []));
    const m = (cache[type] ??= new Map<string, string>());
    let text = m.get(val);
    if (text === undefined) {
      text = escapeFor(type, interpretValue(type, val, ctx));
      if (m.size < 4096) m.set(val, text);
    }
    return text;
  }
  return escapeFor(type, interpretValue(type, val, ctx));
}

/** Types whose interpretation is a function of the value (and the id resolver) alone. */
const PURE = new Uint8Array(64);
for (const t of [T.UID, T.GID, T.MODE, T.CAP_BITMAP, T.SESSION, T.SUCCESS, T.EXIT, T.SIGNAL, T.PERM, T.PROMISC]) {
  PURE[t] = 1;
}
const PURE_CACHE = new WeakMap<IdNames, Map<string, string>[]>();

/** Keys joined by \x01 are escaped one by one (the separator itself is kept). */
function escapeFor(type: number, s: string): string {
  if (type !== T.ESCAPED_KEY || !s.includes('\x01')) return ttyEscape(s);
  return s.split('\x01').map(ttyEscape).join('\x01');
}

export { AUDIT_SYSCALL, AUDIT_SECCOMP };
