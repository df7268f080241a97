#!/usr/bin/env node
// Generate src/tables/linux-constants.ts: the few C-library and kernel numbers tsaudit's code uses by name
// (socket calls on a NETLINK_AUDIT socket, address families, path limits, audit_status mask bits), so that
// each fact stands once, read from the header that defines it.
//
// Usage: node scripts/gen-tables/linux-constants.mjs [--include <dir>] [--multiarch <dir under include>]
//
// Headers: the kernel UAPI (linux/audit.h, linux/netlink.h, linux/limits.h, asm-generic/socket.h,
// asm-generic/poll.h) and the GNU C library's bits/ headers, where some numbers are enum members
// (`SOCK_RAW = 3,`) rather than defines. Values are as on x86_64 and arm64 (the generic socket ABI).
import { join } from 'node:path';
import { collectDefines, debianPackageOf, headerComment, parseArgs, readText, stripComments, writeModule } from './lib.mjs';

const opts = parseArgs();
const inc = opts.include ?? '/usr/include';
const multiarch = opts.multiarch ?? 'x86_64-linux-gnu';

/** Each group becomes one `as const` object; `strip` drops a prefix from the keys, as AUDIT_MESSAGE does. */
const GROUPS = [
  {
    name: 'ADDRESS_FAMILY',
    doc: 'Address families (sockaddr.sa_family) tsaudit decodes or opens, and the number of them (AF_MAX).',
    headers: [`${multiarch}/bits/socket.h`],
    names: ['AF_LOCAL', 'AF_INET', 'AF_INET6', 'AF_NETLINK', 'AF_MAX'],
  },
  {
    name: 'NETLINK_SOCKET',
    doc: 'What socket(), setsockopt(), recvfrom(), poll() and eventfd() take for a NETLINK_AUDIT socket.',
    headers: [
      `${multiarch}/bits/socket.h`,
      `${multiarch}/bits/socket_type.h`,
      `${multiarch}/bits/eventfd.h`,
      'asm-generic/socket.h',
      'asm-generic/poll.h',
      'linux/netlink.h',
    ],
    names: [
      'SOCK_RAW',
      'SOCK_NONBLOCK',
      'SOCK_CLOEXEC',
      'NETLINK_AUDIT',
      'SOL_SOCKET',
      'SO_RCVBUF',
      'SO_RCVBUFFORCE',
      'SOL_NETLINK',
      'NETLINK_ADD_MEMBERSHIP',
      'MSG_DONTWAIT',
      'POLLIN',
      'EFD_NONBLOCK',
      'EFD_CLOEXEC',
    ],
  },
  {
    name: 'PATH_LIMITS',
    doc: 'Path limits: a path, with its NUL, and one name in it.',
    headers: ['linux/limits.h'],
    names: ['PATH_MAX', 'NAME_MAX'],
  },
  {
    name: 'AUDIT_UAPI',
    doc: 'Single numbers of linux/audit.h: the AUDIT_ARCH_* bit of a 64-bit architecture, struct audit_features version.',
    headers: ['linux/audit.h'],
    names: ['__AUDIT_ARCH_64BIT', 'AUDIT_FEATURE_VERSION'],
  },
  {
    name: 'AUDIT_STATUS',
    doc: 'struct audit_status mask bits: which fields an AUDIT_SET changes.',
    headers: ['linux/audit.h'],
    strip: 'AUDIT_STATUS_',
    names: [
      'AUDIT_STATUS_ENABLED',
      'AUDIT_STATUS_FAILURE',
      'AUDIT_STATUS_PID',
      'AUDIT_STATUS_RATE_LIMIT',
      'AUDIT_STATUS_BACKLOG_LIMIT',
      'AUDIT_STATUS_BACKLOG_WAIT_TIME',
      'AUDIT_STATUS_LOST',
      'AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL',
    ],
  },
  {
    name: 'AUDIT_FAIL',
    doc: 'Failure modes (audit_status.failure).',
    headers: ['linux/audit.h'],
    strip: 'AUDIT_FAIL_',
    names: ['AUDIT_FAIL_SILENT', 'AUDIT_FAIL_PRINTK', 'AUDIT_FAIL_PANIC'],
  },
  {
    name: 'AUDIT_FEATURE',
    doc: 'struct audit_features feature numbers.',
    headers: ['linux/audit.h'],
    strip: 'AUDIT_FEATURE_',
    names: ['AUDIT_FEATURE_ONLY_UNSET_LOGINUID', 'AUDIT_FEATURE_LOGINUID_IMMUTABLE'],
  },
];

/** Defines, and the glibc enum members that stand beside a `#define NAME NAME`, of one header. */
function constantsOf(text) {
  const defs = collectDefines(text);
  for (const m of stripComments(text).matchAll(/^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(0x[0-9a-fA-F]+|[0-9]+)\s*,?\s*$/gm)) {
    defs.set(m[1], m[2]);
  }
  return defs;
}

/** A C integer literal (decimal, 0x hex, 0 octal) or another name, as the number and the literal JS should show. */
function resolve(name, defs, depth = 0) {
  const expr = defs
    .get(name)
    ?.replace(/^\((.*)\)$/, '$1')
    .trim();
  if (expr === undefined || depth > 8) throw new Error(`cannot find ${name}`);
  if (/^0x[0-9a-fA-F]+$/.test(expr)) return { value: Number(expr), text: `0x${expr.slice(2).toLowerCase()}` };
  if (/^0[0-7]+$/.test(expr)) return { value: parseInt(expr, 8), text: `0o${expr.replace(/^0+/, '')}` };
  if (/^[0-9]+$/.test(expr)) return { value: Number(expr), text: expr };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(expr) && expr !== name) return resolve(expr, defs, depth + 1);
  throw new Error(`${name}: not a plain integer (${expr})`);
}

const used = new Set();
const blocks = GROUPS.map((g) => {
  const defs = new Map();
  for (const h of g.headers) {
    for (const [k, v] of constantsOf(readText(join(inc, h)))) if (!defs.has(k)) defs.set(k, v);
    used.add(h);
  }
  const rows = g.names.map((n) => `  ${g.strip ? n.slice(g.strip.length) : n}: ${resolve(n, defs).text},`);
  return `/** ${g.doc} */\nexport const ${g.name} = {\n${rows.join('\n')}\n} as const;\n`;
});

const sources = [...used].map((h) => `${h} (${debianPackageOf(join(inc, h))})`);
const out = `${headerComment({
  title: 'C-library and kernel constants tsaudit uses by name, each read from the header that defines it.',
  sources,
  notes: ['The socket numbers are those of the generic Linux ABI (x86_64, arm64, riscv64 and others alike).'],
  generator: 'linux-constants.mjs',
})}
${blocks.join('\n')}`;
writeModule('src/tables/linux-constants.ts', out);
