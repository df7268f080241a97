#!/usr/bin/env node
// Generate src/tables/message-types-data.ts: audit message type number <-> name.
// Data only: the lookups are hand-written in src/tables/message-types.ts.
//
// Usage: node scripts/gen-tables/message-types.mjs --audit-userspace <git dir> [--kernel-audit-h <path>]
//
// Names come from audit-userspace's lib/msg_typetab.h (the table ausearch prints from), including its
// commented-out entries (netlink control messages and deprecated types ausearch never shows), plus any
// message-type define of the kernel UAPI linux/audit.h that the table lacks. Numbers come from the defines
// in linux/audit.h, lib/audit-records.h and lib/libaudit.h.
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
const kernelPath = opts['kernel-audit-h'] ?? '/usr/include/linux/audit.h';
const us = userspaceSource(opts);

const kernelText = readText(kernelPath);
const tabText = us.read('lib/msg_typetab.h');
const defs = new Map();
collectDefines(kernelText, defs);
collectDefines(us.read('lib/audit-records.h'), defs);
collectDefines(us.read('lib/libaudit.h'), defs);
// Message types newer than the installed UAPI header and not yet in audit-userspace: facts from the
// kernel's include/uapi/linux/audit.h (IPE types since v6.12, LSM context types since v6.17). Only used
// when no header above defines them.
const NEWER_KERNEL = {
  AUDIT_IPE_ACCESS: '1420',
  AUDIT_IPE_CONFIG_CHANGE: '1421',
  AUDIT_IPE_POLICY_LOAD: '1422',
  AUDIT_LANDLOCK_ACCESS: '1423',
  AUDIT_LANDLOCK_DOMAIN: '1424',
  AUDIT_MAC_TASK_CONTEXTS: '1425',
  AUDIT_MAC_OBJ_CONTEXTS: '1426',
};
for (const [k, v] of Object.entries(NEWER_KERNEL)) if (!defs.has(k)) defs.set(k, v);
// Deprecated types kept only as a commented-out define in the UAPI header (e.g. FS_WATCH 1301).
for (const m of kernelText.matchAll(/\/\*\s*#define\s+(AUDIT_[A-Z0-9_]+)\s+(\d+)/g)) {
  if (!defs.has(m[1])) defs.set(m[1], m[2]);
}

/** number -> { name, symbol, origin } */
const byNumber = new Map();
const unresolved = [];
const inAusearch = new Set();

// 1. audit-userspace's table, active and commented-out rows, in file order.
for (const line of tabText.split('\n')) {
  const m = /^\s*(\/\/)?\s*_S\(\s*(AUDIT_[A-Z0-9_]+)\s*,\s*"([^"]+)"\s*\)/.exec(line);
  if (!m) continue;
  const [, commented, symbol, name] = m;
  const n = evalDefine(symbol, defs);
  if (n === undefined) {
    unresolved.push(symbol);
    continue;
  }
  const prev = byNumber.get(n);
  if (prev && prev.name !== name) throw new Error(`conflict at ${n}: ${prev.name} vs ${name}`);
  if (!prev) byNumber.set(n, { name, symbol, origin: 'userspace' });
  if (!commented) inAusearch.add(n);
}

// 2. Kernel UAPI message types (1000..2999) the table lacks. Range markers are not message types.
const kernelDefs = collectDefines(kernelText);
for (const symbol of [...kernelDefs.keys(), ...Object.keys(NEWER_KERNEL)]) {
  if (/_(FIRST|LAST)_|^AUDIT_(FIRST|LAST)_/.test(symbol)) continue;
  const n = evalDefine(symbol, defs);
  if (n === undefined || n < 1000 || n > 2999) continue;
  if (!byNumber.has(n)) byNumber.set(n, { name: symbol.slice('AUDIT_'.length), symbol, origin: 'kernel' });
}

const numbers = [...byNumber.keys()].sort((a, b) => a - b);
const names = new Set();
for (const n of numbers) {
  const { name } = byNumber.get(n);
  if (names.has(name)) throw new Error(`duplicate name ${name}`);
  names.add(name);
}
if (unresolved.length) process.stderr.write(`no number for: ${unresolved.join(', ')} (skipped)\n`);

for (const n of numbers) if (!/^[A-Z][A-Z0-9_]*$/.test(byNumber.get(n).name)) throw new Error(`not an identifier: ${byNumber.get(n).name}`);
const constants = numbers.map((n) => `  ${byNumber.get(n).name}: ${n},`).join('\n');
const rows = numbers.map((n) => `  [${n}, ${q(byNumber.get(n).name)}],`).join('\n');
const hidden = numbers.filter((n) => !inAusearch.has(n));

const out = `${headerComment({
  title: 'Audit message types: number <-> name (names without the AUDIT_ prefix, as ausearch prints them).',
  sources: [
    `linux/audit.h, Linux UAPI (${debianPackageOf(kernelPath)})`,
    'Linux include/uapi/linux/audit.h v6.17 for types newer than that header: IPE_* 1420-1422, MAC_TASK_CONTEXTS 1425, MAC_OBJ_CONTEXTS 1426',
    us.label('linux-audit/audit-userspace') + ': lib/msg_typetab.h, lib/audit-records.h, lib/libaudit.h',
  ],
  notes: [`${numbers.length} types. Skipped (no number in any source): ${unresolved.join(', ') || 'none'}.`],
  generator: 'message-types.mjs',
})}
/** Every known audit message type by name (the kernel's AUDIT_<NAME> without the prefix): \`AUDIT_MESSAGE.SYSCALL\` is 1300. */
export const AUDIT_MESSAGE = {
${constants}
} as const;

/** Every known audit message type, number -> name, in ascending order. */
export const MESSAGE_TYPES: ReadonlyMap<number, string> = new Map<number, string>([
${rows}
]);

/**
 * Types that ausearch's own table leaves out (netlink control messages and long-deprecated types that
 * auditd filters and never logs), so ausearch would print them as UNKNOWN[n]; ours names them.
 */
export const NOT_IN_AUSEARCH: ReadonlySet<number> = new Set<number>([${hidden.join(', ')}]);
`;
writeModule('src/tables/message-types-data.ts', out);
