// One record's fields as a flat, interpreted key -> value map: the building block of a normalized event.
// Values are decoded (hex untrusted strings, proctitle), and a few fields are rewritten the way go-libaudit's
// consumers expect (auid/ses `unset`, `result` from success/res, errno names for negative exits, arch and
// syscall names, SELinux contexts split into subj_* / obj_*). Empty, `?` and `(null)` values are left out.

import { AUDIT_MESSAGE } from '../../tables/message-types.js';
import { type AuditField, type AuditRecord, detached } from '../record.js';
import { decodeUntrusted, isExecveArgKey, UNTRUSTED_FIELDS } from '../interpret/hex.js';
import { proctitleText } from '../interpret/proctitle.js';
import { decodeSockaddr, sockaddrFamilyLabel } from '../interpret/sockaddr.js';
import { DATA_INTERPRETERS, isUnsetId, resultOf, ruleKeys, splitContext, type ValueInterpreter } from '../interpret/values.js';

/** Name lookups the interpretation needs; supplied by src/parse/interpret/lookups.ts (tables). */
export interface Lookups {
  /** AUDIT_ARCH_* code -> arch name (c000003e -> x86_64). */
  archName(code: number): string | undefined;
  /** Syscall number -> name for an arch code. */
  syscallName(archCode: number, nr: number): string | undefined;
  /** errno number (positive) -> name (13 -> EACCES). */
  errnoName(n: number): string | undefined;
}

export const SYSCALL = AUDIT_MESSAGE.SYSCALL;
export const SOCKADDR = AUDIT_MESSAGE.SOCKADDR;
export const PATH = AUDIT_MESSAGE.PATH;
export const EXECVE = AUDIT_MESSAGE.EXECVE;
export const PROCTITLE = AUDIT_MESSAGE.PROCTITLE;
export const SECCOMP = AUDIT_MESSAGE.SECCOMP;
export const LOGIN = AUDIT_MESSAGE.LOGIN;
export const AVC = AUDIT_MESSAGE.AVC;

export interface RecordData {
  /** Interpreted fields in record order (later keys of the same name, e.g. inside msg='…', win). */
  data: Record<string, string>;
  /** Rule keys from `key=` (split on \x01), in order; undefined when the record has none. */
  tags: string[] | undefined;
}

/**
 * `o[k]` for the flat key -> value maps built from records. Their shapes vary with every record layout, so
 * reading them through this one (megamorphic) site keeps the optimized callers from being thrown away each
 * time a new layout shows up.
 */
export function fieldOf(o: Readonly<Record<string, string>>, k: string): string | undefined {
  return o[k];
}

/** `o[k] = v` for the same maps, for the same reason. */
export function setField(o: Record<string, string>, k: string, v: string): void {
  o[k] = v;
}

const CONTEXT_PARTS = ['user', 'role', 'domain', 'level', 'category'] as const;

/**
 * Adds the parts of a security context as `<prefix>_user`, ... (or `user`, ... when prefix is ''); returns
 * how many it added.
 */
function addContext(data: Record<string, string>, prefix: string, ctx: string): number {
  const p = prefix === '' ? '' : `${prefix}_`;
  const c = splitContext(ctx);
  if (c.profile !== undefined) {
    data[`${p}user`] = c.profile; // AppArmor: keep the label where consumers look for it
    if (c.mode === undefined) return 1;
    data[`${p}mode`] = c.mode;
    return 2;
  }
  let n = 0;
  for (const part of CONTEXT_PARTS) {
    const v = c[part];
    if (v !== undefined) {
      data[`${p}${part}`] = v;
      n++;
    }
  }
  return n;
}

function isDropped(v: string): boolean {
  const n = v.length;
  return n === 0 || (n === 1 && v === '?') || (n === 2 && v === '?,') || (n === 6 && v === '(null)');
}

const UNSET_KEYS = new Set(['auid', 'old-auid', 'old_auid', 'ses', 'old-ses', 'old_ses']);

const enum Kind {
  Plain,
  RuleKey,
  Result,
  Proctitle,
  Subj,
  Obj,
  Exit,
  Saddr,
  Untrusted,
  Unset,
  ExecveArg,
  Interpreted,
}

/** The empty parts of MainParts, shared. */
const NO_FIELDS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Where a field of an event's main record goes. */
export const enum Route {
  Data,
  Ids,
  Process,
  Session,
  Skip,
}

export interface KeyInfo {
  /** The key as written. */
  key: string;
  kind: Kind;
  /** The key as stored (`old auid` -> `old_auid`). */
  name: string;
  route: Route;
  /** Kind.Interpreted: the value's `ausearch -i` text (see DATA_INTERPRETERS). */
  interp: ValueInterpreter | undefined;
}

const PROCESS_KEYS = new Set(['pid', 'ppid', 'proctitle', 'comm', 'exe', 'cwd']);

function routeOf(name: string): Route {
  if (name.endsWith('uid') || name.endsWith('gid')) return Route.Ids;
  if (PROCESS_KEYS.has(name)) return Route.Process;
  if (name === 'ses') return Route.Session;
  if (name === 'items') return Route.Skip;
  return Route.Data;
}

/**
 * The parts of a normalized event the main record's fields are routed to: ids and SELinux labels to user,
 * process fields to process, `ses` and the result to the event, the rest to data.
 */
export class MainParts {
  data: Record<string, string> = {};
  /** Made on the first id (most events take theirs from a shared SYSCALL tail): NO_FIELDS until then. */
  ids: Record<string, string> = NO_FIELDS;
  proc: Record<string, string> = {};
  /** SELinux subject label parts; NO_FIELDS when the record has none. */
  selinux: Record<string, string> = NO_FIELDS;
  /** `ses`, '' when absent (an empty value is dropped, so '' never is a session). */
  session = '';
  /** From success/res, '' when absent. */
  result = '';
  nIds = 0;
  nSelinux = 0;
}

function put(parts: MainParts, info: KeyInfo, value: string): void {
  switch (info.route) {
    case Route.Data:
      parts.data[info.name] = value;
      break;
    case Route.Ids:
      if (parts.nIds === 0) parts.ids = {};
      parts.ids[info.name] = value;
      parts.nIds++;
      break;
    case Route.Process:
      parts.proc[info.name] = value;
      break;
    case Route.Session:
      parts.session = value;
      break;
    default:
      break;
  }
}

/** Per-key decisions, made once per distinct key: the set of keys in audit logs is small. */
const KEY_INFO = new Map<string, KeyInfo>();

/**
 * Records of one type list their keys in the same order nearly always, so the decision for position i of
 * the last record of that type is tried first (a string compare instead of a hash lookup).
 */
const LAST_BY_TYPE = new Map<number, KeyInfo[]>();

function keyInfo(key: string): KeyInfo {
  let info = KEY_INFO.get(key);
  if (info !== undefined) return info;
  const name = key.includes(' ') ? key.replace(' ', '_') : key; // old LOGIN spelling: `old auid=`
  let kind: Kind;
  switch (name) {
    case 'key':
      kind = Kind.RuleKey;
      break;
    case 'success':
    case 'res':
      kind = Kind.Result;
      break;
    case 'proctitle':
      kind = Kind.Proctitle;
      break;
    case 'subj':
      kind = Kind.Subj;
      break;
    case 'obj':
      kind = Kind.Obj;
      break;
    case 'exit':
      kind = Kind.Exit;
      break;
    case 'saddr':
      kind = Kind.Saddr;
      break;
    default:
      kind = DATA_INTERPRETERS.has(name)
        ? Kind.Interpreted
        : isExecveArgKey(name)
          ? Kind.ExecveArg
          : UNTRUSTED_FIELDS.has(name)
            ? Kind.Untrusted
            : UNSET_KEYS.has(name)
              ? Kind.Unset
              : Kind.Plain;
  }
  info = { key, kind, name, route: routeOf(name), interp: DATA_INTERPRETERS.get(name) };
  if (KEY_INFO.size < 4096) KEY_INFO.set(key, info);
  return info;
}

/**
 * Interprets one record (not EXECVE arguments: see execve.ts). With `parts`, the fields are routed into the
 * parts of an event (the event's main record) instead of one flat map; `data` is then `parts.data`.
 */
export function recordData(rec: AuditRecord, lookups: Lookups, parts?: MainParts): RecordData {
  const data: Record<string, string> = parts ? parts.data : {};
  const type = rec.type;
  const found = interpretFields(rec.fields(), lastKeysOf(type), type, lookups, data, parts);
  if (found.result !== undefined) {
    if (parts) parts.result = found.result;
    else data.result = found.result;
  }
  finishRecordData(rec, data, lookups);
  return { data, tags: found.tags };
}

/** What interpretFields found besides the fields it stored. */
export interface FoundFields {
  tags: string[] | undefined;
  /** From the last success/res field. */
  result: string | undefined;
}

/**
 * Interprets `fields` of a record of `type` into `data` (or routed into `parts`); `last` holds the key
 * decisions by position (see LAST_BY_TYPE), for fields that start at the same position of each record.
 */
export function interpretFields(
  fields: readonly AuditField[],
  last: (KeyInfo | undefined)[],
  type: number,
  lookups: Lookups,
  data: Record<string, string>,
  parts: MainParts | undefined,
): FoundFields {
  let tags: string[] | undefined;
  let result: string | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let info = last[i];
    if (info === undefined || info.key !== f.key) {
      info = keyInfo(f.key);
      last[i] = info;
    }
    const kind = info.kind;
    if (kind === Kind.RuleKey) {
      const keys = ruleKeys(f.value, f.quote !== '');
      if (keys !== undefined) tags = tags === undefined ? keys : tags.concat(keys);
      continue;
    }
    if (isDropped(f.value)) continue;
    if (kind === Kind.Result) {
      result = resultOf(f.value);
      continue;
    }
    const value = kind === Kind.Plain ? f.value : interpretedValue(f, info, type, lookups, data, parts);
    if (value === undefined) continue;
    if (parts) put(parts, info, value);
    else data[info.name] = value;
  }
  return { tags, result };
}

/** What a record's type adds once all its fields are in: arch and syscall names, AVC permissions. */
export function finishRecordData(rec: AuditRecord, data: Record<string, string>, lookups: Lookups): void {
  const type = rec.type;
  if (type === SYSCALL || type === SECCOMP) nameArchAndSyscall(data, lookups);
  if (type === AVC) addAvcPermissions(rec, data);
}

/** The key decisions of the last record of a type, by position (see LAST_BY_TYPE). */
export function lastKeysOf(type: number): (KeyInfo | undefined)[] {
  let last = LAST_BY_TYPE.get(type);
  if (last === undefined) {
    last = [];
    if (LAST_BY_TYPE.size < 1024) LAST_BY_TYPE.set(type, last);
  }
  return last;
}

/**
 * A field's value as stored, for every kind but Plain, RuleKey and Result; undefined when the field was
 * stored here already (SELinux parts, a decoded sockaddr) or is not stored at all (EXECVE arguments).
 */
function interpretedValue(
  f: AuditField,
  info: KeyInfo,
  type: number,
  lookups: Lookups,
  data: Record<string, string>,
  parts: MainParts | undefined,
): string | undefined {
  const value = f.value;
  switch (info.kind) {
    case Kind.Proctitle:
      return proctitleText(value, f.quote !== '');
    case Kind.Subj:
      if (parts) {
        if (parts.nSelinux === 0) parts.selinux = {};
        parts.nSelinux += addContext(parts.selinux, '', value);
      } else addContext(data, 'subj', value);
      return undefined;
    case Kind.Obj:
      if (type !== PATH) return value;
      addContext(data, 'obj', value);
      return undefined;
    case Kind.Exit:
      return (value.charCodeAt(0) === 45 /* - */ && lookups.errnoName(-Number(value))) || value;
    case Kind.Saddr:
      if (type !== SOCKADDR) return value;
      addSockaddr(data, value);
      return undefined;
    case Kind.ExecveArg:
      return type === EXECVE ? undefined : value;
    case Kind.Untrusted:
      return decodeUntrusted(value, f.quote !== '');
    case Kind.Unset:
      return isUnsetId(value) ? 'unset' : value;
    case Kind.Interpreted:
      // Only the kernel's own fields: a user-space message's msg='…' may reuse a name (fp= of sshd).
      return f.container === null ? info.interp!(value, type) : value;
    default:
      return value;
  }
}

/** SOCKADDR `saddr=` decoded into family, addr, port, path, flow, nl_pid (saddr kept when not understood). */
function addSockaddr(data: Record<string, string>, hex: string): void {
  const sa = decodeSockaddr(hex);
  data.family = sockaddrFamilyLabel(sa);
  if (sa.addr !== undefined) data.addr = sa.addr;
  if (sa.port !== undefined) data.port = String(sa.port);
  if (sa.path !== undefined) data.path = sa.path;
  if (sa.flow !== undefined) data.flow = String(sa.flow);
  if (sa.pid !== undefined) data.nl_pid = String(sa.pid);
  if (sa.addr === undefined && sa.path === undefined) data.saddr = sa.raw;
}

/** SYSCALL/SECCOMP `arch=` and `syscall=` by name (c000003e -> x86_64, 59 -> execve). */
function nameArchAndSyscall(data: Record<string, string>, lookups: Lookups): void {
  const archHex = fieldOf(data, 'arch');
  if (archHex === undefined) return;
  const code = Number.parseInt(archHex, 16);
  if (Number.isNaN(code)) return;
  const nrText = fieldOf(data, 'syscall');
  const nr = nrText !== undefined ? Number(nrText) : Number.NaN;
  const name = lookups.archName(code);
  if (name) setField(data, 'arch', name);
  if (!Number.isNaN(nr)) {
    const sc = lookups.syscallName(code, nr);
    if (sc) setField(data, 'syscall', sc);
  }
}

/** SELinux: `avc:  denied  { read write } for ...` -> seresult=denied seperms=read,write */
function addAvcPermissions(rec: AuditRecord, data: Record<string, string>): void {
  for (const t of rec.text()) {
    const m = /avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}/.exec(t.text);
    if (m) {
      setField(data, 'seresult', m[1]!);
      setField(data, 'seperms', m[2]!.split(/\s+/).join(','));
      return;
    }
  }
}

/** Bodies longer than this are not kept by a BodyCache. */
const BODY_CACHE_MAX_BODY = 2048;

/**
 * Values computed from a record's body alone, kept by type and body text. A log repeats the same auxiliary
 * records over and over (every exec of a program has the same PATH records for it and for ld.so, the same CWD,
 * the same capability sets and often the same argv), and finding a body costs less than lexing and
 * interpreting it again. Bounded: it starts over when it holds `max` bodies; bodies longer than
 * BODY_CACHE_MAX_BODY (EXECVE argument chunks, long proctitles) are not kept. What it hands out is shared:
 * `compute` must return frozen values.
 */
export class BodyCache<V> {
  private readonly byType = new Map<number, Map<string, V>>();
  private size = 0;

  constructor(readonly max: number) {}

  clear(): void {
    this.byType.clear();
    this.size = 0;
  }

  get(rec: AuditRecord, compute: (rec: AuditRecord) => V): V {
    if (rec.bodyEnd - rec.bodyStart > BODY_CACHE_MAX_BODY) return compute(rec);
    const body = rec.line.slice(rec.bodyStart, rec.bodyEnd);
    let forType = this.byType.get(rec.type);
    let v = forType?.get(body);
    if (v !== undefined) return v;
    v = compute(rec);
    if (this.size >= this.max) {
      this.clear();
      forType = undefined;
    }
    if (forType === undefined) {
      forType = new Map();
      this.byType.set(rec.type, forType);
    }
    forType.set(detached(body), v);
    this.size++;
    return v;
  }
}

export const AUX_MAX = 4096;
const AUX = new BodyCache<RecordData>(AUX_MAX);
let auxLookups: Lookups | undefined;

function frozenRecordData(rd: RecordData): RecordData {
  Object.freeze(rd.data);
  if (rd.tags) Object.freeze(rd.tags);
  return Object.freeze(rd);
}

/** Interpretations of auxiliary records (PATH, CWD, PROCTITLE, BPRM_FCAPS, SOCKADDR, …), kept (see BodyCache). */
export function auxRecordData(rec: AuditRecord, lookups: Lookups): RecordData {
  if (lookups !== auxLookups) {
    AUX.clear();
    auxLookups = lookups;
  }
  return AUX.get(rec, interpretAux);
}

/** AUX's compute: one function, not a closure made per lookup. */
function interpretAux(rec: AuditRecord): RecordData {
  return frozenRecordData(recordData(rec, auxLookups!));
}
