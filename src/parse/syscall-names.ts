// Syscall number -> name for record-level output, by the record's `arch=` value (hex AUDIT_ARCH_* code).
// Kernel names from src/tables/syscalls.ts (x86_64 59 -> execve, i386 132 -> getpgid).

import { syscallName } from '../tables/syscalls.js';

const archCodes = new Map<string, number>();

/** Name of syscall `nr` (decimal string) on `arch` (hex code as logged), or undefined when unknown. */
export function syscallNameFor(arch: string | undefined, nr: string): string | undefined {
  if (arch === undefined || nr.length === 0 || nr.length > 4) return undefined;
  let code = archCodes.get(arch);
  if (code === undefined) {
    if (arch.length === 0 || arch.length > 8 || !/^[0-9a-fA-F]+$/.test(arch)) return undefined;
    code = Number.parseInt(arch, 16);
    if (archCodes.size < 64) archCodes.set(arch, code);
  }
  const n = Number(nr);
  if (!Number.isInteger(n) || n < 0) return undefined;
  return syscallName(code, n);
}
