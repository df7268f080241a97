// Records of one event -> one normalized event: who (actor), did what (action), to what (object), how, with
// what result; plus the user's ids and names, the process, the file, network endpoints, the remaining data
// and the PATH records. The layout and vocabulary follow go-libaudit's aucoalesce (so dashboards built on it
// keep working); where go-libaudit is wrong (see test/unit/interpret/conformance.test.ts) we are not.

import { AUDIT_MESSAGE } from '../../tables/message-types.js';
import { eventCategory } from '../../tables/event-categories.js';
import { messageTypeName } from '../../tables/message-types.js';
import type { Normalization } from '../../tables/normalization.js';
import type { AuditRecord } from '../record.js';
import type { IdResolver } from '../../ids.js';
import { fileTypeOfMode } from '../interpret/values.js';
import { syscallArgs } from '../interpret/fields.js';
import { eventArgv } from './execve.js';
import { normalizationFor } from './table.js';
import { auxRecordData, EXECVE, fieldOf, setField, type Lookups, MainParts, PATH, recordData, SOCKADDR, SYSCALL } from './record-data.js';
import { mainRecordData, type MainRecordView, type SyscallTail } from './syscall-tail.js';

const EOE = AUDIT_MESSAGE.EOE;

/** Records that only add detail to a SYSCALL record; they never decide an event's type. */
const AUXILIARY = new Set<number>([
  AUDIT_MESSAGE.PATH,
  AUDIT_MESSAGE.IPC,
  AUDIT_MESSAGE.SOCKADDR,
  AUDIT_MESSAGE.CWD,
  AUDIT_MESSAGE.EXECVE,
  AUDIT_MESSAGE.IPC_SET_PERM,
  AUDIT_MESSAGE.MQ_OPEN,
  AUDIT_MESSAGE.MQ_SENDRECV,
  AUDIT_MESSAGE.MQ_NOTIFY,
  AUDIT_MESSAGE.MQ_GETSETATTR,
  AUDIT_MESSAGE.FD_PAIR,
  AUDIT_MESSAGE.OBJ_PID,
  AUDIT_MESSAGE.EOE,
  AUDIT_MESSAGE.BPRM_FCAPS,
  AUDIT_MESSAGE.CAPSET,
  AUDIT_MESSAGE.MMAP,
  AUDIT_MESSAGE.PROCTITLE,
]);

export interface Actor {
  primary?: string;
  secondary?: string;
}
export interface ObjectRef {
  type?: string;
  primary?: string;
  secondary?: string;
}
export interface Summary {
  actor: Actor;
  action?: string;
  object: ObjectRef;
  how?: string;
}
export interface UserInfo {
  ids?: Record<string, string>;
  names?: Record<string, string>;
  selinux?: Record<string, string>;
}
export interface ProcessInfo {
  pid?: string;
  ppid?: string;
  title?: string;
  name?: string;
  exe?: string;
  cwd?: string;
  args?: readonly string[];
}
export interface FileInfo {
  path?: string;
  device?: string;
  inode?: string;
  mode?: string;
  uid?: string;
  gid?: string;
  owner?: string;
  group?: string;
  selinux?: Record<string, string>;
}
export interface Address {
  ip?: string;
  port?: string;
  path?: string;
}

export interface NormalizedEvent {
  '@timestamp': string;
  sequence: number;
  node?: string;
  category: string;
  record_type: string;
  result: string;
  session?: string;
  tags?: string[];
  summary: Summary;
  user: UserInfo;
  process: ProcessInfo;
  file?: FileInfo;
  source?: Address;
  destination?: Address;
  network?: { direction: 'ingress' | 'egress' };
  /** The SYSCALL record's call: arch, name and a0..a3 interpreted as auditd does (AT_FDCWD, O_RDONLY, ...). */
  syscall?: { arch?: string; name?: string; args: string[] };
  data?: Record<string, string>;
  paths?: Record<string, string>[];
  ecs?: { event: { kind?: string; category?: string[]; type?: string[]; outcome?: string } };
  warnings?: string[];
}

export interface NormalizeOptions {
  lookups: Lookups;
  /** Resolves uid/gid names when the log has no ENRICHED names; null turns names off (`-id=false`). */
  ids?: IdResolver | null;
}

/** Interpreter names first: how comm is preferred for scripts (go-libaudit's rule). */
const SCRIPT_EXE = ['/usr/bin/python', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/perl'];

type Data = Record<string, string>;

function isScriptExe(exe: string): boolean {
  for (const s of SCRIPT_EXE) if (exe.startsWith(s)) return true;
  return false;
}

const PROCESS_KEYS = new Set(['pid', 'ppid', 'proctitle', 'comm', 'exe', 'cwd']);

/** ENRICHED names are the upper-case field names (AUID, UID, OLD-AUID, ...). */
const UPPER = new Map<string, string>();
function upper(k: string): string {
  let u = UPPER.get(k);
  if (u === undefined) {
    u = k.toUpperCase();
    if (UPPER.size < 1024) UPPER.set(k, u);
  }
  return u;
}

function firstOf(ids: Data, data: Data, proc: Data, keys: readonly string[]): string | undefined {
  const k = firstKey(ids, data, proc, keys);
  return k === undefined ? undefined : (data[k] ?? proc[k] ?? ids[k]);
}

function firstKey(ids: Data, data: Data, proc: Data, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    if (data[k] !== undefined || proc[k] !== undefined || ids[k] !== undefined) return k;
  }
  return undefined;
}

/** The fields the actor came from (`auid`, `uid`, `old-auid`, `id`, `acct`, ...), to name them. */
interface ActorKeys {
  primary: string | undefined;
  secondary: string | undefined;
}

/** An event's category and record_type by the type number of its head record. */
interface TypeNames {
  category: string;
  recordType: string;
}

/** TypeNames already made, once per message type instead of a range scan and a lower-casing per event. */
const TYPE_NAMES = new Map<number, TypeNames>();

function typeNames(type: number): TypeNames {
  let t = TYPE_NAMES.get(type);
  if (t === undefined) {
    t = { category: eventCategory(type), recordType: messageTypeName(type).toLowerCase() };
    if (TYPE_NAMES.size < 4096) TYPE_NAMES.set(type, t);
  }
  return t;
}

/** The ISO text of a second, cached: the records of a log share few distinct seconds. */
let isoSec = -1;
let isoPrefix = '';
function isoTime(sec: number, msec: number): string {
  if (sec !== isoSec) {
    isoSec = sec;
    isoPrefix = new Date(sec * 1000).toISOString().slice(0, 20); // 2026-11-21T14:39:47.
  }
  return `${isoPrefix}${msec < 10 ? '00' : msec < 100 ? '0' : ''}${msec}Z`;
}

function objectTypeOfMode(mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  switch (fileTypeOfMode(mode)) {
    case 'file':
      return 'file';
    case 'dir':
      return 'directory';
    case 'character':
      return 'character-device';
    case 'block':
      return 'block-device';
    case 'fifo':
      return 'named-pipe';
    case 'link':
      return 'symlink';
    case 'socket':
      return 'socket';
    default:
      return undefined;
  }
}

function setFileObject(ev: NormalizedEvent, paths: Record<string, string>[], hint: number): void {
  const start = paths.length > hint ? hint : 0;
  let path = paths[start]!;
  for (let i = start; i < paths.length; i++) {
    const p = paths[i]!;
    // Skip PARENT/UNKNOWN items in case the index hint was wrong (older kernels say objtype=PARENT).
    const nt = p.nametype ?? p.objtype;
    if (nt !== 'PARENT' && nt !== 'UNKNOWN') {
      path = p;
      break;
    }
  }
  const file: FileInfo = {};
  if (path.name !== undefined) {
    ev.summary.object.primary = path.name;
    file.path = path.name;
  }
  if (path.dev !== undefined) file.device = path.dev;
  if (path.inode !== undefined) file.inode = path.inode;
  if (path.mode !== undefined) {
    const m = Number.parseInt(path.mode, 8);
    if (!Number.isNaN(m)) file.mode = (m & 0o7777).toString(8).padStart(4, '0');
    const t = objectTypeOfMode(path.mode);
    if (t) ev.summary.object.type = t;
  }
  if (path.ouid !== undefined) file.uid = path.ouid;
  if (path.ogid !== undefined) file.gid = path.ogid;
  for (const k in path) {
    if (k.startsWith('obj_')) (file.selinux ??= {})[k.slice(4)] = path[k]!;
  }
  ev.file = file;
}

function syscallOf(rec: MainRecordView, data: Data, ids: IdResolver | null): NonNullable<NormalizedEvent['syscall']> {
  const arch = fieldOf(data, 'arch');
  const name = fieldOf(data, 'syscall');
  return { arch, name, args: syscallArgs(rec, name, ids, arch) };
}

function genericAction(ev: NormalizedEvent, syscall: string | undefined): string {
  return ev.record_type === 'syscall' && syscall ? `called-${syscall}` : `logged-${ev.record_type}`;
}

/** An event with no records (the reassembler never makes one; normalizeEvent never throws). */
function emptyEvent(): NormalizedEvent {
  return {
    '@timestamp': new Date(0).toISOString(),
    sequence: 0,
    category: 'unknown',
    record_type: 'unknown',
    result: 'unknown',
    summary: { actor: {}, object: {} },
    user: {},
    process: {},
    warnings: ['empty event'],
  };
}

/** What the records other than the main one give an event. */
interface OtherRecords {
  paths: Data[];
  /** The PATH records `paths` were interpreted from, in the same order. */
  pathRecords: AuditRecord[];
  execves: AuditRecord[] | undefined;
  /** The main record and every record whose fields joined the event's: where ENRICHED names are looked up. */
  enrichedFrom: MainRecordView[];
  tags: string[] | undefined;
  source: Address | undefined;
  destination: Address | undefined;
  network: NormalizedEvent['network'];
}

/** Interprets the records after the main one: PATH items, EXECVE, SOCKADDR, the rest merged into data/process. */
function collectOtherRecords(
  records: readonly AuditRecord[],
  main: AuditRecord,
  mainView: MainRecordView,
  lookups: Lookups,
  parts: MainParts,
  warnings: string[],
): OtherRecords {
  const o: OtherRecords = {
    paths: [],
    pathRecords: [],
    execves: undefined,
    enrichedFrom: [mainView],
    tags: undefined,
    source: undefined,
    destination: undefined,
    network: undefined,
  };
  for (const r of records) {
    if (r === main) continue;
    switch (r.type) {
      case EOE:
        break;
      case SYSCALL:
        warnings.push('second SYSCALL record in event');
        break;
      case PATH:
        o.paths.push(auxRecordData(r, lookups).data);
        o.pathRecords.push(r);
        o.enrichedFrom.push(r);
        break;
      case EXECVE:
        (o.execves ??= []).push(r);
        break;
      case SOCKADDR:
        addSocket(o, auxRecordData(r, lookups).data, parts.data);
        break;
      default: {
        const rd = auxRecordData(r, lookups);
        if (!o.tags && rd.tags) o.tags = rd.tags;
        mergeFields(rd.data, r, parts, warnings);
        o.enrichedFrom.push(r);
      }
    }
  }
  return o;
}

/** `socket_<k>` made once per key: a key made per event is a new string V8 must look up before storing it. */
const SOCKET_KEYS = new Map<string, string>();
function socketKey(k: string): string {
  let sk = SOCKET_KEYS.get(k);
  if (sk === undefined) {
    sk = `socket_${k}`;
    if (SOCKET_KEYS.size < 256) SOCKET_KEYS.set(k, sk);
  }
  return sk;
}

/** A SOCKADDR record: its fields as socket_* in data, its address as source or destination by the syscall. */
function addSocket(o: OtherRecords, s: Data, data: Data): void {
  for (const k in s) data[socketKey(k)] = s[k]!;
  const sc = fieldOf(data, 'syscall');
  const addr: Address = {};
  if (s.addr !== undefined) addr.ip = s.addr;
  if (s.port !== undefined) addr.port = s.port;
  if (s.path !== undefined) addr.path = s.path;
  const has = s.addr !== undefined || s.port !== undefined || s.path !== undefined;
  if (sc === 'recvfrom' || sc === 'recvmsg' || sc === 'accept' || sc === 'accept4') {
    if (has) o.source = addr;
    o.network = { direction: 'ingress' };
  } else if (sc === 'connect' || sc === 'sendto' || sc === 'sendmsg') {
    if (has) o.destination = addr;
    o.network = { direction: 'egress' };
  }
}

/** An auxiliary record's fields: process ones fill gaps in process, the rest join data (the first value wins). */
function mergeFields(fields: Data, r: AuditRecord, parts: MainParts, warnings: string[]): void {
  const proc = parts.proc;
  const data = parts.data;
  for (const k in fields) {
    const v = fields[k]!;
    if (PROCESS_KEYS.has(k)) {
      if (proc[k] === undefined) proc[k] = v;
      continue;
    }
    const prev = data[k];
    if (prev !== undefined) {
      if (prev !== v) warnings.push(`duplicate key (${k}) from ${messageTypeName(r.type)} message`);
      continue;
    }
    data[k] = v;
  }
}

/**
 * The record that names the event (head: the first that is neither SYSCALL nor auxiliary, else the SYSCALL,
 * else the first) and the one its fields come from (main: the SYSCALL, else head). EOE records only end an
 * event: they are skipped (not copied out) in every loop of normalizeEvent.
 */
function pickHeadAndMain(
  records: readonly AuditRecord[],
): { head: AuditRecord; main: AuditRecord; syscall: AuditRecord | undefined } | undefined {
  let first: AuditRecord | undefined;
  let syscall: AuditRecord | undefined;
  let special: AuditRecord | undefined;
  for (const r of records) {
    if (r.type === SYSCALL) syscall ??= r;
    else if (r.type !== EOE && special === undefined && !AUXILIARY.has(r.type)) special = r;
    if (first === undefined && r.type !== EOE) first = r;
  }
  first ??= records[0];
  if (first === undefined) return undefined;
  const head = special ?? syscall ?? first;
  return { head, main: syscall ?? head, syscall };
}

/** The EXECVE records' arguments (argc joins data; warnings for missing or garbled ones). */
function execveArgs(execves: readonly AuditRecord[], data: Data, warnings: string[]): readonly string[] {
  const argv = eventArgv(execves);
  if (argv.argc >= 0) setField(data, 'argc', String(argv.argc));
  for (const w of argv.warnings) warnings.push(w);
  return argv.args;
}

/** Process fields (pid, ppid, proctitle, comm, exe, cwd) are not part of data, as in go-libaudit. */
function processOf(proc: Data, args: readonly string[] | undefined): NormalizedEvent['process'] {
  return {
    pid: fieldOf(proc, 'pid'),
    ppid: fieldOf(proc, 'ppid'),
    title: fieldOf(proc, 'proctitle'),
    name: fieldOf(proc, 'comm'),
    exe: fieldOf(proc, 'exe'),
    cwd: fieldOf(proc, 'cwd'),
    args,
  };
}

/** Normalizes the records of one event (as delivered by the reassembler). Never throws. */
export function normalizeEvent(input: readonly AuditRecord[], opts: NormalizeOptions): NormalizedEvent {
  const records = input;
  const picked = pickHeadAndMain(input);
  if (picked === undefined) return emptyEvent();
  const { head, main, syscall } = picked;
  const warnings: string[] = [];
  const kind = head.type >= 0 ? typeNames(head.type) : { category: 'unknown', recordType: head.typeName.toLowerCase() };
  // Every object of the event is made with all its properties (undefined ones are not written): objects of
  // one shape keep the optimized code that reads them valid.
  const summary: Summary = {
    actor: { primary: undefined, secondary: undefined },
    action: undefined,
    object: { type: undefined, primary: undefined, secondary: undefined },
    how: undefined,
  };
  const user: UserInfo = { ids: undefined, selinux: undefined, names: undefined };
  const parts = new MainParts();
  // A SYSCALL record's repeating tail comes from a cache (syscall-tail.ts); its raw fields are read through `view`.
  const split = mainRecordData(main, opts.lookups, parts);
  const mainData = split ?? recordData(main, opts.lookups, parts);
  const view: MainRecordView = split ? split.view : main;
  const data = parts.data;
  const ids = parts.ids;
  const proc = parts.proc;
  const result = parts.result || 'unknown';
  const session = parts.session || undefined;
  const selinux = parts.nSelinux > 0 ? parts.selinux : undefined;
  const nIds = parts.nIds;
  summary.actor.primary = fieldOf(ids, 'auid');
  summary.actor.secondary = fieldOf(ids, 'uid');
  let tags = mainData.tags;

  const other = collectOtherRecords(records, main, view, opts.lookups, parts, warnings);
  if (!tags) tags = other.tags;
  const { paths, pathRecords, enrichedFrom } = other;
  const execves = other.execves;
  const args = execves ? execveArgs(execves, data, warnings) : undefined;

  const ev: NormalizedEvent = {
    '@timestamp': isoTime(head.sec, head.msec),
    sequence: head.serial,
    node: head.node,
    category: kind.category,
    record_type: kind.recordType,
    result,
    session,
    tags,
    summary,
    user,
    process: {},
    file: undefined,
    source: other.source,
    destination: other.destination,
    network: other.network,
    // main is the SYSCALL record when there is one
    syscall: syscall ? syscallOf(view, data, opts.ids ?? null) : undefined,
    data: undefined,
    paths: paths.length ? paths : undefined,
    ecs: undefined,
    warnings: undefined,
  };
  const actorKeys: ActorKeys = {
    primary: summary.actor.primary !== undefined ? 'auid' : undefined,
    secondary: summary.actor.secondary !== undefined ? 'uid' : undefined,
  };
  applyNormalization(ev, data, ids, proc, paths, warnings, actorKeys);

  ev.process = processOf(proc, args);
  for (const _ in data) {
    ev.data = data;
    break;
  }
  if (nIds) user.ids = ids;
  if (selinux) user.selinux = selinux;
  addNames(ev, enrichedFrom, pathRecords, paths, opts.ids ?? null, split?.tail);
  if (opts.ids) nameActor(ev.summary.actor, actorKeys, enrichedFrom, opts.ids);
  if (warnings.length) ev.warnings = warnings;
  return ev;
}

function applyNormalization(
  ev: NormalizedEvent,
  data: Data,
  ids: Data,
  proc: Data,
  paths: Record<string, string>[],
  warnings: string[],
  actorKeys: ActorKeys,
): void {
  setDefaultHow(ev, proc);
  const syscall = fieldOf(data, 'syscall');
  const found = normalizationFor(ev.record_type, syscall, data);
  const norm = found.norm;
  if (!norm) {
    ev.summary.action = genericAction(ev, syscall);
    warnings.push(
      ev.record_type === 'syscall'
        ? `no normalization for syscall ${syscall ?? '(none)'}`
        : `no normalization for record type ${ev.record_type.toUpperCase()}`,
    );
    return;
  }
  const s = ev.summary;
  s.action = norm.action || genericAction(ev, syscall);
  if (!norm.action) warnings.push(`no action for syscall ${syscall ?? '(none)'}`);
  s.object.type = norm.objectWhat || undefined;
  ev.ecs = { event: ecsEventOf(norm, found.syscallNorm, ev.result) };
  if ((norm.objectWhat === 'file' || norm.objectWhat === 'filesystem') && paths.length) {
    setFileObject(ev, paths, norm.objectPathIndex);
  } else if (norm.objectWhat === 'socket') {
    const a = fieldOf(data, 'socket_addr') ?? fieldOf(data, 'socket_path');
    if (a !== undefined) s.object.primary = a;
    const port = fieldOf(data, 'socket_port');
    if (port !== undefined) s.object.secondary = port;
  }
  applyMappedFields(s, norm, ids, data, proc, actorKeys);
  if (!ev.source && norm.sourceIp.length) setSourceIp(ev, norm.sourceIp, data);
}

/** Default how: the executable, or comm for interpreters running a script. */
function setDefaultHow(ev: NormalizedEvent, proc: Data): void {
  const comm = fieldOf(proc, 'comm');
  const exe = fieldOf(proc, 'exe') ?? comm;
  if (exe === undefined) return;
  ev.summary.how = comm !== undefined && isScriptExe(exe) ? comm : exe;
}

/** The ECS kind, categories and types of a normalization (plus the syscall's own, when the record type had one). */
function ecsEventOf(norm: Normalization, extra: Normalization | undefined, result: string): NonNullable<NormalizedEvent['ecs']>['event'] {
  const ecsEvent: NonNullable<NormalizedEvent['ecs']>['event'] = {};
  if (norm.ecs.kind) ecsEvent.kind = norm.ecs.kind;
  let cats = norm.ecs.category as string[];
  let types = norm.ecs.type as string[];
  if (extra && extra !== norm) {
    cats = [...cats, ...extra.ecs.category];
    types = [...types, ...extra.ecs.type];
    if (result === 'fail') ecsEvent.outcome = 'failure';
  }
  if (cats.length) ecsEvent.category = cats;
  if (types.length) ecsEvent.type = types;
  return ecsEvent;
}

/**
 * Actor, object and how from the fields the mapping names. A named field may be absent (`terminal=?` and
 * `addr=?` are dropped): that leaves the part unset, it is not worth a warning (go-libaudit warns; its
 * warnings are not part of our output contract).
 */
function applyMappedFields(s: Summary, norm: Normalization, ids: Data, data: Data, proc: Data, actorKeys: ActorKeys): void {
  if (norm.subjectPrimary.length) {
    const k = firstKey(ids, data, proc, norm.subjectPrimary);
    if (k !== undefined) {
      s.actor.primary = data[k] ?? proc[k] ?? ids[k];
      actorKeys.primary = k;
    }
  }
  if (norm.subjectSecondary.length) {
    const k = firstKey(ids, data, proc, norm.subjectSecondary);
    if (k !== undefined) {
      s.actor.secondary = data[k] ?? proc[k] ?? ids[k];
      actorKeys.secondary = k;
    }
  }
  if (norm.objectPrimary.length) {
    const v = firstOf(ids, data, proc, norm.objectPrimary);
    if (v !== undefined) s.object.primary = v;
  }
  if (norm.objectSecondary.length) {
    const v = firstOf(ids, data, proc, norm.objectSecondary);
    if (v !== undefined) s.object.secondary = v;
  }
  if (norm.how.length) {
    const v = firstOf(ids, data, proc, norm.how);
    if (v !== undefined) s.how = v;
  }
}

/** The first source-address field the mapping names moves from data to source.ip (traffic in). */
function setSourceIp(ev: NormalizedEvent, keys: readonly string[], data: Data): void {
  for (const k of keys) {
    const v = data[k];
    if (v !== undefined) {
      delete data[k];
      ev.source = { ip: v };
      ev.network = { direction: 'ingress' };
      return;
    }
  }
}

/** uid fields an actor may come from (the normalization table's subject keys that hold a uid). */
const ACTOR_UID_KEYS = new Set(['auid', 'uid', 'old-auid', 'old_auid', 'id', 'euid', 'fsuid', 'suid', 'ouid', 'oauid']);

function isDecimal(v: string): boolean {
  if (v.length === 0 || v.length > 10) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * With id resolution on, a numeric actor (a uid from auid, uid, id, old-auid) becomes the user's name, as
 * go-libaudit's ResolveIDs does: the name the ENRICHED log gives for that field wins (the log may come from
 * another machine), else this host's passwd. An id without a name stays numeric; `unset` and names stay.
 */
function nameActor(actor: Actor, keys: ActorKeys, records: readonly MainRecordView[], ids: IdResolver): void {
  const name = (v: string | undefined, k: string | undefined): string | undefined => {
    if (v === undefined || k === undefined || !ACTOR_UID_KEYS.has(k) || !isDecimal(v)) return undefined;
    const key = k === 'old_auid' ? 'old-auid' : k;
    const up = upper(key);
    for (const r of records) {
      if (!r.isEnriched) continue;
      const e = r.enriched()[up];
      if (e !== undefined && r.get(key) === v) return e;
    }
    return ids.user(v);
  };
  const p = name(actor.primary, keys.primary);
  if (p !== undefined) actor.primary = p;
  const s = name(actor.secondary, keys.secondary);
  if (s !== undefined) actor.secondary = s;
}

/**
 * user.names and the file's owner and group: from the ENRICHED names of the main record (`records[0]`) and
 * of the PATH records, else (RAW logs) from this host when `ids` resolves them.
 */
function addNames(
  ev: NormalizedEvent,
  records: readonly MainRecordView[],
  pathRecords: readonly AuditRecord[],
  paths: readonly Data[],
  ids: IdResolver | null,
  tail: SyscallTail | undefined,
): void {
  const userIds = ev.user.ids;
  const main = records[0];
  const enriched = main !== undefined && main.isEnriched;
  let names: Readonly<Data> | undefined;
  // user.ids come from the main record; its ENRICHED part names them (once per tail when they are the tail's).
  if (enriched && userIds) names = tail !== undefined && userIds === tail.ids ? tail.names : enrichedNames(main.enriched(), userIds);
  const file = ev.file;
  if (file?.path !== undefined) addFileNames(file, pathRecords, paths);
  if (!enriched && ids && userIds) {
    names = hostNames(userIds, ids);
    if (file) addHostFileNames(file, ids);
  }
  if (names !== undefined) {
    for (const _ in names) {
      ev.user.names = names as Data;
      break;
    }
  }
}

function enrichedNames(e: Readonly<Data>, userIds: Readonly<Data>): Data {
  const names: Data = {};
  for (const k in userIds) {
    const v = e[upper(k)];
    if (v !== undefined) names[k] = v;
  }
  return names;
}

/** The file's owner and group from the ENRICHED OUID/OGID of the PATH record chosen as the file object. */
function addFileNames(file: FileInfo, pathRecords: readonly AuditRecord[], paths: readonly Data[]): void {
  for (let i = 0; i < pathRecords.length && (file.owner === undefined || file.group === undefined); i++) {
    const r = pathRecords[i]!;
    if (!r.isEnriched) continue;
    const e = r.enriched();
    // Its interpreted fields (paths[i]) say which record that is, without lexing the record again.
    const p = paths[i]!;
    if (e.OUID !== undefined && file.owner === undefined && file.uid !== undefined && fieldOf(p, 'ouid') === file.uid) file.owner = e.OUID;
    if (e.OGID !== undefined && file.group === undefined && file.gid !== undefined && fieldOf(p, 'ogid') === file.gid) file.group = e.OGID;
  }
}

function hostNames(userIds: Readonly<Data>, ids: IdResolver): Data {
  const names: Data = {};
  for (const k in userIds) {
    const v = userIds[k]!;
    const n = k.endsWith('gid') ? ids.group(v) : ids.user(v);
    if (n !== undefined) names[k] = n;
  }
  return names;
}

function addHostFileNames(file: FileInfo, ids: IdResolver): void {
  if (file.uid !== undefined) {
    const n = ids.user(file.uid);
    if (n !== undefined) file.owner = n;
  }
  if (file.gid !== undefined) {
    const n = ids.group(file.gid);
    if (n !== undefined) file.group = n;
  }
}

export type { Normalization };
