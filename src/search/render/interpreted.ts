// `ausearch -i` (audit 3.0.9) for one event: `----`, then every record, last received first, each as
//   type=NAME msg=audit(MM/DD/YY HH:MM:SS.mmm:SERIAL) : name=value name=value …
// with every value interpreted as auparse does (see ./auparse-values.ts).
//
// The record body is cut into fields exactly as ausearch's output_interpreted_record cuts it, because its way
// of cutting shows in the output: a field's name is the word before `=`; text between fields is printed as it
// stands; `msg='…'` of user-space records is entered, so its first field reads `'op=…` and its last value keeps
// the closing quote (`res=success'`); a quoted value ends at its closing quote and eats one character after it;
// a bare value ends at the first space, or at a comma before it (then `,` follows the value, unless the field
// is interpreted); text after the last field is dropped; a record without any `=` is printed as it is,
// followed by an empty line. Every value is followed by a space.
//
// The records come in the order they were received (an AuditEvent's `records`); ausearch prints them in the
// reverse order (it keeps them on a stack), except that an event whose last record is a daemon record
// (DAEMON_START..1299) prints that record alone.

import { NOT_IN_AUSEARCH, messageTypeName } from '../../tables/message-types.js';
import type { AuditRecord } from '../../parse/record.js';
import {
  AUDIT_SECCOMP,
  AUDIT_SYSCALL,
  type Enriched,
  type FieldContext,
  type IdNames,
  NO_ENRICHED,
  T,
  adjustsFields,
  enrichedOf,
  enrichedText,
  fieldType,
  typeAt,
  interpretField,
  ttyEscape,
} from './auparse-values.js';
import { localTime } from './time.js';

export type { IdNames } from './auparse-values.js';

export interface InterpretOptions {
  /** Names uids and gids the way this host does (RAW logs; ENRICHED records carry their own names). */
  ids: IdNames;
}

const AUDIT_DAEMON_START = 1200;
const MAX_AUDIT_MESSAGE_LENGTH = 8970;

const SPACE = 32;

/** The text `ausearch -i` prints for one event (records in received order); ends with a newline. */
export function renderInterpreted(records: readonly AuditRecord[], opts: InterpretOptions): string {
  const n = records.length;
  if (n === 0) return '----\n';
  const first = records[0]!;
  const last = records[n - 1]!;
  const tm = localTime(first.sec);
  const stamp = `${tm.date} ${tm.time}.${first.msec < 10 ? '00' : first.msec < 100 ? '0' : ''}${first.msec}:${first.serial}) `;
  let out = '----\n';
  if (last.type >= AUDIT_DAEMON_START && last.type < AUDIT_SYSCALL) return out + renderRecord(last, stamp, opts.ids);
  for (let i = n - 1; i >= 0; i--) out += renderRecord(records[i]!, stamp, opts.ids);
  return out;
}

/** Headers of records written `type=NAME msg=audit(`, by type name (the parser shares one string per name). */
const HEADERS = new Map<string, string>();

/** `type=NAME msg=audit(` as ausearch prints it: a name it knows, else the line's own text. */
function header(rec: AuditRecord, from: number, paren: number): string {
  if (rec.node === undefined && paren === rec.typeName.length + 15) {
    // `type=NAME msg=audit(`, nothing else
    let h = HEADERS.get(rec.typeName);
    if (h === undefined) {
      h = headerOf(rec, from, paren);
      if (HEADERS.size < 1024) HEADERS.set(rec.typeName, h);
    }
    return h;
  }
  return headerOf(rec, from, paren);
}

function headerOf(rec: AuditRecord, from: number, paren: number): string {
  const node = rec.node === undefined ? '' : `node=${rec.node} `;
  if (rec.type >= 0 && rec.typeName.charCodeAt(0) === 85 /* U */ && rec.typeName.startsWith('UNKNOWN[') && !NOT_IN_AUSEARCH.has(rec.type)) {
    const name = messageTypeName(rec.type);
    if (!name.startsWith('UNKNOWN[')) return `${node}type=${name} msg=audit(`;
  }
  return node + rec.line.slice(from, paren + 1);
}

function renderRecord(rec: AuditRecord, stamp: string, ids: IdNames): string {
  const s = rec.line;
  const end = rec.bodyEnd;
  let from = 0;
  if (rec.node !== undefined) {
    const sp = s.indexOf(' ');
    if (sp >= 0 && sp < end) from = sp + 1;
  }
  const paren = s.indexOf('(', from);
  if (paren < 0 || paren >= end) return '';
  const close = s.indexOf(')', paren);
  if (close < 0 || close >= end) return '';
  let out = header(rec, from, paren) + stamp;

  const rtype = rec.type;
  const isSyscall = rtype === AUDIT_SYSCALL || rtype === AUDIT_SECCOMP;
  const slowTypes = adjustsFields(rtype);
  let ctx: FieldContext | undefined;
  let enriched: Enriched | undefined;

  // Most values print as they stand: the output is the line itself, with only interpreted values replaced.
  // `run` is where the text not yet copied to `out` starts.
  let run = close + 1;
  let str = close + 1; // ausearch's `str`: where the text not yet cut into fields starts; -1 when done
  let found = false;
  let comma = false;
  let lastPlain = false; // the last field printed as it stands (then a value at the end needs its space)
  let nextComma = s.indexOf(',', str);
  while (str >= 0 && str < end) {
    const eq = s.indexOf('=', str);
    if (eq < 0 || eq >= end) break;
    found = true;
    comma = false;
    // The name is the word before '=' (back to a space, or to where the unprinted text starts).
    let nameStart = eq;
    while (nameStart > str && s.charCodeAt(nameStart) !== SPACE) nameStart--;
    if (eq - nameStart === 3 && s.startsWith('msg', nameStart)) {
      // msg='…' of a user-space record: print `msg=` and go on inside it
      str = eq + 1;
      lastPlain = false;
      continue;
    }
    // output_interpreted_record skips one leading quote (`'op` of msg='op=…'), report_interpret blanks and '('
    let ns = nameStart;
    if (s.charCodeAt(ns) === 39) ns++;
    let c = s.charCodeAt(ns);
    while ((c === SPACE || c === 40) && ns < eq) c = s.charCodeAt(++ns);
    const ptr = eq + 1;
    const q = s.charCodeAt(ptr);
    let valEnd: number;
    let eaten = -1; // the character after a closing quote, which ausearch replaces by a space
    if (q === 39 || q === 34) {
      const cq = s.indexOf(q === 39 ? "'" : '"', ptr + 1);
      if (cq < 0 || cq >= end) {
        valEnd = end;
        str = -1;
      } else {
        valEnd = cq + 1;
        if (valEnd < end) {
          eaten = valEnd;
          str = valEnd + 1;
        } else str = -1;
      }
    } else {
      // ausearch looks for the next comma and the next space; only a comma before the space matters. The next
      // comma is kept between fields (most lines have none, and then one search covers the whole line).
      let sp = s.indexOf(' ', ptr);
      if (sp >= end) sp = -1;
      if (nextComma >= 0 && nextComma < ptr) nextComma = s.indexOf(',', ptr);
      const cm = nextComma >= 0 && nextComma < end && (sp < 0 || nextComma < sp) ? nextComma : -1;
      if (cm >= 0) {
        // a comma ends the value unless the field is a MAC label (SELinux categories hold commas)
        if (typeOf(rtype, s, ns, eq, sp >= 0 ? sp : ptr, end, slowTypes) === T.MAC_LABEL) {
          valEnd = sp >= 0 ? sp : end;
          str = sp >= 0 ? sp + 1 : -1;
        } else {
          valEnd = cm;
          str = cm + 1;
          comma = true;
        }
      } else if (sp >= 0) {
        valEnd = sp;
        str = sp + 1;
      } else {
        valEnd = end;
        str = -1;
      }
    }
    let vEnd = valEnd;
    const isAcct = eq - ns === 4 && s.startsWith('acct', ns);
    if (isAcct && s.charCodeAt(vEnd - 1) === 58 /* : */) vEnd--; // report_interpret drops acct's trailing ':'
    const type = typeOf(rtype, s, ns, eq, ptr, vEnd, slowTypes || isAcct);
    if (isSyscall) {
      if (eq - ns === 4 && s.startsWith('arch', ns)) {
        ctx ??= context(rec, ids, isSyscall);
        ctx.arch = parseHex(s.slice(ptr, vEnd));
      } else if (eq - ns === 7 && s.startsWith('syscall', ns)) {
        ctx ??= context(rec, ids, isSyscall);
        if (ctx.syscall < 0) ctx.syscall = parseDec(s.slice(ptr, vEnd));
      }
    }
    if (type === T.UNCLASSIFIED) {
      if (vEnd !== valEnd || (eaten >= 0 && s.charCodeAt(eaten) !== SPACE)) {
        out += s.slice(run, vEnd);
        out += comma ? ',' : ' ';
        run = valEnd + 1;
      }
      lastPlain = true;
      continue;
    }
    lastPlain = false;
    const name = s.slice(ns, eq);
    enriched ??= end < s.length ? enrichedOf(s.slice(end + 1)) : NO_ENRICHED;
    const e = enriched.size !== 0 ? enriched.get(name) : undefined;
    let text: string;
    if (e !== undefined && !e.startsWith('unknown-'))
      text = enrichedText(type, e); // auditd named it
    else {
      ctx ??= context(rec, ids, isSyscall);
      text = interpretField(type, name, s.slice(ptr, vEnd), ctx, NO_ENRICHED);
    }
    out += s.slice(run, ptr);
    if (type === T.ESCAPED_KEY && name === 'key') {
      out += text.includes('\x01') ? `${text.split('\x01').join(' key=')} ` : `${text} `;
    } else if (type === T.TTY_DATA) {
      out += text;
    } else {
      out += text;
      out += ' ';
    }
    run = str >= 0 ? str : end;
  }
  if (str < 0) {
    // the last value ran to the end of the line: it still gets its space
    out += s.slice(run, end);
    if (lastPlain) out += ' ';
  } else {
    // text after the last field is dropped, unless there was no field or the last one ended at a comma
    out += s.slice(run, str);
    if (!found || comma) out += printSafe(s.slice(str, end));
  }
  return `${out}\n`;
}

const AUDIT_PATH = 1302;
const AUDIT_EXECVE = 1309;

/** The type of field s[ns, eq) whose value is s[vs, ve): typetab's, adjusted for the record type when it may be. */
function typeOf(rtype: number, s: string, ns: number, eq: number, vs: number, ve: number, slow: boolean): number {
  if (!slow) return typeAt(s, ns, eq);
  // the two frequent record types with an adjustment, without cutting names out
  if (rtype === AUDIT_PATH && !(eq - ns === 4 && s.startsWith('acct', ns))) {
    return eq - ns === 5 && s.startsWith('flags', ns) ? T.FLAGS : typeAt(s, ns, eq);
  }
  if (rtype === AUDIT_EXECVE && s.charCodeAt(ns) === 97 /* a */) {
    const len = s.indexOf('_len', ns);
    if (!(eq - ns === 4 && s.startsWith('argc', ns)) && !(len >= 0 && len + 4 <= eq)) return T.ESCAPED;
  }
  return fieldType(rtype, s.slice(ns, eq), s.slice(vs, ve));
}

function context(rec: AuditRecord, ids: IdNames, isSyscall: boolean): FieldContext {
  // ausearch keeps a SYSCALL record's a0/a1 from its own parse (socketcall names its call by a0, which comes
  // later in the line): they are looked up when an interpretation needs them
  const loadArgs =
    rec.type === AUDIT_SYSCALL
      ? (ctx: FieldContext): void => {
          ctx.a0 = argAfter(rec.line, ' a0=', rec.bodyEnd);
          ctx.a1 = argAfter(rec.line, ' a1=', rec.bodyEnd);
          ctx.loadArgs = undefined;
        }
      : undefined;
  return { arch: -1, syscall: isSyscall ? -1 : 0, a0: undefined, a1: undefined, loadArgs, cwd: undefined, ids };
}

/** The bare value after `key` (` a0=`) in the line, or undefined. */
function argAfter(s: string, key: string, end: number): string | undefined {
  const at = s.indexOf(key);
  if (at < 0 || at >= end) return undefined;
  let e = at + key.length;
  while (e < end && s.charCodeAt(e) !== SPACE) e++;
  return s.slice(at + key.length, e);
}

/** safe_print_string(s, 1): escaped, cut at the longest audit message, then a newline. */
function printSafe(s: string): string {
  const cut = s.length > MAX_AUDIT_MESSAGE_LENGTH ? s.slice(0, MAX_AUDIT_MESSAGE_LENGTH) : s;
  return `${ttyEscape(cut)}\n`;
}

function parseHex(v: string): number {
  const n = Number.parseInt(v, 16);
  return Number.isNaN(n) ? -1 : n;
}

function parseDec(v: string): number {
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? -1 : n;
}
