// The a0..a3 of a SYSCALL record interpreted for its syscall, as auditd's interpretation shows them (the
// normalized event's `syscall.args`). The other fields are interpreted where the event is built:
// src/parse/normalize/record-data.ts (with DATA_INTERPRETERS from ./values.ts).

import type { AuditRecord } from '../record.js';
import { type IdNamer, interprets, syscallArgText } from './args.js';
import type { IdResolver } from '../../ids.js';

/**
 * The a0..a3 of a SYSCALL record interpreted for its syscall (`AT_FDCWD`, `O_RDONLY|O_CLOEXEC`, `0x3`). With
 * `ids`, the uid/gid arguments of set*id and chown are named (a number when this host has no such id).
 * `machine` is the record's arch name (PPC numbers some socket options apart).
 */
export function syscallArgs(
  rec: Pick<AuditRecord, 'get'>,
  syscall: string | undefined,
  ids: IdResolver | null = null,
  machine?: string,
): string[] {
  const args = [rec.get('a0'), rec.get('a1'), rec.get('a2'), rec.get('a3')];
  const out: string[] = [];
  // Most calls (execve, connect) name no argument: skip the per-argument lookups
  if (syscall === undefined || !interprets(syscall)) {
    for (let i = 0; i < 4; i++) {
      const v = args[i];
      if (v === undefined) break;
      out.push(`0x${v}`);
    }
    return out;
  }
  const nameId: IdNamer | undefined = ids ? (n, kind) => (kind === 'uid' ? ids.user(n) : ids.group(n)) ?? String(n) : undefined;
  for (let i = 0; i < 4; i++) {
    const v = args[i];
    if (v === undefined) break;
    out.push(syscall ? syscallArgText(syscall, i, v, args, nameId, machine) : `0x${v}`);
  }
  return out;
}
