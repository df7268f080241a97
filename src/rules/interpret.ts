// `auditctl -l -i` for a0..a3: on a rule with exactly one syscall, auditctl shows the argument as auparse
// interprets that syscall's argument (auparse's print_a0..print_a3 of audit 3.0.x), with the rule's a0/a1
// fields seen so far standing for the call's a0/a1 (0 when not yet seen). The interpretation itself is
// shared with `parse -i` (src/parse/interpret/args.ts, which lists what is named for which syscall:
// ptrace requests, clock ids, users and groups, socket domain/type/protocol, socketcall, prctl, bpf and
// fcntl commands, fcntl's F_SETOWN owner and FD_CLOEXEC, personality, socket option levels and names,
// ioctl requests, rlimits, open, clone, mmap, protection, access, send/recv, shmget, mount and umount flags,
// modes, signals, AT_FDCWD). Here only the rule's side: ids named as auparse does (root, unknown(N)) and the
// rule's arch as the machine.

import { auparseArgText } from '../parse/interpret/args.js';
import type { RuleEnv } from './env.js';

/**
 * The text auditctl -l -i shows for argument `index` of the single syscall `sys` (undefined when the rule has
 * no known arch: auditctl then shows hex). `a0`/`a1` are the rule's a0/a1 values seen so far (auditctl's);
 * `machine` is the rule's arch as a machine name.
 */
export function argText(
  env: RuleEnv,
  sys: string | undefined,
  index: number,
  value: number,
  a0?: number,
  a1?: number,
  machine?: string,
): string {
  const hex = (value >>> 0).toString(16);
  if (sys === undefined) return `0x${hex}`;
  return auparseArgText(sys, index, hex, {
    a0: BigInt((a0 ?? 0) >>> 0),
    a1: BigInt((a1 ?? 0) >>> 0),
    machine,
    id: (n, kind) => {
      if (n === 0) return 'root';
      const name = kind === 'uid' ? env.userName?.(n) : env.groupName?.(n);
      return name ?? `unknown(${n | 0})`;
    },
  });
}
