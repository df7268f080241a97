// The user and group entities of an ECS document (user.*, user.effective/target/..., group, related.user)
// from the normalized event's ids and names and the normalization table's `ecs.mappings` (facts from
// elastic/go-libaudit aucoalesce and elastic/beats auditbeat/module/auditd), written as bytes. A log has few
// distinct ones (32 in the 47,263 events of the 48 MB bench cut), so each is made once and its bytes are
// kept, keyed by everything the entities are made from.

import type { Normalization } from '../tables/normalization.js';
import { normalizationFor } from '../parse/normalize/table.js';
import type { NormalizedEvent } from '../parse/normalize/event.js';
import { JsonBytes } from '../parse/json-bytes.js';
import { type EcsIds, isDecimal } from './ids.js';
import { memberKey, objectValue, stringArray } from './json-out.js';

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
export interface Target {
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

/** o[k] when it is a string. */
function stringOf(o: unknown, k: 'id' | 'name'): string | undefined {
  if (o === null || typeof o !== 'object') return undefined;
  const v = (o as Obj)[k];
  return typeof v === 'string' ? v : undefined;
}

/** user / user.effective / user.target / group (made in `top`, the document's own members) from the
 * normalization's ecs.mappings; returns the names that go to related.user. */
function applyMappings(top: Obj, user: Obj, ev: NormalizedEvent, targets: readonly Target[], ids: EcsIds | null): Set<string> | undefined {
  const names = ids ? new Names(ev, ids) : undefined;
  let related: Set<string> | undefined;
  for (const t of targets) {
    // An absent source leaves the entity as it was; an empty one (go-libaudit reads "" then) marks it unset.
    const e = entityOf(readRef(ev, t.from)) ?? { id: UNSET };
    names?.complete(e, t.group);
    const target = t.group ? sub(top, 'group') : t.key === '' ? user : sub(user, t.key);
    if (e.id !== undefined && e.id !== UNSET) target.id = e.id;
    else delete target.id;
    if (e.name !== undefined) {
      target.name = e.name;
      if (!t.group && names) (related ??= new Set()).add(e.name);
    } else delete target.name;
    if (!isEmpty(target)) continue;
    if (t.group) delete top.group;
    else if (t.key !== '') delete user[t.key];
  }
  return related;
}

/** The document's user entities: `user` (undefined when empty), `group` and related.user, from the event's
 * ids and names and the normalization's mappings. Made afresh: the event's own objects are only read. */
interface UserParts {
  user: Obj | undefined;
  group: Obj | undefined;
  related: string[] | undefined;
}

function userParts(ev: NormalizedEvent, targets: readonly Target[], ids: EcsIds | null): UserParts {
  const user = userObject(ev);
  const top: Obj = {};
  const related = targets.length ? applyMappings(top, user, ev, targets, ids) : undefined;
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
  return {
    user: isEmpty(user) ? undefined : user,
    group: top.group as Obj | undefined,
    related: related ? [...related].sort() : undefined,
  };
}

/** An entity set's bytes: `,"user":{...}` (empty when there is no user) and `,"group":{...}` and
 * `,"related":{...}` (empty when neither), which the document writes after `tags`. */
export interface UserBytes {
  readonly user: Uint8Array;
  readonly tail: Uint8Array;
}

const K_USER = memberKey('user');
const K_GROUP = memberKey('group');
const K_RELATED = memberKey('related');
const NO_TARGETS: readonly Target[] = [];
const MAX_ENTRIES = 4096;

/**
 * The cache key: everything the entities are made from, each name and value with its length in front (so no
 * two inputs give one key): the ids, names and SELinux context in their order, then the mappings' sources.
 */
function keyOf(ev: NormalizedEvent, targets: readonly Target[]): string {
  const { ids, names, selinux } = ev.user;
  let key = '';
  if (ids) for (const k in ids) key += `${k.length}:${k}${ids[k]!.length}:${ids[k]}`;
  key += '|';
  if (names) for (const k in names) key += `${k.length}:${k}${names[k]!.length}:${names[k]}`;
  key += '|';
  if (selinux) for (const k in selinux) key += `${k.length}:${k}${selinux[k]!.length}:${selinux[k]}`;
  for (const t of targets) {
    const v = readRef(ev, t.from);
    key += v === undefined ? '|-' : `|${v.length}:${v}`;
  }
  return key;
}

/** The entities of events, as bytes, for one way of naming ids (`ids`: this host's tables, or none). */
export class UserWriter {
  /** Per normalization's targets: key -> bytes. */
  readonly #cache = new WeakMap<readonly Target[], Map<string, UserBytes>>();
  #entries = 0;
  readonly #out = new JsonBytes(4096);

  constructor(private readonly ids: EcsIds | null) {}

  of(ev: NormalizedEvent): UserBytes {
    const norm = normalizationOf(ev);
    const targets = norm && norm.ecs.mappings.length ? targetsOf(norm) : NO_TARGETS;
    let byKey = this.#cache.get(targets);
    if (!byKey) this.#cache.set(targets, (byKey = new Map()));
    const key = keyOf(ev, targets);
    let bytes = byKey.get(key);
    if (bytes === undefined) {
      bytes = this.#make(ev, targets);
      if (this.#entries >= MAX_ENTRIES) {
        byKey.clear(); // a log with this many distinct entity sets: start over rather than grow
        this.#entries = 0;
      }
      byKey.set(key, bytes);
      this.#entries++;
    }
    return bytes;
  }

  #make(ev: NormalizedEvent, targets: readonly Target[]): UserBytes {
    const parts = userParts(ev, targets, this.ids);
    const out = this.#out;
    // Never the first members of the document: each starts with its comma.
    out.reset();
    if (parts.user) {
      out.raw(K_USER.next);
      objectValue(out, parts.user);
    }
    const user = Uint8Array.prototype.slice.call(out.buf, 0, out.pos);
    out.reset();
    if (parts.group) {
      out.raw(K_GROUP.next);
      objectValue(out, parts.group);
    }
    if (parts.related) {
      out.raw(K_RELATED.next);
      out.raw('{"user":');
      stringArray(out, parts.related);
      out.byte(125);
    }
    return { user, tail: Uint8Array.prototype.slice.call(out.buf, 0, out.pos) };
  }
}
