// The spellings ausearch prints for arches and syscalls, for tests that compare with ausearch's output
// (tsaudit itself prints the kernel's names).

import { archInfo } from '../../src/tables/arch.js';
import { SYSCALL_ALIASES, syscallName, syscallTableFor } from '../../src/tables/syscalls.js';

/** What ausearch -i prints for an arch code: its name, or unknown-elf-type(hex). */
export function ausearchArchName(code: number): string {
  return archInfo(code >>> 0)?.ausearchName ?? `unknown-elf-type(${(code >>> 0).toString(16)})`;
}

/** The spelling ausearch prints (audit-userspace's, e.g. x86_64 17 -> "pread"), else the kernel name. */
export function ausearchSyscallName(arch: string | number, nr: number): string | undefined {
  const key = syscallTableFor(arch);
  if (key === undefined) return undefined;
  let alias: string | undefined;
  for (const [name, n] of Object.entries(SYSCALL_ALIASES[key] ?? {})) if (n === nr) alias = name;
  return alias ?? syscallName(arch, nr);
}
