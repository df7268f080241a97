// The selector options of `tsaudit search` (and `tsaudit stream`): one table that commander's options, the
// help and the man page are made from, and the parsing of their values into a Selection with ausearch
// 3.0.9's rules (src/ausearch-options.c, check_params()). Errors name the flag and the value, exit 2.

import { usageError } from '../errors.js';
import { readIdTable } from '../ids.js';
import { machineArch, resolveBitness } from '../tables/arch.js';
import { errnoNumber } from '../tables/errno.js';
import { messageTypeNumber } from '../tables/message-types.js';
import { syscallNumber } from '../tables/syscalls.js';
import { arch as hostArch } from 'node:os';
import { S_FAILED, S_SUCCESS, UNSET } from './extract.js';
import { emptySelection, type Selection } from './match.js';
import { i32, strto, u32 } from './cstr.js';

/** One selector option: ausearch's spelling (`-ui`), tsaudit's long name (`--uid`), its value. */
export interface SelectorSpec {
  /** Key in the parsed flags (commander's attribute name of `long`). */
  key: string;
  /** ausearch's short spelling, when it has one: `-k`, `-ui`. */
  short?: string;
  long: string;
  /** Value placeholder, without brackets; absent for a switch. */
  value?: string;
  description: string;
  /** The option may be given more than once (values collected). */
  repeatable?: boolean;
}

export const SELECTORS: readonly SelectorSpec[] = [
  { key: 'event', short: '-a', long: '--event', value: 'serial', description: 'events with this serial number' },
  {
    key: 'arch',
    long: '--arch',
    value: 'arch',
    description: 'SYSCALL records of this arch (b32, b64, x86_64, i386, ...); -sc NAME then names a syscall of that arch',
  },
  { key: 'comm', short: '-c', long: '--comm', value: 'name', description: 'the command name (comm=) contains this' },
  {
    key: 'exit',
    short: '-e',
    long: '--exit',
    value: 'code',
    description: 'syscall exit value: a number or an errno name (EACCES, -EACCES)',
  },
  {
    key: 'file',
    short: '-f',
    long: '--file',
    value: 'path',
    description: "a file name (PATH records, AF_UNIX sockets), else the event's cwd, contains this",
  },
  { key: 'gidAll', short: '-ga', long: '--gid-all', value: 'group', description: 'gid or egid is this group (number or name)' },
  { key: 'gidEffective', short: '-ge', long: '--gid-effective', value: 'group', description: 'egid is this group' },
  { key: 'gid', short: '-gi', long: '--gid', value: 'group', description: 'gid is this group' },
  { key: 'host', short: '-hn', long: '--host', value: 'host', description: 'the remote host name or address contains this' },
  { key: 'key', short: '-k', long: '--key', value: 'key', description: 'a rule key (key=) contains this' },
  {
    key: 'message',
    short: '-m',
    long: '--message',
    value: 'types',
    description: 'an event has a record of one of these types (comma list of names or numbers; ALL)',
  },
  {
    key: 'node',
    short: '-n',
    long: '--node',
    value: 'node',
    description: 'the node= name is this (repeatable: any of them)',
    repeatable: true,
  },
  { key: 'object', short: '-o', long: '--object', value: 'context', description: 'an object (target) SELinux context contains this' },
  { key: 'pid', short: '-p', long: '--pid', value: 'pid', description: 'process id' },
  { key: 'ppid', short: '-pp', long: '--ppid', value: 'pid', description: 'parent process id' },
  {
    key: 'syscall',
    short: '-sc',
    long: '--syscall',
    value: 'syscall',
    description: 'syscall name (on the host arch, or --arch) or number',
  },
  {
    key: 'context',
    short: '-se',
    long: '--context',
    value: 'context',
    description: 'a subject or an object SELinux context contains this',
  },
  { key: 'session', long: '--session', value: 'id', description: 'login session id (ses=)' },
  { key: 'subject', short: '-su', long: '--subject', value: 'context', description: 'a subject SELinux context contains this' },
  {
    key: 'success',
    short: '-sv',
    long: '--success',
    value: 'yes|no',
    description: 'the syscall or operation succeeded (yes) or failed (no)',
  },
  {
    key: 'start',
    short: '-ts',
    long: '--start',
    value: 'date',
    description:
      'events from this time: [DATE] [TIME], ISO 8601, or now, recent, this-hour, boot, today, yesterday, this-week, week-ago, this-month, this-year, checkpoint',
  },
  {
    key: 'end',
    short: '-te',
    long: '--end',
    value: 'date',
    description: 'events up to this time (same forms; a DATE alone means that date at the current time of day)',
  },
  { key: 'terminal', short: '-tm', long: '--terminal', value: 'tty', description: 'the terminal (tty=, terminal=) contains this' },
  { key: 'uidAll', short: '-ua', long: '--uid-all', value: 'user', description: 'uid, euid or auid is this user (number or name)' },
  { key: 'uidEffective', short: '-ue', long: '--uid-effective', value: 'user', description: 'euid is this user' },
  { key: 'uid', short: '-ui', long: '--uid', value: 'user', description: 'uid is this user' },
  { key: 'loginuid', short: '-ul', long: '--loginuid', value: 'user', description: 'auid (login uid) is this user; -1 for unset' },
  { key: 'uuid', short: '-uu', long: '--uuid', value: 'uuid', description: 'a virtual machine UUID contains this' },
  { key: 'vmName', short: '-vm', long: '--vm-name', value: 'name', description: 'a virtual machine name contains this' },
  { key: 'word', short: '-w', long: '--word', description: 'string selectors match whole values, not substrings' },
  { key: 'executable', short: '-x', long: '--executable', value: 'path', description: 'the executable (exe=) contains this' },
];

/** Parsed selector flags, as commander hands them over (values are strings; -ts/-te take 1 or 2). */
export type SelectorFlags = Readonly<Record<string, unknown>>;

/** Where names are looked up (tests point these at fixtures). */
export interface SelectorEnv {
  passwdFile?: string;
  groupFile?: string;
  /** The host's arch for syscall names and b32/b64 (default: this machine's). */
  hostArch?: string;
  /** The records are decoded text (a live stream), not byte strings: compare string selectors as given. */
  textual?: boolean;
}

const one = (v: unknown): string | undefined => (Array.isArray(v) ? (v[v.length - 1] as string) : typeof v === 'string' ? v : undefined);

/** A string selector's value as the byte string the matcher compares (UTF-8 bytes as latin1). */
const bytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

/** The host's arch as audit names it (x86_64, i386, aarch64, ...). */
export function detectHostArch(): string {
  const node = hostArch();
  const map: Record<string, string> = {
    x64: 'x86_64',
    ia32: 'i386',
    arm64: 'aarch64',
    arm: 'arm',
    ppc64: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
  };
  return map[node] ?? node;
}

/**
 * Flags -> Selection, with ausearch's value rules: numbers are read like strtoul (so `-p 12x` is pid 12),
 * names are looked up in the passwd/group files, `-ui NAME` compares names as ausearch does.
 */
export function selectionFromFlags(flags: SelectorFlags, env: SelectorEnv = {}): Selection {
  const sel = emptySelection();
  const flag = (key: string): string => {
    const spec = SELECTORS.find((s) => s.key === key)!;
    return spec.short ? `${spec.short}/${spec.long}` : spec.long;
  };
  const users = () => readIdTable(env.passwdFile ?? '/etc/passwd');
  const groups = () => readIdTable(env.groupFile ?? '/etc/group');
  const isDigit0 = (v: string) => v.charCodeAt(0) >= 48 && v.charCodeAt(0) <= 57;
  const number = (key: string, v: string, what: string): number => {
    if (!isDigit0(v)) throw usageError(`flag ${flag(key)}: ${what} must be a number, got "${v}"`, { token: v });
    const n = strto(v, 0, 10);
    if (n.overflow) throw usageError(`flag ${flag(key)}: ${what} is out of range: "${v}"`, { token: v });
    return n.value;
  };
  const user = (key: string, v: string): { id: number; name: string | null } => {
    if (isDigit0(v)) return { id: u32(number(key, v, 'a user id')), name: null };
    const id = users().byName.get(v);
    if (id === undefined) throw usageError(`flag ${flag(key)}: "${v}" is not a number and not a user of this host`, { token: v });
    return { id, name: v };
  };
  const group = (key: string, v: string): number => {
    if (isDigit0(v)) return u32(number(key, v, 'a group id'));
    const id = groups().byName.get(v);
    if (id === undefined) throw usageError(`flag ${flag(key)}: "${v}" is not a number and not a group of this host`, { token: v });
    return id;
  };
  const asBytes = env.textual ? (s: string) => s : bytes;
  const str = (key: string): string | null => {
    const v = one(flags[key]);
    return v === undefined ? null : asBytes(v);
  };

  let v: string | undefined;
  if ((v = one(flags.event)) !== undefined) sel.eventId = u32(number('event', v, 'an event serial'));
  if ((v = one(flags.message)) !== undefined && v.toUpperCase() !== 'ALL') {
    sel.types = v
      .split(',')
      .filter((t) => t !== '')
      .map((t) => {
        const n = isDigit0(t) ? i32(strto(t, 0, 10).value) : messageTypeNumber(t);
        if (n === undefined)
          throw usageError(`flag ${flag('message')}: unknown message type "${t}" (a name such as SYSCALL, USER_LOGIN, a number, or ALL)`, {
            token: t,
          });
        return n;
      });
  }
  if ((v = one(flags.pid)) !== undefined) sel.pid = i32(number('pid', v, 'a process id'));
  if ((v = one(flags.ppid)) !== undefined) sel.ppid = i32(number('ppid', v, 'a parent process id'));

  // uids: -ui, -ue, -ua, -ul (a name compares the event's names; ausearch's event_tuid/teuid/tauid)
  if ((v = one(flags.uid)) !== undefined) {
    const u = user('uid', v);
    sel.uid = u.id;
    sel.tuid = u.name;
  }
  if ((v = one(flags.uidEffective)) !== undefined) {
    const u = user('uidEffective', v);
    sel.euid = u.id;
    sel.teuid = u.name;
  }
  if ((v = one(flags.uidAll)) !== undefined) {
    const u = user('uidAll', v);
    sel.uid = sel.euid = sel.loginuid = u.id;
    if (u.name !== null) sel.tuid = sel.teuid = sel.tauid = u.name;
    sel.anyUid = true;
  }
  if ((v = one(flags.loginuid)) !== undefined) {
    if (v.length >= 2 && v[0] === '-' && isDigit0(v.slice(1))) sel.loginuid = u32(strto(v, 0, 0, true).value);
    else {
      const u = user('loginuid', v);
      sel.loginuid = u.id;
      sel.tauid = u.name;
    }
  }
  if ((v = one(flags.gid)) !== undefined) sel.gid = group('gid', v);
  if ((v = one(flags.gidEffective)) !== undefined) sel.egid = group('gidEffective', v);
  if ((v = one(flags.gidAll)) !== undefined) {
    sel.gid = sel.egid = group('gidAll', v);
    sel.anyGid = true;
  }

  const host = env.hostArch ?? detectHostArch();
  if ((v = one(flags.arch)) !== undefined) {
    const a = v.toLowerCase();
    const m = a === 'b64' || a === 'b32' ? resolveBitness(a, host) : machineArch(a);
    if (m === undefined) throw usageError(`flag --arch: unknown arch "${v}" (b32, b64, x86_64, i386, aarch64, ...)`, { token: v });
    sel.machine = m === 'armeb' ? 'arm' : m;
  }
  if ((v = one(flags.syscall)) !== undefined) {
    if (isDigit0(v)) sel.syscall = i32(number('syscall', v, 'a syscall'));
    else {
      sel.machine ??= machineArch(host) ?? host;
      const n = syscallNumber(sel.machine, v);
      if (n === undefined) throw usageError(`flag ${flag('syscall')}: no syscall "${v}" on ${sel.machine}`, { token: v });
      sel.syscall = n;
    }
  }
  if ((v = one(flags.session)) !== undefined) {
    if (isDigit0(v)) sel.session = u32(number('session', v, 'a session id'));
    else if (v.length >= 2 && v[0] === '-' && isDigit0(v.slice(1))) sel.session = u32(strto(v, 0, 0).value);
    else throw usageError(`flag --session: a session id must be a number, got "${v}"`, { token: v });
  }
  if ((v = one(flags.success)) !== undefined) {
    // ausearch takes any value containing "yes" or "no"; only "yes" itself means success
    if (!v.includes('yes') && !v.includes('no')) throw usageError(`flag ${flag('success')}: expected yes or no, got "${v}"`, { token: v });
    sel.success = v === 'yes' ? S_SUCCESS : S_FAILED;
  }
  if ((v = one(flags.exit)) !== undefined) {
    if (isDigit0(v) || (v.length >= 2 && v[0] === '-' && isDigit0(v.slice(1)))) {
      const n = strto(v, 0, 0, true);
      if (n.overflow) throw usageError(`flag ${flag('exit')}: out of range: "${v}"`, { token: v });
      sel.exit = n.value;
    } else {
      const neg = v.startsWith('-');
      const n = errnoNumber(neg ? v.slice(1) : v);
      if (n === undefined || n === 0)
        throw usageError(`flag ${flag('exit')}: "${v}" is not a number and not an errno name (EACCES, -ENOENT, ...)`, { token: v });
      sel.exit = neg ? -n : n;
    }
  }
  sel.key = str('key');
  sel.filename = str('file');
  sel.exe = str('executable');
  sel.comm = str('comm');
  sel.hostname = str('host');
  sel.terminal = str('terminal');
  sel.uuid = str('uuid');
  sel.vmname = str('vmName');
  sel.subject = str('subject');
  sel.object = str('object');
  const ctx = str('context');
  if (ctx !== null) {
    sel.subject = sel.object = ctx;
    sel.context = true;
  }
  const nodes = flags.node;
  if (typeof nodes === 'string' || Array.isArray(nodes)) sel.nodes = (Array.isArray(nodes) ? (nodes as string[]) : [nodes]).map(asBytes);
  sel.exact = flags.word === true;
  void UNSET;
  return sel;
}
