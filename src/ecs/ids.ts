// Users and groups for ECS documents: names for ids (user.*.name, file.owner) and ids for names (an
// account named in the log, `acct="bob"`, becomes user.target.id). Auditbeat resolves both ways.

import { IdResolver, readIdTable, type IdTable } from '../ids.js';

export interface EcsIdsOptions {
  /** Default /etc/passwd. */
  passwdFile?: string;
  /** Default /etc/group. */
  groupFile?: string;
}

/** uid/gid <-> name in both directions, each file read once. */
export interface EcsIds {
  /** What the normalizer uses for user.names, file owner/group and actor names. */
  readonly resolver: IdResolver;
  userName(id: string): string | undefined;
  userId(name: string): string | undefined;
  groupName(id: string): string | undefined;
  groupId(name: string): string | undefined;
}

export function readEcsIds(opts: EcsIdsOptions = {}): EcsIds {
  const passwdFile = opts.passwdFile ?? '/etc/passwd';
  const groupFile = opts.groupFile ?? '/etc/group';
  let users: IdTable | undefined;
  let groups: IdTable | undefined;
  const u = () => (users ??= readIdTable(passwdFile));
  const g = () => (groups ??= readIdTable(groupFile));
  const byId = (t: IdTable, id: string) => (isDecimal(id) ? t.byId.get(Number(id)) : undefined);
  const byName = (t: IdTable, name: string) => {
    const n = t.byName.get(name);
    return n === undefined ? undefined : String(n);
  };
  return {
    resolver: new IdResolver({ passwdFile, groupFile }),
    userName: (id) => byId(u(), id),
    userId: (name) => byName(u(), name),
    groupName: (id) => byId(g(), id),
    groupId: (name) => byName(g(), name),
  };
}

export function isDecimal(v: string): boolean {
  if (v.length === 0 || v.length > 20) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
