// Audit architecture lookups: AUDIT_ARCH_* codes <-> names, auditctl aliases, b32/b64, syscall table per
// arch. The data is generated (arch-data.ts).
//
// Hand-written: the generator (scripts/gen-tables/arch.mjs) writes only the data module.

import { ARCHES, ARCH_ALIASES } from './arch-data.js';

export { ARCHES, ARCH_ALIASES } from './arch-data.js';

export interface ArchInfo {
  /** Canonical name: the AUDIT_ARCH_ suffix in lower case (x86_64, i386, aarch64, arm, armeb, ppc64le, ...). */
  readonly name: string;
  /** AUDIT_ARCH_* value as logged in SYSCALL records (arch=c000003e) and used in -F arch rules. */
  readonly code: number;
  readonly constant: string;
  readonly bits: 32 | 64;
  readonly littleEndian: boolean;
  /** Key for src/tables/syscalls.ts, or undefined when we carry no syscall table for this arch. */
  readonly syscallTable: string | undefined;
  /**
   * What `ausearch -i` prints for this code, when audit-userspace knows the arch. It differs from `name`
   * for arm (audit-userspace prints "armeb" for AUDIT_ARCH_ARM); unknown codes print unknown-elf-type(hex).
   */
  readonly ausearchName: string | undefined;
}

/**
 * auditctl's `-F arch=b64|b32` on a host of the given arch: the 64-bit and 32-bit arch it means there. A
 * missing side is an error for auditctl (e.g. b64 on i386, b32 on ppc64le). Facts: audit-userspace's
 * audit_determine_machine() (lib/libaudit.c).
 */
export const BITNESS: ReadonlyMap<string, { readonly b64?: string; readonly b32?: string }> = new Map([
  ['x86_64', { b64: 'x86_64', b32: 'i386' }],
  ['i386', { b32: 'i386' }],
  ['aarch64', { b64: 'aarch64', b32: 'arm' }],
  ['arm', { b32: 'arm' }],
  ['ppc64', { b64: 'ppc64', b32: 'ppc' }],
  ['ppc64le', { b64: 'ppc64le' }],
  ['ppc', { b32: 'ppc' }],
  ['s390x', { b64: 's390x', b32: 's390' }],
  ['s390', { b32: 's390' }],
  ['riscv64', { b64: 'riscv64', b32: 'riscv32' }],
  ['riscv32', { b32: 'riscv32' }],
]);

const BY_CODE = new Map<number, ArchInfo>();
const BY_NAME = new Map<string, ArchInfo>();
for (const a of ARCHES) {
  BY_CODE.set(a.code, a);
  BY_NAME.set(a.name, a);
}

/** Arch info for a code (AUDIT_ARCH_* value) or a name/alias (case-insensitive). */
export function archInfo(codeOrName: number | string): ArchInfo | undefined {
  if (typeof codeOrName === 'number') return BY_CODE.get(codeOrName >>> 0);
  const lower = codeOrName.toLowerCase();
  return BY_NAME.get(ARCH_ALIASES.get(lower) ?? lower);
}

/** Canonical name of an AUDIT_ARCH_* code (0xc000003e -> "x86_64"); undefined when unknown. */
export function archName(code: number): string | undefined {
  return BY_CODE.get(code >>> 0)?.name;
}

/**
 * AUDIT_ARCH_* code of an arch name or auditctl alias (x86_64, i686, armv7l, ...), case-insensitive.
 * Like auditctl, "armeb" means AUDIT_ARCH_ARM (little endian), so archCode(archName(AUDIT_ARCH_ARMEB))
 * is AUDIT_ARCH_ARM: rules then encode the same bytes as auditctl's. Does not resolve b32/b64: use
 * resolveBitness().
 */
export function archCode(name: string): number | undefined {
  return archInfo(name)?.code;
}

/** Canonical arch name of a uname -m machine string (x86_64, i686 -> i386, armv7l -> arm, ...). */
export function machineArch(machine: string): string | undefined {
  return archInfo(machine)?.name;
}

/**
 * Resolve `b64` / `b32` on a host (canonical name or uname -m). Undefined when the host has no such
 * personality (b64 on a 32-bit host, b32 on ppc64le) or the host is unknown.
 */
export function resolveBitness(bits: 'b32' | 'b64', host: string): string | undefined {
  const canonical = machineArch(host);
  return canonical === undefined ? undefined : BITNESS.get(canonical)?.[bits];
}

/** Name of the syscall table (for src/tables/syscalls.ts) used by an arch name, alias or code. */
export function syscallTableOf(arch: number | string): string | undefined {
  return archInfo(arch)?.syscallTable;
}
