// Where tsaudit's ausearch output formats differ from ausearch 3.0.9 on purpose: the one table. Each entry gives
// the modes it applies to, why we differ (ausearch loses information, or our output is text), and a test that
// a difference is exactly that one (`ours` and `theirs` hold each side's UTF-8 bytes as latin1 strings).

const utf8 = (b: string): string => Buffer.from(b, 'latin1').toString('utf8');

export interface Deviation {
  modes: readonly ('-i' | 'csv' | 'text')[];
  reason: string;
  explains: (ours: string, theirs: string) => boolean;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    modes: ['-i', 'csv', 'text'],
    reason: 'bytes that are not UTF-8 (a proctitle the kernel cut inside a character) print as U+FFFD: our output is text',
    explains: (ours, theirs) => utf8(ours).includes('\ufffd') && utf8(theirs) === utf8(ours),
  },
  {
    modes: ['-i', 'csv', 'text'],
    reason:
      'SECCOMP code=0x80000000 (SECCOMP_RET_KILL_PROCESS) is kill-process: ausearch masks the action with 0x7fff0000, ' +
      'drops the high bit and says kill, the name of SECCOMP_RET_KILL_THREAD (0), which loses which one it was',
    explains: (ours, theirs) => ours.includes('kill-process') && ours.replaceAll(' code=kill-process ', ' code=kill ') === theirs,
  },
  {
    modes: ['csv'],
    reason:
      'GMT_OFFSET (--extra-time) keeps the minutes of a zone such as +05:30: ausearch takes the seconds instead ' +
      '((total - hours*3600) % 60) and prints +05:00, which loses the half hour',
    explains: (ours, theirs) => /,[+-]\d\d:(?!00)\d\d,/.test(ours) && ours.replace(/,([+-]\d\d):\d\d,/, ',$1:00,') === theirs,
  },
];
