// The id names ausearch's formats use, from this host's passwd and group files (getpwuid, getgrgid, getpwnam),
// each file read once, when first needed.

import { IdResolver, type IdResolverOptions, readIdTable } from '../../ids.js';
import type { IdNames } from './auparse-values.js';

export function hostIdNames(opts: IdResolverOptions = {}): IdNames {
  const r = new IdResolver(opts);
  let byName: ReadonlyMap<string, number> | undefined;
  return {
    user: (n) => r.user(n),
    group: (n) => r.group(n),
    userId: (name) => (byName ??= readIdTable(opts.passwdFile ?? '/etc/passwd').byName).get(name),
  };
}
