// GENERATED FILE, do not edit: node scripts/gen-tables/interpret-tables.mjs <audit-userspace> [include dir]
// open(2) flags, clone(2) flags, ptrace(2) requests, file types (S_IF* from <linux/stat.h>), rule lists (<linux/audit.h>).
// Facts from linux-audit/audit-userspace (commit ea8550209d556fdf44a2c13d4b54a9803dd07442): auparse/open-flagtab.h, auparse/clone-flagtab.h, auparse/ptracetab.h, lib/ftypetab.h, lib/flagtab.h, auparse/seccomptab.h, auparse/nfprototab.h, auparse/mounttab.h.

/** open(2) flag bits in auditd's print order; O_RDONLY (0) is handled by the caller. */
export const OPEN_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [0o1, "O_WRONLY"],
  [0o2, "O_RDWR"],
  [0o100, "O_CREAT"],
  [0o200, "O_EXCL"],
  [0o400, "O_NOCTTY"],
  [0o1000, "O_TRUNC"],
  [0o2000, "O_APPEND"],
  [0o4000, "O_NONBLOCK"],
  [0o10000, "O_DSYNC"],
  [0o20000, "O_ASYNC"],
  [0o40000, "O_DIRECT"],
  [0o200000, "O_DIRECTORY"],
  [0o400000, "O_NOFOLLOW"],
  [0o1000000, "O_NOATIME"],
  [0o2000000, "O_CLOEXEC"],
  [0o4000000, "__O_SYNC"],
  [0o10000000, "O_PATH"],
  [0o20000000, "__O_TMPFILE"],
];

/** clone(2)/unshare(2)/setns(2) flag bits; the low byte of clone's flags is the exit signal. */
export const CLONE_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [0x100, "CLONE_VM"],
  [0x200, "CLONE_FS"],
  [0x400, "CLONE_FILES"],
  [0x800, "CLONE_SIGHAND"],
  [0x2000, "CLONE_PTRACE"],
  [0x4000, "CLONE_VFORK"],
  [0x8000, "CLONE_PARENT"],
  [0x10000, "CLONE_THREAD"],
  [0x20000, "CLONE_NEWNS"],
  [0x40000, "CLONE_SYSVSEM"],
  [0x80000, "CLONE_SETTLS"],
  [0x100000, "CLONE_PARENT_SETTID"],
  [0x200000, "CLONE_CHILD_CLEARTID"],
  [0x400000, "CLONE_DETACHED"],
  [0x800000, "CLONE_UNTRACED"],
  [0x1000000, "CLONE_CHILD_SETTID"],
  [0x2000000, "CLONE_STOPPED"],
  [0x4000000, "CLONE_NEWUTS"],
  [0x8000000, "CLONE_NEWIPC"],
  [0x10000000, "CLONE_NEWUSER"],
  [0x20000000, "CLONE_NEWPID"],
  [0x40000000, "CLONE_NEWNET"],
  [0x80000000, "CLONE_IO"],
  [0x100000000, "CLONE_CLEAR_SIGHAND"],
  [0x200000000, "CLONE_INTO_CGROUP"],
];

/** ptrace(2) request number -> name. */
export const PTRACE_REQUESTS: ReadonlyMap<number, string> = new Map([
  [0x0, "PTRACE_TRACEME"],
  [0x1, "PTRACE_PEEKTEXT"],
  [0x2, "PTRACE_PEEKDATA"],
  [0x3, "PTRACE_PEEKUSER"],
  [0x4, "PTRACE_POKETEXT"],
  [0x5, "PTRACE_POKEDATA"],
  [0x6, "PTRACE_POKEUSER"],
  [0x7, "PTRACE_CONT"],
  [0x8, "PTRACE_KILL"],
  [0x9, "PTRACE_SINGLESTEP"],
  [0xc, "PTRACE_GETREGS"],
  [0xd, "PTRACE_SETREGS"],
  [0xe, "PTRACE_GETFPREGS"],
  [0xf, "PTRACE_SETFPREGS"],
  [0x10, "PTRACE_ATTACH"],
  [0x11, "PTRACE_DETACH"],
  [0x12, "PTRACE_GETFPXREGS"],
  [0x13, "PTRACE_SETFPXREGS"],
  [0x18, "PTRACE_SYSCALL"],
  [0x19, "PTRACE_GET_THREAD_AREA"],
  [0x1a, "PTRACE_SET_THREAD_AREA"],
  [0x1e, "PTRACE_ARCH_PRCTL"],
  [0x1f, "PTRACE_SYSEMU"],
  [0x20, "PTRACE_SYSEMU_SINGLESTEP"],
  [0x21, "PTRACE_SINGLEBLOCK"],
  [0x4200, "PTRACE_SETOPTIONS"],
  [0x4201, "PTRACE_GETEVENTMSG"],
  [0x4202, "PTRACE_GETSIGINFO"],
  [0x4203, "PTRACE_SETSIGINFO"],
  [0x4204, "PTRACE_GETREGSET"],
  [0x4205, "PTRACE_SETREGSET"],
  [0x4206, "PTRACE_SEIZE"],
  [0x4207, "PTRACE_INTERRUPT"],
  [0x4208, "PTRACE_LISTEN"],
  [0x4209, "PTRACE_PEEKSIGINFO"],
  [0x420a, "PTRACE_GETSIGMASK"],
  [0x420b, "PTRACE_SETSIGMASK"],
  [0x420c, "PTRACE_SECCOMP_GET_FILTER"],
  [0x420d, "PTRACE_SECCOMP_GET_METADATA"],
  [0x420e, "PTRACE_GET_SYSCALL_INFO"],
  [0x420f, "PTRACE_GET_RSEQ_CONFIGURATION"],
  [0x4210, "PTRACE_SET_SYSCALL_USER_DISPATCH_CONFIG"],
  [0x4211, "PTRACE_GET_SYSCALL_USER_DISPATCH_CONFIG"],
]);

/** File type (mode & S_IFMT) -> name as auditd prints it (file, dir, link, ...). */
export const FILE_TYPES: ReadonlyMap<number, string> = new Map([
  [0o140000, "socket"],
  [0o120000, "link"],
  [0o100000, "file"],
  [0o60000, "block"],
  [0o40000, "dir"],
  [0o20000, "character"],
  [0o10000, "fifo"],
]);

export const S_IFMT = 0o170000;

/** Rule list (filter) number -> name, as CONFIG_CHANGE list= is printed (exit, task, user, exclude, ...). */
export const RULE_LISTS: ReadonlyMap<number, string> = new Map([
  [1, "task"],
  [4, "exit"],
  [0, "user"],
  [5, "exclude"],
  [6, "filesystem"],
  [7, "io_uring"],
]);

/** seccomp return action (code & ~SECCOMP_RET_DATA) -> name, as SECCOMP code= is printed. */
export const SECCOMP_ACTIONS: ReadonlyMap<number, string> = new Map([
  [0x80000000, "kill-process"],
  [0x0, "kill-thread"],
  [0x30000, "trap"],
  [0x50000, "errno"],
  [0x7fc00000, "user-notify"],
  [0x7ff00000, "trace"],
  [0x7ffc0000, "log"],
  [0x7fff0000, "allow"],
]);

/** mount(2) flag bits (MS_* values from <linux/mount.h>), in auditd's print order. */
export const MOUNT_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [0x1, "MS_RDONLY"],
  [0x2, "MS_NOSUID"],
  [0x4, "MS_NODEV"],
  [0x8, "MS_NOEXEC"],
  [0x10, "MS_SYNCHRONOUS"],
  [0x20, "MS_REMOUNT"],
  [0x40, "MS_MANDLOCK"],
  [0x80, "MS_DIRSYNC"],
  [0x400, "MS_NOATIME"],
  [0x800, "MS_NODIRATIME"],
  [0x1000, "MS_BIND"],
  [0x2000, "MS_MOVE"],
  [0x4000, "MS_REC"],
  [0x8000, "MS_SILENT"],
  [0x10000, "MS_POSIXACL"],
  [0x20000, "MS_UNBINDABLE"],
  [0x40000, "MS_PRIVATE"],
  [0x80000, "MS_SLAVE"],
  [0x100000, "MS_SHARED"],
  [0x200000, "MS_RELATIME"],
  [0x400000, "MS_KERNMOUNT"],
  [0x800000, "MS_I_VERSION"],
  [0x1000000, "MS_STRICTATIME"],
  [0x2000000, "MS_LAZYTIME"],
  [0x4000000, "MS_SUBMOUNT"],
  [0x8000000, "MS_SNAP_STABLE"],
  [0x10000000, "MS_NOSEC"],
  [0x20000000, "MS_BORN"],
  [0x40000000, "MS_ACTIVE"],
  [0x80000000, "MS_NOUSER"],
];

/** Netfilter protocol family (NETFILTER_CFG family=) -> name. */
export const NF_PROTOCOLS: ReadonlyMap<number, string> = new Map([
  [0, "unspecified"],
  [1, "inet"],
  [2, "ipv4"],
  [3, "arp"],
  [5, "netdev"],
  [7, "bridge"],
  [10, "ipv6"],
  [12, "decnet"],
]);
