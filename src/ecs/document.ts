// The records of one event -> one Elastic Common Schema document in the layout Auditbeat's auditd module
// writes, built field by field from tsaudit's normalized event (src/parse/normalize/). Facts (field names,
// which normalized part goes where, the user/group entity rules of the normalization table's `ecs.mappings`)
// come from elastic/beats auditbeat/module/auditd and elastic/go-libaudit aucoalesce; where we differ on
// purpose, test/unit/ecs/conformance.test.ts lists it with the reason.

import type { EcsMapping, Normalization } from '../tables/normalization.js';
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

/** user.ids keys that have their own ECS place; any other `*uid`/`*gid` key goes to user.<key>.id. */
const USER_ID_PLACES: Readonly<Record<string, readonly string[]>> = {
  uid: [],
  gid: ['group'],
  euid: ['effective'],
  egid: ['effective', 'group'],
  suid: ['saved'],
  sgid: ['saved', 'group'],
  fsuid: ['filesystem'],
  fsgid: ['filesystem', 'group'],
  auid: ['audit'],
};

type Obj = Record<string, unknown>;

function child(o: Obj, path: readonly string[]): Obj {
  let cur = o;
  for (const k of path) {
    let next = cur[k] as Obj | undefined;
    if (next === undefined || typeof next !== 'object' || Array.isArray(next)) {
      next = {};
      cur[k] = next;
    }
    cur = next;
  }
  return cur;
}

/** Removes `path` (dotted parts) from `o`, and the objects it leaves empty. */
function remove(o: Obj, path: readonly string[]): void {
  if (path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  const next = o[head];
  if (rest.length === 0) {
    delete o[head];
    return;
  }
  if (next === undefined || typeof next !== 'object' || Array.isArray(next)) return;
  remove(next as Obj, rest);
  for (const _ in next as Obj) return;
  delete o[head];
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
  #maps:
    | { userById: Map<string, string>; userByName: Map<string, string>; groupById: Map<string, string>; groupByName: Map<string, string> }
    | undefined;

  constructor(
    private readonly ev: NormalizedEvent,
    readonly ids: EcsIds | null,
  ) {}

  /** Built on first use: most events need no name lookup at all. */
  get #m() {
    if (this.#maps) return this.#maps;
    const m = (this.#maps = {
      userById: new Map<string, string>(),
      userByName: new Map<string, string>(),
      groupById: new Map<string, string>(),
      groupByName: new Map<string, string>(),
    });
    const { ids: userIds, names } = this.ev.user;
    if (userIds && names) {
      for (const k in names) {
        const id = userIds[k];
        const name = names[k]!;
        if (id === undefined || !isDecimal(id)) continue;
        if (k.endsWith('gid')) {
          m.groupById.set(id, name);
          m.groupByName.set(name, id);
        } else {
          m.userById.set(id, name);
          m.userByName.set(name, id);
        }
      }
    }
    return m;
  }

  userName(id: string): string | undefined {
    return this.#m.userById.get(id) ?? this.ids?.userName(id);
  }
  userId(name: string): string | undefined {
    return this.#m.userByName.get(name) ?? this.ids?.userId(name);
  }
  groupName(id: string): string | undefined {
    return this.#m.groupById.get(id) ?? this.ids?.groupName(id);
  }
  groupId(name: string): string | undefined {
    return this.#m.groupByName.get(name) ?? this.ids?.groupId(name);
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

function entitiesOf(ev: NormalizedEvent, mappings: readonly EcsMapping[]): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const m of mappings) {
    const e = entityOf(readRef(ev, m.from));
    // An absent source leaves the entity as it was; an empty one (go-libaudit reads "" then) marks it unset.
    out.set(m.to, e ?? { id: UNSET });
  }
  return out;
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
      const place = USER_ID_PLACES[k] ?? [k];
      child(user, place).id = v;
    }
    if (any && selinux) user.selinux = selinux;
  }
  if (names) {
    for (const k in names) {
      const place = USER_ID_PLACES[k] ?? [k];
      child(user, place).name = names[k];
    }
  }
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

/** auditd.data: `socket_*` keys (from SOCKADDR) nest under `socket`, as Auditbeat writes them. */
function dataObject(data: Record<string, string> | undefined): Obj {
  const out: Obj = {};
  if (!data) return out;
  for (const k in data) {
    if (k.startsWith('socket_')) child(out, ['socket'])[k.slice(7)] = data[k];
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

function stringAt(o: Obj, path: readonly string[]): string | undefined {
  let cur: unknown = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[k];
  }
  return typeof cur === 'string' ? cur : undefined;
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

  // user / user.effective / user.target / user.changes / group from the normalization's ecs.mappings.
  const names = new Names(ev, opts.ids);
  const norm = normalizationOf(ev);
  const related = new Set<string>();
  if (norm && norm.ecs.mappings.length) {
    const entities = entitiesOf(ev, norm.ecs.mappings);
    for (const [to, e] of entities) {
      const group = to === 'group';
      if (opts.ids) names.complete(e, group);
      const path = to.split('.');
      const target = group ? child(doc, ['group']) : to === 'user' ? user : child(user, path.slice(1));
      if (e.id !== undefined && e.id !== UNSET) target.id = e.id;
      else delete target.id;
      if (e.name !== undefined) {
        target.name = e.name;
        if (!group && opts.ids) related.add(e.name);
      } else delete target.name;
      if (group && Object.keys(target).length === 0) delete doc.group;
      else if (!group && to !== 'user' && Object.keys(target).length === 0) remove(user, path.slice(1));
    }
  }
  if (related.size) doc.related = { user: [...related].sort() };
  // user.effective only when it differs from user (same id or same name: dropped).
  for (const k of ['id', 'name']) {
    const v = stringAt(user, [k]);
    if (v !== undefined && stringAt(user, ['effective', k]) === v) {
      delete user.effective;
      break;
    }
  }
  if (Object.keys(user).length === 0) delete doc.user;

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
