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
import { isExecveArgKey, isHexEncoded, UNTRUSTED_FIELDS } from './interpret/hex.js';
import { decodeSockaddr } from './interpret/sockaddr.js';
import { ruleKeys } from './interpret/values.js';
import { type BodyVisitor, scanBody, scanEnriched } from './lexer.js';
import { encodeLossless, hexToLossless } from './lossless.js';
import type { AuditRecord } from './record.js';
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
  PATH: T_PATH,
  SOCKADDR: T_SOCKADDR,
  EXECVE: T_EXECVE,
  SECCOMP: T_SECCOMP,
  AVC: T_AVC,
  TTY: T_TTY,
  USER_TTY: T_USER_TTY,
} = AUDIT_MESSAGE;

const CONTEXT_PARTS = ['_user', '_role', '_domain', '_level', '_category'] as const;

/** Decoded hex values: a log repeats the same cwd, exe and proctitle thousands of times. */
const decoded = new Map<string, string>();

function decodeHexValue(hex: string, nulAsSpace: boolean): string {
  const k = nulAsSpace ? `\0${hex}` : hex;
  let v = decoded.get(k);
  if (v === undefined) {
    v = hexToLossless(hex);
    // proctitle is argv with NUL separators: shown with spaces, as go-libaudit and `ausearch -i` show it
    if (nulAsSpace) v = v.replaceAll('\0', ' ');
    if (decoded.size >= 4096) decoded.clear();
    decoded.set(k, v);
  }
  return v;
}

/** `?`, `?,` (old PAM text) and `(null)`: what auditd, PAM and the kernel write for "no value". */
function isNoValue(v: string): boolean {
  switch (v.length) {
    case 1:
      return v === '?';
    case 2:
      return v === '?,';
    case 6:
      return v === '(null)';
    default:
      return false;
  }
}

/** Fields whose bare upper-case hex value is the kernel's (or auditd's) encoding of a string, for a record type. */
function isEncodedField(key: string, type: number): boolean {
  if (key === 'data') return type === T_TTY || type === T_USER_TTY; // elsewhere `data=` is not a string
  if (key === 'key') return false; // becomes keys[]
  return UNTRUSTED_FIELDS.has(key) || (type === T_EXECVE && isExecveArgKey(key));
}

/** Where a record's members go: an object (YAML, tests) or JSON text (`-format=json`). */
interface Members {
  /** A member whose key and value are text of the body (escaped only when the body needs it). */
  str(key: string, value: string): void;
  /** A member whose value was made here (decoded hex): may hold anything. */
  any(key: string, value: string): void;
  list(key: string, values: string[]): void;
}

class ObjectMembers implements Members {
  out: Record<string, unknown> = {};

  str(key: string, value: string): void {
    put(this.out, key, value);
  }

  any(key: string, value: string): void {
    put(this.out, key, value);
  }

  list(key: string, values: string[]): void {
    this.out[key] = values;
  }
}

/** A JSON string literal: JSON.stringify only when something needs escaping (most values need nothing). */
function q(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/**
 * Members as JSON text, `,"k":"v"` each: cheaper than JSON.stringify of an object whose keys differ from
 * record to record. A key given twice (an outer and an inner `uid=`) is written twice; JSON readers keep the
 * last, which is the object's value.
 */
class JsonMembers implements Members {
  json = '';
  /** The body passed SAFE_BODY: its keys and values need no escaping. */
  safe = false;
  /** No value made here (decoded hex) went beyond ASCII: the JSON of an ASCII line is then ASCII. */
  ascii = true;

  str(key: string, value: string): void {
    this.json += this.safe ? `,"${key}":"${value}"` : `,${q(key)}:${q(value)}`;
  }

  any(key: string, value: string): void {
    if (this.ascii && !ASCII.test(value)) this.ascii = false;
    this.json += `,${q(key)}:${q(value)}`;
  }

  list(key: string, values: string[]): void {
    this.json += `,${q(key)}:${JSON.stringify(values)}`;
  }
}

/** Turns body tokens into members (see the top of this file); one instance, reset per record. */
class FieldWriter implements BodyVisitor {
  m: Members = new ObjectMembers();
  type = 0;
  raw = false;
  arch: string | undefined = undefined;
  success: string | undefined = undefined;
  res: string | undefined = undefined;
  key: string | undefined = undefined;
  keyQuoted = false;

  reset(m: Members, type: number, raw: boolean): void {
    this.m = m;
    this.type = type;
    this.raw = raw;
    this.arch = undefined;
    this.success = undefined;
    this.res = undefined;
    this.key = undefined;
    this.keyQuoted = false;
  }

  field(s: string, ks: number, ke: number, vs: number, ve: number, quote: number): void {
    let key = s.slice(ks, ke);
    const value = s.slice(vs, ve);
    const m = this.m;
    if (this.raw) {
      if (!HEADER_KEYS.has(key)) m.str(key, value);
      return;
    }
    // `?` and `(null)` say "no value" (as go-libaudit, the field is left out); an empty value is a value.
    if (isNoValue(value) && !(this.type === T_EXECVE && isExecveArgKey(key))) return;
    switch (key) {
      case 'arch':
        this.arch = value;
        m.str(key, archFieldName(value) ?? value);
        return;
      case 'syscall':
        m.str(key, syscallNameFor(this.arch, value) ?? value);
        return;
      case 'success':
        this.success = value;
        return;
      case 'res':
        this.res = value;
        return;
      case 'key':
        this.key = value;
        this.keyQuoted = quote !== 0;
        return;
      case 'auid':
      case 'old-auid':
      case 'ses':
        m.str(key, value === '4294967295' || value === '-1' ? 'unset' : value);
        return;
      case 'exit': {
        const n = value.charCodeAt(0) === 45 ? Number(value) : Number.NaN;
        m.str(key, (Number.isInteger(n) && errnoName(n)) || value);
        return;
      }
      case 'subj':
        splitContext(m, key, value);
        return;
      case 'obj':
        if (this.type === T_PATH) splitContext(m, key, value);
        else m.str(key, value);
        return;
      case 'sig':
        m.str(key, this.type === T_SECCOMP ? (SIGNALS.get(Number(value)) ?? value) : value);
        return;
      case 'saddr':
        if (this.type === T_SOCKADDR && quote === 0) sockaddr(m, value);
        else m.str(key, value);
        return;
    }
    const c = key.charCodeAt(0);
    if (c === 40 /* ( */)
      key = key.slice(1); // old PAM text: `(hostname=?, addr=?, …)`
    else if (key.includes(' ')) key = key.replace(' ', '_'); // old LOGIN: `old auid=`, `new ses=`
    if (HEADER_KEYS.has(key)) return;
    if (quote === 0 && isHexEncoded(value) && isEncodedField(key, this.type)) m.any(key, decodeHexValue(value, key === 'proctitle'));
    else m.str(key, value);
  }

  text(s: string, start: number, end: number): void {
    if (this.raw || this.type !== T_AVC || !s.startsWith('avc:', start)) return;
    // SELinux: `avc:  denied  { read write } for` -> seresult=denied seperms=read,write
    const match = /^avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}/.exec(s.slice(start, end));
    if (match === null) return;
    this.m.str('seresult', match[1]!);
    this.m.str('seperms', match[2]!.split(/\s+/).join(','));
  }

  nested(): void {}

  /** Members that depend on the whole body: result and keys. */
  finish(): void {
    if (this.raw) return;
    const m = this.m;
    const rv = this.success ?? this.res;
    if (rv !== undefined) {
      const r = resultOf(rv);
      if (r === undefined) {
        // a value we cannot read stays as written
        if (this.success !== undefined) m.str('success', this.success);
        if (this.res !== undefined) m.str('res', this.res);
      } else {
        m.str('result', r);
      }
    }
    if (this.key !== undefined) {
      const keys = ruleKeys(this.key, this.keyQuoted);
      if (keys !== undefined) m.list('keys', keys);
    }
  }
}

/**
 * Sets a member. The objects are plain `{}` (JSON.stringify and YAML are faster on them than on
 * prototype-less ones), so a field named `__proto__` is defined, not assigned.
 */
function put(out: Record<string, unknown>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** `subj=` / `obj=` SELinux `user:role:type:level[:categories]` into `<key>_user` … `<key>_category`. */
function splitContext(m: Members, key: string, value: string): void {
  // Only SELinux contexts: an AppArmor label (`unconfined`, `/usr/bin/foo (enforce)`) has no such parts.
  if (!value.includes(':') || value.charCodeAt(0) === 47) {
    m.str(key, value);
    return;
  }
  const parts = value.split(':');
  const n = Math.min(parts.length, CONTEXT_PARTS.length);
  for (let i = 0; i < n - 1; i++) m.str(key + CONTEXT_PARTS[i]!, parts[i]!);
  m.str(key + CONTEXT_PARTS[n - 1]!, parts.slice(n - 1).join(':'));
}

/** SOCKADDR `saddr=` as go-libaudit shows it: family (unix, ipv4, ipv6, netlink, or the number) and its parts. */
function sockaddr(m: Members, hex: string): void {
  const sa = decodeSockaddr(hex);
  switch (sa.familyNumber) {
    case AF_LOCAL:
      if (sa.path === undefined || sa.error !== undefined) break;
      m.str('family', 'unix');
      m.any('path', sa.path);
      return;
    case AF_INET:
    case AF_INET6:
      if (sa.addr === undefined) break;
      m.str('family', sa.familyNumber === AF_INET ? 'ipv4' : 'ipv6');
      m.str('addr', sa.addr);
      m.str('port', String(sa.port));
      if (sa.flow !== undefined) m.str('flow', String(sa.flow));
      if (sa.scope !== undefined) m.str('scope', String(sa.scope));
      return;
    default:
      if (sa.familyNumber < 0) break;
      m.str('family', sa.familyNumber === 16 ? 'netlink' : String(sa.familyNumber));
      m.str('saddr', hex);
      return;
  }
  m.str('saddr', hex); // too short or not hex: as logged
}

/**
 * Most bodies are a plain run of `key=value` / `key="value"` tokens in which nothing needs a JSON escape:
 * those are cut with indexOf/slice, anything else (msg='…', free text, backslashes, control bytes, an
 * unterminated quote) goes through the lexer.
 */
const SAFE_BODY =
  /^ *(?:[^\s="'\\\u0000-\u001f\ud800-\udfff]+=(?:"[^"\\\u0000-\u001f\ud800-\udfff]*"|[^\s"'\\\u0000-\u001f\ud800-\udfff]*)(?: +|$))*$/;

function isSafeBody(record: AuditRecord): boolean {
  return SAFE_BODY.test(record.line.slice(record.bodyStart, record.bodyEnd));
}

/** Visits the body's fields (`safe`: isSafeBody said so). */
function scanFields(record: AuditRecord, v: FieldWriter, safe: boolean): void {
  const s = record.line;
  const end = record.bodyEnd;
  let i = record.bodyStart;
  if (!safe) {
    scanBody(s, i, end, v);
    return;
  }
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
const jsonMembers = new JsonMembers();

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
  writer.reset(m, record.type, opts?.rawValues === true);
  scanFields(record, writer, isSafeBody(record));
  writer.finish();
  m.out = {}; // not keeping the record's object alive
  if (record.isEnriched) {
    const e: Record<string, string> = {};
    scanEnriched(record.line, record.bodyEnd + 1, record.end, (s, ks, ke, vs, ve) => put(e, s.slice(ks, ke), s.slice(vs, ve)));
    out.enriched = e;
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
let lastAscii = true;

/**
 * True when the last recordJSON() text is ASCII if its record's line was: nothing decoded went beyond
 * ASCII. The writer then copies it as latin1 (a plain copy) instead of encoding UTF-8.
 */
export function lastRecordJsonAscii(): boolean {
  return lastAscii;
}

const typeJson = new Map<string, string>();

/** `,"record_type":"SYSCALL","sequence":` for a type name (a few dozen distinct ones). */
function typeMember(name: string): string {
  let j = typeJson.get(name);
  if (j === undefined) {
    j = `,"record_type":${JSON.stringify(name)},"sequence":`;
    if (typeJson.size < 4096) typeJson.set(name, j);
  }
  return j;
}

/** The record as one line of JSON, with the newline: recordToPlain's object as JSON text. */
export function recordJSON(record: AuditRecord, opts?: RecordJsonOptions): string {
  let out = `{"@timestamp":"${isoTimestamp(record.sec, record.msec)}"${typeMember(record.typeName)}${record.serial}`;
  if (record.node !== undefined) out += `,"node":${q(record.node)}`;
  out += `,"raw_msg":${JSON.stringify(record.rawMsg)}`; // nearly always holds a quote
  const m = jsonMembers;
  m.json = '';
  m.ascii = true;
  writer.reset(m, record.type, opts?.rawValues === true);
  const safe = isSafeBody(record);
  m.safe = safe;
  scanFields(record, writer, safe);
  writer.finish();
  out += m.json;
  m.json = '';
  lastAscii = m.ascii;
  if (record.isEnriched) {
    let e = '';
    scanEnriched(record.line, record.bodyEnd + 1, record.end, (s, ks, ke, vs, ve) => {
      e += `${e === '' ? '' : ','}${q(s.slice(ks, ke))}:${q(s.slice(vs, ve))}`;
    });
    out += `,"enriched":{${e}}`;
  }
  return `${out}}\n`;
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
