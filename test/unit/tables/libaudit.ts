// Load the installed libaudit.so.1 (the peer's own lookup tables) through koffi for differential tests.
// Returns undefined, with a reason, when the library or koffi is not available.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface LibAudit {
  msgTypeToName(n: number): string | null;
  syscallToName(nr: number, machine: number): string | null;
  errnoToName(n: number): string | null;
  /** AUDIT_ARCH code -> libaudit machine id (negative when unknown). */
  elfToMachine(code: number): number;
  machineToName(machine: number): string | null;
  nameToMachine(name: string): number;
  /** libaudit machine id -> AUDIT_ARCH code (0 when unknown). */
  machineToElf(machine: number): number;
}

const CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/libaudit.so.1',
  '/usr/lib/aarch64-linux-gnu/libaudit.so.1',
  '/usr/lib64/libaudit.so.1',
  '/usr/lib/libaudit.so.1',
];

export function loadLibAudit(): { lib?: LibAudit; reason?: string } {
  const path = CANDIDATES.find((p) => existsSync(p));
  if (!path) return { reason: 'libaudit.so.1 not installed' };
  try {
    const koffi = createRequire(import.meta.url)('koffi');
    const so = koffi.load(path);
    const msg = so.func('const char *audit_msg_type_to_name(int)');
    const sys = so.func('const char *audit_syscall_to_name(int, int)');
    const err = so.func('const char *audit_errno_to_name(int)');
    const e2m = so.func('int audit_elf_to_machine(unsigned int)');
    const m2n = so.func('const char *audit_machine_to_name(int)');
    const n2m = so.func('int audit_name_to_machine(const char *)');
    const m2e = so.func('unsigned int audit_machine_to_elf(int)');
    return {
      lib: {
        msgTypeToName: (n) => msg(n),
        syscallToName: (nr, machine) => sys(nr, machine),
        errnoToName: (n) => err(n),
        elfToMachine: (code) => e2m(code),
        machineToName: (m) => m2n(m),
        nameToMachine: (name) => n2m(name),
        machineToElf: (m) => m2e(m),
      },
    };
  } catch (e) {
    return { reason: `cannot load libaudit: ${(e as Error).message}` };
  }
}
