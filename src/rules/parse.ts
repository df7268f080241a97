// auditctl argv -> typed commands. The rule-building options (-w -W -a -A -d -S -F -C -k -p) and the control
// options of rule files (-D -b -f -e -r --backlog_wait_time ...) behave as in auditctl 3.0.x: the same option
// order rules, the same defaults (a watch gets all permissions and every syscall, a rule without -S gets every
// syscall, keys are joined with \x01 and appended last), the same number parsing (strtoul base 0: 0x.., 0..,
// decimal; negative numbers wrap to u32), the same list/field checks. Where auditctl would only print a
// message and go on (a key containing \x01, junk after a number), tsaudit stops with an error naming the token.

import { usageError, TsauditError } from '../errors.js';
import { ADDRESS_FAMILY, AUDIT_UAPI, PATH_LIMITS } from '../tables/linux-constants.js';
import {
  ACTION_BY_NAME,
  FIELD,
  FIELD_BY_NAME,
  FIELD_COMPARE,
  FILETYPE_BY_NAME,
  FSTYPE_BY_NAME,
  LIST,
  LIST_BY_NAME,
  OPERATOR,
  PERM_BITS,
  RULE_CONST,
} from '../tables/rule-fields.js';
import { isExitOnlyString, isStringField } from './codec.js';
import type { RuleEnv } from './env.js';
import { closest } from './suggest.js';
import { emptyRule, type RuleData, type RuleField } from './types.js';

export type Setting = 'enabled' | 'failure' | 'rate_limit' | 'backlog_limit' | 'backlog_wait_time';

export type RuleCommand =
  | { kind: 'add' | 'delete'; rule: RuleData; warnings: string[] }
  | { kind: 'delete-all'; key?: string }
  | { kind: 'set'; setting: Setting; value: number }
  | { kind: 'reset-lost' }
  | { kind: 'reset-backlog-wait-time-actual' }
  | { kind: 'loginuid-immutable' }
  | { kind: 'error-mode'; mode: 'ignore' | 'continue' };

/** libaudit.h's AUDIT_FILTER_UNSET (no list given yet) and AUDIT_FILTER_MASK (the list without its flags). */
const UNSET = 0x80;
const FILTER_MASK = 0x07;
const { PATH_MAX, NAME_MAX } = PATH_LIMITS;
const ALL_SYSCALLS_LAST_WORD = 0x0000ffff; // the kernel clears the 16 syscall-class bits of the top word

/** Options that take an argument (auditctl's getopt string "hicslDvtC:e:f:r:b:a:A:d:S:F:m:R:w:W:k:p:q:"). */
const WITH_ARG = new Set('CefrbaAdSFmRwWkpq'.split(''));
const NO_ARG = new Set('hicslDvt'.split(''));
const LONG_OPTS: Record<string, boolean> = {
  'loginuid-immutable': false,
  backlog_wait_time: true,
  'reset-lost': false,
  reset_backlog_wait_time_actual: false,
  signal: true,
};

interface Opt {
  /** Short option letter or long option name. */
  name: string;
  long: boolean;
  arg?: string;
  /** Index (0-based) of the token holding the option, and of the token holding its argument. */
  at: number;
  argAt: number;
}

/** A syntax error in a rule, naming the token. Exit code 2 (usage). */
function tokenError(tokens: readonly string[], index: number, what: string, detail?: string, value?: string): TsauditError {
  const got = value ?? tokens[index] ?? '';
  const where = index < tokens.length ? ` at token ${index + 1}` : '';
  const err = usageError(`${what}${where}: got "${got}"${detail ? ` (${detail})` : ''}`, { token: got, index: index + 1 });
  return new TsauditError('E_RULE_SYNTAX', err.message, { exitCode: err.exitCode, context: err.context });
}

function ruleError(message: string, context: Record<string, unknown> = {}): TsauditError {
  const err = usageError(message, context);
  return new TsauditError('E_RULE_SYNTAX', err.message, { exitCode: err.exitCode, context: err.context });
}

/** getopt_long as auditctl calls it: options in order; operands are collected apart (they are an error). */
function scan(tokens: readonly string[]): { opts: Opt[]; operands: number[] } {
  const opts: Opt[] = [];
  const operands: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '--') {
      for (let j = i + 1; j < tokens.length; j++) operands.push(j);
      break;
    }
    if (tok.startsWith('--')) {
      const eq = tok.indexOf('=');
      const name = tok.slice(2, eq < 0 ? undefined : eq);
      const takes = LONG_OPTS[name];
      if (takes === undefined) throw tokenError(tokens, i, 'unknown option');
      if (takes) {
        if (eq >= 0) opts.push({ name, long: true, arg: tok.slice(eq + 1), at: i, argAt: i });
        else if (i + 1 < tokens.length) opts.push({ name, long: true, arg: tokens[i + 1]!, at: i, argAt: ++i });
        else throw tokenError(tokens, i, 'option needs a value');
      } else {
        if (eq >= 0) throw tokenError(tokens, i, 'option takes no value');
        opts.push({ name, long: true, at: i, argAt: i });
      }
      continue;
    }
    if (tok.length < 2 || tok[0] !== '-') {
      operands.push(i);
      continue;
    }
    for (let c = 1; c < tok.length; c++) {
      const ch = tok[c]!;
      if (WITH_ARG.has(ch)) {
        if (c + 1 < tok.length) opts.push({ name: ch, long: false, arg: tok.slice(c + 1), at: i, argAt: i });
        else if (i + 1 < tokens.length) opts.push({ name: ch, long: false, arg: tokens[i + 1]!, at: i, argAt: ++i });
        else throw tokenError(tokens, i, `option -${ch} needs a value`);
        break;
      }
      if (NO_ARG.has(ch)) {
        opts.push({ name: ch, long: false, at: i, argAt: i });
        continue;
      }
      throw tokenError(tokens, i, 'unknown option', c > 1 ? `-${ch}` : undefined);
    }
  }
  return { opts, operands };
}

/** C strtoul/strtol with base 0 over the whole string, wrapped to u32. undefined if not a number. */
export function parseCNumber(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  return Number(BigInt.asUintN(32, v));
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const looksNegative = (v: string): boolean => v.length >= 2 && v[0] === '-' && isDigit(v[1]);

/** Splits "name OP value" as libaudit does: two-character operators first, then one-character ones. */
export function splitFieldPair(
  pair: string,
  ops: readonly string[] = ['!=', '>=', '<=', '&=', '=', '>', '<', '&'],
): { name: string; op: string; value: string } | undefined {
  for (const op of ops) {
    const at = pair.indexOf(op);
    if (at >= 0) return { name: pair.slice(0, at), op, value: pair.slice(at + op.length) };
  }
  return undefined;
}

const OP_VALUE: Record<string, number> = {
  '=': OPERATOR.AUDIT_EQUAL,
  '!=': OPERATOR.AUDIT_NOT_EQUAL,
  '>': OPERATOR.AUDIT_GREATER_THAN,
  '>=': OPERATOR.AUDIT_GREATER_THAN_OR_EQUAL,
  '<': OPERATOR.AUDIT_LESS_THAN,
  '<=': OPERATOR.AUDIT_LESS_THAN_OR_EQUAL,
  '&': OPERATOR.AUDIT_BIT_MASK,
  '&=': OPERATOR.AUDIT_BIT_TEST,
};

function permBits(v: string): number | undefined {
  if (v.length === 0 || v.length > 4) return undefined;
  let val = 0;
  for (const ch of v.toLowerCase()) {
    const bit = PERM_BITS.find(([c]) => c === ch);
    if (!bit) return undefined;
    val |= bit[1];
  }
  return val;
}

const UID_FIELDS = new Set<number>([
  FIELD.AUDIT_UID,
  FIELD.AUDIT_EUID,
  FIELD.AUDIT_SUID,
  FIELD.AUDIT_FSUID,
  FIELD.AUDIT_LOGINUID,
  FIELD.AUDIT_OBJ_UID,
]);
const GID_FIELDS = new Set<number>([FIELD.AUDIT_GID, FIELD.AUDIT_EGID, FIELD.AUDIT_SGID, FIELD.AUDIT_FSGID, FIELD.AUDIT_OBJ_GID]);
const EXCLUDE_FIELDS = new Set<number>([
  FIELD.AUDIT_PID,
  FIELD.AUDIT_UID,
  FIELD.AUDIT_GID,
  FIELD.AUDIT_LOGINUID,
  FIELD.AUDIT_MSGTYPE,
  FIELD.AUDIT_SUBJ_USER,
  FIELD.AUDIT_SUBJ_ROLE,
  FIELD.AUDIT_SUBJ_TYPE,
  FIELD.AUDIT_SUBJ_SEN,
  FIELD.AUDIT_SUBJ_CLR,
  FIELD.AUDIT_EXE,
]);

/** The 32-bit companion of a 64-bit machine (auditctl's b32 fix-up). */
const COMPAT32: Record<string, string> = { x86_64: 'i386', ppc64: 'ppc', s390x: 's390', aarch64: 'arm' };

/** audit_determine_machine + audit_machine_to_elf: "b64", "b32", a machine name or a hex ELF number. */
export function resolveArch(env: RuleEnv, arch: string): { code: number } | { error: string } {
  const lower = arch.toLowerCase();
  if (lower === 'b64' || lower === 'b32') {
    const native = env.machine;
    const code = env.archCode(native);
    if (code === undefined) return { error: `machine type ${native} not found` };
    const is64 = (code & AUDIT_UAPI.__AUDIT_ARCH_64BIT) !== 0;
    if (lower === 'b64') {
      if (!is64) return { error: `requested bit level not supported by machine ${native}` };
      return { code };
    }
    if (!is64) return { code };
    const compat = COMPAT32[native];
    const c32 = compat === undefined ? undefined : env.archCode(compat);
    if (c32 === undefined) return { error: `requested bit level not supported by machine ${native}` };
    return { code: c32 };
  }
  const named = env.archCode(arch);
  if (named !== undefined) return { code: named };
  return { error: 'machine type not found (expected b64, b32, a machine name such as x86_64 or i386, or an ELF number)' };
}

interface State {
  add: number;
  del: number;
  action: number;
  multiple: number;
  syscallAdded: boolean;
  permAdded: boolean;
  exeAdded: boolean;
  fsAdded: boolean;
  elf: number;
  key: string;
  keyAt: number;
  rule: RuleData;
  warnings: string[];
}

function listOf(s: State): number {
  if (s.add !== UNSET) return s.add & FILTER_MASK;
  if (s.del !== UNSET) return s.del & FILTER_MASK;
  return UNSET;
}

function setAll(mask: Uint32Array): void {
  for (let i = 0; i < 63; i++) mask[i] = 0xffffffff;
  mask[63] = (mask[63]! | ALL_SYSCALLS_LAST_WORD) >>> 0;
}

/** audit_rule_syscallbyname_data: "all", a name in the arch's table, or a number. */
function addSyscall(env: RuleEnv, mask: Uint32Array, arch: number, name: string): number | undefined {
  if (name === 'all') {
    setAll(mask);
    return -1;
  }
  let nr = env.syscallNumber(arch, name);
  if (nr === undefined && isDigit(name[0])) nr = parseCNumber(name);
  if (nr === undefined || nr >= 64 * 32) return undefined;
  mask[nr >>> 5] = (mask[nr >>> 5]! | (1 << (nr & 31))) >>> 0;
  return nr;
}

/** One -F pair, split and named, with what the checks of its value need. */
interface Pair {
  env: RuleEnv;
  s: State;
  list: number;
  name: string;
  field: number;
  op: number;
  /** The operator is = or !=. */
  eqNe: boolean;
  v: string;
}

/** One -F pair -> one field, as audit_rule_fieldpair_data. Throws with a reason; the caller adds the token. */
function fieldPair(env: RuleEnv, s: State, pair: string, list: number): RuleField {
  const p = splitPair(env, s, pair, list);
  if (UID_FIELDS.has(p.field)) return uidValue(p);
  if (GID_FIELDS.has(p.field)) return gidValue(p);
  const special = FIELD_VALUES.get(p.field);
  if (special !== undefined) return special(p);
  if (isStringField(p.field)) return stringValue(p);
  // devmajor, devminor, inode, success, pid, ppid, pers, field_compare: plain numbers
  if (EXIT_ONLY_NUMBERS.has(p.field)) exitOnly(p);
  if (p.field === FIELD.AUDIT_INODE && !p.eqNe) throw new Error('inode only takes = or !=');
  if (!isDigit(p.v[0])) throw new Error(`${p.name} takes a number`);
  return { field: p.field, op: p.op, value: num(p) };
}

/** The checks every pair passes: NAME OP VALUE, a known field, room in the rule, a field the list takes. */
function splitPair(env: RuleEnv, s: State, pair: string, list: number): Pair {
  const split = splitFieldPair(pair);
  if (!split) throw new Error('missing operator: expected NAME=VALUE or one of != > >= < <= & &=');
  const { name, op: opSym, value: v } = split;
  if (name === '') throw new Error('missing field name before the operator');
  if (v === '') throw new Error(`missing value after the operator for ${name}`);
  const field = FIELD_BY_NAME[name];
  if (field === undefined) {
    const hint = closest(name, Object.keys(FIELD_BY_NAME));
    throw new Error(`unknown field "${name}"${hint ? `, did you mean "${hint}"?` : ''}`);
  }
  const op = OP_VALUE[opSym]!;
  const eqNe = op === OPERATOR.AUDIT_EQUAL || op === OPERATOR.AUDIT_NOT_EQUAL;
  if (s.rule.fields.length >= RULE_CONST.AUDIT_MAX_FIELDS - 1) throw new Error('too many fields in rule');
  if (list === LIST.AUDIT_FILTER_EXCLUDE && !EXCLUDE_FIELDS.has(field)) {
    throw new Error('only msgtype, pid, uid, gid, auid, subj_* and exe can be used with the exclude list');
  }
  return { env, s, list, name, field, op, eqNe, v };
}

const EXIT_ONLY_NUMBERS = new Set<number>([
  FIELD.AUDIT_DEVMAJOR,
  FIELD.AUDIT_DEVMINOR,
  FIELD.AUDIT_INODE,
  FIELD.AUDIT_SUCCESS,
  FIELD.AUDIT_PPID,
]);

function exitOnly(p: Pair): void {
  if (p.list !== LIST.AUDIT_FILTER_EXIT) throw new Error(`${p.name} can only be used with the exit list`);
}

function num(p: Pair): number {
  const n = parseCNumber(p.v);
  if (n === undefined) throw new Error(`${p.name} takes a number`);
  return n;
}

function uidValue(p: Pair): RuleField {
  const { field, op, v } = p;
  if (isDigit(v[0]) || looksNegative(v)) return { field, op, value: num(p) };
  if (v === 'unset') return { field, op, value: RULE_CONST.AUDIT_UID_UNSET };
  const uid = p.env.uid(v);
  if (uid === undefined) throw new Error(`unknown user "${v}"`);
  return { field, op, value: uid >>> 0 };
}

function gidValue(p: Pair): RuleField {
  const { field, op, v } = p;
  if (isDigit(v[0])) return { field, op, value: num(p) };
  const gid = p.env.gid(v);
  if (gid === undefined) throw new Error(`unknown group "${v}"`);
  return { field, op, value: gid >>> 0 };
}

/** A string field: its value goes to the rule's buffer, its length into the field. */
function stringValue(p: Pair): RuleField {
  const { field, op, v, s } = p;
  if (isExitOnlyString(field)) exitOnly(p);
  if (field === FIELD.AUDIT_WATCH || field === FIELD.AUDIT_DIR) s.permAdded = true;
  if (field === FIELD.AUDIT_EXE) {
    if (!p.eqNe) throw new Error('exe only takes = or !=');
    s.exeAdded = true;
  }
  if (field === FIELD.AUDIT_FILTERKEY && !(s.syscallAdded || s.permAdded || s.exeAdded || s.fsAdded)) {
    throw new Error('a key needs a watch, a syscall, an exe or an fstype before it');
  }
  const len = Buffer.byteLength(v);
  if (field === FIELD.AUDIT_FILTERKEY && len > RULE_CONST.AUDIT_MAX_KEY_LEN)
    throw new Error(`key longer than ${RULE_CONST.AUDIT_MAX_KEY_LEN} bytes`);
  if (len > PATH_MAX) throw new Error(`value longer than ${PATH_MAX} bytes`);
  return { field, op, value: len, str: v };
}

function exitValue(p: Pair): RuleField {
  const { field, op, v } = p;
  exitOnly(p);
  if (isDigit(v[0]) || looksNegative(v)) return { field, op, value: num(p) };
  const neg = v.startsWith('-');
  const e = p.env.errnoNumber(neg ? v.slice(1) : v);
  if (e === undefined || e === 0) throw new Error(`unknown errno "${v}" (expected a number or a name such as -EACCES)`);
  return { field, op, value: (neg ? -e : e) >>> 0 };
}

function msgtypeValue(p: Pair): RuleField {
  const { field, op, v, list } = p;
  if (list !== LIST.AUDIT_FILTER_EXCLUDE && list !== LIST.AUDIT_FILTER_USER) {
    throw new Error('msgtype can only be used with the exclude or user list');
  }
  if (isDigit(v[0])) return { field, op, value: num(p) };
  const t = p.env.messageTypeNumber(v);
  if (t === undefined || t <= 0) throw new Error(`unknown message type "${v}"`);
  return { field, op, value: t };
}

function archValue(p: Pair): RuleField {
  const { field, op, v, env } = p;
  if (p.s.syscallAdded) throw new Error('arch must come before -S');
  if (!p.eqNe) throw new Error('arch only takes = or !=');
  let code: number;
  if (isDigit(v[0])) {
    const n = parseCNumber(v);
    if (n === undefined || env.archName(n) === undefined) throw new Error(`no machine for ELF arch ${v}`);
    code = n;
  } else {
    const r = resolveArch(env, v);
    if ('error' in r) throw new Error(r.error);
    code = r.code;
  }
  p.s.elf = code;
  return { field, op, value: code };
}

function permValue(p: Pair): RuleField {
  exitOnly(p);
  if (p.op !== OPERATOR.AUDIT_EQUAL) throw new Error('perm only takes =');
  const bits = permBits(p.v);
  if (bits === undefined) throw new Error('perm takes up to four of r, w, x, a');
  return { field: p.field, op: p.op, value: bits };
}

function filetypeValue(p: Pair): RuleField {
  exitOnly(p);
  // beyond auditctl: a number too, since auditctl -l prints filetype as a number
  const t = isDigit(p.v[0]) ? parseCNumber(p.v) : FILETYPE_BY_NAME[p.v];
  if (t === undefined) throw new Error(`unknown file type "${p.v}" (expected ${Object.keys(FILETYPE_BY_NAME).join(', ')})`);
  return { field: p.field, op: p.op, value: t };
}

function fstypeValue(p: Pair): RuleField {
  if (p.list !== LIST.AUDIT_FILTER_FS) throw new Error('fstype can only be used with the filesystem list');
  if (!p.eqNe) throw new Error('fstype only takes = or !=');
  const t = isDigit(p.v[0]) ? parseCNumber(p.v) : FSTYPE_BY_NAME[p.v];
  if (t === undefined)
    throw new Error(`unknown file system type "${p.v}" (expected a number or ${Object.keys(FSTYPE_BY_NAME).join(', ')})`);
  p.s.fsAdded = true;
  return { field: p.field, op: p.op, value: t };
}

function argValue(p: Pair): RuleField {
  if (!isDigit(p.v[0]) && !looksNegative(p.v)) throw new Error(`${p.name} takes a number`);
  return { field: p.field, op: p.op, value: num(p) };
}

function sessionValue(p: Pair): RuleField {
  const { list } = p;
  if (list !== LIST.AUDIT_FILTER_EXCLUDE && list !== LIST.AUDIT_FILTER_USER && list !== LIST.AUDIT_FILTER_EXIT) {
    throw new Error('sessionid must be used with the exclude, user or exit list');
  }
  return { field: p.field, op: p.op, value: p.v === 'unset' ? RULE_CONST.AUDIT_UID_UNSET : num(p) };
}

function saddrFamValue(p: Pair): RuleField {
  const n = num(p);
  if (n >= ADDRESS_FAMILY.AF_MAX) throw new Error(`saddr_fam must be below ${ADDRESS_FAMILY.AF_MAX}`);
  return { field: p.field, op: p.op, value: n };
}

/** Fields whose values have checks of their own, in auditctl's words. */
const FIELD_VALUES = new Map<number, (p: Pair) => RuleField>([
  [FIELD.AUDIT_EXIT, exitValue],
  [FIELD.AUDIT_MSGTYPE, msgtypeValue],
  [FIELD.AUDIT_ARCH, archValue],
  ...[FIELD.AUDIT_ARG0, FIELD.AUDIT_ARG1, FIELD.AUDIT_ARG2, FIELD.AUDIT_ARG3].map((f) => [f, argValue] as const),
  [FIELD.AUDIT_PERM, permValue],
  [FIELD.AUDIT_FILETYPE, filetypeValue],
  [FIELD.AUDIT_FSTYPE, fstypeValue],
  [FIELD.AUDIT_SESSIONID, sessionValue],
  [FIELD.AUDIT_SADDR_FAM, saddrFamValue],
]);

/** -C f1 OP f2, as audit_rule_interfield_comp_data. */
function comparePair(s: State, pair: string, list: number): RuleField {
  const split = splitFieldPair(pair, ['!=', '=']);
  if (!split) throw new Error('a comparison only takes = or !=');
  if (split.name === '') throw new Error('missing field name before the operator');
  if (split.value === '') throw new Error('missing field name after the operator');
  const f1 = FIELD_BY_NAME[split.name];
  const f2 = FIELD_BY_NAME[split.value];
  if (f1 === undefined) throw new Error(`unknown field "${split.name}"`);
  if (f2 === undefined) throw new Error(`unknown field "${split.value}"`);
  if (list !== LIST.AUDIT_FILTER_EXIT) throw new Error('comparisons can only be used with the exit list');
  if (s.rule.fields.length >= RULE_CONST.AUDIT_MAX_FIELDS - 1) throw new Error('too many fields in rule');
  const entry = FIELD_COMPARE.find((c) => {
    const l = FIELD_BY_NAME[c.left];
    const r = FIELD_BY_NAME[c.right];
    return (l === f1 && r === f2) || (l === f2 && r === f1);
  });
  if (!entry) throw new Error(`${split.name} cannot be compared with ${split.value}`);
  return { field: FIELD.AUDIT_FIELD_COMPARE, op: OP_VALUE[split.op]!, value: entry.value };
}

/** audit_rule_setup: "LIST,ACTION" or "ACTION,LIST". */
function listAction(opt: string): { list: number; action: number } | { error: string } {
  const parts = opt.split(',');
  if (parts.length !== 2) return { error: 'expected LIST,ACTION such as always,exit' };
  const [a, b] = parts as [string, string];
  const act = (w: string): number | undefined => (w === 'always' || w === 'never' ? ACTION_BY_NAME[w] : undefined);
  const lst = (w: string): number | undefined => LIST_BY_NAME[w];
  if (a === 'possible' || b === 'possible') return { error: 'the possible action is deprecated, use always or never' };
  let list: number | undefined;
  let action: number | undefined;
  if (act(a) !== undefined) {
    action = act(a);
    list = lst(b);
  } else if (lst(a) !== undefined) {
    list = lst(a);
    action = act(b);
  }
  if (list === undefined || action === undefined) {
    return { error: `expected LIST,ACTION with list one of ${Object.keys(LIST_BY_NAME).join(', ')} and action always or never` };
  }
  return { list, action };
}

/** auditctl's check_path for -w/-W. */
function checkWatchPath(path: string): string | undefined {
  if (path.length >= PATH_MAX) return 'the path is too long';
  if (path[0] !== '/') return "a watched path must start with '/'";
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  if (Buffer.byteLength(base) > NAME_MAX) return 'the base name of the path is too long';
  return undefined;
}

/**
 * Parses one auditctl command line (without the program name) into the commands it stands for, in the order
 * auditctl applies them. A rule (-a/-A/-d/-w/-W) comes last.
 */
// One pass over the options, checked in auditctl's order; the work of each option is in the helpers below.
export function parseRuleArgs(tokens: readonly string[], env: RuleEnv): RuleCommand[] {
  if (tokens.length === 0) throw ruleError('empty rule: expected options such as -w PATH or -a always,exit ...');
  const { opts, operands } = scan(tokens);
  const s = newState();
  const out: RuleCommand[] = [];
  let isRule = false;
  for (const o of opts) {
    const done = applyOption(env, tokens, s, o, out);
    if (done === 'all') return out;
    if (done === 'rule') isRule = true;
  }
  if (operands.length > 0) throw tokenError(tokens, operands[0]!, 'unexpected argument', 'a value without an option before it');
  if (!isRule) {
    if (s.syscallAdded || s.rule.fields.length > 0 || s.key) throw ruleError('no list given: add -a LIST,ACTION (or -w PATH)');
    return out;
  }
  out.push(finishRule(env, tokens, s));
  return out;
}

function newState(): State {
  return {
    add: UNSET,
    del: UNSET,
    action: -1,
    multiple: 0,
    syscallAdded: false,
    permAdded: false,
    exeAdded: false,
    fsAdded: false,
    elf: 0,
    key: '',
    keyAt: -1,
    rule: emptyRule(),
    warnings: [],
  };
}

/** One option's work: 'rule' when it makes this line a rule, 'all' when nothing may follow (-D). */
function applyOption(env: RuleEnv, tokens: readonly string[], s: State, o: Opt, out: RuleCommand[]): 'rule' | 'all' | undefined {
  const name = o.long ? `--${o.name}` : `-${o.name}`;
  const bad = (what: string, detail?: string): TsauditError => tokenError(tokens, o.argAt, what, detail, o.arg ?? tokens[o.argAt]);
  const needValue = (what: string): string => {
    if (o.arg === undefined || o.arg === '') throw tokenError(tokens, o.at, `${what} needs a value`);
    return o.arg;
  };
  switch (o.name) {
    case 'a':
    case 'A':
    case 'd':
      onList(s, o, bad);
      return 'rule';
    case 'S':
      onSyscall(env, s, () => needValue('-S'), bad);
      return undefined;
    case 'F':
      onField(env, tokens, s, o, () => needValue('-F'), bad);
      return undefined;
    case 'C':
      onCompare(s, needValue('-C'), bad);
      return undefined;
    case 'w':
    case 'W':
      onWatch(env, s, o, () => needValue(name), bad);
      return 'rule';
    case 'p':
      onPerm(s, () => needValue('-p'), bad);
      return undefined;
    case 'k':
      if (!(s.syscallAdded || s.permAdded || s.exeAdded || s.fsAdded) || (s.add === UNSET && s.del === UNSET)) {
        throw bad('bad key', 'a key needs a watch or a syscall before it');
      }
      appendKey(s, needValue('-k'), tokens, o);
      return undefined;
    case 'D':
      out.push(deleteAll(tokens, o));
      return 'all';
    default: {
      const command = controlCommand(o, name, bad);
      if (command === undefined) throw tokenError(tokens, o.at, 'option not supported here', `${name} is not a rule or rule-file option`);
      out.push(command);
      return undefined;
    }
  }
}

/** -F NAME=VALUE: key= is gathered with -k's keys; the rest is a field of the rule. */
function onField(env: RuleEnv, tokens: readonly string[], s: State, o: Opt, value: () => string, bad: Bad): void {
  const list = listOf(s);
  if (list === UNSET) throw bad('bad rule field', 'the list (-a, -A, -d, -w) must be given before fields');
  const pair = value();
  if (pair.startsWith('key=')) {
    appendKey(s, pair.slice(4), tokens, o);
    return;
  }
  try {
    s.rule.fields.push(fieldPair(env, s, pair, list));
  } catch (e) {
    if (e instanceof TsauditError) throw e;
    throw bad('bad rule field', (e as Error).message);
  }
}

function onCompare(s: State, pair: string, bad: Bad): void {
  try {
    s.rule.fields.push(comparePair(s, pair, listOf(s)));
  } catch (e) {
    throw bad('bad field comparison', (e as Error).message);
  }
}

/** -D alone, or -D -k KEY. */
function deleteAll(tokens: readonly string[], o: Opt): RuleCommand {
  const rest = tokens.filter((_, i) => i !== o.at);
  if (tokens.length === 1) return { kind: 'delete-all' };
  if (tokens.length === 3 && rest[0] === '-k' && o.at === 0) return { kind: 'delete-all', key: rest[1]! };
  throw tokenError(tokens, o.at, 'bad delete-all', 'only -D or -D -k KEY');
}

/** The rule the options built: its key last, every syscall when none was named, its list and action. */
function finishRule(env: RuleEnv, tokens: readonly string[], s: State): RuleCommand {
  const list = listOf(s);
  if (s.key) {
    try {
      s.rule.fields.push(fieldPair(env, s, `key=${s.key}`, list));
    } catch (e) {
      throw tokenError(tokens, s.keyAt, 'bad key', (e as Error).message);
    }
  }
  if (list !== LIST.AUDIT_FILTER_TASK && !s.syscallAdded) setAll(s.rule.mask);
  s.rule.list = list;
  s.rule.prepend = s.add !== UNSET && (s.add & RULE_CONST.AUDIT_FILTER_PREPEND) !== 0;
  s.rule.action = s.action;
  return { kind: s.add !== UNSET ? 'add' : 'delete', rule: s.rule, warnings: s.warnings };
}

/** The options that are commands of their own (settings, modes), or undefined for a rule's options. */
function controlCommand(o: Opt, name: string, bad: Bad): RuleCommand | undefined {
  switch (o.name) {
    case 'e':
    case 'f': {
      const v = o.arg!;
      if (v !== '0' && v !== '1' && v !== '2')
        throw bad(o.name === 'e' ? 'bad enabled value' : 'bad failure value', `-${o.name} takes 0, 1 or 2`);
      return { kind: 'set', setting: o.name === 'e' ? 'enabled' : 'failure', value: Number(v) };
    }
    case 'r':
    case 'b':
    case 'backlog_wait_time': {
      const n = isDigit(o.arg![0]) ? parseCNumber(o.arg!) : undefined;
      const what = o.name === 'r' ? 'rate limit' : o.name === 'b' ? 'backlog limit' : 'backlog wait time';
      if (n === undefined) throw bad(`bad ${what}`, `${name} takes a number`);
      return { kind: 'set', setting: o.name === 'r' ? 'rate_limit' : o.name === 'b' ? 'backlog_limit' : 'backlog_wait_time', value: n };
    }
    case 'reset-lost':
      return { kind: 'reset-lost' };
    case 'reset_backlog_wait_time_actual':
      return { kind: 'reset-backlog-wait-time-actual' };
    case 'loginuid-immutable':
      return { kind: 'loginuid-immutable' };
    case 'i':
      return { kind: 'error-mode', mode: 'ignore' };
    case 'c':
      return { kind: 'error-mode', mode: 'continue' };
    default:
      return undefined;
  }
}

type Bad = (what: string, detail?: string) => TsauditError;

/** -a/-A/-d LIST,ACTION */
function onList(s: State, o: Opt, bad: Bad): void {
  if (o.name !== 'd' && o.arg!.includes('task') && s.syscallAdded)
    throw bad('bad rule list', 'syscall auditing requested for the task list');
  if (++s.multiple !== 1) throw bad('bad rule list', 'only one -a, -A or -d per rule');
  const la = listAction(o.arg!);
  if ('error' in la) throw bad('bad rule list', la.error);
  if (s.add !== UNSET || s.del !== UNSET) throw bad('bad rule list', 'a watch (-w, -W) cannot be combined with -a, -A or -d');
  if (o.name === 'd') s.del = la.list;
  else s.add = la.list | (o.name === 'A' ? RULE_CONST.AUDIT_FILTER_PREPEND : 0);
  s.action = la.action;
}

/** -S SYSCALL[,SYSCALL…] */
function onSyscall(env: RuleEnv, s: State, arg: () => string, bad: Bad): void {
  const l = listOf(s);
  const listName =
    l === LIST.AUDIT_FILTER_TASK
      ? 'task'
      : l === LIST.AUDIT_FILTER_USER
        ? 'user'
        : l === LIST.AUDIT_FILTER_FS
          ? 'filesystem'
          : l === LIST.AUDIT_FILTER_EXCLUDE
            ? 'exclude'
            : undefined;
  if (listName) throw bad('bad syscall', `syscalls cannot be audited on the ${listName} list`);
  const unknownArch = s.elf === 0;
  if (unknownArch) {
    const code = env.archCode(env.machine);
    if (code === undefined) throw bad('bad syscall', `no syscall table for machine ${env.machine}`);
    s.elf = code;
  }
  const value = arg();
  if (l === LIST.AUDIT_FILTER_URING_EXIT) {
    // io_uring rules name io_uring operations, not syscalls: tsaudit carries no table of them
    for (const sc of value.split(',').filter((x) => x !== '')) {
      const ok = sc === 'all' || (isDigit(sc[0]) && parseCNumber(sc) !== undefined);
      if (!ok || addSyscall(env, s.rule.mask, 0, sc) === undefined) {
        throw bad('unknown io_uring operation', 'give io_uring operations by number below 2048 (or all)');
      }
    }
    s.syscallAdded = true;
    return;
  }
  for (const sc of value.split(',').filter((x) => x !== '')) {
    if (addSyscall(env, s.rule.mask, s.elf, sc) === undefined) {
      const hint = closest(sc, env.syscallNames(s.elf));
      const arch = env.archName(s.elf) ?? `0x${s.elf.toString(16)}`;
      throw bad('unknown syscall', `"${sc}" is not a ${arch} syscall${hint ? `, did you mean "${hint}"?` : ''}`);
    }
  }
  s.syscallAdded = true;
  if (unknownArch && s.add !== UNSET) {
    const warning = mismatchWarning(env, s, value);
    if (warning) s.warnings.push(warning);
  }
}

/** -w/-W PATH */
function onWatch(env: RuleEnv, s: State, o: Opt, value: () => string, bad: Bad): void {
  if (o.name === 'w' && (s.add !== UNSET || s.del !== UNSET))
    throw bad('bad watch', 'a watch cannot be given with -a, -A, -d or another watch');
  if (o.name === 'W' && s.rule.fields.length > 0) throw bad('bad watch', 'a watch cannot be given with other fields');
  let path = value();
  const problem = checkWatchPath(path);
  if (problem) throw bad('bad watch path', problem);
  // auditctl's warnings: the kernel takes the path literally
  if (path.includes('..')) s.warnings.push('relative path notation is not supported');
  if (path.includes('*') || path.includes('?')) s.warnings.push('wildcard notation is not supported');
  if (path.length > 2 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  const type = env.pathType(path) === 'dir' ? FIELD.AUDIT_DIR : FIELD.AUDIT_WATCH;
  if (o.name === 'w') s.add = LIST.AUDIT_FILTER_EXIT;
  else s.del = LIST.AUDIT_FILTER_EXIT;
  s.action = ACTION_BY_NAME.always!;
  s.syscallAdded = true;
  s.permAdded = true;
  setAll(s.rule.mask);
  s.rule.fields = [
    { field: type, op: OPERATOR.AUDIT_EQUAL, value: Buffer.byteLength(path), str: path },
    { field: FIELD.AUDIT_PERM, op: OPERATOR.AUDIT_EQUAL, value: permBits('rwxa')! },
  ];
}

/** -p PERMS */
function onPerm(s: State, value: () => string, bad: Bad): void {
  if (s.add === UNSET && s.del === UNSET) throw bad('bad permission', 'permissions need a watch before them');
  const bits = permBits(value());
  if (bits === undefined) throw bad('bad permission', 'expected up to four of r, w, x, a');
  if (s.rule.fields.length < 1) throw bad('bad permission', 'permissions need other fields before them');
  let done = false;
  for (const f of s.rule.fields) {
    if (f.field === FIELD.AUDIT_PERM) {
      f.value = bits;
      done = true;
    }
  }
  if (!done && s.rule.fields.length >= RULE_CONST.AUDIT_MAX_FIELDS - 1) throw bad('bad permission', 'too many fields in rule');
  if (!done) s.rule.fields.push({ field: FIELD.AUDIT_PERM, op: OPERATOR.AUDIT_EQUAL, value: bits });
  s.permAdded = true;
}

function appendKey(s: State, value: string, tokens: readonly string[], o: Opt): void {
  const sep = String.fromCharCode(RULE_CONST.AUDIT_KEY_SEPARATOR);
  if (value.includes(sep)) throw tokenError(tokens, o.argAt, 'bad key', 'a key cannot contain \\x01', value);
  if (Buffer.byteLength(value) + Buffer.byteLength(s.key) + (s.key ? 1 : 0) > RULE_CONST.AUDIT_MAX_KEY_LEN) {
    throw tokenError(tokens, o.argAt, 'bad key', `all keys of a rule together must fit in ${RULE_CONST.AUDIT_MAX_KEY_LEN} bytes`, value);
  }
  s.key = s.key ? `${s.key}${sep}${value}` : value;
  if (s.keyAt < 0) s.keyAt = o.argAt;
}

/** auditctl's check_rule_mismatch: a syscall rule without an arch whose numbers differ on the 32-bit table. */
function mismatchWarning(env: RuleEnv, s: State, names: string): string | undefined {
  const native = env.archName(s.elf);
  const compat = native === undefined ? undefined : COMPAT32[native];
  const code32 = compat === undefined ? undefined : env.archCode(compat);
  if (code32 === undefined) return undefined;
  const tmp = new Uint32Array(64);
  for (const sc of names.split(',').filter((x) => x !== '')) addSyscall(env, tmp, code32, sc);
  let differs = false;
  // auditctl compares AUDIT_BITMASK_SIZE bytes (16 words) of the two masks
  for (let i = 0; i < 16; i++) if (tmp[i] !== s.rule.mask[i]) differs = true;
  if (!differs) return undefined;
  return '32/64 bit syscall mismatch, you should specify an arch';
}

/** A rule line of a rules file -> tokens. Splits on blanks; `\ ` is a space inside a token and `\\` a
 *  backslash (as auditctl). Beyond auditctl, a token that starts with ' or " and has the closing quote is
 *  taken without its quotes (go-libaudit's rule files quote paths with spaces); a quote anywhere else, or
 *  without its closing quote, is an ordinary character, as for auditctl. Returns undefined for a blank or
 *  comment line. */
export function splitRuleLine(line: string): string[] | undefined {
  const text = line.replace(/\r$/, '');
  const tokens: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t') {
      if (has) tokens.push(cur);
      cur = '';
      has = false;
      continue;
    }
    if (ch === '#' && !has && tokens.length === 0) return undefined;
    if (!has && (ch === '"' || ch === "'")) {
      const end = text.indexOf(ch, i + 1);
      if (end > i) {
        cur += text.slice(i + 1, end);
        i = end;
        has = true;
        continue;
      }
    }
    has = true;
    if (ch === '\\' && (text[i + 1] === ' ' || text[i + 1] === '\\')) cur += text[++i];
    else cur += ch;
  }
  if (has) tokens.push(cur);
  return tokens.length === 0 ? undefined : tokens;
}
