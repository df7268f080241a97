// uid/gid -> name from the passwd and group files, read once and cached. Turned off with `-id=false`
// (the names of a log from another machine are wrong here); ENRICHED logs carry their own names.

import { readFileSync } from 'node:fs';

export interface IdResolverOptions {
  passwdFile?: string;
  groupFile?: string;
}

function readIds(file: string): Map<number, string> {
  const map = new Map<number, string>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return map; // no file: no names, ids stay numeric
  }
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 3) continue;
    const id = Number(f[2]);
    if (Number.isInteger(id) && !map.has(id)) map.set(id, f[0]!);
  }
  return map;
}

export class IdResolver {
  #users?: Map<number, string>;
  #groups?: Map<number, string>;
  readonly #passwdFile: string;
  readonly #groupFile: string;

  constructor(opts: IdResolverOptions = {}) {
    this.#passwdFile = opts.passwdFile ?? '/etc/passwd';
    this.#groupFile = opts.groupFile ?? '/etc/group';
  }

  /** Name of uid `id` (decimal string or number); `unset` for (u32)-1; undefined when unknown. */
  user(id: string | number): string | undefined {
    const n = typeof id === 'number' ? id : Number(id);
    if (n === 4294967295 || n === -1) return 'unset';
    if (!Number.isInteger(n)) return undefined;
    this.#users ??= readIds(this.#passwdFile);
    return this.#users.get(n);
  }

  /** Name of gid `id`; `unset` for (u32)-1; undefined when unknown. */
  group(id: string | number): string | undefined {
    const n = typeof id === 'number' ? id : Number(id);
    if (n === 4294967295 || n === -1) return 'unset';
    if (!Number.isInteger(n)) return undefined;
    this.#groups ??= readIds(this.#groupFile);
    return this.#groups.get(n);
  }
}

/** Field names holding a uid or a gid (auparse's typetab). */
export const UID_FIELDS: ReadonlySet<string> = new Set([
  'auid', 'uid', 'euid', 'suid', 'fsuid', 'ouid', 'oauid', 'old-auid', 'iuid', 'id', 'inode_uid', 'sauid', 'obj_uid',
]);
export const GID_FIELDS: ReadonlySet<string> = new Set([
  'obj_gid', 'gid', 'egid', 'sgid', 'fsgid', 'ogid', 'igid', 'inode_gid', 'new_gid',
]);
