import { describe, expect, it } from 'vitest';
import { ausearchArchName } from '../../helpers/ausearch-names.js';
import {
  ARCHES,
  ARCH_ALIASES,
  archCode,
  archInfo,
  archName,
  machineArch,
  resolveBitness,
  syscallTableOf,
} from '../../../src/tables/arch.js';
import { loadLibAudit } from './libaudit.js';

describe('arch', () => {
  it('knows the well-known AUDIT_ARCH codes', () => {
    const facts: [string, number][] = [
      ['x86_64', 0xc000003e],
      ['i386', 0x40000003],
      ['aarch64', 0xc00000b7],
      ['arm', 0x40000028],
      ['ppc', 0x14],
      ['ppc64', 0x80000015],
      ['ppc64le', 0xc0000015],
      ['s390', 0x16],
      ['s390x', 0x80000016],
      ['riscv32', 0x400000f3],
      ['riscv64', 0xc00000f3],
      ['mips', 0x8],
      ['mipsel64', 0xc0000008],
      ['loongarch64', 0xc0000102],
    ];
    for (const [name, code] of facts) {
      expect(archName(code)).toBe(name);
      expect(archCode(name)).toBe(code);
    }
    expect(archName(0x12345)).toBeUndefined();
    expect(archCode('vax')).toBeUndefined();
  });

  it('accepts auditctl aliases and any case', () => {
    expect(archCode('i686')).toBe(0x40000003);
    expect(archCode('armv7l')).toBe(0x40000028);
    expect(archCode('X86_64')).toBe(0xc000003e);
    // auditctl encodes "armeb" as AUDIT_ARCH_ARM.
    expect(archCode('armeb')).toBe(0x40000028);
    expect(archName(0x28)).toBe('armeb');
    expect(machineArch('i586')).toBe('i386');
    for (const canonical of ARCH_ALIASES.values()) expect(archInfo(canonical)).toBeDefined();
  });

  it("round-trips every code through its name (except auditctl's armeb quirk)", () => {
    const codes = new Set<number>();
    for (const a of ARCHES) {
      expect(codes.has(a.code)).toBe(false);
      codes.add(a.code);
      if (a.name !== 'armeb') expect(archCode(a.name)).toBe(a.code);
      expect(a.bits === 64).toBe((a.code & 0x80000000) !== 0);
      expect(a.littleEndian).toBe((a.code & 0x40000000) !== 0);
    }
    expect(ARCHES.length).toBeGreaterThan(40);
  });

  it('resolves b64/b32 the way auditctl does per host', () => {
    expect(resolveBitness('b64', 'x86_64')).toBe('x86_64');
    expect(resolveBitness('b32', 'x86_64')).toBe('i386');
    expect(resolveBitness('b64', 'aarch64')).toBe('aarch64');
    expect(resolveBitness('b32', 'aarch64')).toBe('arm');
    expect(resolveBitness('b64', 'ppc64')).toBe('ppc64');
    expect(resolveBitness('b32', 'ppc64')).toBe('ppc');
    expect(resolveBitness('b64', 's390x')).toBe('s390x');
    expect(resolveBitness('b32', 's390x')).toBe('s390');
    expect(resolveBitness('b32', 'ppc64le')).toBeUndefined();
    expect(resolveBitness('b64', 'i686')).toBeUndefined();
    expect(resolveBitness('b64', 'vax')).toBeUndefined();
  });

  it('names the syscall table each arch uses', () => {
    expect(syscallTableOf('x86_64')).toBe('x86_64');
    expect(syscallTableOf(0x40000003)).toBe('i386');
    expect(syscallTableOf('ppc64le')).toBe('ppc64');
    expect(syscallTableOf('armv7l')).toBe('arm');
    expect(syscallTableOf('sparc')).toBeUndefined();
  });

  it('prints arch like ausearch -i', () => {
    expect(ausearchArchName(0xc000003e)).toBe('x86_64');
    expect(ausearchArchName(0x40000028)).toBe('armeb');
    expect(ausearchArchName(0xc0000102)).toBe('unknown-elf-type(c0000102)');
  });

  const { lib, reason } = loadLibAudit();
  it.skipIf(!lib)(`agrees with the installed libaudit's machine tables${lib ? '' : ` (skipped: ${reason})`}`, () => {
    let compared = 0;
    for (const a of ARCHES) {
      const machine = lib!.elfToMachine(a.code);
      // The installed library may be built without some arches (riscv) that ours knows.
      if (machine < 0) continue;
      compared++;
      expect(lib!.machineToName(machine), a.name).toBe(a.ausearchName);
    }
    for (const [alias, canonical] of [...ARCH_ALIASES, ...ARCHES.map((a) => [a.name, a.name] as const)]) {
      const machine = lib!.nameToMachine(alias);
      if (machine < 0) continue;
      compared++;
      expect(lib!.machineToElf(machine), alias).toBe(archCode(canonical === 'armeb' ? 'arm' : canonical));
    }
    expect(compared).toBeGreaterThan(10);
  });
});
