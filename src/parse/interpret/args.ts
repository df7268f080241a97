// Syscall arguments a0..a3 as auparse 3.0.x interprets them (its print_a0..print_a3), the one behaviour behind
// both `tsaudit parse -i` (a SYSCALL record's arguments, as `ausearch -i` shows them) and `tsaudit rules list
// -i` (a single-syscall rule's a0..a3 fields, as `auditctl -l -i` shows them). Which argument of which syscall
// is named how, and how unknown values print, follow audit-userspace 3.0.9 exactly, including its quirks:
// clone's flags are read from a2 (x86_64 has them in a0), chown's a2 stays hex, socketpair is not named,
// openat2 names a0 only, fcntl's a2 only for F_SETOWN (a user) and F_SETFD with FD_CLOEXEC.
//
//   a0: rt_sigaction signal; AT_FDCWD of the *at calls; clock_settime clock; personality; ptrace request;
//       prctl option; unshare clone flags; get/setrlimit resource; set*uid/set*gid ids; socket domain;
//       socketcall call; exit/exit_group status; bpf command.
//   a1: fchmod/chmod/creat/mkdir modes; mknod mode and type; fcntl command; chown user; setsockopt/getsockopt
//       level; setre/setres ids; socket type; setns clone flags; sched_setscheduler policy; mq_open/open flags;
//       access mode; epoll_ctl operation; kill/tkill signal; prctl capability or signal; umount2 flags; ioctl
//       request.
//   a2: fcntl owner / FD_CLOEXEC; setsockopt/getsockopt option name (by level); openat/open_by_handle_at
//       flags; open/mq_open mode (with O_CREAT); fchmodat/mkdirat/mknodat mode; faccessat mode; setres ids;
//       socket protocol; sendmsg/recvmsg flags; shmget flags; mmap/mprotect protection; readlinkat/renameat/
//       linkat AT_FDCWD; lseek whence; clone flags; tgkill signal.
//   a3: mmap flags; mount flags; recv/recvfrom/recvmmsg/send/sendto/sendmmsg flags.
//
// Values are the hex strings the kernel logs (`ffffff9c`, `80045430`); auparse reads them with strtoul and
// keeps the low 32 bits for most interpretations, as here.

import { readFileSync } from 'node:fs';
import { ADDRESS_FAMILIES, SOCKET_TYPES } from '../../tables/families.js';
import { CLONE_FLAGS, MOUNT_FLAGS, OPEN_FLAGS, PTRACE_REQUESTS } from '../../tables/flags.js';
import {
  ACCESS_MODES,
  BPF_COMMANDS,
  CLOCK_IDS,
  EPOLL_CTL_OPS,
  FCNTL_COMMANDS,
  MMAP_FLAGS,
  PRCTL_OPTIONS,
  PROT_FLAGS,
  RECV_FLAGS,
  RLIMITS,
  SCHED_POLICIES,
  SEEK_WHENCE,
  SOCKETCALLS,
  UMOUNT_FLAGS,
} from '../../tables/rule-fields.js';
import { SIGNALS } from '../../tables/signals.js';
import {
  ARG_CONST,
  IOCTL_REQUESTS,
  IP_OPTIONS,
  IPC_FLAGS,
  IPV6_OPTIONS,
  PACKET_OPTIONS,
  PERSONALITIES,
  SHM_MODES,
  SOCKET_LEVELS,
  SOCKET_OPTIONS,
  TCP_OPTIONS,
  UDP_OPTIONS,
} from '../../tables/syscall-args.js';
import { capabilityText, modeShortText, modeText, signalText } from './values.js';

/** Names a uid or gid (number) for display; the caller supplies its id resolver. */
export type IdNamer = (id: number, kind: 'uid' | 'gid') => string;

/** What an argument's interpretation may depend on besides its own value. */
export interface ArgContext {
  /** The call's a0 and a1 (prctl's a1, open's a2 and the a2 of fcntl/[gs]etsockopt depend on them); 0 when absent. */
  a0?: bigint;
  a1?: bigint;
  /** Machine name of the record's or rule's arch (`x86_64`, `ppc64`, ...): PPC numbers some socket options apart. */
  machine?: string;
  /** Names a uid/gid other than (u32)-1 (which is `unset`); default: the number. */
  id?: IdNamer;
  /** The host's name of an IP protocol number (getprotobynumber); default: /etc/protocols. */
  protocolName?: (n: number) => string | undefined;
}

const HEX = /^[0-9a-fA-F]{1,16}$/;
const conversionError = (value: string): string => `conversion error(${value})`;

/** strtoul(value, 16) kept as a C int/unsigned int: the low 32 bits; NaN when the value is not hex. */
function low32(value: string): number {
  if (!HEX.test(value)) return Number.NaN;
  return value.length <= 8 ? Number.parseInt(value, 16) : Number.parseInt(value.slice(-8), 16);
}

/** A 64-bit argument (a0/a1 as auparse keeps them for the other arguments' sake). */
export function argBig(value: string | undefined): bigint {
  return value !== undefined && HEX.test(value) ? BigInt(`0x${value}`) : 0n;
}

/** Names of the set bits of `v` in table order joined by |; undefined when none is set. */
function bitNames(table: ReadonlyArray<readonly [number, string]>, v: number, limit = table.length): string[] {
  const names: string[] = [];
  for (let i = 0; i < limit; i++) {
    const [bit, name] = table[i]!;
    if ((bit & v) !== 0) names.push(name);
  }
  return names;
}

function flagsText(table: ReadonlyArray<readonly [number, string]>, value: string, limit?: number): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  const names = bitNames(table, v, limit);
  return names.length ? names.join('|') : `0x${value}`;
}

export function openFlagsText(value: string): string {
  if (!/^[0-9a-fA-F]+$/.test(value)) return conversionError(value);
  const flags = BigInt(`0x${value}`);
  const names: string[] = [];
  if ((flags & 3n) === 0n) names.push('O_RDONLY');
  for (const [bit, name] of OPEN_FLAGS) if (flags & BigInt(bit)) names.push(name);
  return names.length ? names.join('|') : `0x${value}`;
}

export function cloneFlagsText(value: string): string {
  if (!/^[0-9a-fA-F]+$/.test(value)) return conversionError(value);
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
  return flagsText(MOUNT_FLAGS, value);
}

export function ptraceText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return PTRACE_REQUESTS.get(n) ?? `unknown-ptrace(0x${value})`;
}

export function socketDomainText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return ADDRESS_FAMILIES.get(n) ?? `unknown-family(0x${value})`;
}

export function socketTypeText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return SOCKET_TYPES.get(n & 0xff) ?? `unknown-type(${value})`;
}

let protocols: Map<number, string> | undefined;

/**
 * getprotobynumber(3)'s name from /etc/protocols (the first line with that number), as auparse names socket
 * protocols and option levels; undefined when the host has no such entry (or no file).
 */
export function hostProtocolName(n: number, file = '/etc/protocols'): string | undefined {
  if (protocols === undefined || file !== '/etc/protocols') {
    const map = new Map<number, string>();
    let text = '';
    try {
      text = readFileSync(file, 'latin1');
    } catch {
      /* no protocols database: nothing is named, as with glibc */
    }
    for (const line of text.split('\n')) {
      const [name, num] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (name && num && /^\d+$/.test(num) && !map.has(Number(num))) map.set(Number(num), name);
    }
    if (file !== '/etc/protocols') return map.get(n);
    protocols = map;
  }
  return protocols.get(n);
}

function socketProtoText(value: string, protocolName: (n: number) => string | undefined): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return protocolName(n) ?? `unknown-proto(${value})`;
}

/** Directory fd of the *at calls: AT_FDCWD (-100) by name, else the fd in hex. */
export function dirfdText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return n === 0xffffff9c ? 'AT_FDCWD' : `0x${value}`;
}

export function personalityText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  const name = PERSONALITIES.get(n & ARG_CONST.PER_MASK);
  if (name === undefined) return `unknown-personality(0x${value})`;
  return n & ARG_CONST.ADDR_NO_RANDOMIZE ? `${name}|~ADDR_NO_RANDOMIZE` : name;
}

export function ioctlRequestText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return IOCTL_REQUESTS.get(n) ?? `0x${n.toString(16)}`;
}

/** shmget's flags: IPC_CREAT/IPC_EXCL, SHM_HUGETLB/SHM_NORESERVE, then the permission bits (`IPC_CREAT|0666`). */
export function shmFlagsText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  const names = [...bitNames(IPC_FLAGS, n & 0o3000), ...bitNames(SHM_MODES, n & 0o14000)];
  names.push(modeShortText((n & 0o777).toString(16)));
  return names.join('|');
}

/** The level of setsockopt/getsockopt: SOL_SOCKET, else the host's protocol name, else a SOL_* name. */
export function sockoptLevelText(value: string, protocolName: (n: number) => string | undefined = hostProtocolName): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  if (n === ARG_CONST.SOL_SOCKET) return 'SOL_SOCKET';
  return protocolName(n) ?? SOCKET_LEVELS.get(n) ?? `unknown-sockopt-level(0x${value})`;
}

const PPC = new Set(['ppc', 'ppc64']);

/** The option name of setsockopt/getsockopt for the call's level (a1); undefined for levels auparse leaves. */
export function sockoptNameText(value: string, level: bigint, machine?: string): string | undefined {
  const table: [ReadonlyMap<number, string>, string] | undefined =
    level === BigInt(ARG_CONST.IPPROTO_IP)
      ? [IP_OPTIONS, 'ipopt']
      : level === BigInt(ARG_CONST.SOL_SOCKET)
        ? [SOCKET_OPTIONS, 'sockopt']
        : level === BigInt(ARG_CONST.IPPROTO_TCP)
          ? [TCP_OPTIONS, 'tcpopt']
          : level === BigInt(ARG_CONST.IPPROTO_UDP)
            ? [UDP_OPTIONS, 'udpopt']
            : level === BigInt(ARG_CONST.IPPROTO_IPV6)
              ? [IPV6_OPTIONS, 'ip6opt']
              : level === BigInt(ARG_CONST.SOL_PACKET)
                ? [PACKET_OPTIONS, 'pktopt']
                : undefined;
  if (!table) return undefined;
  let n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  // PPC numbers SO_RCVLOWAT..SO_PEERCRED 116..121; the table has them there
  if (table[0] === SOCKET_OPTIONS && machine !== undefined && PPC.has(machine) && n >= 16 && n <= 21) n += 100;
  return table[0].get(n) ?? `unknown-${table[1]}-name(0x${value})`;
}

function clockText(value: string): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  return (n < 7 ? CLOCK_IDS[n] : undefined) ?? `unknown-clk_id(0x${value})`;
}

function accessText(value: string): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  return (v & 0xf) === 0 ? 'F_OK' : flagsText(ACCESS_MODES, value, 3);
}

function protText(value: string, mmap: boolean): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  return (v & 0x7) === 0 ? 'PROT_NONE' : flagsText(PROT_FLAGS, value, mmap ? 4 : 3);
}

export function mmapText(value: string): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  const names = (v & 0xf) === 0 ? ['MAP_FILE'] : [];
  names.push(...bitNames(MMAP_FLAGS, v));
  return names.length ? names.join('|') : `0x${value}`;
}

function schedText(value: string): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  const s = SCHED_POLICIES.get(v & 0x0f);
  if (s === undefined) return `unknown-scheduler-policy(0x${value})`;
  return v & 0x40000000 ? `${s}|SCHED_RESET_ON_FORK` : s;
}

function exitText(value: string): string {
  return value === '0' ? 'EXIT_SUCCESS' : value === '1' ? 'EXIT_FAILURE' : 'UNKNOWN';
}

function seekText(value: string): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  return SEEK_WHENCE.get(v & 0xff) ?? `unknown-whence(${value})`;
}

/** A table lookup of the value as a C int; `unknown` formats the miss. */
function lookup(map: ReadonlyMap<number, string>, value: string, unknown: (n: number) => string): string {
  const v = low32(value);
  if (Number.isNaN(v)) return conversionError(value);
  return map.get(v) ?? map.get(v | 0) ?? unknown(v | 0);
}

const DIRFD_A0 = new Set([
  'readlinkat',
  'mkdirat',
  'mknodat',
  'fchownat',
  'futimesat',
  'fchmodat',
  'futimensat',
  'unlinkat',
  'utimensat',
  'linkat',
  'newfstatat',
  'name_to_handle_at',
]);
const UID_A0 = new Set(['setuid', 'setreuid', 'setresuid', 'setfsuid']);
const GID_A0 = new Set(['setgid', 'setregid', 'setresgid', 'setfsgid']);
const RECV_A3 = new Set(['recv', 'recvfrom', 'recvmmsg', 'send', 'sendto', 'sendmmsg']);
const O_CREAT = 0o100n;
const PR_SET_PDEATHSIG = 1n;
const PR_CAPBSET_READ = 23n;
const PR_CAPBSET_DROP = 24n;

/**
 * Argument `index` (0..3) of syscall `sys` (its name in the record's/rule's arch), `value` in hex, as auparse
 * shows it; `0x<value>` where auparse does not interpret it.
 */
export function auparseArgText(sys: string, index: number, value: string, ctx: ArgContext = {}): string {
  let text: string | undefined;
  switch (index) {
    case 0:
      text = a0Text(sys, value, ctx);
      break;
    case 1:
      text = a1Text(sys, value, ctx);
      break;
    case 2:
      text = a2Text(sys, value, ctx);
      break;
    case 3:
      text = a3Text(sys, value);
      break;
    default:
      break;
  }
  return text ?? `0x${value}`;
}

const isSockopt = (sys: string): boolean => sys === 'setsockopt' || sys === 'getsockopt';

/** A uid or gid argument: the low 32 bits, `unset` for -1, named when the context resolves ids. */
function idText(value: string, kind: 'uid' | 'gid', ctx: ArgContext): string {
  const n = low32(value);
  if (Number.isNaN(n)) return conversionError(value);
  if (n === 0xffffffff) return 'unset';
  return ctx.id ? ctx.id(n, kind) : String(n);
}

/** a0 as auparse shows it for the call, or undefined (hex). */
function a0Text(sys: string, value: string, ctx: ArgContext): string | undefined {
  if (sys === 'rt_sigaction') return signalText(value, 16);
  if (sys.startsWith('renameat') || sys.startsWith('faccessat') || sys.startsWith('openat') || DIRFD_A0.has(sys)) return dirfdText(value);
  if (sys === 'clock_settime') return clockText(value);
  if (sys === 'personality') return personalityText(value);
  if (sys === 'ptrace') return ptraceText(value);
  if (sys === 'prctl') return lookup(PRCTL_OPTIONS, value, () => `unknown-prctl-option(0x${value})`);
  if (sys === 'unshare') return cloneFlagsText(value);
  if (sys === 'getrlimit' || sys === 'setrlimit') return lookup(RLIMITS, value, () => `unknown-rlimit(0x${value})`);
  if (UID_A0.has(sys)) return idText(value, 'uid', ctx);
  if (GID_A0.has(sys)) return idText(value, 'gid', ctx);
  if (sys === 'socket') return socketDomainText(value);
  if (sys === 'socketcall') return lookup(SOCKETCALLS, value, () => `unknown-socketcall(${value})`);
  if (sys.startsWith('exit')) return exitText(value);
  if (sys === 'bpf') return lookup(BPF_COMMANDS, value, () => `unknown-bpf-cmd(${value})`);
  return undefined;
}

/** a1 as auparse shows it for the call (some depend on a0), or undefined (hex). */
function a1Text(sys: string, value: string, ctx: ArgContext): string | undefined {
  const a0 = ctx.a0 ?? 0n;
  if (sys === 'fchmod' || sys === 'chmod' || sys === 'creat' || sys === 'mkdir') return modeShortText(value, 16);
  if (sys.startsWith('fcntl')) return lookup(FCNTL_COMMANDS, value, (n) => `unknown-fcntl-command(${n})`);
  if (sys.startsWith('c') && sys.includes('chown')) return idText(value, 'uid', ctx);
  if (isSockopt(sys)) return sockoptLevelText(value, ctx.protocolName ?? hostProtocolName);
  if (sys === 'setreuid' || sys === 'setresuid') return idText(value, 'uid', ctx);
  if (sys === 'setregid' || sys === 'setresgid') return idText(value, 'gid', ctx);
  if (sys === 'socket') return socketTypeText(value);
  if (sys === 'setns') return cloneFlagsText(value);
  if (sys === 'sched_setscheduler') return schedText(value);
  if (sys === 'mknod') return modeText(value, 16);
  if (sys === 'mq_open' || sys === 'open') return openFlagsText(value);
  if (sys === 'access') return accessText(value);
  if (sys === 'epoll_ctl') return lookup(EPOLL_CTL_OPS, value, (n) => `unknown-epoll_ctl-operation(${n})`);
  if (sys === 'kill' || sys === 'tkill') return signalText(value, 16);
  if (sys === 'prctl' && (a0 === PR_CAPBSET_READ || a0 === PR_CAPBSET_DROP)) return capabilityText(value, 16);
  if (sys === 'prctl' && a0 === PR_SET_PDEATHSIG) return signalText(value, 16);
  if (sys === 'umount2') return flagsText(UMOUNT_FLAGS, value);
  if (sys === 'ioctl') return ioctlRequestText(value);
  return undefined;
}

/** a2 as auparse shows it for the call (some depend on a1), or undefined (hex). */
function a2Text(sys: string, value: string, ctx: ArgContext): string | undefined {
  const a1 = ctx.a1 ?? 0n;
  if (sys.startsWith('fcntl')) {
    const n = low32(value);
    if (Number.isNaN(n)) return conversionError(value);
    if (a1 === BigInt(ARG_CONST.F_SETOWN)) return idText(value, 'uid', ctx);
    if (a1 === BigInt(ARG_CONST.F_SETFD) && n === ARG_CONST.FD_CLOEXEC) return 'FD_CLOEXEC';
    return undefined;
  }
  if (isSockopt(sys)) return sockoptNameText(value, a1, ctx.machine) ?? `0x${value}`;
  if (sys === 'openat' || sys === 'open_by_handle_at') return openFlagsText(value);
  if ((sys === 'open' || sys === 'mq_open') && (a1 & O_CREAT) !== 0n) return modeShortText(value, 16);
  if (sys === 'fchmodat' || sys === 'mkdirat' || sys === 'mknodat') return modeShortText(value, 16);
  if (sys.startsWith('faccessat')) return accessText(value);
  if (sys === 'setresuid') return idText(value, 'uid', ctx);
  if (sys === 'setresgid') return idText(value, 'gid', ctx);
  if (sys === 'socket') return socketProtoText(value, ctx.protocolName ?? hostProtocolName);
  if (sys === 'sendmsg' || sys === 'recvmsg') return flagsText(RECV_FLAGS, value);
  if (sys === 'shmget') return shmFlagsText(value);
  if (sys === 'mmap') return protText(value, true);
  if (sys === 'mprotect') return protText(value, false);
  if (sys === 'readlinkat' || sys.startsWith('renameat') || sys === 'linkat') return dirfdText(value);
  if (sys === 'lseek') return seekText(value);
  if (sys === 'clone' || sys === 'clone2') return cloneFlagsText(value);
  if (sys === 'tgkill') return signalText(value, 16);
  return undefined;
}

/** a3 as auparse shows it for the call, or undefined (hex). */
function a3Text(sys: string, value: string): string | undefined {
  if (sys === 'mmap') return mmapText(value);
  if (sys === 'mount') return mountFlagsText(value);
  if (RECV_A3.has(sys)) return flagsText(RECV_FLAGS, value);
  return undefined;
}

/** Every syscall auparseArgText names an argument of (besides the prefixes in `interprets`). */
const INTERPRETED = new Set([
  ...DIRFD_A0,
  ...UID_A0,
  ...GID_A0,
  ...RECV_A3,
  'rt_sigaction',
  'clock_settime',
  'personality',
  'ptrace',
  'prctl',
  'unshare',
  'getrlimit',
  'setrlimit',
  'socket',
  'socketcall',
  'bpf',
  'fchmod',
  'chmod',
  'creat',
  'mkdir',
  'setsockopt',
  'getsockopt',
  'setns',
  'sched_setscheduler',
  'mknod',
  'mq_open',
  'open',
  'access',
  'epoll_ctl',
  'kill',
  'tkill',
  'umount2',
  'ioctl',
  'open_by_handle_at',
  'sendmsg',
  'recvmsg',
  'shmget',
  'mmap',
  'mprotect',
  'lseek',
  'clone',
  'clone2',
  'tgkill',
  'mount',
]);

/** False for the syscalls none of whose arguments auparse names (most of them): a fast path for parse -i. */
export function interprets(sys: string): boolean {
  return (
    INTERPRETED.has(sys) ||
    sys.startsWith('renameat') ||
    sys.startsWith('faccessat') ||
    sys.startsWith('openat') ||
    sys.startsWith('exit') ||
    sys.startsWith('fcntl') ||
    (sys.startsWith('c') && sys.includes('chown'))
  );
}

/**
 * Argument `index` (0..3) of a SYSCALL record's `syscall`, as `ausearch -i` shows it; `args` are the record's
 * four raw hex arguments (some interpretations depend on a0/a1). Ids are named by `nameId` (numbers without).
 */
export function syscallArgText(
  syscall: string,
  index: number,
  value: string,
  args: readonly (string | undefined)[] = [],
  nameId?: IdNamer,
  machine?: string,
): string {
  if (!interprets(syscall)) return `0x${value}`;
  // a0 matters to a1 only (prctl), a1 to a2 only (open, mq_open, fcntl, [gs]etsockopt)
  const a0 = index === 1 ? argBig(args[0]) : 0n;
  const a1 = index === 2 ? argBig(args[1]) : 0n;
  return auparseArgText(syscall, index, value, { a0, a1, machine, id: nameId });
}
