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
import { S_FAILED, S_SUCCESS } from './extract.js';
import { emptySelection, type Selection } from './match.js';
import { i32, strto, u32 } from '../audit-fields/cstr.js';

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

/** A table row: key, `-short --long value` (short and value optional), description, repeatable. */
function spec(key: string, spelling: string, description: string, repeatable = false): SelectorSpec {
  const words = spelling.split(' ');
  const short = words[0]!.startsWith('--') ? undefined : words.shift();
  const [long, value] = words as [string, string | undefined];
  return { key, ...(short && { short }), long, ...(value && { value }), description, ...(repeatable && { repeatable }) };
}

export const SELECTORS: readonly SelectorSpec[] = [
  spec('event', '-a --event serial', 'events with this serial number'),
  spec('arch', '--arch arch', 'SYSCALL records of this arch (b32, b64, x86_64, i386, ...); -sc NAME then names a syscall of that arch'),
  spec('comm', '-c --comm name', 'the command name (comm=) contains this'),
  spec('exit', '-e --exit code', 'syscall exit value: a number or an errno name (EACCES, -EACCES)'),
  spec('file', '-f --file path', "a file name (PATH records, AF_UNIX sockets), else the event's cwd, contains this"),
  spec('gidAll', '-ga --gid-all group', 'gid or egid is this group (number or name)'),
  spec('gidEffective', '-ge --gid-effective group', 'egid is this group'),
  spec('gid', '-gi --gid group', 'gid is this group'),
  spec('host', '-hn --host host', 'the remote host name or address contains this'),
  spec('key', '-k --key key', 'a rule key (key=) contains this'),
  spec('message', '-m --message types', 'an event has a record of one of these types (comma list of names or numbers; ALL)'),
  spec('node', '-n --node node', 'the node= name is this (repeatable: any of them)', true),
  spec('object', '-o --object context', 'an object (target) SELinux context contains this'),
  spec('pid', '-p --pid pid', 'process id'),
  spec('ppid', '-pp --ppid pid', 'parent process id'),
  spec('syscall', '-sc --syscall syscall', 'syscall name (on the host arch, or --arch) or number'),
  spec('context', '-se --context context', 'a subject or an object SELinux context contains this'),
  spec('session', '--session id', 'login session id (ses=)'),
  spec('subject', '-su --subject context', 'a subject SELinux context contains this'),
  spec('success', '-sv --success yes|no', 'the syscall or operation succeeded (yes) or failed (no)'),
  spec(
    'start',
    '-ts --start date',
    'events from this time: [DATE] [TIME], ISO 8601, or now, recent, this-hour, boot, today, yesterday, this-week, week-ago, this-month, this-year, checkpoint',
  ),
  spec('end', '-te --end date', 'events up to this time (same forms; a DATE alone means that date at the current time of day)'),
  spec('terminal', '-tm --terminal tty', 'the terminal (tty=, terminal=) contains this'),
  spec('uidAll', '-ua --uid-all user', 'uid, euid or auid is this user (number or name)'),
  spec('uidEffective', '-ue --uid-effective user', 'euid is this user'),
  spec('uid', '-ui --uid user', 'uid is this user'),
  spec('loginuid', '-ul --loginuid user', 'auid (login uid) is this user; -1 for unset'),
  spec('uuid', '-uu --uuid uuid', 'a virtual machine UUID contains this'),
  spec('vmName', '-vm --vm-name name', 'a virtual machine name contains this'),
  spec('word', '-w --word', 'string selectors match whole values, not substrings'),
  spec('executable', '-x --executable path', 'the executable (exe=) contains this'),
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
  const read = new FlagReader(flags, env);
  let v: string | undefined;
  if ((v = read.value('event')) !== undefined) sel.eventId = u32(read.number('event', v, 'an event serial'));
  if ((v = read.value('message')) !== undefined && v.toUpperCase() !== 'ALL') sel.types = messageTypes(read, v);
  if ((v = read.value('pid')) !== undefined) sel.pid = i32(read.number('pid', v, 'a process id'));
  if ((v = read.value('ppid')) !== undefined) sel.ppid = i32(read.number('ppid', v, 'a parent process id'));
  userSelectors(read, sel);
  groupSelectors(read, sel);
  syscallSelectors(read, sel, env.hostArch ?? detectHostArch());
  outcomeSelectors(read, sel);
  sel.key = read.text('key');
  sel.filename = read.text('file');
  sel.exe = read.text('executable');
  sel.comm = read.text('comm');
  sel.hostname = read.text('host');
  sel.terminal = read.text('terminal');
  sel.uuid = read.text('uuid');
  sel.vmname = read.text('vmName');
  sel.subject = read.text('subject');
  sel.object = read.text('object');
  const ctx = read.text('context');
  if (ctx !== null) {
    sel.subject = sel.object = ctx;
    sel.context = true;
  }
  const nodes = flags.node;
  if (typeof nodes === 'string' || Array.isArray(nodes))
    sel.nodes = (Array.isArray(nodes) ? (nodes as string[]) : [nodes]).map(read.asBytes);
  sel.exact = flags.word === true;
  return sel;
}

const isDigit0 = (v: string) => v.charCodeAt(0) >= 48 && v.charCodeAt(0) <= 57;
/** `-N` (a negative number) */
const isNegative = (v: string) => v.length >= 2 && v[0] === '-' && isDigit0(v.slice(1));

/** Reads selector values from the flags, with errors that name the flag and the value (exit 2). */
class FlagReader {
  /** String selectors compare byte strings, unless the records are decoded text (env.textual). */
  readonly asBytes: (s: string) => string;

  constructor(
    private readonly flags: SelectorFlags,
    private readonly env: SelectorEnv,
  ) {
    this.asBytes = env.textual ? (s) => s : bytes;
  }

  /** The flag's value (the last one given), or undefined. */
  value(key: string): string | undefined {
    return one(this.flags[key]);
  }

  /** A string selector's value as the matcher compares it, or null. */
  text(key: string): string | null {
    const v = this.value(key);
    return v === undefined ? null : this.asBytes(v);
  }

  /** How errors name the flag: `-k/--key`. */
  flag(key: string): string {
    const spec = SELECTORS.find((s) => s.key === key)!;
    return spec.short ? `${spec.short}/${spec.long}` : spec.long;
  }

  number(key: string, v: string, what: string): number {
    if (!isDigit0(v)) throw usageError(`flag ${this.flag(key)}: ${what} must be a number, got "${v}"`, { token: v });
    const n = strto(v, 0, 10);
    if (n.overflow) throw usageError(`flag ${this.flag(key)}: ${what} is out of range: "${v}"`, { token: v });
    return n.value;
  }

  user(key: string, v: string): { id: number; name: string | null } {
    if (isDigit0(v)) return { id: u32(this.number(key, v, 'a user id')), name: null };
    const id = readIdTable(this.env.passwdFile ?? '/etc/passwd').byName.get(v);
    if (id === undefined) throw usageError(`flag ${this.flag(key)}: "${v}" is not a number and not a user of this host`, { token: v });
    return { id, name: v };
  }

  group(key: string, v: string): number {
    if (isDigit0(v)) return u32(this.number(key, v, 'a group id'));
    const id = readIdTable(this.env.groupFile ?? '/etc/group').byName.get(v);
    if (id === undefined) throw usageError(`flag ${this.flag(key)}: "${v}" is not a number and not a group of this host`, { token: v });
    return id;
  }
}

function messageTypes(read: FlagReader, v: string): number[] {
  return v
    .split(',')
    .filter((t) => t !== '')
    .map((t) => {
      const n = isDigit0(t) ? i32(strto(t, 0, 10).value) : messageTypeNumber(t);
      if (n === undefined)
        throw usageError(
          `flag ${read.flag('message')}: unknown message type "${t}" (a name such as SYSCALL, USER_LOGIN, a number, or ALL)`,
          {
            token: t,
          },
        );
      return n;
    });
}

/** -ui, -ue, -ua, -ul: a name compares the event's names (ausearch's event_tuid/teuid/tauid). */
function userSelectors(read: FlagReader, sel: Selection): void {
  let v: string | undefined;
  if ((v = read.value('uid')) !== undefined) {
    const u = read.user('uid', v);
    sel.uid = u.id;
    sel.tuid = u.name;
  }
  if ((v = read.value('uidEffective')) !== undefined) {
    const u = read.user('uidEffective', v);
    sel.euid = u.id;
    sel.teuid = u.name;
  }
  if ((v = read.value('uidAll')) !== undefined) {
    const u = read.user('uidAll', v);
    sel.uid = sel.euid = sel.loginuid = u.id;
    if (u.name !== null) sel.tuid = sel.teuid = sel.tauid = u.name;
    sel.anyUid = true;
  }
  if ((v = read.value('loginuid')) !== undefined) {
    if (isNegative(v)) sel.loginuid = u32(strto(v, 0, 0, true).value);
    else {
      const u = read.user('loginuid', v);
      sel.loginuid = u.id;
      sel.tauid = u.name;
    }
  }
}

function groupSelectors(read: FlagReader, sel: Selection): void {
  let v: string | undefined;
  if ((v = read.value('gid')) !== undefined) sel.gid = read.group('gid', v);
  if ((v = read.value('gidEffective')) !== undefined) sel.egid = read.group('gidEffective', v);
  if ((v = read.value('gidAll')) !== undefined) {
    sel.gid = sel.egid = read.group('gidAll', v);
    sel.anyGid = true;
  }
}

/** --arch, -sc (a name is looked up on --arch's machine, else the host's), --session. */
function syscallSelectors(read: FlagReader, sel: Selection, host: string): void {
  let v: string | undefined;
  if ((v = read.value('arch')) !== undefined) {
    const a = v.toLowerCase();
    const m = a === 'b64' || a === 'b32' ? resolveBitness(a, host) : machineArch(a);
    if (m === undefined) throw usageError(`flag --arch: unknown arch "${v}" (b32, b64, x86_64, i386, aarch64, ...)`, { token: v });
    sel.machine = m === 'armeb' ? 'arm' : m;
  }
  if ((v = read.value('syscall')) !== undefined) {
    if (isDigit0(v)) sel.syscall = i32(read.number('syscall', v, 'a syscall'));
    else {
      sel.machine ??= machineArch(host) ?? host;
      const n = syscallNumber(sel.machine, v);
      if (n === undefined) throw usageError(`flag ${read.flag('syscall')}: no syscall "${v}" on ${sel.machine}`, { token: v });
      sel.syscall = n;
    }
  }
  if ((v = read.value('session')) !== undefined) {
    if (isDigit0(v)) sel.session = u32(read.number('session', v, 'a session id'));
    else if (isNegative(v)) sel.session = u32(strto(v, 0, 0).value);
    else throw usageError(`flag --session: a session id must be a number, got "${v}"`, { token: v });
  }
}

/** -sv and -e. */
function outcomeSelectors(read: FlagReader, sel: Selection): void {
  let v: string | undefined;
  if ((v = read.value('success')) !== undefined) {
    // ausearch takes any value containing "yes" or "no"; only "yes" itself means success
    if (!v.includes('yes') && !v.includes('no'))
      throw usageError(`flag ${read.flag('success')}: expected yes or no, got "${v}"`, { token: v });
    sel.success = v === 'yes' ? S_SUCCESS : S_FAILED;
  }
  if ((v = read.value('exit')) !== undefined) {
    if (isDigit0(v) || isNegative(v)) {
      const n = strto(v, 0, 0, true);
      if (n.overflow) throw usageError(`flag ${read.flag('exit')}: out of range: "${v}"`, { token: v });
      sel.exit = n.value;
    } else {
      const neg = v.startsWith('-');
      const n = errnoNumber(neg ? v.slice(1) : v);
      if (n === undefined || n === 0)
        throw usageError(`flag ${read.flag('exit')}: "${v}" is not a number and not an errno name (EACCES, -ENOENT, ...)`, { token: v });
      sel.exit = neg ? -n : n;
    }
  }
}
