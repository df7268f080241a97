// Can kernel tests run here? They need root, a kernel with audit, permission to use NETLINK_AUDIT
// (a container may lack CAP_AUDIT_CONTROL) and auditctl for the differential checks.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface KernelEnv {
  available: boolean;
  reason: string;
}

let cached: KernelEnv | undefined;

export function kernelEnv(): KernelEnv {
  if (cached) return cached;
  cached = probe();
  return cached;
}

function probe(): KernelEnv {
  if (process.env.TSAUDIT_SKIP_KERNEL) return { available: false, reason: 'TSAUDIT_SKIP_KERNEL is set' };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { available: false, reason: 'not root' };
  if (!existsSync('/proc/self/loginuid')) return { available: false, reason: 'kernel built without audit (no /proc/self/loginuid)' };
  try {
    execFileSync('auditctl', ['-s'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') return { available: false, reason: 'auditctl not installed (apt-get install -y auditd)' };
    return { available: false, reason: `auditctl -s failed: ${e.stderr?.toString().trim() || e.message}` };
  }
  return { available: true, reason: '' };
}
