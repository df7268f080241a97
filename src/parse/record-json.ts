// Record-level JSON/YAML (no -i): one plain object per record, in the shape of go-libaudit's auparse
// (`AuditMessage.ToMapStr`): `@timestamp` (RFC 3339, UTC, milliseconds), `record_type`, `sequence`, `node`
// (when present), `raw_msg` (everything after `msg=`, as read), every body field as a string (a nested
// `msg='…'` flattened, its fields winning over outer ones), `result`, the rule `keys`, and the ENRICHED
// interpretations under `enriched`. Values are made readable as go-libaudit makes them:
// - `arch` and `syscall` by name; a negative `exit` by errno name (`EACCES`); SECCOMP `sig` by signal name;
// - `auid`, `old-auid`, `ses` of 4294967295 or -1 are `unset`;
// - `success=` / `res=` become `result` (`success` / `fail`); `key=` becomes `keys` (hex and \x01 lists decoded);
// - `subj=` (and PATH `obj=`) SELinux contexts split into `subj_user`, `subj_role`, `subj_domain`,
//   `subj_level`, `subj_category`;
// - hex-encoded strings decoded (every field the kernel or auditd hex-encodes: cwd, exe, comm, name, cmd,
//   acct, proctitle with its NULs as spaces, TTY data, EXECVE arguments, …);
// - SOCKADDR `saddr` decoded into `family`, `addr`, `port`, `path` (`flow`, `scope`), unknown families kept;
// - SELinux AVC text into `seresult`/`seperms`; old spellings (`old auid=`, `(hostname=`) as `old_auid`, `hostname`.
// - fields whose value is `?` or `(null)` ("no value") are left out.
// Unlike go-libaudit, an empty value (an empty argument) is kept, an abstract socket keeps its name, and bytes
// that are not UTF-8 are kept as escapes (lossless.ts). With `rawValues` every field is exactly as logged
// (quotes removed) and nothing is added: the view for tools that do their own interpretation.
//
// One writer (FieldWriter) decides every member; it writes them into an object (recordToPlain: YAML) or
// straight into JSON text (recordJSON: `-format=json`, where building objects first costs twice the time).

import { archName } from '../tables/arch.js';
import { errnoName } from '../tables/errno.js';
import { ADDRESS_FAMILY } from '../tables/linux-constants.js';
import { AUDIT_MESSAGE } from '../tables/message-types.js';
import { SIGNALS } from '../tables/signals.js';
import { syscallName } from '../tables/syscalls.js';
import { isExecveArgKey, UNTRUSTED_FIELDS } from './interpret/hex.js';
import { decodeSockaddr } from './interpret/sockaddr.js';
import { ruleKeys } from './interpret/values.js';
import { JsonBytes } from './json-bytes.js';
import { type BodyVisitor, scanBody, scanEnriched } from './lexer.js';
import { encodeLossless, hexToLossless } from './lossless.js';
import { type AuditRecord, detached } from './record.js';
import { syscallNameFor } from './syscall-names.js';

const { AF_LOCAL, AF_INET, AF_INET6 } = ADDRESS_FAMILY;

export interface RecordJsonOptions {
  /** Every field exactly as logged (quotes removed); no names, no decoding, no `result`/`keys`. */
  rawValues?: boolean;
}

/** Members of the record object itself: a body field of that name cannot overwrite them. */
const HEADER_KEYS = new Set(['@timestamp', 'record_type', 'sequence', 'node', 'raw_msg', 'result', 'keys', 'enriched']);

let isoSec = -1;
let isoPrefix = '';
let isoMsec = -1;
let isoLast = '';

/**
 * RFC 3339 UTC with milliseconds, e.g. 2016-01-03T00:37:51.394Z. Cached: the records of an event share
 * their timestamp, and events come in bursts within a second.
 */
export function isoTimestamp(sec: number, msec: number): string {
  if (sec !== isoSec) {
    const d = new Date(sec * 1000);
    if (Number.isNaN(d.getTime())) return `${sec}.${String(msec).padStart(3, '0')}`;
    isoSec = sec;
    isoPrefix = d.toISOString().slice(0, -4);
    isoMsec = -1;
  }
  if (msec !== isoMsec) {
    isoMsec = msec;
    isoLast = `${isoPrefix}${msec < 10 ? '00' : msec < 100 ? '0' : ''}${msec}Z`;
  }
  return isoLast;
}

/** `success` / `fail` from a record's `success=` or `res=` value, or undefined. */
export function recordResult(record: AuditRecord): 'success' | 'fail' | undefined {
  const v = record.get('success') ?? record.get('res');
  return v === undefined ? undefined : resultOf(v);
}

const RESULTS = new Map<string, 'success' | 'fail'>([
  ['yes', 'success'],
  ['success', 'success'],
  ['1', 'success'],
  ['no', 'fail'],
  ['failed', 'fail'],
  ['fail', 'fail'],
  ['0', 'fail'],
]);

/** `success=`/`res=` as written -> success/fail; trailing `)`, `,`, `'` and case are ignored; else undefined. */
export function resultOf(v: string): 'success' | 'fail' | undefined {
  return RESULTS.get(v) ?? RESULTS.get(v.replace(/[),']+$/, '').toLowerCase());
}

/** Name for an `arch=` value (hex AUDIT_ARCH_* code), or undefined. */
const archNames = new Map<string, string | null>();

export function archFieldName(value: string): string | undefined {
  let name = archNames.get(value);
  if (name === undefined) {
    name = value.length === 0 || value.length > 8 || !/^[0-9a-fA-F]+$/.test(value) ? null : (archName(Number.parseInt(value, 16)) ?? null);
    if (archNames.size < 256) archNames.set(value, name);
  }
  return name ?? undefined;
}

const {
  SYSCALL: T_SYSCALL,
  PATH: T_PATH,
  SOCKADDR: T_SOCKADDR,
  EXECVE: T_EXECVE,
  SECCOMP: T_SECCOMP,
  AVC: T_AVC,
  TTY: T_TTY,
  USER_TTY: T_USER_TTY,
} = AUDIT_MESSAGE;

const CONTEXT_PARTS = ['_user', '_role', '_domain', '_level', '_category'] as const;

/** Bytes of a hex value as lossless text, proctitle's NULs as spaces (as go-libaudit and `ausearch -i` show it). */
function decodeHexValue(hex: string, nulAsSpace: boolean): string {
  const v = hexToLossless(hex);
  return nulAsSpace ? v.replaceAll('\0', ' ') : v;
}

/** `?`, `?,` (old PAM text) and `(null)`: what auditd, PAM and the kernel write for "no value". */
function isNoValue(s: string, vs: number, ve: number): boolean {
  switch (ve - vs) {
    case 1:
      return s.charCodeAt(vs) === 63;
    case 2:
      return s.startsWith('?,', vs);
    case 6:
      return s.startsWith('(null)', vs);
    default:
      return false;
  }
}

/** The kernel's spelling of "no id" in `auid=`, `old-auid=`, `ses=`. */
function isUnsetId(s: string, vs: number, ve: number): boolean {
  const n = ve - vs;
  return (n === 10 && s.startsWith('4294967295', vs)) || (n === 2 && s.startsWith('-1', vs));
}

const HEX_DIGIT = new Uint8Array(128);
for (const c of '0123456789ABCDEF') HEX_DIGIT[c.charCodeAt(0)] = 1;

/** s[vs, ve) is non-empty, even-length upper-case hex (interpret/hex.ts's isHexEncoded, in place). */
function isHexAt(s: string, vs: number, ve: number): boolean {
  if (ve === vs || ((ve - vs) & 1) === 1) return false;
  for (let i = vs; i < ve; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || HEX_DIGIT[c] === 0) return false;
  }
  return true;
}

/** Decimal digits s[vs, ve) (1 to 9 of them) as a number, or -1. */
function smallIntAt(s: string, vs: number, ve: number): number {
  if (ve <= vs || ve - vs > 9) return -1;
  let n = 0;
  for (let i = vs; i < ve; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A member's name, and its start as JSON text. */
interface MemberKey {
  readonly name: string;
  /** `,"name":` */
  readonly bare: string;
  /** `,"name":"` as UTF-8 */
  readonly json: Uint8Array;
}

function memberKey(name: string): MemberKey {
  const bare = `,${JSON.stringify(name)}:`;
  return { name, bare, json: Buffer.from(`${bare}"`, 'utf8') };
}

const RESULT = memberKey('result');
const KEYS = memberKey('keys');
const SUCCESS_KEY = memberKey('success');
const RES_KEY = memberKey('res');
const SERESULT = memberKey('seresult');
const SEPERMS = memberKey('seperms');
const SA = {
  family: memberKey('family'),
  path: memberKey('path'),
  addr: memberKey('addr'),
  port: memberKey('port'),
  flow: memberKey('flow'),
  scope: memberKey('scope'),
  saddr: memberKey('saddr'),
};

/** What field() does with a key (as written) beyond copying it. */
const KIND = {
  plain: 0,
  arch: 1,
  syscall: 2,
  success: 3,
  res: 4,
  key: 5,
  unsetId: 6,
  exit: 7,
  subj: 8,
  obj: 9,
  sig: 10,
  saddr: 11,
} as const;
// every special key is a kind of its own, except the ids that print "unset" for -1
const SAME_NAMED = ['arch', 'syscall', 'success', 'res', 'key', 'exit', 'subj', 'obj', 'sig', 'saddr'] as const;
const KINDS = new Map<string, number>([
  ...SAME_NAMED.map((k) => [k, KIND[k]] as const),
  ...['auid', 'old-auid', 'ses'].map((k) => [k, KIND.unsetId] as const),
]);

/** Everything field() needs to know about a key, worked out once per distinct key. */
class KeyInfo {
  readonly kind: number;
  /** The key as written is a header member's name (skipped by rawValues). */
  readonly rawHeader: boolean;
  /** The key as written, as a member (rawValues, and the special keys, whose names need no change). */
  readonly raw: MemberKey;
  /** The key as written looks like an EXECVE argument (a0, a1[2]): `?` is then a value. */
  readonly execveArg: boolean;
  /** The member: old PAM text's `(hostname` is `hostname`, old LOGIN's `old auid` is `old_auid`. */
  readonly member: MemberKey;
  /** The member's name is a header member's: the field is left out. */
  readonly header: boolean;
  /** 0: never hex-encoded; 1: in every record type; 2: in EXECVE; 3: in TTY and USER_TTY (`data=`). */
  readonly encoded: number;
  readonly proctitle: boolean;
  /** `subj_user` … `subj_category` (for `subj=` / `obj=`). */
  readonly parts: readonly MemberKey[] | undefined;

  constructor(readonly key: string) {
    this.kind = KINDS.get(key) ?? KIND.plain;
    this.rawHeader = HEADER_KEYS.has(key);
    this.raw = memberKey(key);
    this.execveArg = isExecveArgKey(key);
    let name = key;
    if (key.charCodeAt(0) === 40 /* ( */) name = key.slice(1);
    else if (key.includes(' ')) name = key.replace(' ', '_');
    this.member = name === key ? this.raw : memberKey(name);
    this.header = HEADER_KEYS.has(name);
    this.encoded = KeyInfo.encoding(name);
    this.proctitle = name === 'proctitle';
    this.parts = this.kind === KIND.subj || this.kind === KIND.obj ? CONTEXT_PARTS.map((p) => memberKey(key + p)) : undefined;
  }

  /** Where a bare upper-case hex value of this field is the kernel's (or auditd's) encoding of a string. */
  private static encoding(name: string): number {
    if (name === 'data') return 3; // elsewhere `data=` is not a string
    if (name === 'key') return 0; // becomes keys[]
    if (UNTRUSTED_FIELDS.has(name)) return 1;
    return isExecveArgKey(name) ? 2 : 0;
  }

  /** True when a bare hex value of this field in a record of `type` is an encoded string. */
  encodedIn(type: number): boolean {
    const e = this.encoded;
    return e === 1 || (e === 2 && type === T_EXECVE) || (e === 3 && (type === T_TTY || type === T_USER_TTY));
  }
}

/** Keys seen so far (a log has a few hundred distinct ones). */
const KEY_INFO = new Map<string, KeyInfo>();

function keyInfo(s: string, ks: number, ke: number): KeyInfo {
  const key = s.slice(ks, ke);
  let k = KEY_INFO.get(key);
  if (k === undefined) {
    k = new KeyInfo(detached(key));
    // a bound: a log of random keys must not grow this without end
    if (KEY_INFO.size < 8192) KEY_INFO.set(k.key, k);
  }
  return k;
}

/** Where a record's members go: an object (YAML, tests) or JSON bytes (`-format=json`). */
interface Members {
  /** A member whose value is s[vs, ve) of the line, as written. */
  span(k: MemberKey, s: string, vs: number, ve: number): void;
  /** A member whose value was made here (a name, a decoded address). */
  value(k: MemberKey, v: string): void;
  /** A member whose value is the string the hex s[vs, ve) encodes. */
  hex(k: MemberKey, s: string, vs: number, ve: number, nulAsSpace: boolean): void;
  list(k: MemberKey, values: string[]): void;
  /** `keys`: the rule keys of a `key=` value (ruleKeys), when it has any. */
  keys(value: string, quoted: boolean): void;
}

class ObjectMembers implements Members {
  out: Record<string, unknown> = {};

  span(k: MemberKey, s: string, vs: number, ve: number): void {
    put(this.out, k.name, s.slice(vs, ve));
  }

  value(k: MemberKey, v: string): void {
    put(this.out, k.name, v);
  }

  hex(k: MemberKey, s: string, vs: number, ve: number, nulAsSpace: boolean): void {
    put(this.out, k.name, decodeHexValue(s.slice(vs, ve), nulAsSpace));
  }

  list(k: MemberKey, values: string[]): void {
    this.out[k.name] = values;
  }

  keys(value: string, quoted: boolean): void {
    const keys = ruleKeys(value, quoted);
    if (keys !== undefined) this.list(KEYS, keys);
  }
}

/**
 * Members as JSON bytes, `,"k":"v"` each. A key given twice (an outer and an inner `uid=`) is written twice;
 * JSON readers keep the last, which is the object's value.
 */
class ByteMembers implements Members {
  j = new JsonBytes(0);

  span(k: MemberKey, s: string, vs: number, ve: number): void {
    const j = this.j;
    j.bytes(k.json);
    j.chars(s, vs, ve);
    j.byte(34);
  }

  value(k: MemberKey, v: string): void {
    const j = this.j;
    j.bytes(k.json);
    j.chars(v, 0, v.length);
    j.byte(34);
  }

  /** Decoded straight into the output while the bytes are ASCII; anything else goes through hexToLossless. */
  hex(k: MemberKey, s: string, vs: number, ve: number, nulAsSpace: boolean): void {
    const j = this.j;
    j.bytes(k.json);
    const start = j.pos;
    j.room((ve - vs) * 3 + 1);
    for (let i = vs; i < ve; i += 2) {
      const hi = s.charCodeAt(i);
      const lo = s.charCodeAt(i + 1);
      const b = ((hi <= 57 ? hi - 48 : hi - 55) << 4) | (lo <= 57 ? lo - 48 : lo - 55);
      if (b >= 128) {
        j.pos = start;
        const v = decodeHexValue(s.slice(vs, ve), nulAsSpace);
        j.chars(v, 0, v.length);
        break;
      }
      j.asciiByte(b === 0 && nulAsSpace ? 32 : b);
    }
    j.byte(34);
  }

  list(k: MemberKey, values: string[]): void {
    this.j.json(k.bare + JSON.stringify(values));
  }

  /** A log has a few distinct `key=` values: their member is made once. */
  keys(value: string, quoted: boolean): void {
    const id = quoted ? `"${value}` : value;
    let json = KEYS_JSON.get(id);
    if (json === undefined) {
      const keys = ruleKeys(value, quoted);
      json = keys === undefined ? '' : KEYS.bare + JSON.stringify(keys);
      if (KEYS_JSON.size < 4096) KEYS_JSON.set(detached(id), json);
    }
    if (json !== '') this.j.json(json);
  }
}

/** `,"keys":[…]` by `key=` value (a leading `"` when it was quoted), '' when it has no keys. */
const KEYS_JSON = new Map<string, string>();

/** The last `arch=` value seen, its name and its code (records of a log share one or two arches). */
let archRaw: string | undefined;
let archRawName: string | undefined;
let archRawCode = -1;

function rememberArch(s: string, vs: number, ve: number): string {
  if (archRaw !== undefined && archRaw.length === ve - vs && s.startsWith(archRaw, vs)) return archRaw;
  archRaw = detached(s.slice(vs, ve));
  archRawName = archFieldName(archRaw);
  archRawCode = archRaw.length > 0 && archRaw.length <= 8 && /^[0-9a-fA-F]+$/.test(archRaw) ? Number.parseInt(archRaw, 16) : -1;
  return archRaw;
}

/** FieldWriter.at: arch, success, res and key offsets (start and end each), key quoted. */
const [ARCH, SUCCESS, RES, KEY, QUOTED] = [0, 2, 4, 6, 8] as const;
const RUN_STATE = QUOTED + 1;

/** Turns body tokens into members (see the top of this file); one instance, reset per record. */
class FieldWriter implements BodyVisitor {
  m: Members = new ObjectMembers();
  s = '';
  type = 0;
  raw = false;
  arch: string | undefined = undefined;
  /**
   * Where the values of `arch=`, `success=`, `res=`, `key=` are: start and end offsets at ARCH, SUCCESS, RES,
   * KEY (start -1: none), and at QUOTED 1 when the key= value was quoted.
   */
  readonly at = new Int32Array(RUN_STATE);
  /** Start of the run of fields being scanned on its own (-1: none), and whether its syscall= used an arch= before it. */
  runStart = -1;
  archFromBefore = false;
  private readonly saved = new Int32Array(RUN_STATE);

  reset(m: Members, record: AuditRecord, raw: boolean): void {
    this.m = m;
    this.s = record.line;
    this.type = record.type;
    this.raw = raw;
    this.arch = undefined;
    this.at.fill(-1);
    this.runStart = -1;
  }

  /** A run of fields is scanned on its own: what it sets is noted apart (endRun). */
  beginRun(from: number): void {
    this.saved.set(this.at);
    for (let i = 0; i < QUOTED; i += 2) this.at[i] = -1;
    this.runStart = from;
    this.archFromBefore = false;
  }

  /**
   * What the run set, as offsets from its start (-1: not set), or undefined when its members depend on fields
   * before it (a syscall= named by an earlier arch=) and so cannot be cached by its text. What the run did not
   * set is as before it.
   */
  endRun(from: number): Int32Array | undefined {
    const r = new Int32Array(RUN_STATE);
    const at = this.at;
    for (let i = 0; i < QUOTED; i += 2) {
      if (at[i]! < 0) {
        r[i] = -1;
        at[i] = this.saved[i]!;
        at[i + 1] = this.saved[i + 1]!;
        if (i === KEY) at[QUOTED] = this.saved[QUOTED]!;
      } else {
        r[i] = at[i]! - from;
        r[i + 1] = at[i + 1]! - from;
        if (i === KEY) r[QUOTED] = at[QUOTED]!;
      }
    }
    this.runStart = -1;
    return this.archFromBefore ? undefined : r;
  }

  /** A cached run's effect on the state (endRun's offsets, from `from`), as scanning it would have had. */
  replay(r: Int32Array, from: number): void {
    const at = this.at;
    for (let i = 0; i < QUOTED; i += 2) {
      if (r[i]! < 0) continue;
      at[i] = from + r[i]!;
      at[i + 1] = from + r[i + 1]!;
      if (i === KEY) at[QUOTED] = r[QUOTED]!;
      if (i === ARCH) this.arch = rememberArch(this.s, at[ARCH]!, at[ARCH + 1]!);
    }
  }

  field(s: string, ks: number, ke: number, vs: number, ve: number, quote: number): void {
    const k = keyInfo(s, ks, ke);
    const m = this.m;
    if (this.raw) {
      if (!k.rawHeader) m.span(k.raw, s, vs, ve);
      return;
    }
    // `?` and `(null)` say "no value" (as go-libaudit, the field is left out); an empty value is a value.
    if (isNoValue(s, vs, ve) && !(this.type === T_EXECVE && k.execveArg)) return;
    if (k.kind !== KIND.plain) {
      this.special(k, s, vs, ve, quote);
      return;
    }
    if (k.header) return;
    if (quote === 0 && k.encoded !== 0 && k.encodedIn(this.type) && isHexAt(s, vs, ve)) m.hex(k.member, s, vs, ve, k.proctitle);
    else m.span(k.member, s, vs, ve);
  }

  private special(k: KeyInfo, s: string, vs: number, ve: number, quote: number): void {
    const m = this.m;
    switch (k.kind) {
      case KIND.arch:
        this.note(ARCH, vs, ve);
        this.arch = rememberArch(s, vs, ve);
        if (archRawName === undefined) m.span(k.raw, s, vs, ve);
        else m.value(k.raw, archRawName);
        return;
      case KIND.syscall:
        this.syscall(k, s, vs, ve);
        return;
      case KIND.success:
        this.note(SUCCESS, vs, ve);
        return;
      case KIND.res:
        this.note(RES, vs, ve);
        return;
      case KIND.key:
        this.note(KEY, vs, ve);
        this.at[QUOTED] = quote === 0 ? 0 : 1;
        return;
      case KIND.unsetId:
        if (isUnsetId(s, vs, ve)) m.value(k.raw, 'unset');
        else m.span(k.raw, s, vs, ve);
        return;
      case KIND.exit:
        this.exit(k, s, vs, ve);
        return;
      case KIND.subj:
        splitContext(m, k, s, vs, ve);
        return;
      case KIND.obj:
        if (this.type === T_PATH) splitContext(m, k, s, vs, ve);
        else m.span(k.raw, s, vs, ve);
        return;
      case KIND.sig: {
        const name = this.type === T_SECCOMP ? SIGNALS.get(Number(s.slice(vs, ve))) : undefined;
        if (name === undefined) m.span(k.raw, s, vs, ve);
        else m.value(k.raw, name);
        return;
      }
      case KIND.saddr:
        if (this.type === T_SOCKADDR && quote === 0) sockaddr(m, s.slice(vs, ve));
        else m.span(k.raw, s, vs, ve);
        return;
    }
  }

  /** `syscall=` by name on the record's arch; digits are looked up in place, anything else as syscallNameFor says. */
  private syscall(k: KeyInfo, s: string, vs: number, ve: number): void {
    if (this.runStart >= 0 && this.at[ARCH]! < this.runStart) this.archFromBefore = true;
    let name: string | undefined;
    const nr = ve - vs <= 4 ? smallIntAt(s, vs, ve) : -1;
    if (nr >= 0 && this.arch !== undefined && this.arch === archRaw) name = archRawCode < 0 ? undefined : syscallName(archRawCode, nr);
    else name = syscallNameFor(this.arch, s.slice(vs, ve));
    if (name === undefined) this.m.span(k.raw, s, vs, ve);
    else this.m.value(k.raw, name);
  }

  /** A negative `exit=` by errno name. */
  private exit(k: KeyInfo, s: string, vs: number, ve: number): void {
    let name: string | undefined;
    if (s.charCodeAt(vs) === 45 /* - */) {
      const n = smallIntAt(s, vs + 1, ve);
      if (n >= 0) name = errnoName(n);
      else {
        const v = Number(s.slice(vs, ve));
        name = Number.isInteger(v) ? errnoName(v) : undefined;
      }
    }
    if (name) this.m.value(k.raw, name);
    else this.m.span(k.raw, s, vs, ve);
  }

  text(s: string, start: number, end: number): void {
    if (this.raw || this.type !== T_AVC || !s.startsWith('avc:', start)) return;
    // SELinux: `avc:  denied  { read write } for` -> seresult=denied seperms=read,write
    const match = /^avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}/.exec(s.slice(start, end));
    if (match === null) return;
    this.m.value(SERESULT, match[1]!);
    this.m.value(SEPERMS, match[2]!.split(/\s+/).join(','));
  }

  nested(): void {}

  private note(which: number, vs: number, ve: number): void {
    this.at[which] = vs;
    this.at[which + 1] = ve;
  }

  /** Members that depend on the whole body: result and keys. */
  finish(): void {
    if (this.raw) return;
    const m = this.m;
    const s = this.s;
    const at = this.at;
    const from = at[SUCCESS]! >= 0 ? SUCCESS : at[RES]! >= 0 ? RES : -1;
    if (from >= 0) {
      const r = resultAt(s, at[from]!, at[from + 1]!);
      if (r === undefined) {
        // a value we cannot read stays as written
        if (at[SUCCESS]! >= 0) m.span(SUCCESS_KEY, s, at[SUCCESS]!, at[SUCCESS + 1]!);
        if (at[RES]! >= 0) m.span(RES_KEY, s, at[RES]!, at[RES + 1]!);
      } else {
        m.value(RESULT, r);
      }
    }
    if (at[KEY]! >= 0) m.keys(s.slice(at[KEY]!, at[KEY + 1]!), at[QUOTED] === 1);
  }
}

/** resultOf of s[vs, ve), the usual spellings compared in place. */
function resultAt(s: string, vs: number, ve: number): 'success' | 'fail' | undefined {
  switch (ve - vs) {
    case 3:
      if (s.startsWith('yes', vs)) return 'success';
      break;
    case 2:
      if (s.startsWith('no', vs)) return 'fail';
      break;
    case 1: {
      const c = s.charCodeAt(vs);
      if (c === 49) return 'success';
      if (c === 48) return 'fail';
      break;
    }
  }
  return resultOf(s.slice(vs, ve));
}

/**
 * Sets a member. The objects are plain `{}` (JSON.stringify and YAML are faster on them than on
 * prototype-less ones), so a field named `__proto__` is defined, not assigned.
 */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** `subj=` / `obj=` SELinux `user:role:type:level[:categories]` into `<key>_user` … `<key>_category`. */
function splitContext(m: Members, k: KeyInfo, s: string, vs: number, ve: number): void {
  // Only SELinux contexts: an AppArmor label (`unconfined`, `/usr/bin/foo (enforce)`) has no such parts.
  const first = s.indexOf(':', vs);
  if (first < 0 || first >= ve || s.charCodeAt(vs) === 47) {
    m.span(k.raw, s, vs, ve);
    return;
  }
  const parts = k.parts!;
  let from = vs;
  let i = 0;
  for (; i < parts.length - 1; i++) {
    const colon = s.indexOf(':', from);
    if (colon < 0 || colon >= ve) break;
    m.span(parts[i]!, s, from, colon);
    from = colon + 1;
  }
  m.span(parts[i]!, s, from, ve); // the rest: the categories keep their colons
}

/** SOCKADDR `saddr=` as go-libaudit shows it: family (unix, ipv4, ipv6, netlink, or the number) and its parts. */
function sockaddr(m: Members, hex: string): void {
  const sa = decodeSockaddr(hex);
  switch (sa.familyNumber) {
    case AF_LOCAL:
      if (sa.path === undefined || sa.error !== undefined) break;
      m.value(SA.family, 'unix');
      m.value(SA.path, sa.path);
      return;
    case AF_INET:
    case AF_INET6:
      if (sa.addr === undefined) break;
      m.value(SA.family, sa.familyNumber === AF_INET ? 'ipv4' : 'ipv6');
      m.value(SA.addr, sa.addr);
      m.value(SA.port, String(sa.port));
      if (sa.flow !== undefined) m.value(SA.flow, String(sa.flow));
      if (sa.scope !== undefined) m.value(SA.scope, String(sa.scope));
      return;
    default:
      if (sa.familyNumber < 0) break;
      m.value(SA.family, sa.familyNumber === 16 ? 'netlink' : String(sa.familyNumber));
      m.value(SA.saddr, hex);
      return;
  }
  m.value(SA.saddr, hex); // too short or not hex: as logged
}

/**
 * Most bodies are a plain run of `key=value` / `key="value"` tokens: those are cut with indexOf (native, as fast
 * before the code is optimized as after), anything else (msg='…', free text, tabs, an unterminated quote)
 * goes through the lexer, which gives the same tokens for a plain body.
 */
const SAFE_BODY =
  /^ *(?:[^\s="'\\\u0000-\u001f\ud800-\udfff]+=(?:"[^"\\\u0000-\u001f\ud800-\udfff]*"|[^\s"'\\\u0000-\u001f\ud800-\udfff]*)(?: +|$))*$/;

/** Visits the fields of s[start, end), a body. */
function scanFields(s: string, start: number, end: number, v: FieldWriter): void {
  if (SAFE_BODY.test(s.slice(start, end))) scanPlain(s, start, end, v);
  else scanBody(s, start, end, v);
}

/** Visits the fields of s[start, end), a run of whole tokens of a body SAFE_BODY accepts. */
function scanPlain(s: string, start: number, end: number, v: FieldWriter): void {
  let i = start;
  while (i < end) {
    while (s.charCodeAt(i) === 32) i++;
    if (i >= end) break;
    const eq = s.indexOf('=', i);
    if (s.charCodeAt(eq + 1) === 34) {
      const close = s.indexOf('"', eq + 2);
      v.field(s, i, eq, eq + 2, close, 34);
      i = close + 1;
    } else {
      let sp = s.indexOf(' ', eq + 1);
      if (sp < 0 || sp > end) sp = end;
      v.field(s, i, eq, eq + 1, sp, 0);
      i = sp;
    }
  }
}

const writer = new FieldWriter();
const objectMembers = new ObjectMembers();
const byteMembers = new ByteMembers();

/** The record as the plain object written as YAML (and, as JSON text, by recordJSON): see the top of this file. */
export function recordToPlain(record: AuditRecord, opts?: RecordJsonOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out['@timestamp'] = isoTimestamp(record.sec, record.msec);
  out.record_type = record.typeName;
  out.sequence = record.serial;
  if (record.node !== undefined) out.node = record.node;
  out.raw_msg = record.rawMsg;
  const m = objectMembers;
  m.out = out;
  writer.reset(m, record, opts?.rawValues === true);
  scanFields(record.line, record.bodyStart, record.bodyEnd, writer);
  writer.finish();
  m.out = {}; // not keeping the record's object alive
  if (record.isEnriched) {
    const e: Record<string, string> = {};
    scanEnriched(record.line, record.bodyEnd + 1, record.end, (s, ks, ke, vs, ve) => put(e, s.slice(ks, ke), s.slice(vs, ve)));
    out.enriched = e;
  }
  return out;
}

const typeJson = new Map<string, string>();

/** `","record_type":"SYSCALL","sequence":` for a type name (a few dozen distinct ones): closes @timestamp. */
function typeMember(name: string): string {
  let j = typeJson.get(name);
  if (j === undefined) {
    j = `","record_type":${JSON.stringify(name)},"sequence":`;
    if (typeJson.size < 4096) typeJson.set(name, j);
  }
  return j;
}

/**
 * `{"@timestamp":"…","record_type":"…","sequence":N[,"node":"…"],"raw_msg":` as one string: one native write
 * instead of a character loop per part, which matters while the code is not yet optimized.
 */
function headerJson(record: AuditRecord): string {
  const node = record.node === undefined ? '' : `,"node":${JSON.stringify(record.node)}`;
  return `{"@timestamp":"${isoTimestamp(record.sec, record.msec)}${typeMember(record.typeName)}${record.serial}${node},"raw_msg":`;
}

/** The JsonBytes the enriched members go to (a module variable: scanEnriched's visitor is not a closure). */
let enrichedTo = byteMembers.j;
let enrichedFirst = true;

function enrichedMember(s: string, ks: number, ke: number, vs: number, ve: number): void {
  const j = enrichedTo;
  if (!enrichedFirst) j.byte(44);
  enrichedFirst = false;
  j.byte(34);
  j.chars(s, ks, ke);
  j.bytes(KEY_VALUE);
  j.chars(s, vs, ve);
  j.byte(34);
}

const KEY_VALUE = Buffer.from('":"', 'latin1');
const ENRICHED_START = Buffer.from(',"enriched":{', 'latin1');
const RECORD_END = Buffer.from('}\n', 'latin1');

/**
 * Output already written, by the text it was made from. A record's text from its body on (body, ENRICHED
 * suffix) gives the same bytes from there to the end of the line every time: raw_msg's rest, the members, the
 * enriched object. Real logs repeat most PATH, PROCTITLE and CWD records (hit rates: docs/performance.md), and
 * a hit saves raw_msg's JSON.stringify too. Records whose text does not repeat (SYSCALL: pids, addresses) are
 * written from cached parts around their volatile run instead (VOLATILE_RUNS). A cache whose first 1024 look-ups found
 * fewer than 256 turns itself off.
 */
class MemberCache<V = string> {
  private readonly map = new Map<string, V>();
  private lookups = 0;
  private hits = 0;
  /** Text and bytes held. */
  bytes = 0;
  off = false;

  get(text: string): V | undefined {
    const v = this.map.get(text);
    if (this.lookups < 1024) {
      this.lookups++;
      if (v !== undefined) this.hits++;
      else if (this.lookups === 1024 && this.hits < 256) {
        this.off = true;
        this.clear();
      }
    }
    return v;
  }

  /** Keeps `value`, which holds `bytes` bytes of output, for `text`. */
  set(text: string, value: V, bytes: number): void {
    if (this.off) return;
    const size = text.length + bytes;
    if (cachedBytes + size > MAX_CACHED_BYTES) largest().clear();
    cachedBytes += size;
    this.bytes += size;
    this.map.set(detached(text), value);
  }

  clear(): void {
    cachedBytes -= this.bytes;
    this.bytes = 0;
    this.map.clear();
  }
}

/** A run of a body's fields, cached: its members and what it sets for finish() (FieldWriter.endRun). */
class Run {
  constructor(
    readonly bytes: string,
    readonly state: Int32Array,
  ) {}
}

/** The cache holding the most: the one to start over when all together would pass their bound. */
function largest(): MemberCache<unknown> {
  let max = caches[0]!;
  for (const c of caches) if (c.bytes > max.bytes) max = c;
  return max;
}

/** What all caches together may hold (text and bytes); past it the largest starts over. */
const MAX_CACHED_BYTES = 4 << 20;
/** Longer records are written each time (a long EXECVE is rarely repeated). */
const MAX_CACHED_TEXT = 1024;
let cachedBytes = 0;
const caches: MemberCache<unknown>[] = [];
/** By record type: the type decides which values are decoded. */
const recordCaches = new Map<number, MemberCache>();
/** Message type numbers below this (all that the kernel and auditd define) index recordCacheByNumber. */
const CACHES_BY_NUMBER = 4096;
const recordCacheByNumber: (MemberCache | undefined)[] = new Array<MemberCache | undefined>(CACHES_BY_NUMBER).fill(undefined);
const enrichedCache = newCache();

function newCache<V = string>(): MemberCache<V> {
  const c = new MemberCache<V>();
  caches.push(c as MemberCache<unknown>);
  return c;
}

/**
 * The cache for this record's text from its body on, or undefined (rawValues, too long, turned off, or a type
 * whose bodies hardly repeat: see VOLATILE_RUNS).
 */
function recordCache(record: AuditRecord, raw: boolean): MemberCache | undefined {
  const type = record.type;
  if (raw || record.line.length - record.bodyStart > MAX_CACHED_TEXT || VOLATILE_RUNS.has(type)) return undefined;
  // by type number where it is one (an array index costs less than a Map look-up before the code is optimized)
  let cache = type >= 0 && type < CACHES_BY_NUMBER ? recordCacheByNumber[type] : recordCaches.get(type);
  if (cache === undefined) {
    cache = newCache();
    if (type >= 0 && type < CACHES_BY_NUMBER) recordCacheByNumber[type] = cache;
    else recordCaches.set(type, cache);
  }
  return cache.off ? undefined : cache;
}

/** The body's members. */
function writeBody(j: JsonBytes, record: AuditRecord, raw: boolean): void {
  const m = byteMembers;
  m.j = j;
  writer.reset(m, record, raw);
  if (raw || !writeSplit(j, record)) scanFields(record.line, record.bodyStart, record.bodyEnd, writer);
  writer.finish();
}

/**
 * Where a type's bodies hold a run of fields that differ in nearly every record (SYSCALL's arguments and pids:
 * its bodies hardly repeat as a whole), from the first key to the last: the fields before and after the run
 * repeat, and are cached each on its own.
 */
const VOLATILE_RUNS = new Map<number, readonly [string, string]>([[AUDIT_MESSAGE.SYSCALL, [' a0=', ' pid=']]]);
const runCaches = new Map<number, MemberCache<Run>>();

/**
 * A plain body (SAFE_BODY) as cached fields, its volatile run, cached fields; false (nothing written) when it
 * has no such run or is not plain. Text found in a cache was a plain body's part, so only the rest is checked.
 */
function writeSplit(j: JsonBytes, record: AuditRecord): boolean {
  const run = VOLATILE_RUNS.get(record.type);
  if (run === undefined) return false;
  const s = record.line;
  const start = record.bodyStart;
  const end = record.bodyEnd;
  const from = s.indexOf(run[0], start);
  if (from < 0 || from >= end) return false;
  const last = s.indexOf(run[1], from);
  if (last < 0 || last >= end) return false;
  let to = s.indexOf(' ', last + run[1].length);
  if (to < 0 || to > end) to = end;
  // before the run's end every ` key=` is a field's start only when no quoted value could hold one
  const quote = s.indexOf('"', start);
  if (quote >= 0 && quote < to) return false;
  const headCache = runCache(record.type, 0, from - start);
  const tailCache = runCache(record.type, 1, end - to);
  const headText = s.slice(start, from);
  const tailText = s.slice(to, end);
  const head = headCache?.get(headText);
  const tail = tailCache?.get(tailText);
  if (head === undefined && !SAFE_BODY.test(headText)) return false;
  if (!SAFE_BODY.test(s.slice(from, to))) return false;
  if (tail === undefined && !SAFE_BODY.test(tailText)) return false;
  writeRun(j, s, start, from, headCache, headText, head);
  scanPlain(s, from, to, writer);
  writeRun(j, s, to, end, tailCache, tailText, tail);
  return true;
}

/** The cache of a type's runs before (`part` 0) or after (1) its volatile run, unless off or the text is too long. */
function runCache(type: number, part: number, length: number): MemberCache<Run> | undefined {
  if (length > MAX_CACHED_TEXT) return undefined;
  const id = type * 2 + part;
  let cache = runCaches.get(id);
  if (cache === undefined) runCaches.set(id, (cache = newCache<Run>()));
  return cache.off ? undefined : cache;
}

/** The fields of s[from, to): `hit` when the cache had them, else scanned (and cached). */
function writeRun(
  j: JsonBytes,
  s: string,
  from: number,
  to: number,
  cache: MemberCache<Run> | undefined,
  text: string,
  hit: Run | undefined,
): void {
  if (hit !== undefined) {
    j.copied(hit.bytes);
    writer.replay(hit.state, from);
    return;
  }
  if (cache === undefined) {
    scanPlain(s, from, to, writer);
    return;
  }
  const start = j.pos;
  writer.beginRun(from);
  scanPlain(s, from, to, writer);
  const state = writer.endRun(from);
  if (state !== undefined) cache.set(text, new Run(j.copyFrom(start), state), j.pos - start);
}

/** `,"enriched":{…}` for the record's ENRICHED suffix, from `cache` when given. */
function writeEnriched(j: JsonBytes, record: AuditRecord, cache: MemberCache | undefined): void {
  const line = record.line;
  const suffix = cache === undefined ? '' : line.slice(record.bodyEnd + 1, record.end);
  const hit = cache?.get(suffix);
  if (hit !== undefined) {
    j.copied(hit);
    return;
  }
  const start = j.pos;
  j.bytes(ENRICHED_START);
  enrichedTo = j;
  enrichedFirst = true;
  scanEnriched(line, record.bodyEnd + 1, record.end, enrichedMember);
  j.byte(125);
  if (cache !== undefined) cache.set(suffix, j.copyFrom(start), j.pos - start);
}

/** A SYSCALL body's fields before ` a0=`: their members, and the `result` member finish() makes of them. */
class SyscallHead {
  constructor(
    readonly members: string,
    readonly result: string,
  ) {}
}

/**
 * A SYSCALL line from the end of `pid=` on (the fields after the volatile run and the ENRICHED suffix): raw_msg's
 * rest as JSON text with its closing quote, the fields' members, and what follows them (keys, enriched, `}\n`).
 */
class SyscallRest {
  constructor(
    readonly raw: string,
    readonly members: string,
    readonly after: string,
  ) {}
}

/**
 * The volatile run as the kernel writes it: hex arguments and decimal ids, none of them special, hex-decoded or
 * in need of an escape, so one native match gives their members (what field() makes of each). `exec` and a
 * template: a replace with `$1` patterns costs more while the code is cold.
 */
const SYSCALL_RUN = /^ a0=([0-9a-fA-F]+) a1=([0-9a-fA-F]+) a2=([0-9a-fA-F]+) a3=([0-9a-fA-F]+) items=([0-9]+) ppid=([0-9]+) pid=([0-9]+)$/;
const syscallHeads = newCache<SyscallHead>();
const syscallRests = newCache<SyscallRest>();
/** Where the cached parts are written before they are kept (the record's own output goes elsewhere). */
const partBytes = new JsonBytes(4096);

/**
 * A SYSCALL record from its two cached parts and its run, with no JSON.stringify of the line and no scan of the
 * run: before the run's end the text is plain (no quote; checked by SAFE_BODY when its head was cached, and by
 * SYSCALL_RUN), so it is its own JSON. False (nothing written) for any other layout, which the general path then writes.
 */
function writeSyscall(j: JsonBytes, record: AuditRecord): boolean {
  if (syscallHeads.off || syscallRests.off) return false;
  const s = record.line;
  const end = record.bodyEnd;
  const from = s.indexOf(' a0=', record.bodyStart);
  if (from < 0 || from >= end) return false;
  const last = s.indexOf(' pid=', from);
  if (last < 0 || last >= end) return false;
  let to = s.indexOf(' ', last + 5);
  if (to < 0 || to > end) to = end;
  // SAFE_BODY allows quoted values, which raw_msg escapes; the kernel quotes none before the run's end
  const quote = s.indexOf('"', record.bodyStart);
  if (quote >= 0 && quote < to) return false;
  const v = SYSCALL_RUN.exec(s.slice(from, to));
  if (v === null) return false;
  const head = syscallHead(record, from);
  if (head === undefined) return false;
  const rest = syscallRest(record, to);
  if (rest === undefined) return false;
  j.json(`${headerJson(record)}"${s.slice(record.msgStart, to)}`);
  j.copied(rest.raw);
  j.copied(head.members);
  j.copied(`,"a0":"${v[1]}","a1":"${v[2]}","a2":"${v[3]}","a3":"${v[4]}","items":"${v[5]}","ppid":"${v[6]}","pid":"${v[7]}"`);
  j.copied(rest.members);
  j.copied(head.result);
  j.copied(rest.after);
  return true;
}

/** The head's part, cached by its text; undefined when it is not plain or holds `key=` (keys follow the tail). */
function syscallHead(record: AuditRecord, from: number): SyscallHead | undefined {
  const s = record.line;
  const text = s.slice(record.bodyStart, from);
  let head = syscallHeads.get(text);
  if (head !== undefined) return head;
  if (!SAFE_BODY.test(text)) return undefined;
  const pj = startPart(record);
  scanPlain(s, record.bodyStart, from, writer);
  if (writer.at[KEY]! >= 0) return undefined;
  const members = pj.copyFrom(0);
  const resultAt = pj.pos;
  writer.finish();
  head = new SyscallHead(members, pj.copyFrom(resultAt));
  syscallHeads.set(text, head, pj.pos);
  return head;
}

/**
 * The rest's part, cached by its text; undefined when its fields are not plain, hold `success=`/`res=` (the
 * head's result would then not be the record's) or a `syscall=` named by the head's `arch=`.
 */
function syscallRest(record: AuditRecord, to: number): SyscallRest | undefined {
  const s = record.line;
  const text = s.slice(to);
  let rest = syscallRests.get(text);
  if (rest !== undefined) return rest;
  const end = record.bodyEnd;
  if (!SAFE_BODY.test(s.slice(to, end))) return undefined;
  const pj = startPart(record);
  pj.json(JSON.stringify(text));
  const raw = pj.copyFrom(1);
  const membersAt = pj.pos;
  writer.beginRun(to);
  scanPlain(s, to, end, writer);
  const at = writer.at;
  if (writer.endRun(to) === undefined || at[SUCCESS]! >= 0 || at[RES]! >= 0) return undefined;
  const members = pj.copyFrom(membersAt);
  const afterAt = pj.pos;
  writer.finish();
  if (record.isEnriched) writeEnriched(pj, record, undefined);
  pj.bytes(RECORD_END);
  rest = new SyscallRest(raw, members, pj.copyFrom(afterAt));
  syscallRests.set(text, rest, pj.pos);
  return rest;
}

/** partBytes, emptied, as where the writer puts the record's members. */
function startPart(record: AuditRecord): JsonBytes {
  const pj = partBytes;
  pj.reset();
  byteMembers.j = pj;
  writer.reset(byteMembers, record, false);
  return pj;
}

/** Appends the record as one line of JSON, with the newline, to `j`: recordToPlain's object as JSON text. */
export function writeRecordJson(j: JsonBytes, record: AuditRecord, opts?: RecordJsonOptions): void {
  const raw = opts?.rawValues === true;
  if (!raw && record.type === T_SYSCALL && writeSyscall(j, record)) return;
  const line = record.line;
  const cache = recordCache(record, raw);
  let text = '';
  if (cache !== undefined) {
    text = line.slice(record.bodyStart);
    const hit = cache.get(text);
    if (hit !== undefined) {
      // `audit(SEC.MSEC:SERIAL): ` is ASCII without escapes (parseRecord read it), the rest is cached
      j.json(`${headerJson(record)}"${line.slice(record.msgStart, record.bodyStart)}`);
      j.copied(hit);
      return;
    }
  }
  j.json(headerJson(record));
  // raw_msg in one native call: faster than the character loop while that loop is not yet optimized
  const rawStart = j.pos;
  j.json(JSON.stringify(record.rawMsg));
  writeBody(j, record, raw);
  if (record.isEnriched) writeEnriched(j, record, cache === undefined && !enrichedCache.off ? enrichedCache : undefined);
  j.bytes(RECORD_END);
  if (cache !== undefined) {
    const from = rawStart + 1 + record.bodyStart - record.msgStart;
    cache.set(text, j.copyFrom(from), j.pos - from);
  }
}

const scratch = new JsonBytes();

/** The record as one line of JSON, with the newline (writeRecordJson, as a string). */
export function recordJSON(record: AuditRecord, opts?: RecordJsonOptions): string {
  scratch.reset();
  writeRecordJson(scratch, record, opts);
  return scratch.buf.toString('utf8', 0, scratch.pos);
}

/**
 * The log line a record object (recordToPlain, or JSON.parse of recordJSON) was made from, as bytes:
 * `[node=N ]type=T msg=` + raw_msg, with escaped bytes given back (lossless.ts). This is the line as read
 * whenever its header is spelled as auditd writes it (one space between node=, type= and msg=).
 */
export function recordLineBytes(obj: { node?: unknown; record_type?: unknown; raw_msg?: unknown }): Buffer {
  const node = typeof obj.node === 'string' ? `node=${obj.node} ` : '';
  return encodeLossless(`${node}type=${String(obj.record_type)} msg=${String(obj.raw_msg)}`);
}
