#!/usr/bin/env node
// Generate src/tables/arch-data.ts: AUDIT_ARCH_* codes, their names, aliases, syscall tables.
// Data only: the lookups are hand-written in src/tables/arch.ts.
//
// Usage: node scripts/gen-tables/arch.mjs --audit-userspace <git dir> [--include <dir containing linux/>]
//
// Codes: every AUDIT_ARCH_* of the kernel UAPI linux/audit.h, evaluated with the EM_* machine numbers of
// linux/elf-em.h. Names: the lower-cased constant suffix (AUDIT_ARCH_X86_64 -> x86_64), the spelling
// auditctl/ausearch use. Aliases accepted by auditctl (i686, armv7l, ...) come from audit-userspace's
// lib/machinetab.h. (The b32/b64 pairing, audit_determine_machine(), is hand-written in src/tables/arch.ts.)
import {
  collectDefines,
  debianPackageOf,
  evalDefine,
  headerComment,
  parseArgs,
  q,
  readText,
  userspaceSource,
  writeModule,
} from './lib.mjs';

const opts = parseArgs();
const inc = opts.include ?? '/usr/include';
const us = userspaceSource(opts);
const auditH = `${inc}/linux/audit.h`;
const elfH = `${inc}/linux/elf-em.h`;

const defs = new Map();
collectDefines(readText(elfH), defs);
collectDefines(readText(auditH), defs);

// audit-userspace machine table: alias -> machine id (MACH_*), in file order; the first row of a machine is
// the name ausearch prints for it.
const machineRows = [];
for (const m of us.read('lib/machinetab.h').matchAll(/_S\(\s*(MACH_[A-Z0-9_]+)\s*,\s*"([^"]+)"\s*\)/g)) {
  machineRows.push({ mach: m[1], name: m[2] });
}
// audit-userspace's machine <-> AUDIT_ARCH pairing (lib/lookup_table.c elftab rows).
const machToArch = new Map();
for (const m of us.read('lib/lookup_table.c').matchAll(/\{\s*(MACH_[A-Z0-9_]+)\s*,\s*(AUDIT_ARCH_[A-Z0-9_]+)\s*\}/g)) {
  machToArch.set(m[1], m[2]);
}

// Which syscall table (key of src/tables/syscalls.ts) serves each arch. This is knowledge about the kernel's
// ABIs, not upstream data: ppc64le shares ppc64's table, armeb shares arm's. No
// table yet for mips*, loongarch* and the rest (no audit-userspace table to check against).
const SYSCALL_TABLE = {
  x86_64: 'x86_64',
  i386: 'i386',
  aarch64: 'aarch64',
  arm: 'arm',
  armeb: 'arm',
  ppc64: 'ppc64',
  ppc64le: 'ppc64',
  ppc: 'ppc',
  s390x: 's390x',
  s390: 's390',
  riscv64: 'riscv64',
  riscv32: 'riscv32',
};

const LE = evalDefine('__AUDIT_ARCH_LE', defs);
const B64 = evalDefine('__AUDIT_ARCH_64BIT', defs);
const arches = [];
for (const sym of defs.keys()) {
  if (!sym.startsWith('AUDIT_ARCH_')) continue;
  const code = evalDefine(sym, defs);
  if (code === undefined) throw new Error(`cannot evaluate ${sym}`);
  const name = sym.slice('AUDIT_ARCH_'.length).toLowerCase();
  arches.push({ sym, name, code, bits: code & B64 ? 64 : 32, le: (code & LE) !== 0 });
}
arches.sort((a, b) => a.name.localeCompare(b.name));
const byArchSym = new Map(arches.map((a) => [a.sym, a]));

// ausearch's printed name for a code: the first machinetab row of the machine mapped to that code.
const ausearchName = new Map();
const aliasRows = [];
for (const { mach, name } of machineRows) {
  const sym = machToArch.get(mach);
  if (!sym) continue; // e.g. MACH_IO_URING: not an ELF arch
  const arch = byArchSym.get(sym);
  if (!arch) throw new Error(`${sym} not in linux/audit.h`);
  if (!ausearchName.has(arch.code)) ausearchName.set(arch.code, name);
  if (name !== arch.name) aliasRows.push([name, arch.name]);
}

const hex = (n) => `0x${n.toString(16).padStart(8, '0')}`;
const archRows = arches
  .map((a) => {
    const table = SYSCALL_TABLE[a.name];
    const aus = ausearchName.get(a.code);
    return `  { name: ${q(a.name)}, code: ${hex(a.code)}, constant: ${q(a.sym)}, bits: ${a.bits}, littleEndian: ${a.le}, syscallTable: ${table ? q(table) : 'undefined'}, ausearchName: ${aus ? q(aus) : 'undefined'} },`;
  })
  .join('\n');

const out = `${headerComment({
  title: 'Audit architectures: AUDIT_ARCH_* codes <-> names, auditctl aliases, syscall table per arch.',
  sources: [
    `linux/audit.h and linux/elf-em.h, Linux UAPI (${debianPackageOf(auditH)})`,
    us.label('linux-audit/audit-userspace') + ': lib/machinetab.h, lib/lookup_table.c (elftab)',
  ],
  generator: 'arch.mjs',
})}
import type { ArchInfo } from './arch.js';

export const ARCHES: readonly ArchInfo[] = [
${archRows}
];

/** Other spellings auditctl accepts for an arch (uname -m values), alias -> canonical name. */
export const ARCH_ALIASES: ReadonlyMap<string, string> = new Map<string, string>([
${aliasRows.map(([a, c]) => `  [${q(a)}, ${q(c)}],`).join('\n')}
]);
`;
writeModule('src/tables/arch-data.ts', out);
