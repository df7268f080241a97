// uid/gid -> name for interpretation: the resolver is the shared one of src/ids.ts (passwd and group read once).
// Turned off with `-id=false` (the names of a log from another machine are wrong here); ENRICHED logs carry
// their own names.

export { IdResolver, type IdResolverOptions } from '../../ids.js';

/** Field names holding a uid or a gid (auparse's typetab). */
export const UID_FIELDS: ReadonlySet<string> = new Set([
  'auid', 'uid', 'euid', 'suid', 'fsuid', 'ouid', 'oauid', 'old-auid', 'iuid', 'id', 'inode_uid', 'sauid', 'obj_uid',
]);
export const GID_FIELDS: ReadonlySet<string> = new Set([
  'obj_gid', 'gid', 'egid', 'sgid', 'fsgid', 'ogid', 'igid', 'inode_gid', 'new_gid',
]);
