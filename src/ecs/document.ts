// The records of one event -> one Elastic Common Schema document in the layout Auditbeat's auditd module
// writes, built field by field from tsaudit's normalized event (src/parse/normalize/). Facts (field names,
// which normalized part goes where, the user/group entity rules of the normalization table's `ecs.mappings`)
// come from elastic/beats auditbeat/module/auditd and elastic/go-libaudit aucoalesce; where we differ on
// purpose, test/unit/ecs/conformance.test.ts lists it with the reason.

import type { Normalization } from '../tables/normalization.js';
import { normalizationFor } from '../parse/normalize/table.js';
import { type NormalizedEvent, normalizeEvent } from '../parse/normalize/event.js';
import type { Lookups } from '../parse/normalize/record-data.js';
import type { AuditRecord } from '../parse/record.js';
import { type EcsIds, isDecimal } from './ids.js';

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

/** The object at o[k], made (in place of anything that is not one) when missing. */
function sub(o: Obj, k: string): Obj {
  const v = o[k];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  const made: Obj = {};
  o[k] = made;
  return made;
}

function isEmpty(o: Obj): boolean {
  for (const _ in o) return false;
  return true;
}

/** The object a user.ids key's saved, effective or filesystem id goes under. */
const ID_BASE: Readonly<Record<string, string>> = {
  euid: 'effective',
  egid: 'effective',
  suid: 'saved',
  sgid: 'saved',
  fsuid: 'filesystem',
  fsgid: 'filesystem',
};

/** Where a user.ids key goes: uid in user, gid in user.group, euid in user.effective, egid in
 * user.effective.group, and so on; any other `*uid`/`*gid` key in user.<key>. This runs for every id of
 * every event: no path arrays. */
function userPlace(user: Obj, k: string): Obj {
  switch (k) {
    case 'uid':
      return user;
    case 'gid':
      return sub(user, 'group');
    case 'auid':
      return sub(user, 'audit');
    case 'euid':
    case 'suid':
    case 'fsuid':
      return sub(user, ID_BASE[k]!);
    case 'egid':
    case 'sgid':
    case 'fsgid':
      return sub(sub(user, ID_BASE[k]!), 'group');
    default:
      return sub(user, k);
  }
}

/** An ECS user or group entity as the normalization table's mappings fill it: an id or a name. */
interface Entity {
  id?: string;
  name?: string;
}

function entityOf(value: string | undefined): Entity | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === UNSET || value === '4294967295' || value === '-1') return { id: UNSET };
  return isDecimal(value) ? { id: value } : { name: value };
}

/** Names known from the log itself (ENRICHED records), both ways, preferred over this host's files. */
class Names {
  constructor(
    private readonly ev: NormalizedEvent,
    readonly ids: EcsIds | null,
  ) {}

  /**
   * The log's own name for an id (`byId`) or id for a name, among the uid keys (`group` false) or the gid
   * keys: the last key that has it wins. A scan of the event's few ids, cheaper than building maps for the
   * one or two lookups an event makes.
   */
  #fromLog(value: string, byId: boolean, group: boolean): string | undefined {
    const { ids: userIds, names } = this.ev.user;
    if (!userIds || !names) return undefined;
    let found: string | undefined;
    for (const k in names) {
      const id = userIds[k];
      if (id === undefined || k.endsWith('gid') !== group || !isDecimal(id)) continue;
      const name = names[k]!;
      if (byId ? id === value : name === value) found = byId ? name : id;
    }
    return found;
  }

  userName(id: string): string | undefined {
    return this.#fromLog(id, true, false) ?? this.ids?.userName(id);
  }
  userId(name: string): string | undefined {
    return this.#fromLog(name, false, false) ?? this.ids?.userId(name);
  }
  groupName(id: string): string | undefined {
    return this.#fromLog(id, true, true) ?? this.ids?.groupName(id);
  }
  groupId(name: string): string | undefined {
    return this.#fromLog(name, false, true) ?? this.ids?.groupId(name);
  }

  /** Fills the missing half of an entity that has exactly one of id and name. */
  complete(e: Entity, group: boolean): void {
    if ((e.id === undefined) === (e.name === undefined)) return;
    if (e.id !== undefined) {
      if (e.id === UNSET) return;
      const n = group ? this.groupName(e.id) : this.userName(e.id);
      if (n !== undefined) e.name = n;
    } else {
      const i = group ? this.groupId(e.name!) : this.userId(e.name!);
      if (i !== undefined) e.id = i;
    }
  }
}

function readRef(ev: NormalizedEvent, from: string): string | undefined {
  switch (from) {
    case 'subject.primary':
      return ev.summary.actor.primary;
    case 'subject.secondary':
      return ev.summary.actor.secondary;
    case 'object.primary':
      return ev.summary.object.primary;
    case 'object.secondary':
      return ev.summary.object.secondary;
  }
  const dot = from.indexOf('.');
  if (dot < 0) return undefined;
  const dict = from.slice(0, dot);
  const key = from.slice(dot + 1);
  if (dict === 'data') return ev.data?.[key];
  if (dict === 'uid') return ev.user.ids?.[key];
  return undefined;
}

/** The normalization whose ecs.mappings apply: the one the normalizer chose for this event. */
function normalizationOf(ev: NormalizedEvent): Normalization | undefined {
  return normalizationFor(ev.record_type, ev.syscall?.name ?? ev.data?.syscall, ev.data ?? {}).norm;
}

/** A normalization's mappings with one per target: the last source of each, in the order the targets first
 * appear (as a Map filled in order keeps them). Computed once per normalization. */
interface Target {
  to: string;
  from: string;
  group: boolean;
  /** The key under user (user.effective -> "effective"); "" for user itself and for group. */
  key: string;
}
const TARGETS = new WeakMap<Normalization, readonly Target[]>();

function targetsOf(norm: Normalization): readonly Target[] {
  let t = TARGETS.get(norm);
  if (t) return t;
  const last = new Map<string, string>();
  for (const m of norm.ecs.mappings) last.set(m.to, m.from);
  t = [...last].map(([to, from]) => ({ to, from, group: to === 'group', key: to === 'group' || to === 'user' ? '' : to.slice(5) }));
  TARGETS.set(norm, t);
  return t;
}

function userObject(ev: NormalizedEvent): Obj {
  const user: Obj = {};
  const { ids, names, selinux } = ev.user;
  if (ids) {
    let any = false;
    for (const k in ids) {
      const v = ids[k]!;
      if (v === UNSET) continue;
      any = true;
      userPlace(user, k).id = v;
    }
    if (any && selinux) user.selinux = selinux;
  }
  if (names) for (const k in names) userPlace(user, k).name = names[k];
  return user;
}

function processObject(p: NormalizedEvent['process']): Obj | undefined {
  const out: Obj = {};
  let any = false;
  const int = (v: string | undefined) => (v !== undefined && isDecimal(v) ? Number(v) : undefined);
  const pid = int(p.pid);
  if (pid !== undefined) out.pid = pid;
  const ppid = int(p.ppid);
  if (ppid !== undefined) out.parent = { pid: ppid };
  if (p.title) out.title = p.title;
  if (p.name) out.name = p.name;
  if (p.exe) out.executable = p.exe;
  if (p.cwd) out.working_directory = p.cwd;
  if (p.args && p.args.length) out.args = p.args;
  for (const _ in out) any = true;
  // Auditbeat writes `process` whenever the normalized process has anything, even a pid it cannot parse.
  if (!any && (p.pid || p.ppid)) return {};
  return any ? out : undefined;
}

function fileObject(f: NonNullable<NormalizedEvent['file']>): Obj {
  const out: Obj = {};
  if (f.path) out.path = f.path;
  if (f.device) out.device = f.device;
  if (f.inode) out.inode = f.inode;
  if (f.mode) out.mode = f.mode;
  if (f.uid) out.uid = f.uid;
  if (f.gid) out.gid = f.gid;
  if (f.owner) out.owner = f.owner;
  if (f.group) out.group = f.group;
  if (f.selinux) out.selinux = f.selinux;
  return out;
}

function addressObject(a: NonNullable<NormalizedEvent['source']>): Obj {
  const out: Obj = {};
  if (a.ip) out.ip = a.ip;
  if (a.port) out.port = a.port;
  if (a.path) out.path = a.path;
  return out;
}

/** auditd.data: `socket_*` keys (from SOCKADDR) nest under `socket`, as Auditbeat writes them. Without them
 * it is the normalized event's own object (the document takes the event's objects over). */
function dataObject(data: Record<string, string> | undefined): Obj {
  if (!data) return {};
  let socket = false;
  for (const k in data) {
    if (k.startsWith('socket_')) {
      socket = true;
      break;
    }
  }
  if (!socket) return data;
  const out: Obj = {};
  for (const k in data) {
    if (k.startsWith('socket_')) sub(out, 'socket')[k.slice(7)] = data[k];
    else out[k] = data[k];
  }
  return out;
}

function summaryObject(ev: NormalizedEvent): Obj {
  const s = ev.summary;
  const out: Obj = {};
  if (s.actor.primary || s.actor.secondary) {
    const actor: Obj = (out.actor = {});
    if (s.actor.primary) actor.primary = s.actor.primary;
    if (s.actor.secondary) actor.secondary = s.actor.secondary;
  }
  if (s.object.primary || s.object.secondary || s.object.type) {
    const object: Obj = (out.object = {});
    if (s.object.primary) object.primary = s.object.primary;
    if (s.object.secondary) object.secondary = s.object.secondary;
    if (s.object.type) object.type = s.object.type;
  }
  if (s.how) out.how = s.how;
  return out;
}

/** o[k] when it is a string. */
function stringOf(o: unknown, k: 'id' | 'name'): string | undefined {
  if (o === null || typeof o !== 'object') return undefined;
  const v = (o as Obj)[k];
  return typeof v === 'string' ? v : undefined;
}

/** user / user.effective / user.target / group from the normalization's ecs.mappings; returns the names
 * that go to related.user. */
function applyMappings(doc: EcsDocument, user: Obj, ev: NormalizedEvent, norm: Normalization, opts: EcsOptions): Set<string> | undefined {
  const names = opts.ids ? new Names(ev, opts.ids) : undefined;
  let related: Set<string> | undefined;
  for (const t of targetsOf(norm)) {
    // An absent source leaves the entity as it was; an empty one (go-libaudit reads "" then) marks it unset.
    const e = entityOf(readRef(ev, t.from)) ?? { id: UNSET };
    names?.complete(e, t.group);
    const target = t.group ? sub(doc, 'group') : t.key === '' ? user : sub(user, t.key);
    if (e.id !== undefined && e.id !== UNSET) target.id = e.id;
    else delete target.id;
    if (e.name !== undefined) {
      target.name = e.name;
      if (!t.group && names) (related ??= new Set()).add(e.name);
    } else delete target.name;
    if (!isEmpty(target)) continue;
    if (t.group) delete doc.group;
    else if (t.key !== '') delete user[t.key];
  }
  return related;
}

/** The ECS document of an already normalized event (`records` give event.original); it takes over `ev`s objects. */
export function ecsFromNormalized(ev: NormalizedEvent, records: readonly AuditRecord[] | undefined, opts: EcsOptions): EcsDocument {
  const doc: EcsDocument = { '@timestamp': ev['@timestamp'] };
  const ecsEvent = ev.ecs?.event;
  const event: Obj = {
    action: ev.summary.action,
    category: ecsEvent?.category?.length ? ecsEvent.category : ev.category,
    kind: 'event',
    module: 'auditd',
    outcome: ecsEvent?.outcome ?? (ev.result === 'fail' ? 'failure' : ev.result),
  };
  if (ecsEvent?.type?.length) event.type = ecsEvent.type;
  if (opts.original !== false && records) event.original = records.map((r) => r.line);
  doc.event = event;

  const auditd: Obj = {
    message_type: ev.record_type,
    sequence: ev.sequence,
    result: ev.result,
    data: dataObject(ev.data),
  };
  if (ev.session !== UNSET) auditd.session = ev.session ?? '';
  const summary = summaryObject(ev);
  for (const _ in summary) {
    auditd.summary = summary;
    break;
  }
  if (ev.paths?.length) auditd.paths = ev.paths;
  doc.auditd = auditd;

  const user = userObject(ev);
  doc.user = user;
  const proc = processObject(ev.process);
  if (proc) doc.process = proc;
  if (ev.file) doc.file = fileObject(ev.file);
  if (ev.source) doc.source = addressObject(ev.source);
  if (ev.destination) doc.destination = addressObject(ev.destination);
  if (ev.network) doc.network = { direction: ev.network.direction };
  if (ev.tags?.length) doc.tags = ev.tags;

  const norm = normalizationOf(ev);
  const related = norm && norm.ecs.mappings.length ? applyMappings(doc, user, ev, norm, opts) : undefined;
  if (related) doc.related = { user: [...related].sort() };
  // user.effective only when it differs from user (same id or same name: dropped).
  if (user.effective !== undefined) {
    for (const k of ['id', 'name'] as const) {
      const v = stringOf(user, k);
      if (v !== undefined && stringOf(user.effective, k) === v) {
        delete user.effective;
        break;
      }
    }
  }
  if (isEmpty(user)) delete doc.user;

  doc.service = { type: 'auditd' };
  if (opts.hostName !== undefined) doc.host = { name: opts.hostName };
  if (opts.ecsVersion !== undefined) doc.ecs = { version: opts.ecsVersion };
  return doc;
}

/** The records of one event -> its ECS document. Never throws (the normalizer never does). */
export function ecsDocument(records: readonly AuditRecord[], opts: EcsOptions): EcsDocument {
  const ev = normalizeEvent(records, { lookups: opts.lookups, ids: opts.ids?.resolver ?? null });
  return ecsFromNormalized(ev, records, opts);
}
