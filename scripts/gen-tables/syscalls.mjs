#!/usr/bin/env node
// Generate src/tables/syscalls-data.ts: syscall number <-> name for each syscall table the arch module names.
// Data only: the lookups are hand-written in src/tables/syscalls.ts.
//
// Usage:
//   node scripts/gen-tables/syscalls.mjs --audit-userspace <git dir> --cross-debs <dir> [--x86-include <dir>]
//
// Facts, in order of preference:
//   1. The Linux UAPI unistd headers: x86 from this machine's linux-libc-dev (<triplet>/asm/unistd_64.h and
//      unistd_32.h), the others from Debian's linux-libc-dev-<arch>-cross packages (apt-get download
//      linux-libc-dev-{arm64,armhf,powerpc,ppc64el,s390x,riscv64}-cross into --cross-debs). asm-generic
//      arches (aarch64, riscv) are run through the C preprocessor so that their __ARCH_WANT_* choices apply.
//   2. audit-userspace's lib/<arch>_table.h for syscalls newer than those headers (numbers above the
//      header's highest), plus a few named older additions listed in EXTRA_FROM_AUDIT below.
// Where audit-userspace spells a syscall differently (pread vs pread64), the kernel name is the name and
// the audit spelling is kept as an alias (what auditctl accepts and ausearch prints).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectDefines, debianPackageOf, evalDefine, headerComment, parseArgs, q, userspaceSource, writeModule } from './lib.mjs';

const opts = parseArgs();
const us = userspaceSource(opts);
const x86 = opts['x86-include'] ?? '/usr/include/x86_64-linux-gnu';
const debDir = opts['cross-debs'];
if (!debDir) throw new Error('missing --cross-debs <dir with linux-libc-dev-*-cross .deb files>');

// Unpack the cross header packages.
const root = mkdtempSync(join(tmpdir(), 'gen-syscalls-'));
const debs = new Map(); // arch triplet dir -> "package version"
for (const f of readdirSync(debDir)
  .filter((f) => f.endsWith('.deb'))
  .sort()) {
  const path = join(debDir, f);
  const field = (k) => execFileSync('dpkg-deb', ['-f', path, k], { encoding: 'utf8' }).trim();
  execFileSync('dpkg-deb', ['-x', path, root]);
  debs.set(field('Package'), `${field('Package')} ${field('Version')}`);
}
const cross = (triplet) => join(root, 'usr', triplet, 'include');
const need = (pkg) => {
  if (!debs.has(pkg)) throw new Error(`missing ${pkg} in --cross-debs`);
  return debs.get(pkg);
};

function fromFile(path) {
  return readFileSync(path, 'utf8');
}
function fromCpp(include, args) {
  return execFileSync('cpp', ['-dM', '-nostdinc', '-I', include, ...args, '-'], {
    input: '#include <asm/unistd.h>\n',
    encoding: 'utf8',
  });
}

const x86Pkg = debianPackageOf(join(x86, 'asm/unistd_64.h'));
const TABLES = [
  { key: 'x86_64', audit: 'x86_64', src: () => fromFile(join(x86, 'asm/unistd_64.h')), from: `asm/unistd_64.h (${x86Pkg})` },
  { key: 'i386', audit: 'i386', src: () => fromFile(join(x86, 'asm/unistd_32.h')), from: `asm/unistd_32.h (${x86Pkg})` },
  {
    key: 'aarch64',
    audit: 'aarch64',
    src: () => fromCpp(cross('aarch64-linux-gnu'), ['-D__aarch64__']),
    from: `asm/unistd.h + asm-generic/unistd.h, 64-bit (${need('linux-libc-dev-arm64-cross')})`,
  },
  {
    key: 'arm',
    audit: 'arm',
    src: () => fromFile(join(cross('arm-linux-gnueabihf'), 'asm/unistd-eabi.h')),
    from: `asm/unistd-eabi.h (${need('linux-libc-dev-armhf-cross')})`,
  },
  {
    key: 'ppc64',
    audit: 'ppc',
    src: () => fromFile(join(cross('powerpc64le-linux-gnu'), 'asm/unistd_64.h')),
    from: `asm/unistd_64.h (${need('linux-libc-dev-ppc64el-cross')})`,
  },
  {
    key: 'ppc',
    audit: 'ppc',
    src: () => fromFile(join(cross('powerpc-linux-gnu'), 'asm/unistd_32.h')),
    from: `asm/unistd_32.h (${need('linux-libc-dev-powerpc-cross')})`,
  },
  {
    key: 's390x',
    audit: 's390x',
    src: () => fromFile(join(cross('s390x-linux-gnu'), 'asm/unistd_64.h')),
    from: `asm/unistd_64.h (${need('linux-libc-dev-s390x-cross')})`,
  },
  {
    key: 's390',
    audit: 's390',
    src: () => fromFile(join(cross('s390x-linux-gnu'), 'asm/unistd_32.h')),
    from: `asm/unistd_32.h (${need('linux-libc-dev-s390x-cross')})`,
  },
  {
    key: 'riscv64',
    audit: 'riscv64',
    src: () => fromCpp(cross('riscv64-linux-gnu'), []),
    from: `asm/unistd.h + asm-generic/unistd.h, LP64 (${need('linux-libc-dev-riscv64-cross')})`,
  },
  {
    key: 'riscv32',
    audit: 'riscv32',
    src: () => fromCpp(cross('riscv64-linux-gnu'), ['-m32']),
    from: `asm/unistd.h + asm-generic/unistd.h, ILP32 (${need('linux-libc-dev-riscv64-cross')})`,
  },
];

// audit-userspace entries below a header's highest number that the header lacks, taken on purpose.
// Anything else of that kind is reported in the module header as not taken.
const EXTRA_FROM_AUDIT = {
  // OABI-only calls (the kernel's arch/arm/tools/syscall.tbl "oabi" rows): same number space.
  arm: 'all',
  s390x: ['memfd_secret'], // wired up on s390 after 6.1
  s390: ['memfd_secret'],
  riscv64: ['riscv_hwprobe'], // added in 6.4 in the arch-specific range
  riscv32: ['riscv_hwprobe'],
};
// x86_64 uretprobe (6.11) and uprobe (6.16): audit-userspace lists them only in comment rows of
// x86_64_table.h because they are not ordinary syscalls; they are in the kernel's syscall_64.tbl.
const EXTRA_KERNEL = { x86_64: { 335: 'uretprobe', 336: 'uprobe' } };

function kernelTable(text) {
  const defs = collectDefines(text);
  defs.set('__NR_SYSCALL_BASE', defs.get('__NR_SYSCALL_BASE') ?? '0');
  const byNr = new Map();
  for (const sym of defs.keys()) {
    if (!/^__NR_[a-z_][a-z0-9_]*$/.test(sym) || sym === '__NR_arch_specific_syscall' || sym === '__NR_syscalls') continue;
    const nr = evalDefine(sym, defs);
    if (nr === undefined) throw new Error(`cannot evaluate ${sym} = ${defs.get(sym)}`);
    const name = sym.slice(5);
    if (byNr.has(nr)) throw new Error(`two names for ${nr}: ${byNr.get(nr)} ${name}`);
    byNr.set(nr, name);
  }
  return byNr;
}

function auditTable(arch) {
  const byNr = new Map();
  for (const m of us.read(`lib/${arch}_table.h`).matchAll(/^_S\(\s*(\d+)\s*,\s*"([A-Za-z0-9_]+)"\s*\)/gm)) {
    byNr.set(Number(m[1]), m[2]);
  }
  return byNr;
}

const results = [];
for (const t of TABLES) {
  const k = kernelTable(t.src());
  const a = auditTable(t.audit);
  const kmax = Math.max(...k.keys());
  const kNames = new Set(k.values());
  const table = new Map(k);
  const aliases = new Map(); // audit spelling -> nr
  const newer = [];
  const notTaken = [];
  for (const [nr, name] of [...a].sort((x, y) => x[0] - y[0])) {
    const kn = k.get(nr);
    if (kn !== undefined) {
      if (kn !== name) {
        if (kNames.has(name)) notTaken.push(`${nr} ${name} (kernel: ${kn})`);
        else aliases.set(name, nr);
      }
      continue;
    }
    if (kNames.has(name)) {
      notTaken.push(`${nr} ${name} (kernel numbers it differently)`);
      continue;
    }
    const extra = EXTRA_FROM_AUDIT[t.key];
    if (nr > kmax || extra === 'all' || extra?.includes(name)) {
      table.set(nr, name);
      if (nr > kmax) newer.push(nr);
    } else notTaken.push(`${nr} ${name}`);
  }
  for (const [nr, name] of Object.entries(EXTRA_KERNEL[t.key] ?? {})) {
    if (!table.has(Number(nr))) table.set(Number(nr), name);
  }
  const names = new Set();
  for (const n of table.values()) {
    if (names.has(n)) throw new Error(`${t.key}: duplicate name ${n}`);
    names.add(n);
  }
  results.push({ t, table, aliases, newer, notTaken, kmax });
}
rmSync(root, { recursive: true, force: true });

const sources = [
  ...TABLES.map((t) => `${t.key}: ${t.from}`),
  us.label('linux-audit/audit-userspace') + ': lib/<arch>_table.h (ppc_table.h serves ppc and ppc64)',
];
const notes = ['Syscalls newer than the headers, from audit-userspace:'];
for (const r of results) {
  notes.push(
    `  ${r.t.key}: ${r.newer.length} above ${r.kmax}${r.newer.length ? ` (${Math.min(...r.newer)}..${Math.max(...r.newer)})` : ''}`,
  );
}
notes.push('audit-userspace entries not taken (not a syscall of that ABI in the kernel headers):');
for (const r of results) if (r.notTaken.length) notes.push(`  ${r.t.key}: ${r.notTaken.join(', ')}`);

const body = results
  .map(({ t, table }) => {
    const rows = [...table].sort((x, y) => x[0] - y[0]).map(([nr, name]) => `${nr}: ${q(name)}`);
    const lines = [];
    for (let i = 0; i < rows.length; i += 6) lines.push(`    ${rows.slice(i, i + 6).join(', ')},`);
    return `  ${t.key}: {\n${lines.join('\n')}\n  },`;
  })
  .join('\n');
const aliasBody = results
  .filter((r) => r.aliases.size)
  .map(({ t, aliases }) => `  ${t.key}: { ${[...aliases].map(([n, nr]) => `${n}: ${nr}`).join(', ')} },`)
  .join('\n');

const out = `${headerComment({
  title: 'Syscall number <-> name per syscall table (kernel names; audit-userspace spellings as aliases).',
  sources,
  notes,
  generator: 'syscalls.mjs',
})}
export type SyscallTable = ${TABLES.map((t) => q(t.key)).join(' | ')};

/** Every syscall table, number -> kernel name. Which arch uses which table: ArchInfo.syscallTable. */
export const SYSCALLS: Readonly<Record<SyscallTable, Readonly<Record<number, string>>>> = {
${body}
};

/**
 * audit-userspace spellings that differ from the kernel's (x86_64 pread for pread64, ...), name -> number:
 * auditctl accepts them and ausearch prints them.
 */
export const SYSCALL_ALIASES: Readonly<Partial<Record<SyscallTable, Readonly<Record<string, number>>>>> = {
${aliasBody}
};
`;
writeModule('src/tables/syscalls-data.ts', out);
