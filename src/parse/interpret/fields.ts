// Record-level interpretation, field by field, with auditd's choices (`ausearch -i`): ids to names, arch and
// syscall names, errno names with their text, syscall arguments a0..a3, file modes, socket addresses,
// capability sets, signals, sessions, results, hex-decoded strings and proctitle.

import { ausearchArchName } from '../../tables/arch.js';
import { errnoMessage, errnoName } from '../../tables/errno.js';
import { ausearchSyscallName } from '../../tables/syscalls.js';
import type { AuditRecord } from '../record.js';
import { syscallArgText } from './args.js';
import { decodeUntrusted, UNTRUSTED_FIELDS } from './hex.js';
import { GID_FIELDS, type IdResolver, UID_FIELDS } from './ids.js';
import { proctitleText } from './proctitle.js';
import { decodeSockaddr, sockaddrText } from './sockaddr.js';
import {
  capabilityBitmapText,
  capabilityText,
  isUnsetId,
  modeText,
  nfprotoText,
  promiscuousText,
  resText,
  ruleListText,
  seccompCodeText,
  sessionText,
  signalText,
} from './values.js';

const SYSCALL = 1300;
const EXECVE = 1309;
const NETFILTER_CFG = 1325;
const SECCOMP = 1326;

const CAP_BITMAPS = new Set([
  'cap_pi', 'cap_pe', 'cap_pp', 'cap_pa', 'cap_fi', 'cap_fp', 'fp', 'fi', 'old_pp', 'old_pi', 'old_pe', 'old_pa',
  'new_pp', 'new_pi', 'new_pe', 'pp', 'pi', 'pe', 'pa',
]);

export interface InterpretContext {
  /** Local id names (null: none; ENRICHED names are used first either way). */
  ids: IdResolver | null;
}

/** `exit=-2` -> `ENOENT(No such file or directory)`; other values unchanged. */
export function exitText(value: string): string {
  if (value.charCodeAt(0) !== 45) return value;
  const n = -Number(value);
  const name = errnoName(n);
  return name ? `${name}(${errnoMessage(n)})` : value;
}

function idText(rec: AuditRecord, key: string, value: string, kind: 'uid' | 'gid', ctx: InterpretContext): string {
  if (isUnsetId(value)) return 'unset';
  const enriched = rec.isEnriched ? rec.enriched()[key.toUpperCase()] : undefined;
  if (enriched !== undefined) return enriched;
  if (value === '0' && kind === 'uid') return 'root';
  const name = ctx.ids ? (kind === 'uid' ? ctx.ids.user(value) : ctx.ids.group(value)) : undefined;
  return name ?? (ctx.ids ? `unknown(${value})` : value);
}

/**
 * Interprets every body field of `rec`, in order, as `[key, text]` pairs. Values not covered by an
 * interpretation come back as written (without quotes).
 */
export function interpretFields(rec: AuditRecord, ctx: InterpretContext): [string, string][] {
  const out: [string, string][] = [];
  const fields = rec.fields();
  let syscall: string | undefined;
  let args: string[] | undefined;
  if (rec.type === SYSCALL || rec.type === SECCOMP) {
    const arch = Number.parseInt(rec.get('arch') ?? '', 16);
    const nr = Number(rec.get('syscall'));
    if (!Number.isNaN(arch) && !Number.isNaN(nr)) syscall = ausearchSyscallName(arch, nr);
    args = ['a0', 'a1', 'a2', 'a3'].map((k) => rec.get(k) ?? '');
  }
  const nameId = (n: number, kind: 'uid' | 'gid'): string => {
    if (n === 0 && kind === 'uid') return 'root';
    const name = ctx.ids ? (kind === 'uid' ? ctx.ids.user(n) : ctx.ids.group(n)) : undefined;
    return name ?? (ctx.ids ? `unknown(${n})` : String(n));
  };
  for (const f of fields) {
    const k = f.key;
    const v = f.value;
    const quoted = f.quote !== '';
    let text = v;
    if (UID_FIELDS.has(k)) text = idText(rec, k, v, 'uid', ctx);
    else if (GID_FIELDS.has(k)) text = idText(rec, k, v, 'gid', ctx);
    else if (rec.type === EXECVE && /^a\d+(\[\d+\])?$/.test(k)) text = decodeUntrusted(v, quoted);
    else {
      switch (k) {
        case 'arch': {
          const code = Number.parseInt(v, 16);
          text = Number.isNaN(code) ? v : ausearchArchName(code);
          break;
        }
        case 'syscall':
          if (syscall) text = syscall;
          break;
        case 'code':
          if (rec.type === SECCOMP) text = seccompCodeText(v);
          break;
        case 'family':
          if (rec.type === NETFILTER_CFG) text = nfprotoText(v);
          break;
        case 'exit':
          text = exitText(v);
          break;
        case 'a0':
        case 'a1':
        case 'a2':
        case 'a3':
          if (rec.type === SYSCALL) text = syscall ? syscallArgText(syscall, Number(k[1]), v, args, nameId) : `0x${v}`;
          break;
        case 'mode':
          text = modeText(v);
          break;
        case 'saddr':
          text = sockaddrText(decodeSockaddr(v));
          break;
        case 'capability':
          text = capabilityText(v);
          break;
        case 'sig':
          text = signalText(v);
          break;
        case 'ses':
          text = sessionText(v);
          break;
        case 'res':
        case 'result':
          text = resText(v);
          break;
        case 'proctitle':
          text = proctitleText(v, quoted);
          break;
        case 'list':
          text = ruleListText(v);
          break;
        case 'prom':
        case 'old_prom':
          text = promiscuousText(v);
          break;
        default:
          // fp= inside a user-space msg='…' (sshd's CRYPTO_KEY_USER) is a key fingerprint, not a capability set.
          if (CAP_BITMAPS.has(k) && f.container === null) text = capabilityBitmapText(v);
          else if (UNTRUSTED_FIELDS.has(k)) text = decodeUntrusted(v, quoted);
      }
    }
    out.push([k, text]);
  }
  return out;
}

/** The a0..a3 of a SYSCALL record interpreted for its syscall (`AT_FDCWD`, `O_RDONLY|O_CLOEXEC`, `0x3`). */
export function syscallArgs(rec: AuditRecord, syscall: string | undefined): string[] {
  const args = [rec.get('a0'), rec.get('a1'), rec.get('a2'), rec.get('a3')];
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    const v = args[i];
    if (v === undefined) break;
    out.push(syscall ? syscallArgText(syscall, i, v, args) : `0x${v}`);
  }
  return out;
}
