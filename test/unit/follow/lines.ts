// Synthetic auditd log lines for the follow tests: event N has serial N, so arrival can be checked by serial.
// Even serials are syscall events (SYSCALL, CWD, PATH, PROCTITLE: complete at their PROCTITLE, as auditd
// writes them), odd ones single-record user events (USER_CMD).

export function eventLines(serial: number): string {
  const id = `audit(${1_700_000_000 + serial}.${String(serial % 1000).padStart(3, '0')}:${serial})`;
  if (serial % 2 === 1) {
    return `type=USER_CMD msg=${id}: pid=${serial} uid=0 auid=1000 ses=1 msg='cwd="/" cmd=6C73 exe="/usr/bin/sudo" terminal=pts/0 res=success'\n`;
  }
  return [
    `type=SYSCALL msg=${id}: arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=${serial} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="ls" exe="/usr/bin/ls" key=(null)`,
    `type=CWD msg=${id}: cwd="/"`,
    `type=PATH msg=${id}: item=0 name="/usr/bin/ls" inode=1 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=${id}: proctitle=6C73`,
    '',
  ].join('\n');
}

/** The lines of events from..to (inclusive). */
export function events(from: number, to: number): string {
  let s = '';
  for (let i = from; i <= to; i++) s += eventLines(i);
  return s;
}

/** Serials that are not there exactly once: missing ones and repeated ones. */
export function exactlyOnce(got: readonly number[], from: number, to: number): { missing: number[]; repeated: number[] } {
  const n = new Map<number, number>();
  for (const s of got) n.set(s, (n.get(s) ?? 0) + 1);
  const missing: number[] = [];
  const repeated: number[] = [];
  for (let i = from; i <= to; i++) if (!n.has(i)) missing.push(i);
  for (const [s, c] of n) if (c > 1 || s < from || s > to) repeated.push(s);
  return { missing, repeated };
}
