// Users and groups of this host from the passwd and group files (getpwnam/getpwuid without NSS modules), read
// once per file on first use. Shared by interpretation (uid -> name) and rules (name -> uid for -F uid=name).

import { readFileSync } from 'node:fs';

/** One passwd or group file: the first entry of a name or an id wins, as getpwnam/getpwuid return it. */
export interface IdTable {
  byId: ReadonlyMap<number, string>;
  byName: ReadonlyMap<string, number>;
}

/** Reads `name:x:id:...` lines; a missing or unreadable file gives empty maps (ids then stay numeric). */
export function readIdTable(file: string): IdTable {
  const byId = new Map<number, string>();
  const byName = new Map<string, number>();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { byId, byName };
  }
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 3 || !f[0]) continue;
    const id = Number(f[2]);
    if (f[2] === '' || !Number.isInteger(id) || id < 0) continue;
    if (!byId.has(id)) byId.set(id, f[0]);
    if (!byName.has(f[0])) byName.set(f[0], id);
  }
  return { byId, byName };
}

export interface IdResolverOptions {
  /** Default /etc/passwd. */
  passwdFile?: string;
  /** Default /etc/group. */
  groupFile?: string;
}

const UNSET = 4294967295;

/** uid/gid <-> name for this host, each file read once, when first needed. */
export class IdResolver {
  #users?: IdTable;
  #groups?: IdTable;
  readonly #passwdFile: string;
  readonly #groupFile: string;

  constructor(opts: IdResolverOptions = {}) {
    this.#passwdFile = opts.passwdFile ?? '/etc/passwd';
    this.#groupFile = opts.groupFile ?? '/etc/group';
  }

  #usersTable(): IdTable {
    return (this.#users ??= readIdTable(this.#passwdFile));
  }

  #groupsTable(): IdTable {
    return (this.#groups ??= readIdTable(this.#groupFile));
  }

  /** Name of uid `id` (decimal string or number); `unset` for (u32)-1; undefined when unknown. */
  user(id: string | number): string | undefined {
    const n = typeof id === 'number' ? id : Number(id);
    if (n === UNSET || n === -1) return 'unset';
    if (!Number.isInteger(n) || (typeof id === 'string' && id === '')) return undefined;
    return this.#usersTable().byId.get(n);
  }

  /** Name of gid `id`; `unset` for (u32)-1; undefined when unknown. */
  group(id: string | number): string | undefined {
    const n = typeof id === 'number' ? id : Number(id);
    if (n === UNSET || n === -1) return 'unset';
    if (!Number.isInteger(n) || (typeof id === 'string' && id === '')) return undefined;
    return this.#groupsTable().byId.get(n);
  }
}
