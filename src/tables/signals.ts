// GENERATED FILE, do not edit: node scripts/gen-tables/interpret-tables.mjs <audit-userspace> [include dir]
// Signal numbers (Linux, generic numbering) to names.
// Facts from linux-audit/audit-userspace (commit ea8550209d556fdf44a2c13d4b54a9803dd07442): auparse/signaltab.h.

/** Signal number -> name (SIGKILL, ...). */
export const SIGNALS: ReadonlyMap<number, string> = new Map([
  [0, "SIG0"],
  [1, "SIGHUP"],
  [2, "SIGINT"],
  [3, "SIGQUIT"],
  [4, "SIGILL"],
  [5, "SIGTRAP"],
  [6, "SIGABRT"],
  [7, "SIGBUS"],
  [8, "SIGFPE"],
  [9, "SIGKILL"],
  [10, "SIGUSR1"],
  [11, "SIGSEGV"],
  [12, "SIGUSR2"],
  [13, "SIGPIPE"],
  [14, "SIGALRM"],
  [15, "SIGTERM"],
  [16, "SIGSTKFLT"],
  [17, "SIGCHLD"],
  [18, "SIGCONT"],
  [19, "SIGSTOP"],
  [20, "SIGTSTP"],
  [21, "SIGTTIN"],
  [22, "SIGTTOU"],
  [23, "SIGURG"],
  [24, "SIGXCPU"],
  [25, "SIGXFSZ"],
  [26, "SIGVTALRM"],
  [27, "SIGPROF"],
  [28, "SIGWINCH"],
  [29, "SIGIO"],
  [30, "IGPWR"],
  [31, "SIGSYS"],
]);
