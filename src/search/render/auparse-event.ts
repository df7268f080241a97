// One event as auparse 3.0.9 holds it for ausearch's --format csv and --format text: records in the order they
// were fed (received order), each cut into fields as auparse's parse_up_record cuts them, and auparse's cursor
// (current record, and a current field per record). The normalizer (./normalize.ts) walks this cursor exactly as
// auparse's does, because where a search starts and whether it runs off the end decides what it finds.
//
// Fields, as auparse sees them: the record is split at spaces; a token without `=` is dropped; `msg=audit(…):`
// is dropped and `msg='` is cut off the first nested field; a value loses one trailing `:`, then `,`, then `'`,
// then `)` (unless it is `(none)`/`(null)`); an empty value drops the field; a hex key holding several keys
// becomes one `key` field per key. Field 0 is `type` (`node` first when there is one).

import { messageTypeNumber } from '../../tables/message-types.js';
import type { AuditRecord } from '../../parse/record.js';
import {
  type Enriched,
  type FieldContext,
  type IdNames,
  NO_ENRICHED,
  auUnescape,
  enrichedOf,
  fieldType,
  interpretField,
  T,
  cNumber,
} from './auparse-values.js';
import { AUDIT_MESSAGE } from '../../tables/message-types.js';

const { CWD: AUDIT_CWD, AVC: AUDIT_AVC, USER_AVC: AUDIT_USER_AVC } = AUDIT_MESSAGE;

export interface AuField {
  readonly name: string;
  /** The value as auparse keeps it (quotes kept, trailing punctuation taken off); null for a malformed key. */
  readonly val: string | null;
  /** The interpretation, once asked for (auparse caches it per field: the first way it was asked wins). */
  interp: string | undefined;
}

export interface AuRecord {
  readonly type: number;
  readonly fields: AuField[];
  /** Current field. */
  cur: number;
  readonly enriched: Enriched;
  /** AUDIT_ARCH_* code when `arch` is the 2nd (or 11th) field, else -1; syscall when `syscall` is the 3rd (or 12th). */
  arch: number;
  syscall: number;
  a0: string | undefined;
  a1: string | undefined;
}

function stripTrailing(v: string): string {
  let len = v.length;
  if (len && v.charCodeAt(len - 1) === 58) len--; // :
  if (len && v.charCodeAt(len - 1) === 44) len--; // ,
  if (len && v.charCodeAt(len - 1) === 39) len--; // '
  if (len && v.charCodeAt(len - 1) === 41) {
    const s = v.slice(0, len);
    if (s !== '(none)' && s !== '(null)') len--;
  }
  return len === v.length ? v : v.slice(0, len);
}

/** auparse's escape() of one key: quoted when printable, else upper-case hex. */
function escapeKey(k: string): string {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    if (c === 34 || c < 0x21 || c > 0x7e) return Buffer.from(k, 'utf8').toString('hex').toUpperCase();
  }
  return `"${k}"`;
}

function typeNumber(name: string): number {
  return messageTypeNumber(name) ?? -1;
}

/** Cuts one record into auparse's fields. */
export function parseAuRecord(rec: AuditRecord): { record: AuRecord; cwd: string | undefined } {
  const line = rec.line.slice(0, rec.bodyEnd);
  const fields: AuField[] = [];
  let offset = 0;
  let type = 0;
  let arch = -1;
  let syscall = -1;
  let a0: string | undefined;
  let a1: string | undefined;
  let cwd: string | undefined;
  const toks = line.split(' ');
  for (let ti = 0; ti < toks.length; ti++) {
    let tok = toks[ti]!;
    if (tok === '') continue;
    let eq = tok.indexOf('=');
    if (eq < 0) {
      if (type === AUDIT_AVC || type === AUDIT_USER_AVC) {
        // SELinux AVCs: `denied` and `{ perms }` are fields without names
        if (fields.length === 1 + offset) {
          if (tok.startsWith('avc')) continue;
          fields.push({ name: 'seresult', val: tok, interp: undefined });
        } else if (fields.length === 2 + offset && tok === '{') {
          const perms: string[] = [];
          while (++ti < toks.length && toks[ti] !== '}') if (toks[ti] !== '') perms.push(toks[ti]!);
          fields.push({ name: 'seperms', val: perms.join(','), interp: undefined });
        } else if (fields.length === 2 + offset) {
          fields.push({ name: '', val: tok, interp: undefined });
        }
      }
      continue;
    }
    if (tok.startsWith('msg=')) {
      if (tok.charCodeAt(4) === 97 /* a */) continue;
      if (tok.charCodeAt(4) === 39 /* ' */) {
        tok = tok.slice(5);
        eq = tok.indexOf('=');
        if (eq < 0) continue;
      }
    }
    let name = tok.slice(0, eq);
    if (name.charCodeAt(0) === 40 /* ( */) name = name.slice(1);
    let val = tok.slice(eq + 1);
    if (val.length === 0) continue;
    val = stripTrailing(val);
    if (name === 'key') {
      if (val.charCodeAt(0) === 40 || val.charCodeAt(0) === 34) fields.push({ name, val, interp: undefined });
      else {
        const keys = auUnescape(val);
        if (keys === null) fields.push({ name, val: null, interp: undefined });
        else for (const k of keys.split('\x01')) if (k !== '') fields.push({ name, val: escapeKey(k), interp: undefined });
      }
      continue;
    }
    fields.push({ name, val, interp: undefined });
    const cnt = fields.length;
    if (cnt === 1 && name === 'node') offset = 1;
    else if (cnt === 1 + offset && name === 'type') type = typeNumber(val);
    else if ((cnt === 2 + offset || cnt === 11 + offset) && name === 'arch') arch = cHex(val);
    else if ((cnt === 3 + offset || cnt === 12 + offset) && name === 'syscall') syscall = cDec(val);
    else if (cnt === 6 + offset && name === 'a0') a0 = val;
    else if (cnt === 7 + offset && name === 'a1') a1 = val;
    else if (type === AUDIT_CWD && name === 'cwd') cwd = val;
  }
  const enriched = rec.bodyEnd < rec.line.length ? enrichedOf(rec.line.slice(rec.bodyEnd + 1)) : NO_ENRICHED;
  return { record: { type, fields, cur: 0, enriched, arch, syscall, a0, a1 }, cwd };
}

function cHex(v: string): number {
  const n = Number.parseInt(v, 16);
  return Number.isNaN(n) ? -1 : n;
}

function cDec(v: string): number {
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

/** auparse's event and cursor. Record -1 is auparse's "no current record" (a search ran off the end). */
export class AuEvent {
  readonly records: AuRecord[] = [];
  /** The cwd of the event's CWD record, as logged. */
  cwd: string | undefined;
  cur = 0;

  constructor(
    input: readonly AuditRecord[],
    readonly ids: IdNames,
  ) {
    for (const r of input) {
      const { record, cwd } = parseAuRecord(r);
      this.records.push(record);
      if (cwd !== undefined) this.cwd = cwd;
    }
  }

  private rec(): AuRecord | undefined {
    return this.cur < 0 ? undefined : this.records[this.cur];
  }

  numRecords(): number {
    return this.records.length;
  }

  recordNum(): number {
    return this.rec() ? this.cur : 0;
  }

  firstRecord(): number {
    if (this.records.length === 0) return 0;
    this.cur = 0;
    this.records[0]!.cur = 0;
    return 1;
  }

  /** Moves to the next record, keeping that record's current field. */
  nextRecord(): number {
    if (this.cur < 0) return 0;
    this.cur++;
    if (this.cur >= this.records.length) {
      this.cur = -1;
      return 0;
    }
    return 1;
  }

  gotoRecordNum(num: number): number {
    if (num >= this.records.length) return 0;
    this.cur = num;
    this.records[num]!.cur = 0;
    return 1;
  }

  firstField(): number {
    const r = this.rec();
    if (!r) return 0;
    r.cur = 0;
    return 1;
  }

  nextField(): number {
    const r = this.rec();
    if (!r || r.cur >= r.fields.length - 1) return 0;
    r.cur++;
    return 1;
  }

  gotoFieldNum(num: number): number {
    const r = this.rec();
    if (!r || num >= r.fields.length) return 0;
    r.cur = num;
    return 1;
  }

  fieldNum(): number {
    const r = this.rec();
    return r && r.fields.length ? r.cur : 0;
  }

  type(): number {
    return this.rec()?.type ?? 0;
  }

  private field(): AuField | undefined {
    const r = this.rec();
    return r && r.fields.length ? r.fields[r.cur] : undefined;
  }

  fieldName(): string | undefined {
    return this.field()?.name;
  }

  fieldStr(): string | null | undefined {
    return this.field()?.val;
  }

  /** auparse_get_field_int: strtol kept in an int; -1 when there is no field. */
  fieldInt(): number {
    const v = this.fieldStr();
    if (v === undefined || v === null) return -1;
    return cNumber(v, 10) | 0; // strtol kept in an int: the low 32 bits
  }

  fieldType(): number {
    const r = this.rec();
    const f = this.field();
    if (!r || !f) return T.UNCLASSIFIED;
    return fieldType(r.type, f.name, f.val ?? '');
  }

  /**
   * auparse_find_field: the current field when it has this name, else the next one in this or a later record.
   * A field without a value (a malformed key) is found, but reads as not found, as in auparse.
   */
  findField(name: string): string | undefined {
    const f = this.field();
    if (!f) return undefined;
    if (f.name === name) return f.val ?? undefined;
    return this.findFieldNext(name) ?? undefined;
  }

  private findFieldNext(name: string): string | null | undefined {
    let r = this.rec();
    let moved = false;
    while (r) {
      if (!moved) {
        if (r.cur >= r.fields.length - 1) return undefined;
        r.cur++;
        moved = true;
      }
      for (let i = r.cur; i < r.fields.length; i++) {
        if (r.fields[i]!.name === name) {
          r.cur = i;
          return r.fields[i]!.val;
        }
      }
      this.cur++;
      if (this.cur >= this.records.length) {
        this.cur = -1;
        return undefined;
      }
      r = this.records[this.cur]!;
      r.cur = 0;
    }
    return undefined;
  }

  private context(r: AuRecord, cwd: string | undefined): FieldContext {
    return { arch: r.arch, syscall: r.syscall, a0: r.a0, a1: r.a1, cwd, ids: this.ids };
  }

  /** auparse_interpret_field (cached per field, as auparse does). */
  interpret(): string | undefined {
    const r = this.rec();
    const f = this.field();
    if (!r || !f) return undefined;
    if (f.interp !== undefined) return f.interp;
    const type = fieldType(r.type, f.name, f.val ?? '');
    f.interp = interpretField(type, f.name, f.val ?? '', this.context(r, undefined), r.enriched);
    return f.interp;
  }

  /** auparse_interpret_realpath: a file name made absolute with the event's cwd; undefined for other fields. */
  interpretRealpath(): string | undefined {
    const r = this.rec();
    const f = this.field();
    if (!r || !f) return undefined;
    const type = fieldType(r.type, f.name, f.val ?? '');
    if (type !== T.ESCAPED_FILE) return undefined;
    if (f.interp !== undefined) return f.interp;
    f.interp = interpretField(type, f.name, f.val ?? '', this.context(r, this.cwd ?? undefined), r.enriched);
    return f.interp;
  }

  /** auparse_interpret_sock_address / _family: a part of a SOCKADDR interpretation. */
  interpretSockPart(part: 'laddr=' | 'saddr_fam='): string | undefined {
    if (this.fieldType() !== T.SOCKADDR) return undefined;
    const v = this.interpret();
    if (v === undefined) return undefined;
    const at = v.indexOf(part);
    if (at < 0) return undefined;
    const end = v.indexOf(' ', at + part.length);
    return end < 0 ? undefined : v.slice(at + part.length, end);
  }
}
