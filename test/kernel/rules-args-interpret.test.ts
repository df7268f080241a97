// `tsaudit rules list -i` against the real `auditctl -l -i` for the a0..a3 auparse names on single-syscall rules:
// personality, ioctl requests, mount and shmget flags, setsockopt/getsockopt levels and option names, fcntl's
// a2 — known values, unknown values, flag combinations, a2 before a1 (auditctl then reads a1 as 0), operators
// other than =, a multi-syscall rule (hex) and i386 rules. The rules go in with auditctl -R (one process), are
// listed by both, then added again with tsaudit and listed by auditctl; the kernel's rules are restored after.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { splitRuleLine } from '../../src/rules/parse.js';
import { runCli } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { useKernelState } from './state.js';

function auditctl(args: string[]): string {
  return execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const B64 = '-a always,exit -F arch=b64';
const B32 = '-a always,exit -F arch=b32';
const RULES = [
  `${B64} -S personality -F a0=0x8`,
  `${B64} -S personality -F a0=0x40008`,
  `${B64} -S personality -F a0=0`,
  `${B64} -S personality -F a0=6`,
  `${B64} -S personality -F a0=0x99`,
  `${B64} -S personality -F a0=0xffffffff`,
  `${B64} -S personality -F a0=0x4100001`,
  `${B64} -S ioctl -F a1=0x5401`,
  `${B64} -S ioctl -F a1=0x80045430`,
  `${B64} -S ioctl -F a1=0xC01C64A3`,
  `${B64} -S ioctl -F a1=0x1234`,
  `${B64} -S ioctl -F a1!=0x5413`,
  `${B64} -S mount -F a3=0x1`,
  `${B64} -S mount -F a3=0x44000`,
  `${B64} -S mount -F a3=0x1021`,
  `${B64} -S mount -F a3=0`,
  `${B64} -S mount -F a3&0x20`,
  `${B64} -S shmget -F a2=0x3b6`,
  `${B64} -S shmget -F a2=0`,
  `${B64} -S shmget -F a2=0x7e00`,
  `${B64} -S shmget -F a2=0x5a4`,
  `${B64} -S setsockopt -F a1=1 -F a2=2`,
  `${B64} -S setsockopt -F a1=1 -F a2=0x44`,
  `${B64} -S setsockopt -F a1=1 -F a2=0x45`,
  `${B64} -S setsockopt -F a1=0 -F a2=1`,
  `${B64} -S setsockopt -F a1=6 -F a2=1`,
  `${B64} -S setsockopt -F a1=17 -F a2=100`,
  `${B64} -S setsockopt -F a1=17 -F a2=5`,
  `${B64} -S setsockopt -F a1=41 -F a2=26`,
  `${B64} -S setsockopt -F a1=263 -F a2=1`,
  `${B64} -S setsockopt -F a1=255 -F a2=1`,
  `${B64} -S setsockopt -F a1=0x1234`,
  `${B64} -S setsockopt -F a2=2 -F a1=1`,
  `${B64} -S setsockopt -F a2=7`,
  `${B64} -S getsockopt -F a1=4 -F a2=1`,
  `${B64} -S getsockopt -F a1=132 -F a2=1`,
  `${B64} -S getsockopt -F a1=1 -F a2=4`,
  `${B64} -S fcntl -F a1=2 -F a2=1`,
  `${B64} -S fcntl -F a1=2 -F a2=0`,
  `${B64} -S fcntl -F a1=8 -F a2=0`,
  `${B64} -S fcntl -F a1=8 -F a2=-1`,
  `${B64} -S fcntl -F a1=4 -F a2=0x800`,
  `${B64} -S fcntl -F a2=1`,
  `${B64} -S ioctl,mount -F a1=0x5401`,
  `${B32} -S ioctl -F a1=0x5401`,
  `${B32} -S personality -F a0=0x8`,
  `${B32} -S fcntl64 -F a1=2 -F a2=1`,
  `${B32} -S setsockopt -F a1=1 -F a2=2`,
];

describeKernel('rules list -i names a0..a3 as auditctl -l -i (personality, ioctl, mount, shmget, sockopt, fcntl)', () => {
  useKernelState();
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-args-kt-'));

  afterAll(() => {
    try {
      auditctl(['-D']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints what auditctl -l -i prints, byte for byte', () => {
    auditctl(['-D']);
    const file = join(dir, 'args.rules');
    writeFileSync(file, `${RULES.join('\n')}\n`, { mode: 0o600 });
    auditctl(['-R', file]);
    const theirs = auditctl(['-l', '-i']);
    expect(theirs.split('\n').filter(Boolean)).toHaveLength(RULES.length);
    // auditctl does name these (the test is worth something only if they are not hex)
    for (const name of ['PER_LINUX32', 'TCGETS', 'MS_RDONLY', 'IPC_CREAT|0666', 'SOL_SOCKET', 'SO_REUSEADDR', 'FD_CLOEXEC']) {
      expect(theirs).toContain(name);
    }
    const ours = runCli(['rules', 'list', '-i']);
    expect(ours.stderr).toBe('');
    expect(ours.status).toBe(0);
    expect(ours.stdout).toBe(theirs);
    expect(runCli(['rules', 'list']).stdout).toBe(auditctl(['-l']));

    // the same rules added by tsaudit list the same in auditctl -l -i
    auditctl(['-D']);
    const add = runCli(['rules', 'add', ...RULES.flatMap((r, i) => (i ? [';', ...splitRuleLine(r)!] : splitRuleLine(r)!))]);
    expect(add.status).toBe(0);
    expect(auditctl(['-l', '-i'])).toBe(theirs);
    auditctl(['-D']);
    expect(auditctl(['-l'])).toBe('No rules\n');
  });
});
