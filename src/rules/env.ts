// What rule parsing and rendering need to know about the world: syscall and arch tables, errno and message
// type names, user and group names, and the type of a watched path. Injected so that the parser stays pure
// and tests can pin the host (the goldens assume an x86_64 host with uid names as on the generating machine).

export interface RuleEnv {
  /** The machine auditctl would detect with uname(2), e.g. "x86_64". */
  machine: string;
  /** AUDIT_ARCH_* code of a machine name ("x86_64", "i386", "aarch64", ...), or undefined when unknown. */
  archCode(machine: string): number | undefined;
  /** Machine name of an AUDIT_ARCH_* code (first name of the machine, e.g. "i386" for 0x40000003). */
  archName(code: number): string | undefined;
  /** Syscall number of a name in the table of an AUDIT_ARCH_* code. */
  syscallNumber(arch: number, name: string): number | undefined;
  /** Syscall name of a number in the table of an AUDIT_ARCH_* code. */
  syscallName(arch: number, nr: number): string | undefined;
  /** All syscall names of an arch (for "did you mean" suggestions). */
  syscallNames(arch: number): readonly string[];
  errnoNumber(name: string): number | undefined;
  errnoName(n: number): string | undefined;
  messageTypeNumber(name: string): number | undefined;
  messageTypeName(n: number): string | undefined;
  uid(name: string): number | undefined;
  gid(name: string): number | undefined;
  /** Name of a uid / gid (for -i listings); undefined when unknown. */
  userName?(uid: number): string | undefined;
  groupName?(gid: number): string | undefined;
  /** What a watched path is right now: auditctl stat(2)s it to choose a file or a directory watch. */
  pathType(path: string): 'dir' | 'other' | 'missing';
}
