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
import { AUDIT_MESSAGE } from '../../tables/message-types.js';

const { DAEMON_START: AUDIT_DAEMON_START, PATH: AUDIT_PATH, EXECVE: AUDIT_EXECVE } = AUDIT_MESSAGE;

export type { IdNames } from './auparse-values.js';

export interface InterpretOptions {
  /** Names uids and gids the way this host does (RAW logs; ENRICHED records carry their own names). */
  ids: IdNames;
}

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

/** Where a record's fields start: the header and time stamp printed, and the index after `)`; undefined when the line has no `(…)`. */
function recordStart(rec: AuditRecord, stamp: string): [string, number] | undefined {
  const s = rec.line;
  const end = rec.bodyEnd;
  let from = 0;
  if (rec.node !== undefined) {
    const sp = s.indexOf(' ');
    if (sp >= 0 && sp < end) from = sp + 1;
  }
  const paren = s.indexOf('(', from);
  if (paren < 0 || paren >= end) return undefined;
  const close = s.indexOf(')', paren);
  if (close < 0 || close >= end) return undefined;
  return [header(rec, from, paren) + stamp, close + 1];
}

/**
 * One value as ausearch cuts it, written by cutValue: it ends at `valEnd`; the text not yet cut starts at
 * `str` (-1 when done); `eaten` is the character after a closing quote, which ausearch replaces by a space;
 * `comma` when a comma ended it. `nextComma` is kept between fields (most lines have none, and then one
 * search covers the whole line). One object, reused: records are rendered one at a time.
 */
const cut = { valEnd: 0, str: 0, eaten: -1, comma: false, nextComma: -1 };

/** Cuts the value at s[ptr…) of field s[ns, eq) into `cut`. */
function cutValue(rec: AuditRecord, ns: number, eq: number, slowTypes: boolean): void {
  const s = rec.line;
  const end = rec.bodyEnd;
  const ptr = eq + 1;
  const q = s.charCodeAt(ptr);
  cut.eaten = -1;
  if (q === 39 || q === 34) {
    const cq = s.indexOf(q === 39 ? "'" : '"', ptr + 1);
    cut.valEnd = cq < 0 || cq >= end ? end : cq + 1;
    if (cut.valEnd < end) cut.eaten = cut.valEnd;
    cut.str = cut.valEnd < end ? cut.valEnd + 1 : -1;
    return;
  }
  // ausearch looks for the next comma and the next space; only a comma before the space matters
  let sp = s.indexOf(' ', ptr);
  if (sp >= end) sp = -1;
  if (cut.nextComma >= 0 && cut.nextComma < ptr) cut.nextComma = s.indexOf(',', ptr);
  const cm = cut.nextComma >= 0 && cut.nextComma < end && (sp < 0 || cut.nextComma < sp) ? cut.nextComma : -1;
  // a comma ends the value unless the field is a MAC label (SELinux categories hold commas)
  if (cm >= 0 && typeOf(rec.type, s, ns, eq, sp >= 0 ? sp : ptr, end, slowTypes) !== T.MAC_LABEL) {
    cut.valEnd = cm;
    cut.str = cm + 1;
    cut.comma = true;
  } else {
    cut.valEnd = sp >= 0 ? sp : end;
    cut.str = sp >= 0 ? sp + 1 : -1;
  }
}

/** The name's start: output_interpreted_record skips one leading quote (`'op` of msg='op=…'), report_interpret blanks and '('. */
function nameStartOf(s: string, nameStart: number, eq: number): number {
  let ns = nameStart;
  if (s.charCodeAt(ns) === 39) ns++;
  let c = s.charCodeAt(ns);
  while ((c === SPACE || c === 40) && ns < eq) c = s.charCodeAt(++ns);
  return ns;
}

/** A SYSCALL or SECCOMP record's arch and syscall, which later fields are interpreted by. */
function noteSyscall(ctx: FieldContext, s: string, ns: number, eq: number, vEnd: number): void {
  if (eq - ns === 4 && s.startsWith('arch', ns)) ctx.arch = parseHex(s.slice(eq + 1, vEnd));
  else if (eq - ns === 7 && s.startsWith('syscall', ns) && ctx.syscall < 0) ctx.syscall = parseDec(s.slice(eq + 1, vEnd));
}

/** An interpreted value as printed, with the space after it (keys: one `key=` each). */
function printedValue(type: number, name: string, text: string): string {
  if (type === T.ESCAPED_KEY && name === 'key') return text.includes('\x01') ? `${text.split('\x01').join(' key=')} ` : `${text} `;
  return type === T.TTY_DATA ? text : `${text} `;
}

// The one loop of output_interpreted_record; the cutting, naming and printing of a value are functions of their own.
function renderRecord(rec: AuditRecord, stamp: string, ids: IdNames): string {
  const s = rec.line;
  const end = rec.bodyEnd;
  const start = recordStart(rec, stamp);
  if (start === undefined) return '';
  let out = start[0];
  const rtype = rec.type;
  const isSyscall = rtype === AUDIT_SYSCALL || rtype === AUDIT_SECCOMP;
  const slowTypes = adjustsFields(rtype);
  let ctx: FieldContext | undefined;
  let enriched: Enriched | undefined;

  // Most values print as they stand: the output is the line itself, with only interpreted values replaced.
  // `run` is where the text not yet copied to `out` starts.
  let run = start[1];
  let str = start[1]; // ausearch's `str`: where the text not yet cut into fields starts; -1 when done
  let found = false;
  let lastPlain = false; // the last field printed as it stands (then a value at the end needs its space)
  cut.comma = false;
  cut.nextComma = s.indexOf(',', str);
  while (str >= 0 && str < end) {
    const eq = s.indexOf('=', str);
    if (eq < 0 || eq >= end) break;
    found = true;
    cut.comma = false;
    // The name is the word before '=' (back to a space, or to where the unprinted text starts).
    let nameStart = eq;
    while (nameStart > str && s.charCodeAt(nameStart) !== SPACE) nameStart--;
    if (eq - nameStart === 3 && s.startsWith('msg', nameStart)) {
      // msg='…' of a user-space record: print `msg=` and go on inside it
      str = eq + 1;
      lastPlain = false;
      continue;
    }
    const ns = nameStartOf(s, nameStart, eq);
    const ptr = eq + 1;
    cutValue(rec, ns, eq, slowTypes);
    str = cut.str;
    const valEnd = cut.valEnd;
    let vEnd = valEnd;
    const isAcct = eq - ns === 4 && s.startsWith('acct', ns);
    if (isAcct && s.charCodeAt(vEnd - 1) === 58 /* : */) vEnd--; // report_interpret drops acct's trailing ':'
    const type = typeOf(rtype, s, ns, eq, ptr, vEnd, slowTypes || isAcct);
    if (isSyscall) noteSyscall((ctx ??= context(rec, ids, isSyscall)), s, ns, eq, vEnd);
    if (type === T.UNCLASSIFIED) {
      if (vEnd !== valEnd || (cut.eaten >= 0 && s.charCodeAt(cut.eaten) !== SPACE)) {
        out += s.slice(run, vEnd) + (cut.comma ? ',' : ' ');
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
    else text = interpretField(type, name, s.slice(ptr, vEnd), (ctx ??= context(rec, ids, isSyscall)), NO_ENRICHED);
    out += s.slice(run, ptr) + printedValue(type, name, text);
    run = str >= 0 ? str : end;
  }
  if (str < 0) {
    // the last value ran to the end of the line: it still gets its space
    out += s.slice(run, end);
    if (lastPlain) out += ' ';
  } else {
    // text after the last field is dropped, unless there was no field or the last one ended at a comma
    out += s.slice(run, str);
    if (!found || cut.comma) out += printSafe(s.slice(str, end));
  }
  return `${out}\n`;
}

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
