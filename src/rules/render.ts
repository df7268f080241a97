// Decoded rules -> auditctl's `-l` text, byte for byte (auditctl 3.0.x), and a structured form for JSON/YAML.
//
// Quirks kept on purpose, because scripts compare this text:
// - the arch is printed first (b64/b32, or the machine name with -i), then the syscalls comma-joined;
// - numbers are printed as signed 32-bit (`-F auid!=-1`, `-F exit=-13` unless an errno name exists);
// - a0..a3 in hex (with -i, interpreted for single-syscall rules: see interpret.ts), inode unsigned,
//   `exe=`/`path=`/`dir=` always printed with `=`;
// - a rule made only of a path/dir, perm and key fields on every syscall is printed as a watch `-w PATH -p wa -k KEY`;
// - the arch of one rule stays in effect for naming the syscalls of following rules without an arch field
//   (auditctl never resets it between rules of one listing);
// - an empty list prints `No rules`.

import { AUDIT_UAPI } from '../tables/linux-constants.js';
import {
  ACTION_BY_NAME,
  AUDIT_OPERATORS,
  FIELD,
  FIELD_COMPARE,
  FIELD_NAME,
  FSTYPE_BY_NAME,
  LIST,
  LIST_BY_NAME,
  OPERATOR_BY_SYMBOL,
  PERM_BITS,
} from '../tables/rule-fields.js';
import type { RuleEnv } from './env.js';
import { argText } from './interpret.js';
import type { RuleData } from './types.js';

export interface RenderOptions {
  /** auditctl -i: machine names for arch, `unset` for auid/sessionid -1. */
  interpret?: boolean;
}

/** State auditctl carries from one printed rule to the next (its global _audit_elf). */
export interface RenderState {
  elf: number;
}

const SYMBOL_BY_OP = new Map<number, string>(Object.entries(OPERATOR_BY_SYMBOL).map(([sym, v]) => [v, sym]));
const LIST_NAME = new Map<number, string>(Object.entries(LIST_BY_NAME).map(([n, v]) => [v, n]));
const ACTION_NAME = new Map<number, string>(Object.entries(ACTION_BY_NAME).map(([n, v]) => [v, n]));
const FSTYPE_NAME = new Map<number, string>(Object.entries(FSTYPE_BY_NAME).map(([n, v]) => [v >>> 0, n]));
const COMPARE = new Map(FIELD_COMPARE.map((c) => [c.value, c]));

export function opSymbol(op: number): string {
  return SYMBOL_BY_OP.get(op & AUDIT_OPERATORS) ?? '(null)';
}

export function listName(list: number): string {
  return LIST_NAME.get(list) ?? '(null)';
}

export function actionName(action: number): string {
  return ACTION_NAME.get(action) ?? '(null)';
}

export function permString(val: number): string {
  return PERM_BITS.filter(([, bit]) => (val & bit) !== 0)
    .map(([c]) => c)
    .join('');
}

const signed = (v: number): number => v | 0;

function fieldName(field: number): string | undefined {
  return FIELD_NAME[field];
}

function isStringLabel(field: number): boolean {
  return field >= FIELD.AUDIT_SUBJ_USER && field <= FIELD.AUDIT_OBJ_LEV_HIGH && field !== FIELD.AUDIT_PPID;
}

function allSyscalls(mask: Uint32Array): boolean {
  for (let i = 0; i < 63; i++) if (mask[i] !== 0xffffffff) return false;
  return true;
}

function noSyscallList(list: number): boolean {
  return (
    list === LIST.AUDIT_FILTER_USER ||
    list === LIST.AUDIT_FILTER_TASK ||
    list === LIST.AUDIT_FILTER_EXCLUDE ||
    list === LIST.AUDIT_FILTER_FS
  );
}

/** auditctl's is_watch: only path/dir, perm and key fields, a perm among them, and every syscall. */
export function isWatch(r: RuleData): boolean {
  let perm = false;
  for (const f of r.fields) {
    if (f.field === FIELD.AUDIT_PERM) perm = true;
    if (f.field !== FIELD.AUDIT_PERM && f.field !== FIELD.AUDIT_FILTERKEY && f.field !== FIELD.AUDIT_DIR && f.field !== FIELD.AUDIT_WATCH)
      return false;
  }
  const all = noSyscallList(r.list) || allSyscalls(r.mask);
  return perm && all;
}

/** The keys of a rule (its AUDIT_FILTERKEY string split at \x01). */
export function ruleKeys(r: RuleData): string[] {
  const keys: string[] = [];
  for (const f of r.fields) if (f.field === FIELD.AUDIT_FILTERKEY) keys.push(...(f.str ?? '').split('\x01').filter((k) => k !== ''));
  return keys;
}

/** auditctl -l -k KEY: a rule is shown when one of its key strings contains KEY. */
export function keyMatches(r: RuleData, key: string | undefined): boolean {
  if (!key) return true;
  return r.fields.some((f) => f.field === FIELD.AUDIT_FILTERKEY && (f.str ?? '').includes(key));
}

function archText(env: RuleEnv, value: number, interpret: boolean): string {
  const machine = env.archName(value);
  if (machine === undefined) return `0x${value.toString(16).toUpperCase()}`;
  if (interpret) return machine;
  return (value & AUDIT_UAPI.__AUDIT_ARCH_64BIT) !== 0 ? 'b64' : 'b32';
}

/** The syscall part (" -S a,b", " -S all", or nothing on lists without syscalls), how many syscalls auditctl
 *  counts (63 for all) and the last syscall number. */
function syscallText(env: RuleEnv, r: RuleData, state: RenderState): { text: string; count: number; last: number } {
  if (noSyscallList(r.list)) return { text: '', count: 0, last: 0 };
  if (allSyscalls(r.mask)) return { text: ' -S all', count: 63, last: 0 };
  const arch = state.elf !== 0 ? state.elf : env.archCode(env.machine);
  // io_uring rules hold io_uring operation numbers, printed as numbers (tsaudit has no table of their names)
  const known = r.list !== LIST.AUDIT_FILTER_URING_EXIT && arch !== undefined && env.archName(arch) !== undefined;
  const names: string[] = [];
  let last = 0;
  for (let i = 0; i < 64 * 32; i++) {
    if ((r.mask[i >>> 5]! & (1 << (i & 31))) !== 0) {
      names.push((known ? env.syscallName(arch!, i) : undefined) ?? String(i));
      last = i;
    }
  }
  return { text: names.length ? ` -S ${names.join(',')}` : '', count: names.length, last };
}

/** One rule as `auditctl -l` prints it (without the newline). */
export function renderRule(r: RuleData, env: RuleEnv, opts: RenderOptions = {}, state: RenderState = { elf: 0 }): string {
  const interpret = opts.interpret ?? false;
  const watch = isWatch(r);
  let out = '';
  // what auditctl -i needs to interpret a0..a3: the syscall count, the (last) syscall, the arch field's machine
  let count = 0;
  let sc = 0;
  let mach: number | undefined;
  let a0: number | undefined;
  let a1: number | undefined;
  if (!watch) {
    out += `-a ${actionName(r.action)},${listName(r.list)}`;
    for (const f of r.fields) {
      if (f.field === FIELD.AUDIT_ARCH) {
        state.elf = f.value;
        mach = env.archName(f.value) !== undefined ? f.value : undefined;
        out += ` -F arch${opSymbol(f.op)}${archText(env, f.value, interpret)}`;
      }
    }
    const s = syscallText(env, r, state);
    out += s.text;
    count = s.count;
    sc = s.last;
  }
  for (const f of r.fields) {
    if (f.field === FIELD.AUDIT_ARCH) continue;
    const name = fieldName(f.field);
    const op = opSymbol(f.op);
    if (name === undefined) {
      out += ` f${f.field}${op}${signed(f.value)}`;
      continue;
    }
    const str = f.str ?? '';
    if (f.field === FIELD.AUDIT_MSGTYPE) {
      out += ` -F ${name}${op}${env.messageTypeName(f.value) ?? signed(f.value)}`;
    } else if (isStringLabel(f.field)) {
      out += ` -F ${name}${op}${str}`;
    } else if (f.field === FIELD.AUDIT_WATCH) {
      out += watch ? `-w ${str}` : ` -F path=${str}`;
    } else if (f.field === FIELD.AUDIT_DIR) {
      out += watch ? `-w ${str}` : ` -F dir=${str}`;
    } else if (f.field === FIELD.AUDIT_EXE) {
      out += ` -F exe=${str}`;
    } else if (f.field === FIELD.AUDIT_FILTERKEY) {
      for (const k of str.split('\x01').filter((x) => x !== '')) out += watch ? ` -k ${k}` : ` -F key=${k}`;
    } else if (f.field === FIELD.AUDIT_PERM) {
      out += watch ? ` -p ${permString(f.value)}` : ` -F perm=${permString(f.value)}`;
    } else if (f.field === FIELD.AUDIT_INODE) {
      out += ` -F ${name}${op}${f.value >>> 0}`;
    } else if (f.field === FIELD.AUDIT_FIELD_COMPARE) {
      const c = COMPARE.get(f.value);
      if (c) out += ` -C ${c.left}${op}${c.right}`;
    } else if (f.field >= FIELD.AUDIT_ARG0 && f.field <= FIELD.AUDIT_ARG3) {
      if (f.field === FIELD.AUDIT_ARG0) a0 = f.value;
      if (f.field === FIELD.AUDIT_ARG1) a1 = f.value;
      if (count > 1 || !interpret) out += ` -F ${name}${op}0x${(f.value >>> 0).toString(16).toUpperCase()}`;
      else {
        const sys = mach !== undefined ? env.syscallName(mach, sc) : undefined;
        const machine = mach !== undefined ? env.archName(mach) : undefined;
        out += ` -F ${name}${op}${argText(env, sys, f.field - FIELD.AUDIT_ARG0, f.value, a0, a1, machine)}`;
      }
    } else if (f.field === FIELD.AUDIT_EXIT) {
      const v = signed(f.value);
      const err = env.errnoName(Math.abs(v));
      out += v < 0 && err ? ` -F ${name}${op}-${err}` : ` -F ${name}${op}${v}`;
    } else if (f.field === FIELD.AUDIT_FSTYPE) {
      out += ` -F ${name}${op}${FSTYPE_NAME.get(f.value >>> 0) ?? signed(f.value)}`;
    } else if (f.field === FIELD.AUDIT_LOGINUID || f.field === FIELD.AUDIT_SESSIONID) {
      out += interpret && f.value === 0xffffffff ? ` -F ${name}${op}unset` : ` -F ${name}${op}${signed(f.value)}`;
    } else {
      out += ` -F ${name}${op}${signed(f.value)}`;
    }
  }
  return out;
}

/** A whole listing as `auditctl -l` prints it, including `No rules`. */
export function renderRules(rules: readonly RuleData[], env: RuleEnv, opts: RenderOptions = {}): string {
  if (rules.length === 0) return 'No rules\n';
  const state: RenderState = { elf: 0 };
  return rules.map((r) => `${renderRule(r, env, opts, state)}\n`).join('');
}

export interface StructuredField {
  name: string;
  op: string;
  value: number | string;
  /** A -C comparison: `name op value` compares two fields. */
  compare?: true;
}

export interface StructuredRule {
  text: string;
  list: string;
  action: string;
  prepend?: boolean;
  arch?: string;
  syscalls?: 'all' | string[];
  watch?: { path: string; kind: 'file' | 'dir'; perms: string };
  fields: StructuredField[];
  keys: string[];
}

/** The rule as data, for -format json|yaml. */
export function structuredRule(r: RuleData, env: RuleEnv, text: string, opts: RenderOptions = {}): StructuredRule {
  const isW = isWatch(r);
  const out: StructuredRule = { text, list: listName(r.list), action: actionName(r.action), fields: [], keys: [] };
  if (r.prepend) out.prepend = true;
  const archField = r.fields.find((f) => f.field === FIELD.AUDIT_ARCH);
  const arch = archField ? archField.value : env.archCode(env.machine);
  if (archField) out.arch = archText(env, archField.value, opts.interpret ?? false);
  if (!noSyscallList(r.list) && !isW) {
    if (allSyscalls(r.mask)) out.syscalls = 'all';
    else {
      const names: string[] = [];
      for (let i = 0; i < 64 * 32; i++) {
        if ((r.mask[i >>> 5]! & (1 << (i & 31))) !== 0) {
          names.push((arch !== undefined && r.list !== LIST.AUDIT_FILTER_URING_EXIT ? env.syscallName(arch, i) : undefined) ?? String(i));
        }
      }
      out.syscalls = names;
    }
  }
  const fields: StructuredField[] = [];
  for (const f of r.fields) {
    if (f.field === FIELD.AUDIT_FILTERKEY || f.field === FIELD.AUDIT_ARCH) continue;
    const name = fieldName(f.field) ?? `f${f.field}`;
    const op = opSymbol(f.op);
    if (isW && (f.field === FIELD.AUDIT_WATCH || f.field === FIELD.AUDIT_DIR)) {
      out.watch = { path: f.str ?? '', kind: f.field === FIELD.AUDIT_DIR ? 'dir' : 'file', perms: out.watch?.perms ?? '' };
      continue;
    }
    if (isW && f.field === FIELD.AUDIT_PERM) {
      if (out.watch) out.watch.perms = permString(f.value);
      continue;
    }
    let value: number | string;
    if (f.str !== undefined) value = f.str;
    else if (f.field === FIELD.AUDIT_PERM) value = permString(f.value);
    else if (f.field === FIELD.AUDIT_MSGTYPE) value = env.messageTypeName(f.value) ?? f.value;
    else if (f.field === FIELD.AUDIT_FIELD_COMPARE) {
      const c = COMPARE.get(f.value);
      fields.push(c ? { name: c.left, op, value: c.right, compare: true } : { name: 'field_compare', op, value: f.value });
      continue;
    } else if (f.field === FIELD.AUDIT_EXIT) {
      const v = signed(f.value);
      const err = env.errnoName(Math.abs(v));
      value = v < 0 && err ? `-${err}` : v;
    } else if (f.field >= FIELD.AUDIT_ARG0 && f.field <= FIELD.AUDIT_ARG3) value = `0x${(f.value >>> 0).toString(16)}`;
    else if (f.field === FIELD.AUDIT_INODE) value = f.value >>> 0;
    else value = signed(f.value);
    fields.push({ name, op, value });
  }
  // key order: text, list, action, prepend, arch, syscalls, watch, fields, keys
  const { fields: _f, keys: _k, ...head } = out;
  return { ...head, fields, keys: ruleKeys(r) };
}
