// `auditctl -l -i` for a0..a3: on a rule with exactly one syscall, auditctl shows the argument as auparse
// interprets that syscall's argument (auparse's print_a0..print_a3 of audit 3.0.x): ptrace requests, clock
// ids, uids and gids, socket domain/type/protocol, socketcall, prctl, bpf and fcntl commands, rlimits,
// open, clone, mmap, protection, access, send/recv and umount flags, modes, signals, AT_FDCWD. This
// follows those choices for the syscalls below, with the value formatters of tsaudit's log interpretation.
// Arguments that auparse interprets and tsaudit does not (personality, socket option levels and names, a2
// of fcntl, ioctl requests, shmget flags, mount flags) print as 0x<hex>, as auparse prints the
// uninterpreted ones.

import { cloneFlagsText, dirfdText, openFlagsText, ptraceText, socketDomainText, socketProtoText, socketTypeText } from '../parse/interpret/args.js';
import { capabilityText, modeShortText, modeText, signalText } from '../parse/interpret/values.js';
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
} from '../tables/rule-fields.js';
import type { RuleEnv } from './env.js';

const DIRFD_A0 = ['renameat', 'readlinkat', 'mkdirat', 'mknodat', 'fchownat', 'futimesat', 'fchmodat', 'faccessat', 'futimensat', 'unlinkat', 'utimensat', 'linkat', 'newfstatat', 'openat', 'name_to_handle_at'];
const UID_A0 = new Set(['setuid', 'setreuid', 'setresuid', 'setfsuid']);
const GID_A0 = new Set(['setgid', 'setregid', 'setresgid', 'setfsgid']);
const O_CREAT = 0o100;
const PR_SET_PDEATHSIG = 1;
const PR_CAPBSET_READ = 23;
const PR_CAPBSET_DROP = 24;

function idText(env: RuleEnv, hex: string, kind: 'uid' | 'gid'): string {
  const n = Number.parseInt(hex, 16);
  if (n === 0xffffffff) return 'unset';
  if (n === 0) return 'root';
  const name = kind === 'uid' ? env.userName?.(n) : env.groupName?.(n);
  return name ?? `unknown(${n | 0})`;
}

function clockText(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return (n < 7 ? CLOCK_IDS[n] : undefined) ?? `unknown-clk_id(0x${hex})`;
}

/** Names of the flags set in `v`, in table order, joined with |; 0x<hex> when none. */
function flagsText(table: ReadonlyArray<readonly [number, string]>, v: number, hex: string, limit = table.length): string {
  const names = table.slice(0, limit).filter(([bit]) => (bit & v) !== 0).map(([, n]) => n);
  return names.length ? names.join('|') : `0x${hex}`;
}

function accessText(v: number, hex: string): string {
  return (v & 0xf) === 0 ? 'F_OK' : flagsText(ACCESS_MODES, v, hex, 3);
}

function protText(v: number, hex: string, mmap: boolean): string {
  return (v & 0x7) === 0 ? 'PROT_NONE' : flagsText(PROT_FLAGS, v, hex, mmap ? 4 : 3);
}

function mmapText(v: number, hex: string): string {
  const names = (v & 0xf) === 0 ? ['MAP_FILE'] : [];
  for (const [bit, n] of MMAP_FLAGS) if ((bit & v) !== 0) names.push(n);
  return names.length ? names.join('|') : `0x${hex}`;
}

function schedText(v: number, hex: string): string {
  const s = SCHED_POLICIES.get(v & 0x0f);
  if (s === undefined) return `unknown-scheduler-policy(0x${hex})`;
  return v & 0x40000000 ? `${s}|SCHED_RESET_ON_FORK` : s;
}

function exitText(hex: string): string {
  return hex === '0' ? 'EXIT_SUCCESS' : hex === '1' ? 'EXIT_FAILURE' : 'UNKNOWN';
}

/**
 * The text auditctl -l -i shows for argument `index` of the single syscall `sys` (undefined when the rule has
 * no known arch: auditctl then shows hex). `a0`/`a1` are the rule's a0/a1 values seen so far (auditctl's).
 */
export function argText(env: RuleEnv, sys: string | undefined, index: number, value: number, a0?: number, a1?: number): string {
  const hex = (value >>> 0).toString(16);
  if (sys !== undefined) {
    switch (index) {
      case 0:
        if (sys === 'rt_sigaction') return signalText(hex, 16);
        if (sys.startsWith('renameat') || sys.startsWith('faccessat') || sys.startsWith('openat') || DIRFD_A0.includes(sys)) return dirfdText(hex);
        if (sys === 'clock_settime') return clockText(hex);
        if (sys === 'ptrace') return ptraceText(hex);
        if (UID_A0.has(sys)) return idText(env, hex, 'uid');
        if (GID_A0.has(sys)) return idText(env, hex, 'gid');
        if (sys === 'socket') return socketDomainText(hex);
        if (sys.startsWith('exit')) return exitText(hex);
        if (sys === 'unshare') return cloneFlagsText(hex);
        if (sys === 'prctl') return PRCTL_OPTIONS.get(value >>> 0) ?? `unknown-prctl-option(0x${hex})`;
        if (sys === 'socketcall') return SOCKETCALLS.get(value | 0) ?? `unknown-socketcall(${hex})`;
        if (sys === 'bpf') return BPF_COMMANDS.get(value >>> 0) ?? `unknown-bpf-cmd(${hex})`;
        if (sys === 'getrlimit' || sys === 'setrlimit') return (value < 17 ? RLIMITS.get(value) : undefined) ?? `unknown-rlimit(0x${hex})`;
        break;
      case 1:
        if (sys === 'fchmod' || sys === 'chmod' || sys === 'creat' || sys === 'mkdir') return modeShortText(hex, 16);
        if (sys.startsWith('c') && sys.includes('chown')) return idText(env, hex, 'uid');
        if (sys === 'setreuid' || sys === 'setresuid') return idText(env, hex, 'uid');
        if (sys === 'setregid' || sys === 'setresgid') return idText(env, hex, 'gid');
        if (sys === 'socket') return socketTypeText(hex);
        if (sys === 'open' || sys === 'mq_open') return openFlagsText(hex);
        if (sys === 'kill' || sys === 'tkill') return signalText(hex, 16);
        if (sys === 'setns') return cloneFlagsText(hex);
        if (sys === 'access') return accessText(value, hex);
        if (sys.startsWith('fcntl')) return FCNTL_COMMANDS.get(value | 0) ?? `unknown-fcntl-command(${value | 0})`;
        if (sys === 'sched_setscheduler') return schedText(value, hex);
        if (sys === 'umount2') return flagsText(UMOUNT_FLAGS, value, hex);
        if (sys === 'mknod') return modeText(hex, 16);
        if (sys === 'epoll_ctl') return EPOLL_CTL_OPS.get(value | 0) ?? `unknown-epoll_ctl-operation(${value | 0})`;
        if (sys === 'prctl' && (a0 === PR_CAPBSET_READ || a0 === PR_CAPBSET_DROP)) return capabilityText(hex, 16);
        if (sys === 'prctl' && a0 === PR_SET_PDEATHSIG) return signalText(hex, 16);
        break;
      case 2:
        if (sys === 'openat' || sys === 'open_by_handle_at') return openFlagsText(hex);
        if (sys === 'open' && a1 !== undefined && (a1 & O_CREAT) !== 0) return modeShortText(hex, 16);
        if (sys === 'fchmodat' || sys === 'mkdirat' || sys === 'mknodat') return modeShortText(hex, 16);
        if (sys === 'setresuid') return idText(env, hex, 'uid');
        if (sys === 'setresgid') return idText(env, hex, 'gid');
        if (sys === 'socket') return socketProtoText(hex);
        if (sys === 'readlinkat' || sys.startsWith('renameat') || sys === 'linkat') return dirfdText(hex);
        if (sys === 'clone' || sys === 'clone2') return cloneFlagsText(hex);
        if (sys === 'tgkill') return signalText(hex, 16);
        if (sys.startsWith('faccessat')) return accessText(value, hex);
        if (sys === 'mmap') return protText(value, hex, true);
        if (sys === 'mprotect') return protText(value, hex, false);
        if (sys === 'recvmsg' || sys === 'sendmsg') return flagsText(RECV_FLAGS, value, hex);
        if (sys === 'lseek') return SEEK_WHENCE.get(value & 0xff) ?? `unknown-whence(${hex})`;
        if (sys === 'mq_open' && a1 !== undefined && (a1 & O_CREAT) !== 0) return modeShortText(hex, 16);
        break;
      case 3:
        if (sys === 'mmap') return mmapText(value, hex);
        if (['recv', 'recvfrom', 'recvmmsg', 'send', 'sendto', 'sendmmsg'].includes(sys)) return flagsText(RECV_FLAGS, value, hex);
        break;
      default:
        break;
    }
  }
  return `0x${hex}`;
}
