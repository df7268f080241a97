// Syscall arguments a0..a3 (hex, as the kernel logs them) interpreted for the common syscalls, following the
// choices of auditd's interpretation: socket domain/type/protocol, open flags, clone/unshare flags, ptrace
// requests, signals of kill/tkill/tgkill, modes of chmod/mkdir/creat, directory fds of the *at calls, ids of
// set*id/chown. Anything else is shown as 0x<hex>.

import { ADDRESS_FAMILIES, IP_PROTOCOLS, SOCKET_TYPES } from '../../tables/families.js';
import { CLONE_FLAGS, MOUNT_FLAGS, OPEN_FLAGS, PTRACE_REQUESTS } from '../../tables/flags.js';
import { SIGNALS } from '../../tables/signals.js';
import { modeShortText, signalText } from './values.js';

/** Names a uid or gid (number) for display; the caller supplies its id resolver. */
export type IdNamer = (id: number, kind: 'uid' | 'gid') => string;

function hexNum(v: string): number {
  return Number.parseInt(v, 16);
}

export function openFlagsText(value: string): string {
  if (!/^[0-9a-fA-F]+$/.test(value)) return `conversion error(${value})`;
  const flags = BigInt(`0x${value}`);
  const names: string[] = [];
  if ((flags & 3n) === 0n) names.push('O_RDONLY');
  for (const [bit, name] of OPEN_FLAGS) if (flags & BigInt(bit)) names.push(name);
  return names.length ? names.join('|') : `0x${value}`;
}

export function cloneFlagsText(value: string): string {
  if (!/^[0-9a-fA-F]+$/.test(value)) return `conversion error(${value})`;
  const flags = BigInt(`0x${value}`);
  const names: string[] = [];
  for (const [bit, name] of CLONE_FLAGS) if (flags & BigInt(bit)) names.push(name);
  const sig = Number(flags & 0xffn);
  if (sig > 0 && sig < 32) {
    const s = SIGNALS.get(sig);
    if (s) names.push(s);
  }
  return names.length ? names.join('|') : `0x${flags.toString(16)}`;
}

export function mountFlagsText(value: string): string {
  if (!/^[0-9a-fA-F]+$/.test(value)) return `conversion error(${value})`;
  const flags = BigInt(`0x${value}`) & 0xffffffffn;
  const names: string[] = [];
  for (const [bit, name] of MOUNT_FLAGS) if (flags & BigInt(bit)) names.push(name);
  return names.length ? names.join('|') : `0x${value}`;
}

export function ptraceText(value: string): string {
  const n = hexNum(value);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return PTRACE_REQUESTS.get(n) ?? `unknown-ptrace(0x${value})`;
}

export function socketDomainText(value: string): string {
  const n = hexNum(value);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return ADDRESS_FAMILIES.get(n) ?? `unknown-family(0x${value})`;
}

export function socketTypeText(value: string): string {
  const n = hexNum(value);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return SOCKET_TYPES.get(n & 0xff) ?? `unknown-type(${value})`;
}

export function socketProtoText(value: string): string {
  const n = hexNum(value);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return IP_PROTOCOLS.get(n) ?? `unknown-proto(${value})`;
}

/** Directory fd of the *at calls: AT_FDCWD (-100) by name, else the fd in hex. */
export function dirfdText(value: string): string {
  return value.toLowerCase() === 'ffffff9c' || value.toLowerCase() === 'ffffffffffffff9c' ? 'AT_FDCWD' : `0x${value}`;
}

const AT_DIRFD_A0 = new Set([
  'renameat', 'renameat2', 'readlinkat', 'mkdirat', 'mknodat', 'fchownat', 'futimesat', 'fchmodat', 'fchmodat2',
  'faccessat', 'faccessat2', 'futimensat', 'unlinkat', 'utimensat', 'linkat', 'newfstatat', 'fstatat64', 'openat',
  'openat2', 'name_to_handle_at', 'statx', 'execveat', 'symlinkat',
]);

const SETUID_A0 = new Set(['setuid', 'setreuid', 'setresuid', 'setfsuid', 'setuid32', 'setreuid32', 'setresuid32', 'setfsuid32']);
const SETGID_A0 = new Set(['setgid', 'setregid', 'setresgid', 'setfsgid', 'setgid32', 'setregid32', 'setresgid32', 'setfsgid32']);

/**
 * Interprets argument `index` (0..3) of syscall `syscall`; `args` are all four raw hex arguments (some
 * interpretations depend on another argument). Returns `0x<hex>` when nothing applies.
 */
export function syscallArgText(
  syscall: string,
  index: number,
  value: string,
  args: readonly (string | undefined)[] = [],
  nameId?: IdNamer,
): string {
  const id = (kind: 'uid' | 'gid'): string => {
    const n = hexNum(value);
    if (Number.isNaN(n)) return `conversion error(${value})`;
    if (n === 0xffffffff) return 'unset';
    return nameId ? nameId(n, kind) : String(n);
  };
  switch (index) {
    case 0:
      if (syscall === 'clone' || syscall === 'clone2' || syscall === 'unshare') return cloneFlagsText(value);
      if (syscall === 'ptrace') return ptraceText(value);
      if (syscall === 'socket' || syscall === 'socketpair') return socketDomainText(value);
      if (syscall === 'rt_sigaction') return signalText(value, 16);
      if (SETUID_A0.has(syscall)) return id('uid');
      if (SETGID_A0.has(syscall)) return id('gid');
      if (AT_DIRFD_A0.has(syscall)) return dirfdText(value);
      break;
    case 1:
      if (syscall === 'socket' || syscall === 'socketpair') return socketTypeText(value);
      if (syscall === 'open' || syscall === 'mq_open') return openFlagsText(value);
      if (syscall === 'kill' || syscall === 'tkill') return signalText(value, 16);
      if (syscall === 'chmod' || syscall === 'fchmod' || syscall === 'mkdir' || syscall === 'creat') return modeShortText(value);
      if (syscall === 'setns') return cloneFlagsText(value);
      if (syscall === 'chown' || syscall === 'chown32') return id('uid');
      if (syscall === 'setreuid' || syscall === 'setresuid' || syscall === 'setreuid32' || syscall === 'setresuid32') return id('uid');
      if (syscall === 'setregid' || syscall === 'setresgid' || syscall === 'setregid32' || syscall === 'setresgid32') return id('gid');
      break;
    case 2:
      if (syscall === 'socket' || syscall === 'socketpair') return socketProtoText(value);
      if (syscall === 'openat' || syscall === 'open_by_handle_at') return openFlagsText(value);
      if (syscall === 'renameat' || syscall === 'renameat2' || syscall === 'linkat') return dirfdText(value);
      if (syscall === 'open' && args[1] !== undefined && (hexNum(args[1]) & 0o100) !== 0) return modeShortText(value);
      if (syscall === 'fchmodat' || syscall === 'fchmodat2' || syscall === 'mkdirat' || syscall === 'mknodat') return modeShortText(value);
      if (syscall === 'tgkill') return signalText(value, 16);
      if (syscall === 'chown' || syscall === 'chown32') return id('gid');
      if (syscall === 'setresuid' || syscall === 'setresuid32') return id('uid');
      if (syscall === 'setresgid' || syscall === 'setresgid32') return id('gid');
      break;
    case 3:
      if (syscall === 'mount') return mountFlagsText(value);
      break;
    default:
      break;
  }
  return `0x${value}`;
}
