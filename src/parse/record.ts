// One audit log line -> one AuditRecord (or a RecordError). Pure: no I/O, never throws.
//
//   [node=HOST ]type=NAME msg=audit(SEC.MSEC:SERIAL): BODY[\x1dENRICHED]
// (old auditd: `audit(SEC.MSEC:SERIAL) BODY`, without the colon, in its DAEMON_* records)
//
// The header (node, type, timestamp, serial) is parsed eagerly because reassembly needs it for every line;
// the body fields and the ENRICHED interpretations are parsed lazily, on first use, and cached.
// Netlink delivers the type as a number and the payload without `type=… msg=`: use recordFromNetlink().

import { messageTypeName, messageTypeNumber } from '../tables/message-types.js';
import { type AuditField, lexBody, lexEnriched, type LexResult, type TextSegment } from './lexer.js';

export type { AuditField, TextSegment } from './lexer.js';

/** The byte auditd writes between the raw record and its interpretations in ENRICHED logs (ASCII GS). */
export const ENRICHED_SEPARATOR = '\x1d';

/**
 * A parsed audit record. Header fields are plain properties; `fields()`, `get()`, `text()`, `msg`,
 * `enriched()` parse the body on first use.
 */
export class AuditRecord {
  readonly kind = 'record' as const;
  private lexed: LexResult | undefined;
  private enrichedMap: Readonly<Record<string, string>> | undefined;

  constructor(
    /** The whole line as read (without its newline), ENRICHED suffix and a trailing CR included. */
    readonly line: string,
    /** Message type number (1300); -1 when the name is not a known type. */
    readonly type: number,
    /** Message type name as written: `SYSCALL`, `UNKNOWN[1329]`. */
    readonly typeName: string,
    /** `node=` prefix (the host name auditd adds with name_format), or undefined. */
    readonly node: string | undefined,
    /** Seconds since the epoch. */
    readonly sec: number,
    /** Milliseconds, 0..999. */
    readonly msec: number,
    /** Event serial number. Records of one event share (node, sec, msec, serial). */
    readonly serial: number,
    /** Offset of `audit(` in `line` (start of raw_msg). */
    readonly msgStart: number,
    /** Offset of the body (after `): `). */
    readonly bodyStart: number,
    /** Offset where the body ends: the \x1d separator, or the end of the text. */
    readonly bodyEnd: number,
    /** End of the text: the line's length, less a trailing CR (kept in `line`, so output gives it back). */
    readonly end: number = line.length,
  ) {}

  /**
   * Everything after `msg=`, as read (an ENRICHED suffix included), as go-libaudit's raw_msg:
   * `audit(1451781471.394:194433): proctitle="bash"`.
   */
  get rawMsg(): string {
    return this.line.slice(this.msgStart);
  }

  /** The body text: the key=value part after `): `, without the ENRICHED suffix. */
  get body(): string {
    return this.line.slice(this.bodyStart, this.bodyEnd);
  }

  /** The timestamp, `SEC.MMM` (milliseconds always 3 digits): `1451781471.394`. */
  get timestamp(): string {
    return `${this.sec}.${String(this.msec).padStart(3, '0')}`;
  }

  /** Milliseconds since the epoch. */
  get timeMs(): number {
    return this.sec * 1000 + this.msec;
  }

  /** True when the line carries an ENRICHED suffix. */
  get isEnriched(): boolean {
    return this.bodyEnd < this.end;
  }

  private lex(): LexResult {
    if (this.lexed === undefined) {
      const out: LexResult = { fields: [], text: [], msg: undefined };
      lexBody(this.line, this.bodyStart, this.bodyEnd, out);
      this.lexed = out;
    }
    return this.lexed;
  }

  /**
   * Every body field in order, nested `msg='…'` fields flattened in place (their `container` is `msg`).
   * A key may occur more than once (an outer `uid=` and an inner one); all are kept.
   */
  fields(): readonly AuditField[] {
    return this.lex().fields;
  }

  /** Free text between fields (`PAM: accounting`, `avc:  denied  { read } for`), in order. */
  text(): readonly TextSegment[] {
    return this.lex().text;
  }

  /** The raw inside of a user-space record's `msg='…'`, or undefined. */
  get msg(): string | undefined {
    return this.lex().msg;
  }

  /** The last field with this key (inner `msg='…'` fields come after outer ones, so they win). */
  getField(key: string): AuditField | undefined {
    const fields = this.lex().fields;
    for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.key === key) return fields[i];
    return undefined;
  }

  /** Value of the last field with this key, as written (unquoted), or undefined. */
  get(key: string): string | undefined {
    return this.getField(key)?.value;
  }

  /**
   * The ENRICHED interpretations auditd appended after \x1d, upper-case key -> value (`AUID` -> `labuser`,
   * `SADDR` -> `{ saddr_fam=inet laddr=127.0.0.1 lport=9 }`). Empty for RAW records.
   */
  enriched(): Readonly<Record<string, string>> {
    if (this.enrichedMap === undefined) {
      this.enrichedMap = this.isEnriched ? enrichedOf(this.line.slice(0, this.end), this.bodyEnd + 1) : EMPTY;
    }
    return this.enrichedMap;
  }
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/**
 * ENRICHED suffixes already lexed (frozen, shared between records): a log repeats a few distinct ones
 * thousands of times (the same users and syscalls), and looking one up is cheaper than lexing it again.
 */
const ENRICHED = new Map<string, Readonly<Record<string, string>>>();

function enrichedOf(line: string, start: number): Readonly<Record<string, string>> {
  const suffix = line.slice(start);
  let e = ENRICHED.get(suffix);
  if (e === undefined) {
    e = Object.freeze(lexEnriched(suffix, 0, suffix.length));
    if (ENRICHED.size < 4096) ENRICHED.set(detached(suffix), e);
  }
  return e;
}

/** A copy of a slice that does not keep the string it was cut from (a whole line) alive. */
export function detached(s: string): string {
  if (s.length <= 12) return s; // short slices are copies already
  // V8 flattens the joined string into a new one before slicing it: the slice points into that, not the line
  return ` ${s}`.slice(1);
}

export type RecordErrorCode = 'E_PARSE_EMPTY' | 'E_PARSE_HEADER' | 'E_PARSE_TIMESTAMP';

/** A line that is not an audit record. Never thrown: returned so the caller can count and report it. */
export interface RecordError {
  readonly kind: 'error';
  readonly code: RecordErrorCode;
  /** What is wrong, for `FILE:LINE: reason`. */
  readonly reason: string;
  readonly line: string;
}

function fail(code: RecordErrorCode, reason: string, line: string): RecordError {
  return { kind: 'error', code, reason, line };
}

/** A short, escaped excerpt of bad input for error messages. */
export function excerpt(s: string, max = 40): string {
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return JSON.stringify(cut);
}

interface KnownType {
  readonly name: string;
  readonly num: number;
}

/**
 * Type names seen so far, found without slicing the line: keyed by length and first two characters, then
 * compared in place. Saves a string and a hash per record (there are a few dozen distinct names).
 */
const TYPES = new Map<number, KnownType[]>();
let typesCount = 0;

function lookupType(line: string, start: number, end: number): KnownType {
  const len = end - start;
  const c0 = line.charCodeAt(start);
  const c1 = len > 1 ? line.charCodeAt(start + 1) : 0;
  const key = len * 65536 + (c0 & 255) * 256 + (c1 & 255);
  const bucket = TYPES.get(key);
  if (bucket !== undefined) {
    for (const t of bucket) if (line.startsWith(t.name, start)) return t;
  }
  const name = line.slice(start, end);
  const t: KnownType = { name, num: messageTypeNumber(name) ?? -1 };
  if (typesCount < 4096) {
    typesCount++;
    if (bucket === undefined) TYPES.set(key, [t]);
    else bucket.push(t);
  }
  return t;
}

/** End offset of the last digits() call (a module variable: no tuple per call on the hot path). */
let digitsEnd = 0;

/** Reads decimal digits from `i` (at most 15); returns the value, or -1 when there are none. Sets digitsEnd. */
function digits(s: string, i: number, end: number): number {
  let v = 0;
  const start = i;
  while (i < end) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  digitsEnd = i;
  return i === start || i - start > 15 ? -1 : v;
}

/**
 * Parses one log line. Returns an AuditRecord, or a RecordError saying why the line is not a record.
 * Never throws. A trailing `\n` / `\r\n` is ignored.
 */
export function parseRecord(input: string): AuditRecord | RecordError {
  let end = input.length;
  if (end > 0 && input.charCodeAt(end - 1) === 10) end--;
  const line = end === input.length ? input : input.slice(0, end);
  if (end > 0 && input.charCodeAt(end - 1) === 13) end--; // a CR stays in `line` but not in the text
  if (end === 0) return fail('E_PARSE_EMPTY', 'empty line', line);

  let p = 0;
  let node: string | undefined;
  if (line.startsWith('node=')) {
    const sp = line.indexOf(' ', 5);
    if (sp < 0) return fail('E_PARSE_HEADER', `not an audit record (no "type=" after "node="): got ${excerpt(line)}`, line);
    node = line.slice(5, sp);
    p = sp + 1;
    while (line.charCodeAt(p) === 32) p++;
  }
  if (!line.startsWith('type=', p)) {
    return fail('E_PARSE_HEADER', `not an audit record (expected "type=" at column ${p + 1}): got ${excerpt(line.slice(p))}`, line);
  }
  const typeStart = p + 5;
  const sp = line.indexOf(' ', typeStart);
  if (sp < 0 || sp === typeStart) {
    return fail('E_PARSE_HEADER', `bad record header (expected "type=NAME msg=audit(…)"): got ${excerpt(line.slice(p))}`, line);
  }
  const type = lookupType(line, typeStart, sp);
  const typeName = type.name;
  p = sp + 1;
  while (line.charCodeAt(p) === 32) p++;
  if (!line.startsWith('msg=audit(', p)) {
    return fail('E_PARSE_HEADER', `bad record header (expected "msg=audit(" after type=${typeName}): got ${excerpt(line.slice(p))}`, line);
  }
  const msgStart = p + 4;
  let q = p + 10;
  const sec = digits(line, q, end);
  const a = digitsEnd;
  if (sec < 0 || line.charCodeAt(a) !== 46 /* . */) return badTime(line, msgStart);
  const msec = digits(line, a + 1, end);
  const b = digitsEnd;
  if (msec < 0 || b - (a + 1) > 3 || line.charCodeAt(b) !== 58 /* : */) return badTime(line, msgStart);
  const serial = digits(line, b + 1, end);
  const c = digitsEnd;
  if (serial < 0 || line.charCodeAt(c) !== 41 /* ) */) return badTime(line, msgStart);
  // `): ` as the kernel and auditd write it; old auditd wrote DAEMON_* records without the colon
  q = c + 1;
  if (line.charCodeAt(q) === 58 /* : */) q++;
  else if (line.charCodeAt(q) !== 32 && q < end) return badTime(line, msgStart);
  if (line.charCodeAt(q) === 32) q++;
  const sep = line.indexOf(ENRICHED_SEPARATOR, q);
  const bodyEnd = sep < 0 ? end : sep;
  // Scale a short fraction (".5" is 500 ms) so the value is always milliseconds.
  const ms = b - (a + 1) === 3 ? msec : b - (a + 1) === 2 ? msec * 10 : msec * 100;
  return new AuditRecord(line, type.num, typeName, node, sec, ms, serial, msgStart, q, bodyEnd, end);
}

function badTime(line: string, msgStart: number): RecordError {
  const close = line.indexOf(')', msgStart);
  const shown = line.slice(msgStart, close < 0 ? msgStart + 40 : close + 1);
  return fail('E_PARSE_TIMESTAMP', `bad record header (expected "audit(SEC.MSEC:SERIAL):"): got ${excerpt(shown, 60)}`, line);
}

/**
 * Builds a record from a netlink message: the type number from the netlink header and the payload
 * (`audit(SEC.MSEC:SERIAL): body`). The record's `line` is what auditd would write: `type=NAME msg=payload`.
 */
export function recordFromNetlink(type: number, payload: string): AuditRecord | RecordError {
  // Netlink payloads may end in NUL bytes or a newline.
  let end = payload.length;
  while (end > 0 && (payload.charCodeAt(end - 1) === 0 || payload.charCodeAt(end - 1) === 10)) end--;
  return parseRecord(`type=${messageTypeName(type)} msg=${end === payload.length ? payload : payload.slice(0, end)}`);
}

export function isRecordError(r: AuditRecord | RecordError): r is RecordError {
  return r.kind === 'error';
}
