// Lookup of the generated normalization table by syscall name and by record type (with has_fields choice).

import type { Normalization } from '../../tables/normalization.js';
import { NORMALIZATIONS } from '../../tables/normalizations.js';

const BY_SYSCALL = new Map<string, Normalization>();
const BY_TYPE = new Map<string, Normalization[]>();
for (const n of NORMALIZATIONS) {
  for (const s of n.syscalls) BY_SYSCALL.set(s, n);
  for (const t of n.recordTypes) {
    const list = BY_TYPE.get(t);
    if (list) list.push(n);
    else BY_TYPE.set(t, [n]);
  }
}

export interface FoundNormalization {
  /** The normalization that describes the event. */
  norm: Normalization | undefined;
  /** The syscall's own normalization (or the catch-all), when the event has a syscall. */
  syscallNorm: Normalization | undefined;
}

/**
 * Normalization of an event whose main record type is `recordType` (lower case, as in `record_type`) and
 * whose SYSCALL (if any) is `syscall`. Among several entries for one record type, the one whose has_fields are
 * all present in `data` is used (the last such, as go-libaudit does).
 */
export function normalizationFor(
  recordType: string,
  syscall: string | undefined,
  data: Readonly<Record<string, string>>,
): FoundNormalization {
  let syscallNorm: Normalization | undefined;
  if (syscall !== undefined) syscallNorm = BY_SYSCALL.get(syscall) ?? BY_SYSCALL.get('*');
  if (recordType === 'syscall') return { norm: syscallNorm, syscallNorm };
  const list = BY_TYPE.get(recordType.toUpperCase());
  let norm: Normalization | undefined;
  if (list) {
    if (list.length === 1) norm = list[0];
    else {
      for (const n of list) if (n.hasFields.every((f) => data[f] !== undefined)) norm = n;
    }
  }
  return { norm, syscallNorm };
}
