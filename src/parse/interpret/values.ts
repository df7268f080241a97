// Interpreters for single field values, as `ausearch -i` shows them: capabilities, signals, file modes,
// results, SELinux/AppArmor contexts, rule keys. Pure functions over the logged strings.

import { AUDIT_MESSAGE } from '../../tables/message-types.js';
import { CAPABILITIES, CAP_LAST_CAP } from '../../tables/capabilities.js';
import { FILE_TYPES, NF_PROTOCOLS, RULE_LISTS, S_IFMT, SECCOMP_ACTIONS } from '../../tables/flags.js';
import { SIGNALS } from '../../tables/signals.js';
import { decodeHex, isHexEncoded } from './hex.js';

/** The kernel's "no id" value for auid/ses and friends ((u32)-1). */
export const UNSET_ID = '4294967295';

export function isUnsetId(value: string): boolean {
  return value === UNSET_ID || value === '-1';
}

/** Capability bitmap (hex, as in cap_fp=/cap_pi=/...) to names; empty when no bit is set. */
export function capabilityNames(hex: string): string[] {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) return [];
  const v = BigInt(`0x${hex}`);
  const out: string[] = [];
  for (let i = 0; i <= 63; i++) {
    if ((v >> BigInt(i)) & 1n) out.push(CAPABILITIES.get(i) ?? `cap_${i}`);
  }
  return out;
}

/** Bitmap texts already computed: a log repeats a handful of capability sets thousands of times. */
const BITMAP_TEXT = new Map<string, string>();

/** `ausearch -i` text of a capability bitmap: names joined by commas, or `none` (also for `?`, as auditd). */
export function capabilityBitmapText(hex: string): string {
  let text = BITMAP_TEXT.get(hex);
  if (text !== undefined) return text;
  const m = /^[0-9a-fA-F]{1,16}/.exec(hex);
  const names = m ? capabilityNames(m[0]) : [];
  text = names.length === 0 ? 'none' : names.join(',');
  if (BITMAP_TEXT.size < 1024) BITMAP_TEXT.set(hex, text);
  return text;
}

/** A single capability number (`capability=21`, decimal; or hex when `base` is 16). */
export function capabilityText(value: string, base: 10 | 16 = 10): string {
  const n = Number.parseInt(value, base);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return CAPABILITIES.get(n) ?? `unknown-capability(${base === 16 ? '0x' : ''}${value})`;
}

export { CAP_LAST_CAP };

/** Signal number (decimal, or hex for syscall arguments) to its name. */
export function signalText(value: string, base: 10 | 16 = 10): string {
  const n = Number.parseInt(value, base);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  if (n < 32) {
    const s = SIGNALS.get(n);
    if (s) return s;
  }
  return `unknown-signal(${base === 16 ? '0x' : ''}${value})`;
}

/** File mode (octal, as in PATH mode=0100644) as auditd prints it: `file,644`, `dir,sticky,777`. */
export function modeText(value: string, base: 8 | 16 = 8): string {
  const m = Number.parseInt(value, base);
  if (Number.isNaN(m)) return `conversion error(${value})`;
  const fmt = m & S_IFMT;
  let out = FILE_TYPES.get(fmt) ?? (fmt / 0o10000).toString(8).padStart(3, '0');
  if (m & 0o4000) out += ',suid';
  if (m & 0o2000) out += ',sgid';
  if (m & 0o1000) out += ',sticky';
  return `${out},${(m & 0o777).toString(8).padStart(3, '0')}`;
}

/** Permission-only mode (chmod/mkdir arguments, hex): `0755`, `suid,0755`. */
export function modeShortText(value: string, base: 8 | 16 = 16): string {
  const m = Number.parseInt(value, base);
  if (Number.isNaN(m)) return `conversion error(${value})`;
  const special: string[] = [];
  if (m & 0o4000) special.push('suid');
  if (m & 0o2000) special.push('sgid');
  if (m & 0o1000) special.push('sticky');
  const perm = `0${(m & 0o777).toString(8).padStart(3, '0')}`;
  return special.length ? `${special.join(',')},${perm}` : perm;
}

/** File type name of a mode (`file`, `dir`, `link`, ...), or undefined. */
export function fileTypeOfMode(value: string): string | undefined {
  const m = Number.parseInt(value, 8);
  if (Number.isNaN(m)) return undefined;
  return FILE_TYPES.get(m & S_IFMT);
}

/** `success=`/`res=` to a result: yes/1/success* -> success, anything else -> fail. */
export function resultOf(value: string): 'success' | 'fail' {
  const v = value.toLowerCase();
  return v === 'yes' || v === '1' || v.startsWith('suc') ? 'success' : 'fail';
}

/** `prom=`/`old_prom=`: 0 -> no, else yes. */
export function promiscuousText(value: string): string {
  return value === '0' ? 'no' : 'yes';
}

export interface SecurityContext {
  user?: string;
  role?: string;
  domain?: string;
  level?: string;
  category?: string;
  /** AppArmor: the profile (or `unconfined`) and its mode when given as `profile (enforce)`. */
  profile?: string;
  mode?: string;
}

/**
 * Splits a security context. SELinux `user:role:type:level[:categories]` gives user/role/domain/level/category
 * (the level keeps a range like `s0-s0`, the rest is the category set). A context without `:` is AppArmor's:
 * `unconfined`, `/usr/sbin/cupsd`, or `/usr/bin/foo (enforce)`.
 */
export function splitContext(ctx: string): SecurityContext {
  if (ctx.includes(':') && !ctx.startsWith('/')) {
    const parts = ctx.split(':');
    const out: SecurityContext = {};
    if (parts[0] !== undefined) out.user = parts[0];
    if (parts[1] !== undefined) out.role = parts[1];
    if (parts[2] !== undefined) out.domain = parts[2];
    if (parts[3] !== undefined) out.level = parts[3];
    if (parts.length > 4) out.category = parts.slice(4).join(':');
    return out;
  }
  const m = /^(.*) \((\w+)\)$/.exec(ctx);
  return m ? { profile: m[1]!, mode: m[2]! } : { profile: ctx };
}

/**
 * Rule keys of a `key=` value, undefined when there are none (`(null)`); hex (several keys joined by \x01 make
 * the kernel hex-encode the value) is decoded and split; a legacy `key=name` form keeps the name.
 */
export function ruleKeys(value: string, quoted = false): string[] | undefined {
  if (!quoted && (value === '(null)' || value === '?' || value === '')) return undefined;
  let text = value;
  if (!quoted && isHexEncoded(value)) text = decodeHex(value);
  const keys: string[] = [];
  for (const k of text.split('\x01')) {
    if (k === '') continue;
    const eq = k.indexOf('=');
    keys.push(eq > 0 && k.startsWith('key=') ? k.slice(eq + 1) : k);
  }
  return keys.length > 0 ? keys : undefined;
}

/** SECCOMP `code=0x7ffc0000` -> `log` (the action part; the data bits are ignored). */
export function seccompCodeText(value: string): string {
  const n = Number.parseInt(value.replace(/^0x/i, ''), 16);
  if (Number.isNaN(n)) return `conversion error(${value})`;
  return SECCOMP_ACTIONS.get((n & 0xffff0000) >>> 0) ?? `unknown-seccomp-code(${value})`;
}

/** NETFILTER_CFG `family=` -> netfilter protocol name (inet, ipv4, ipv6, bridge, ...). */
export function nfprotoText(value: string): string {
  const n = Number(value);
  return NF_PROTOCOLS.get(n) ?? `unknown-nfproto(${value})`;
}

/** `list=4` (CONFIG_CHANGE) -> `exit`: the rule list's name. */
export function ruleListText(value: string): string {
  return RULE_LISTS.get(Number(value)) ?? `unknown-list(${value})`;
}

const PATH = AUDIT_MESSAGE.PATH;
const NETFILTER_CFG = AUDIT_MESSAGE.NETFILTER_CFG;
const SECCOMP = AUDIT_MESSAGE.SECCOMP;
const BPRM_FCAPS = AUDIT_MESSAGE.BPRM_FCAPS;
const CAPSET = AUDIT_MESSAGE.CAPSET;

/** Interprets one field value of a record of `type`; returns the value unchanged where it does not apply. */
export type ValueInterpreter = (value: string, type: number) => string;

const capSet: ValueInterpreter = (v, t) => (t === BPRM_FCAPS || t === CAPSET ? capabilityBitmapText(v) : v);
const capSetNotPath: ValueInterpreter = (v, t) => (t === PATH ? v : capabilityBitmapText(v));

/**
 * The fields a normalized event's `data` shows as `ausearch -i` does, because their raw form means nothing
 * to a reader: capability sets, a capability number, SECCOMP's action code, signals, rule lists, the
 * promiscuous flag, netfilter families and (outside PATH records) file modes. Fields go-libaudit already
 * interprets its own way (arch, syscall, exit, sockaddr, ids with user.names, a0-a3 kept raw next to
 * `syscall.args`) are not here, nor PATH records' fields: `paths` stays as go-libaudit shows it, and `file`
 * carries the interpreted mode. The short names (fp, pe, ...) are capability sets only in BPRM_FCAPS and
 * CAPSET records (`fp=` of CRYPTO_KEY_USER is a key fingerprint).
 */
export const DATA_INTERPRETERS: ReadonlyMap<string, ValueInterpreter> = new Map<string, ValueInterpreter>([
  ...['fp', 'fi', 'pp', 'pi', 'pe', 'pa', 'old_pp', 'old_pi', 'old_pe', 'old_pa', 'new_pp', 'new_pi', 'new_pe'].map(
    (k) => [k, capSet] as [string, ValueInterpreter],
  ),
  ...['cap_pi', 'cap_pe', 'cap_pp', 'cap_pa', 'cap_fi', 'cap_fp'].map((k) => [k, capSetNotPath] as [string, ValueInterpreter]),
  ['capability', (v) => capabilityText(v)],
  ['code', (v, t) => (t === SECCOMP ? seccompCodeText(v) : v)],
  ['sig', (v) => signalText(v)],
  ['list', (v) => ruleListText(v)],
  ['prom', (v) => promiscuousText(v)],
  ['old_prom', (v) => promiscuousText(v)],
  ['family', (v, t) => (t === NETFILTER_CFG ? nfprotoText(v) : v)],
  ['mode', (v, t) => (t === PATH ? v : modeText(v))],
]);
