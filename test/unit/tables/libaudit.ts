// Load the installed libaudit.so.1 (the peer's own lookup tables) through koffi for differential tests.
// Returns undefined, with a reason, when the library or koffi is not available.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface LibAudit {
  msgTypeToName(n: number): string | null;
  syscallToName(nr: number, machine: number): string | null;
  errnoToName(n: number): string | null;
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
    return {
      lib: {
        msgTypeToName: (n) => msg(n),
        syscallToName: (nr, machine) => sys(nr, machine),
        errnoToName: (n) => err(n),
      },
    };
  } catch (e) {
    return { reason: `cannot load libaudit: ${(e as Error).message}` };
  }
}
