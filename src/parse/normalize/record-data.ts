// One record's fields as a flat, interpreted key -> value map: the building block of a normalized event.
// Values are decoded (hex untrusted strings, proctitle), and a few fields are rewritten the way go-libaudit's
// consumers expect (auid/ses `unset`, `result` from success/res, errno names for negative exits, arch and
// syscall names, SELinux contexts split into subj_* / obj_*). Empty, `?` and `(null)` values are left out.

import type { AuditRecord } from '../record.js';
import { decodeHex, isExecveArgKey, isHexEncoded, UNTRUSTED_FIELDS } from '../interpret/hex.js';
import { proctitleText } from '../interpret/proctitle.js';
import { decodeSockaddr, sockaddrFamilyLabel } from '../interpret/sockaddr.js';
import { isUnsetId, resultOf, ruleKeys, signalName, splitContext } from '../interpret/values.js';

/** Name lookups the interpretation needs; supplied by src/parse/interpret/lookups.ts (tables). */
export interface Lookups {
  /** AUDIT_ARCH_* code -> arch name (c000003e -> x86_64). */
  archName(code: number): string | undefined;
  /** Syscall number -> name for an arch code. */
  syscallName(archCode: number, nr: number): string | undefined;
  /** errno number (positive) -> name (13 -> EACCES). */
  errnoName(n: number): string | undefined;
}

export const SYSCALL = 1300;
export const SOCKADDR = 1306;
export const PATH = 1302;
export const EXECVE = 1309;
export const PROCTITLE = 1327;
export const SECCOMP = 1326;
export const LOGIN = 1006;
export const AVC = 1400;

export interface RecordData {
  /** Interpreted fields in record order (later keys of the same name, e.g. inside msg='…', win). */
  data: Record<string, string>;
  /** Rule keys from `key=` (split on \x01), in order. */
  tags: string[];
}

const CONTEXT_PARTS = ['user', 'role', 'domain', 'level', 'category'] as const;

function addContext(data: Record<string, string>, prefix: string, ctx: string): void {
  const c = splitContext(ctx);
  if (c.profile !== undefined) {
    data[`${prefix}_user`] = c.profile; // AppArmor: keep the label where consumers look for it
    if (c.mode !== undefined) data[`${prefix}_mode`] = c.mode;
    return;
  }
  for (const part of CONTEXT_PARTS) {
    const v = c[part];
    if (v !== undefined) data[`${prefix}_${part}`] = v;
  }
}

function isDropped(v: string): boolean {
  const n = v.length;
  return n === 0 || (n === 1 && v === '?') || (n === 2 && v === '?,') || (n === 6 && v === '(null)');
}

const UNSET_KEYS = new Set(['auid', 'old-auid', 'old_auid', 'ses', 'old-ses', 'old_ses']);

/** Interprets one record (not EXECVE arguments: see execve.ts). */
export function recordData(rec: AuditRecord, lookups: Lookups): RecordData {
  const data: Record<string, string> = {};
  const tags: string[] = [];
  const type = rec.type;
  const fields = rec.fields();
  let result: string | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let key = f.key;
    let value = f.value;
    if (key === 'key') {
      for (const k of ruleKeys(value, f.quote !== '')) tags.push(k);
      continue;
    }
    if (isDropped(value)) continue;
    if (type === EXECVE && isExecveArgKey(key)) continue;
    switch (key) {
      case 'success':
      case 'res':
        result = resultOf(value);
        continue;
      case 'proctitle':
        value = proctitleText(value, f.quote !== '');
        break;
      case 'subj':
        addContext(data, 'subj', value);
        continue;
      case 'obj':
        if (type === PATH) {
          addContext(data, 'obj', value);
          continue;
        }
        break;
      case 'exit':
        if (value.charCodeAt(0) === 45 /* - */) {
          const name = lookups.errnoName(-Number(value));
          if (name) value = name;
        }
        break;
      case 'saddr':
        if (type === SOCKADDR) {
          const sa = decodeSockaddr(value);
          data['family'] = sockaddrFamilyLabel(sa);
          if (sa.addr !== undefined) data['addr'] = sa.addr;
          if (sa.port !== undefined) data['port'] = String(sa.port);
          if (sa.path !== undefined) data['path'] = sa.path;
          if (sa.flow !== undefined) data['flow'] = String(sa.flow);
          if (sa.pid !== undefined) data['nl_pid'] = String(sa.pid);
          if (sa.addr === undefined && sa.path === undefined) data['saddr'] = sa.raw;
          continue;
        }
        break;
      default:
        if (key.includes(' ')) key = key.replace(' ', '_'); // old LOGIN spelling: `old auid=` -> old_auid
        if (f.quote === '' && UNTRUSTED_FIELDS.has(key) && isHexEncoded(value)) value = decodeHex(value);
        else if (UNSET_KEYS.has(key) && isUnsetId(value)) value = 'unset';
    }
    data[key] = value;
  }
  if (result !== undefined) data['result'] = result;
  if (type === SYSCALL || type === SECCOMP) {
    const archHex = data['arch'];
    if (archHex !== undefined) {
      const code = Number.parseInt(archHex, 16);
      const nrText = data['syscall'];
      const nr = nrText !== undefined ? Number(nrText) : Number.NaN;
      if (!Number.isNaN(code)) {
        const name = lookups.archName(code);
        if (name) data['arch'] = name;
        if (!Number.isNaN(nr)) {
          const sc = lookups.syscallName(code, nr);
          if (sc) data['syscall'] = sc;
        }
      }
    }
    if (type === SECCOMP) {
      const sig = data['sig'];
      if (sig !== undefined) {
        const s = signalName(Number(sig));
        if (s) data['sig'] = s;
      }
    }
  }
  if (type === AVC) {
    // SELinux: `avc:  denied  { read write } for ...` -> seresult=denied seperms=read,write
    for (const t of rec.text()) {
      const m = /avc:\s+(\w+)\s+\{\s*([^}]*?)\s*\}/.exec(t.text);
      if (m) {
        data['seresult'] = m[1]!;
        data['seperms'] = m[2]!.split(/\s+/).join(',');
        break;
      }
    }
  }
  return { data, tags };
}
