#!/usr/bin/env node
// Generate src/tables/errno-data.ts: Linux errno number <-> name, with the C library's strerror() text.
// Data only: the lookups are hand-written in src/tables/errno.ts.
//
// Usage: node scripts/gen-tables/errno.mjs [--include <dir containing asm-generic/>] [--libc <path>]
//
// Numbers and names: the kernel UAPI asm-generic/errno-base.h and asm-generic/errno.h (the numbering of
// x86, arm, aarch64, riscv, s390 and, but for EDEADLOCK, powerpc). A define whose value is another name
// (EWOULDBLOCK = EAGAIN) becomes an alias; ENOTSUP, which only the C library defines, is added as an alias
// of EOPNOTSUPP. Messages: strerror() of this machine's C library, called through koffi.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, collectDefines, debianPackageOf, evalDefine, headerComment, parseArgs, q, readText, writeModule } from './lib.mjs';

const opts = parseArgs();
const inc = opts.include ?? '/usr/include';
const libcPath = opts.libc ?? 'libc.so.6';
const files = ['asm-generic/errno-base.h', 'asm-generic/errno.h'].map((f) => join(inc, f));

const defs = new Map();
for (const f of files) collectDefines(readText(f), defs);
const primary = new Map(); // number -> name
const aliases = new Map(); // alias -> primary name
for (const [name, expr] of defs) {
  if (!/^E[A-Z0-9]+$/.test(name)) continue;
  if (/^E[A-Z0-9]+$/.test(expr.trim())) {
    aliases.set(name, expr.trim());
    continue;
  }
  const n = evalDefine(name, defs);
  if (n === undefined) throw new Error(`cannot evaluate ${name}`);
  if (primary.has(n)) throw new Error(`two names for ${n}`);
  primary.set(n, name);
}
// C-library-only spelling: ENOTSUP is EOPNOTSUPP on Linux.
if (!aliases.has('ENOTSUP')) aliases.set('ENOTSUP', 'EOPNOTSUPP');

const koffi = createRequire(join(REPO_ROOT, 'package.json'))('koffi');
const libc = koffi.load(libcPath);
const strerror = libc.func('const char *strerror(int)');
const numbers = [...primary.keys()].sort((a, b) => a - b);
const rows = numbers.map((n) => `  [${n}, ${q(primary.get(n))}, ${q(strerror(n))}],`).join('\n');
const aliasRows = [...aliases]
  .sort()
  .map(([a, p]) => {
    const n = numbers.find((k) => primary.get(k) === p);
    if (n === undefined) throw new Error(`alias ${a} of unknown ${p}`);
    return `  [${q(a)}, ${n}],`;
  })
  .join('\n');

const out = `${headerComment({
  title: 'Linux errno numbers <-> names, with strerror() text (asm-generic numbering).',
  sources: [
    `asm-generic/errno-base.h and asm-generic/errno.h, Linux UAPI (${debianPackageOf(files[0])})`,
    `strerror() of the GNU C library (${debianPackageOf('/usr/include/string.h')})`,
  ],
  notes: [
    'The generic numbering is the one of x86, arm, aarch64, riscv, s390 and powerpc (but powerpc has',
    'EDEADLOCK 58); alpha, mips, parisc and sparc number errors differently.',
  ],
  generator: 'errno.mjs',
})}
/** [number, name, strerror text] for every errno, in ascending order. */
export const ERRNOS: readonly (readonly [number, string, string])[] = [
${rows}
];

/** Other names of the same numbers (EWOULDBLOCK = EAGAIN, ...), name -> number. */
export const ERRNO_ALIASES: ReadonlyMap<string, number> = new Map<string, number>([
${aliasRows}
]);
`;
writeModule('src/tables/errno-data.ts', out);
