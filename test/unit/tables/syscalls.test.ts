import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ausearchSyscallName } from '../../helpers/ausearch-names.js';
import { ARCHES } from '../../../src/tables/arch.js';
import { SYSCALLS, syscallName, syscallNames, syscallNumber, syscallTableFor, type SyscallTable } from '../../../src/tables/syscalls.js';

describe('syscall tables', () => {
  it('knows well-known numbers', () => {
    const facts: [string, number, string][] = [
      ['x86_64', 59, 'execve'],
      ['x86_64', 0, 'read'],
      ['x86_64', 257, 'openat'],
      ['x86_64', 322, 'execveat'],
      ['x86_64', 435, 'clone3'],
      ['i386', 11, 'execve'],
      ['i386', 5, 'open'],
      ['i386', 102, 'socketcall'],
      ['aarch64', 221, 'execve'],
      ['aarch64', 56, 'openat'],
      ['arm', 11, 'execve'],
      ['arm', 322, 'openat'],
      ['ppc64', 11, 'execve'],
      ['ppc', 11, 'execve'],
      ['s390x', 11, 'execve'],
      ['s390', 11, 'execve'],
      ['riscv64', 221, 'execve'],
      ['riscv64', 259, 'riscv_flush_icache'],
      ['riscv32', 221, 'execve'],
    ];
    for (const [arch, nr, name] of facts) {
      expect(syscallName(arch, nr), `${arch} ${nr}`).toBe(name);
      expect(syscallNumber(arch, name), `${arch} ${name}`).toBe(nr);
    }
  });

  it('resolves arch names, aliases and AUDIT_ARCH codes to tables', () => {
    expect(syscallName(0xc000003e, 59)).toBe('execve');
    expect(syscallName(0x40000003, 11)).toBe('execve');
    expect(syscallName('i686', 11)).toBe('execve');
    expect(syscallName('ppc64le', 11)).toBe('execve');
    expect(syscallName('armv7l', 11)).toBe('execve');
    expect(syscallTableFor('ppc64le')).toBe('ppc64');
    expect(syscallTableFor('sparc')).toBeUndefined();
    expect(syscallName('sparc', 1)).toBeUndefined();
    expect(syscallName('x86_64', 100000)).toBeUndefined();
    expect(syscallNames('vax')).toEqual([]);
  });

  it('uses kernel names and accepts audit-userspace spellings', () => {
    expect(syscallName('x86_64', 17)).toBe('pread64');
    expect(ausearchSyscallName('x86_64', 17)).toBe('pread');
    expect(ausearchSyscallName('x86_64', 59)).toBe('execve');
    expect(syscallNumber('x86_64', 'pread')).toBe(17);
    expect(syscallNumber('x86_64', 'EXECVE')).toBe(59);
    expect(syscallNumber('x86_64', 'no_such_call')).toBeUndefined();
  });

  it('has syscalls newer than the installed headers', () => {
    for (const arch of Object.keys(SYSCALLS)) {
      expect(syscallNumber(arch, 'cachestat'), arch).toBe(451);
      expect(syscallNumber(arch, 'listns'), arch).toBe(470);
    }
  });

  it('is one-to-one in every table and lists names in number order', () => {
    for (const [key, table] of Object.entries(SYSCALLS)) {
      const names = Object.values(table);
      expect(new Set(names).size, key).toBe(names.length);
      expect(syscallNames(key)).toEqual(names);
      for (const [nr, name] of Object.entries(table)) expect(syscallNumber(key, name)).toBe(Number(nr));
    }
    for (const a of ARCHES) if (a.syscallTable) expect(SYSCALLS).toHaveProperty(a.syscallTable);
  });

  // Differential test against ausyscall (auditd 3.0.9): every number/name it dumps must be ours too.
  // Documented exceptions, where ausyscall is wrong for the ABI:
  //   ppc64/ppc64le: audit-userspace has one table for ppc and ppc64, so it lists 32-bit-only calls
  //   (mmap2, stat64, fcntl64, the *_time64 family, ...) that the kernel's 64-bit ABI does not have.
  //   ppc: semtimedop (392) exists only in the kernel's 64-bit powerpc ABI.
  const PPC32_ONLY = [
    192, 193, 194, 195, 196, 197, 204, 226, 254, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 416, 417, 418, 419, 420, 421,
    422, 423,
  ];
  const EXCEPTIONS: Record<string, number[]> = { ppc64: PPC32_ONLY, ppc64le: PPC32_ONLY, ppc: [392] };
  const ARCHS = ['x86_64', 'i386', 'aarch64', 'arm', 'ppc', 'ppc64', 'ppc64le', 's390', 's390x', 'riscv32', 'riscv64'];

  let haveAusyscall = true;
  try {
    execFileSync('ausyscall', ['x86_64', '0'], { stdio: 'pipe' });
  } catch {
    haveAusyscall = false;
  }
  if (!haveAusyscall) console.log('skipping ausyscall differential test: ausyscall is not installed');

  for (const arch of ARCHS) {
    it.skipIf(!haveAusyscall)(`agrees with ausyscall ${arch} --dump`, (ctx) => {
      const out = execFileSync('ausyscall', [arch, '--dump'], { encoding: 'utf8' });
      const [head, ...rows] = out.trim().split('\n');
      const used = /Using (\S+) syscall table/.exec(head)?.[1];
      // ausyscall falls back to the x86_64 table for arches it was built without (riscv in 3.0.9).
      if (used === undefined || syscallTableFor(used) !== syscallTableFor(arch)) {
        console.log(`skipping ausyscall ${arch}: this ausyscall has no ${arch} table (used ${used})`);
        ctx.skip();
        return;
      }
      const mismatches: number[] = [];
      for (const row of rows) {
        const [nrText, name] = row.split('\t');
        const nr = Number(nrText);
        const ok = (syscallName(arch, nr) === name || ausearchSyscallName(arch, nr) === name) && syscallNumber(arch, name) === nr;
        if (!ok) mismatches.push(nr);
      }
      expect(rows.length).toBeGreaterThan(250);
      expect(mismatches).toEqual(EXCEPTIONS[arch] ?? []);
    });
  }

  it('keeps table keys typed', () => {
    const key: SyscallTable = 'x86_64';
    expect(syscallNames(key).length).toBeGreaterThan(350);
  });
});
