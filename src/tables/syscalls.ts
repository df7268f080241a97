// Syscall number <-> name lookups per syscall table (kernel names; audit-userspace spellings as aliases).
// The data is generated (syscalls-data.ts).
//
// Hand-written: the generator (scripts/gen-tables/syscalls.mjs) writes only the data module.

import { syscallTableOf } from './arch.js';
import { type SyscallTable, SYSCALLS, SYSCALL_ALIASES } from './syscalls-data.js';

export { type SyscallTable, SYSCALLS, SYSCALL_ALIASES } from './syscalls-data.js';

interface Compiled {
  readonly names: readonly (string | undefined)[];
  readonly numbers: ReadonlyMap<string, number>;
  readonly ausearch: ReadonlyMap<number, string>;
  readonly sorted: readonly string[];
}

const cache = new Map<string | number, Compiled>();

function compile(key: SyscallTable): Compiled {
  const names: (string | undefined)[] = [];
  const numbers = new Map<string, number>();
  const sorted: string[] = [];
  for (const [nrText, name] of Object.entries(SYSCALLS[key])) {
    const nr = Number(nrText);
    names[nr] = name;
    numbers.set(name, nr);
  }
  for (const name of names) if (name !== undefined) sorted.push(name);
  const ausearch = new Map<number, string>();
  for (const [alias, nr] of Object.entries(SYSCALL_ALIASES[key] ?? {})) {
    numbers.set(alias, nr);
    ausearch.set(nr, alias);
  }
  return { names, numbers, ausearch, sorted };
}

const isTable = (s: string): s is SyscallTable => Object.prototype.hasOwnProperty.call(SYSCALLS, s);

/** Table key used for an arch: a table key, arch name or auditctl alias (i686, ppc64le), or AUDIT_ARCH code. */
export function syscallTableFor(arch: string | number): SyscallTable | undefined {
  if (typeof arch === 'string' && isTable(arch)) return arch;
  const key = syscallTableOf(arch);
  return key !== undefined && isTable(key) ? key : undefined;
}

/** The compiled table for an arch, cached so that hot-path calls cost one Map lookup. */
function tableFor(arch: string | number): Compiled | undefined {
  let t = cache.get(arch);
  if (t !== undefined) return t;
  const key = syscallTableFor(arch);
  if (key === undefined) return undefined;
  t = cache.get(key) ?? compile(key);
  cache.set(key, t);
  cache.set(arch, t);
  return t;
}

/** Kernel name of syscall `nr` on `arch` (x86_64 59 -> "execve"); undefined when unknown. */
export function syscallName(arch: string | number, nr: number): string | undefined {
  return tableFor(arch)?.names[nr];
}

/** The spelling ausearch prints (audit-userspace's, e.g. x86_64 17 -> "pread"), else the kernel name. */
export function ausearchSyscallName(arch: string | number, nr: number): string | undefined {
  const t = tableFor(arch);
  return t === undefined ? undefined : (t.ausearch.get(nr) ?? t.names[nr]);
}

/** Number of a syscall name (kernel name or audit-userspace spelling) on `arch`; undefined when unknown. */
export function syscallNumber(arch: string | number, name: string): number | undefined {
  const t = tableFor(arch);
  if (t === undefined) return undefined;
  return t.numbers.get(name) ?? t.numbers.get(name.toLowerCase());
}

/** All kernel syscall names of `arch` in number order; empty when the arch has no table. */
export function syscallNames(arch: string | number): readonly string[] {
  return tableFor(arch)?.sorted ?? [];
}
