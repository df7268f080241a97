// The records of one event -> one Elastic Common Schema document in the layout Auditbeat's auditd module
// writes, field by field from tsaudit's normalized event (src/parse/normalize/), straight as JSON bytes: no
// document object, no document string to encode again. Facts (field names, which normalized part goes where;
// the user/group entities are user.ts's) come from elastic/beats auditbeat/module/auditd and elastic/go-libaudit
// aucoalesce; where we differ on purpose, test/unit/ecs/conformance.test.ts lists it with the reason.

import { type NormalizedEvent, normalizeEvent } from '../parse/normalize/event.js';
import type { Lookups } from '../parse/normalize/record-data.js';
import type { AuditRecord } from '../parse/record.js';
import { JsonBytes } from '../parse/json-bytes.js';
import { type EcsIds, isDecimal } from './ids.js';
import { type UserBytes, UserWriter } from './user.js';
import {
  arrayValue,
  jsonText,
  jsonValue,
  member,
  type MemberKey,
  memberKey,
  numberValue,
  objectValue,
  stringArray,
  stringMember,
  stringValue,
} from './json-out.js';

/** A JSON object as written (nested plain objects, strings, numbers, arrays). */
export type EcsDocument = Record<string, unknown>;

export interface EcsOptions {
  lookups: Lookups;
  /** Names for ids and ids for names; null keeps ids numeric (ENRICHED logs still name their own ids). */
  ids: EcsIds | null;
  /** `event.original`: the event's raw lines (default true). */
  original?: boolean;
  /** `host.name` (omitted when undefined). */
  hostName?: string;
  /** `ecs.version` (omitted when undefined). */
  ecsVersion?: string;
}

const UNSET = 'unset';

type Obj = Record<string, unknown>;

/** Member names, written once as `"name":`. */
const K = {
  event: memberKey('event'),
  action: memberKey('action'),
  category: memberKey('category'),
  outcome: memberKey('outcome'),
  type: memberKey('type'),
  original: memberKey('original'),
  auditd: memberKey('auditd'),
  data: memberKey('data'),
  session: memberKey('session'),
  summary: memberKey('summary'),
  actor: memberKey('actor'),
  object: memberKey('object'),
  primary: memberKey('primary'),
  secondary: memberKey('secondary'),
  how: memberKey('how'),
  paths: memberKey('paths'),
  user: memberKey('user'),
  process: memberKey('process'),
  pid: memberKey('pid'),
  parent: memberKey('parent'),
  title: memberKey('title'),
  name: memberKey('name'),
  executable: memberKey('executable'),
  workingDirectory: memberKey('working_directory'),
  args: memberKey('args'),
  file: memberKey('file'),
  path: memberKey('path'),
  device: memberKey('device'),
  inode: memberKey('inode'),
  mode: memberKey('mode'),
  uid: memberKey('uid'),
  gid: memberKey('gid'),
  owner: memberKey('owner'),
  group: memberKey('group'),
  selinux: memberKey('selinux'),
  source: memberKey('source'),
  destination: memberKey('destination'),
  ip: memberKey('ip'),
  port: memberKey('port'),
  network: memberKey('network'),
  tags: memberKey('tags'),
  related: memberKey('related'),
  host: memberKey('host'),
  ecs: memberKey('ecs'),
  version: memberKey('version'),
} as const;

/** A string member when the value is not empty (the document's `if (v) out.k = v`). */
function someString(out: JsonBytes, key: MemberKey, v: string | undefined): void {
  if (v) stringMember(out, key, v);
}

function writeEvent(out: JsonBytes, ev: NormalizedEvent, records: readonly AuditRecord[] | undefined, opts: EcsOptions): void {
  member(out, K.event);
  out.byte(123);
  const ecsEvent = ev.ecs?.event;
  if (ev.summary.action !== undefined) stringMember(out, K.action, ev.summary.action);
  member(out, K.category);
  jsonValue(out, ecsEvent?.category?.length ? ecsEvent.category : ev.category);
  out.raw(',"kind":"event","module":"auditd"');
  const outcome = ecsEvent?.outcome ?? (ev.result === 'fail' ? 'failure' : ev.result);
  if (outcome !== undefined) stringMember(out, K.outcome, outcome);
  if (ecsEvent?.type?.length) {
    member(out, K.type);
    stringArray(out, ecsEvent.type);
  }
  if (opts.original !== false && records) {
    member(out, K.original);
    // one native escape pass over all the lines costs less than one call per line
    const lines: string[] = [];
    for (const r of records) lines.push(r.line);
    jsonText(out, JSON.stringify(lines));
  }
  out.byte(125);
}

/** auditd.data: `socket_*` keys (from SOCKADDR) nest under `socket`, as Auditbeat writes them. */
function writeData(out: JsonBytes, data: Record<string, string> | undefined): void {
  if (!data) return void out.raw('{}');
  let socket = false;
  for (const k in data) {
    if (k.startsWith('socket_')) {
      socket = true;
      break;
    }
  }
  if (!socket) return objectValue(out, data);
  const nested: Obj = {};
  let socketData: Obj | undefined;
  for (const k in data) {
    if (k.startsWith('socket_')) (socketData ??= nested.socket = {})[k.slice(7)] = data[k];
    else nested[k] = data[k];
  }
  objectValue(out, nested);
}

/** `"key":{...}` with the non-empty ones of `primary`, `secondary` and `type`; nothing when all are empty. */
function refMember(out: JsonBytes, key: MemberKey, primary?: string, secondary?: string, type?: string): void {
  if (!primary && !secondary && !type) return;
  member(out, key);
  out.byte(123);
  someString(out, K.primary, primary);
  someString(out, K.secondary, secondary);
  someString(out, K.type, type);
  out.byte(125);
}

function writeSummary(out: JsonBytes, s: NormalizedEvent['summary']): void {
  const { actor, object } = s;
  if (!actor.primary && !actor.secondary && !object.primary && !object.secondary && !object.type && !s.how) return;
  member(out, K.summary);
  out.byte(123);
  refMember(out, K.actor, actor.primary, actor.secondary);
  refMember(out, K.object, object.primary, object.secondary, object.type);
  someString(out, K.how, s.how);
  out.byte(125);
}

function writeAuditd(out: JsonBytes, ev: NormalizedEvent): void {
  out.raw(',"auditd":{"message_type":');
  stringValue(out, ev.record_type);
  out.raw(',"sequence":');
  numberValue(out, ev.sequence);
  out.raw(',"result":');
  stringValue(out, ev.result);
  member(out, K.data);
  writeData(out, ev.data);
  if (ev.session !== UNSET) stringMember(out, K.session, ev.session ?? '');
  writeSummary(out, ev.summary);
  if (ev.paths?.length) {
    member(out, K.paths);
    arrayValue(out, ev.paths);
  }
  out.byte(125);
}

const decimal = (v: string | undefined) => (v !== undefined && isDecimal(v) ? Number(v) : undefined);

/** `process`, written whenever the normalized process has anything (Auditbeat writes `{}` for a pid it
 * cannot parse). */
function writeProcess(out: JsonBytes, p: NormalizedEvent['process']): void {
  const pid = decimal(p.pid);
  const ppid = decimal(p.ppid);
  const args = p.args && p.args.length ? p.args : undefined;
  if (pid === undefined && ppid === undefined && !p.title && !p.name && !p.exe && !p.cwd && !args) {
    if (p.pid || p.ppid) {
      member(out, K.process);
      out.raw('{}');
    }
    return;
  }
  member(out, K.process);
  out.byte(123);
  if (pid !== undefined) {
    member(out, K.pid);
    numberValue(out, pid);
  }
  if (ppid !== undefined) {
    member(out, K.parent);
    out.byte(123);
    member(out, K.pid);
    numberValue(out, ppid);
    out.byte(125);
  }
  someString(out, K.title, p.title);
  someString(out, K.name, p.name);
  someString(out, K.executable, p.exe);
  someString(out, K.workingDirectory, p.cwd);
  if (args) {
    member(out, K.args);
    stringArray(out, args);
  }
  out.byte(125);
}

function writeFile(out: JsonBytes, f: NonNullable<NormalizedEvent['file']>): void {
  member(out, K.file);
  out.byte(123);
  someString(out, K.path, f.path);
  someString(out, K.device, f.device);
  someString(out, K.inode, f.inode);
  someString(out, K.mode, f.mode);
  someString(out, K.uid, f.uid);
  someString(out, K.gid, f.gid);
  someString(out, K.owner, f.owner);
  someString(out, K.group, f.group);
  if (f.selinux) {
    member(out, K.selinux);
    objectValue(out, f.selinux);
  }
  out.byte(125);
}

function writeAddress(out: JsonBytes, key: MemberKey, a: NonNullable<NormalizedEvent['source']>): void {
  member(out, key);
  out.byte(123);
  someString(out, K.ip, a.ip);
  someString(out, K.port, a.port);
  someString(out, K.path, a.path);
  out.byte(125);
}

/** The members after `auditd`: the entities and the event's places. */
function writeEntities(out: JsonBytes, ev: NormalizedEvent, users: UserBytes): void {
  out.bytes(users.user);
  writeProcess(out, ev.process);
  if (ev.file) writeFile(out, ev.file);
  if (ev.source) writeAddress(out, K.source, ev.source);
  if (ev.destination) writeAddress(out, K.destination, ev.destination);
  if (ev.network) {
    member(out, K.network);
    out.raw('{"direction":');
    stringValue(out, ev.network.direction);
    out.byte(125);
  }
  if (ev.tags?.length) {
    member(out, K.tags);
    stringArray(out, ev.tags);
  }
  out.bytes(users.tail);
}

/** Writes ECS documents for one set of options (the entity bytes it keeps are only right for them). */
export class EcsWriter {
  readonly #users: UserWriter;

  constructor(readonly opts: EcsOptions) {
    this.#users = new UserWriter(opts.ids);
  }

  /**
   * The ECS document of a normalized event (`records` give event.original) as JSON bytes appended to `out`:
   * the same bytes as JSON.stringify of the document would give. The event is only read, never changed (its
   * objects may be shared with other events).
   */
  write(out: JsonBytes, ev: NormalizedEvent, records: readonly AuditRecord[] | undefined): void {
    const opts = this.opts;
    out.raw('{"@timestamp":');
    stringValue(out, ev['@timestamp']);
    writeEvent(out, ev, records, opts);
    writeAuditd(out, ev);
    writeEntities(out, ev, this.#users.of(ev));
    out.raw(',"service":{"type":"auditd"}');
    if (opts.hostName !== undefined) {
      member(out, K.host);
      out.byte(123);
      stringMember(out, K.name, opts.hostName);
      out.byte(125);
    }
    if (opts.ecsVersion !== undefined) {
      member(out, K.ecs);
      out.byte(123);
      stringMember(out, K.version, opts.ecsVersion);
      out.byte(125);
    }
    out.byte(125);
  }
}

const scratch = new JsonBytes();

/** The records of one event -> its ECS document as an object (tests, and callers that want one). Never
 * throws (the normalizer never does). */
export function ecsDocument(records: readonly AuditRecord[], opts: EcsOptions): EcsDocument {
  const ev = normalizeEvent(records, { lookups: opts.lookups, ids: opts.ids?.resolver ?? null });
  scratch.reset();
  new EcsWriter(opts).write(scratch, ev, records);
  return JSON.parse(scratch.buf.toString('utf8', 0, scratch.pos)) as EcsDocument;
}
