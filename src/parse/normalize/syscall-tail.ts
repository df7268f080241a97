// A SYSCALL record in two parts: the head (arch, syscall, success, exit, a0..a3, items, ppid, pid) changes
// with every call, the tail from `auid=` on (ids, tty, ses, comm, exe, key, subj, and the ENRICHED names
// after it) repeats across the calls of one process and session. The tail's interpretation is kept by its
// text, as the auxiliary records' are (record-data.ts): an event lexes and interprets only the head and
// takes its ids, names, session, comm, exe and rule keys from one shared, frozen entry.

import { lexBody, type AuditField, type LexResult } from '../lexer.js';
import { type AuditRecord, detached } from '../record.js';
import {
  finishRecordData,
  interpretFields,
  type KeyInfo,
  lastKeysOf,
  type Lookups,
  MainParts,
  type RecordData,
  SYSCALL,
} from './record-data.js';

type Data = Record<string, string>;

/** The main record's raw fields and ENRICHED names, as nameActor and syscallArgs read them. */
export interface MainRecordView {
  readonly isEnriched: boolean;
  /** The last field with this key, as written (AuditRecord.get). */
  get(key: string): string | undefined;
  /** The ENRICHED names, upper-case key -> value (AuditRecord.enriched). */
  enriched(): Readonly<Data>;
}

/** One tail's interpretation. Shared by every event whose SYSCALL record ends with the same text: frozen. */
export interface SyscallTail {
  readonly ids: Readonly<Data>;
  readonly nIds: number;
  readonly selinux: Readonly<Data>;
  readonly nSelinux: number;
  /** `ses`, '' when absent. */
  readonly session: string;
  readonly result: string | undefined;
  readonly tags: readonly string[] | undefined;
  /** What goes to data and to process, as key, value, key, value, … in record order. */
  readonly data: readonly string[];
  readonly proc: readonly string[];
  /** Each key's last raw value. */
  readonly raw: Readonly<Data>;
  readonly enriched: Readonly<Data>;
  /** The ENRICHED names of `ids` (user.names), or undefined when there are none. */
  readonly names: Readonly<Data> | undefined;
}

/** The main record as normalizeEvent uses it: its interpreted data, and where its raw fields are read. */
export interface MainRecordData extends RecordData {
  view: MainRecordView;
  /** The shared tail the event's ids came from, when they did. */
  tail: SyscallTail | undefined;
}

/** A SYSCALL record read as head fields plus a shared tail. */
class SplitSyscall implements MainRecordView {
  constructor(
    private readonly head: readonly AuditField[],
    private readonly tail: SyscallTail,
    readonly isEnriched: boolean,
  ) {}

  get(key: string): string | undefined {
    const t = this.tail.raw[key];
    if (t !== undefined) return t;
    for (let i = this.head.length - 1; i >= 0; i--) if (this.head[i]!.key === key) return this.head[i]!.value;
    return undefined;
  }

  enriched(): Readonly<Data> {
    return this.tail.enriched;
  }
}

const TAIL_MAX = 4096;
const TAILS = new Map<string, SyscallTail>();
let tailLookups: Lookups | undefined;
/** Key decisions by position within tails (their own positions, not the whole record's). */
const TAIL_KEYS: (KeyInfo | undefined)[] = [];

/**
 * Where the tail of a SYSCALL record starts (its ` auid=`), or -1 when the record is not split: the head
 * must read the same alone as in the whole body, so it may hold no quotes (a quoted value may hide the text
 * ` auid=`) and no tabs (headFields splits at spaces); free text in it (an old `old auid=` spelling) is
 * caught by headFields.
 */
function tailStart(rec: AuditRecord): number {
  const line = rec.line;
  const head = rec.bodyStart;
  const at = line.indexOf(' auid=', head);
  if (at < 0 || at >= rec.bodyEnd) return -1;
  // indexOf searches natively: three searches cost less than a loop over the head's characters
  if (isBefore(line, '"', head, at) || isBefore(line, "'", head, at) || isBefore(line, '\t', head, at)) return -1;
  return at + 1;
}

/** True when `c` occurs in line[from, to). */
function isBefore(line: string, c: string, from: number, to: number): boolean {
  const i = line.indexOf(c, from);
  return i >= 0 && i < to;
}

/**
 * The main record's interpretation routed into `parts`: a SYSCALL record's head interpreted here and its
 * tail from the cache, any other record whole (recordData).
 */
export function mainRecordData(rec: AuditRecord, lookups: Lookups, parts: MainParts): MainRecordData | undefined {
  if (rec.type !== SYSCALL) return undefined;
  const start = tailStart(rec);
  if (start < 0) return undefined;
  const head = headFields(rec.line, rec.bodyStart, start - 1);
  if (head === undefined) return undefined;
  const tail = syscallTail(rec, start, lookups);
  const found = interpretFields(head, lastKeysOf(SYSCALL), SYSCALL, lookups, parts.data, parts);
  applyTail(parts, tail);
  const result = tail.result ?? found.result;
  if (result !== undefined) parts.result = result;
  finishRecordData(rec, parts.data, lookups);
  const tags = found.tags === undefined ? (tail.tags as string[] | undefined) : tail.tags ? found.tags.concat(tail.tags) : found.tags;
  return { data: parts.data, tags, view: new SplitSyscall(head, tail, rec.isEnriched), tail };
}

/** The keys of the last head, by position: the same keys come back in every SYSCALL record. */
const HEAD_KEYS: string[] = [];

/**
 * The head's `key=value` fields, as the body lexer gives them (bare values; the head has no quotes), split
 * at spaces with indexOf instead of the lexer's character loop; undefined when it holds anything else (free
 * text, `=value`), which the lexer then reads.
 */
function headFields(line: string, start: number, end: number): AuditField[] | undefined {
  const out: AuditField[] = [];
  let i = start;
  while (i < end) {
    if (line.charCodeAt(i) === 32) {
      i++;
      continue;
    }
    let sp = line.indexOf(' ', i);
    if (sp < 0 || sp > end) sp = end;
    const eq = line.indexOf('=', i);
    if (eq <= i || eq >= sp) return undefined;
    const n = out.length;
    let key = HEAD_KEYS[n];
    if (key === undefined || eq - i !== key.length || !line.startsWith(key, i)) {
      key = line.slice(i, eq);
      if (n < 64) HEAD_KEYS[n] = detached(key);
    }
    out.push({ key, value: line.slice(eq + 1, sp), quote: '', container: null });
    i = sp + 1;
  }
  return out;
}

/** The tail's fields into the event's parts, after the head's (a key in both keeps the tail's value). */
function applyTail(parts: MainParts, tail: SyscallTail): void {
  for (let i = 0; i < tail.data.length; i += 2) parts.data[tail.data[i]!] = tail.data[i + 1]!;
  for (let i = 0; i < tail.proc.length; i += 2) parts.proc[tail.proc[i]!] = tail.proc[i + 1]!;
  if (tail.nIds > 0) {
    if (parts.nIds === 0) parts.ids = tail.ids as Data;
    else Object.assign(parts.ids, tail.ids);
    parts.nIds += tail.nIds;
  }
  if (tail.nSelinux > 0) {
    if (parts.nSelinux === 0) parts.selinux = tail.selinux as Data;
    else Object.assign(parts.selinux, tail.selinux);
    parts.nSelinux += tail.nSelinux;
  }
  if (tail.session !== '') parts.session = tail.session;
}

function syscallTail(rec: AuditRecord, start: number, lookups: Lookups): SyscallTail {
  if (lookups !== tailLookups) {
    TAILS.clear();
    tailLookups = lookups;
  }
  const key = rec.line.slice(start, rec.end);
  let tail = TAILS.get(key);
  if (tail === undefined) {
    tail = interpretTail(rec, start, lookups);
    if (TAILS.size >= TAIL_MAX) TAILS.clear();
    TAILS.set(detached(key), tail);
  }
  return tail;
}

/** Flat key, value, … pairs of an object, in its order. */
function pairsOf(o: Data): string[] {
  const out: string[] = [];
  for (const k in o) out.push(k, o[k]!);
  return out;
}

function interpretTail(rec: AuditRecord, start: number, lookups: Lookups): SyscallTail {
  const lexed: LexResult = { fields: [], text: [], msg: undefined };
  lexBody(rec.line, start, rec.bodyEnd, lexed);
  const parts = new MainParts();
  const found = interpretFields(lexed.fields, TAIL_KEYS, SYSCALL, lookups, parts.data, parts);
  const raw: Data = {};
  for (const f of lexed.fields) raw[f.key] = f.value;
  const enriched = rec.enriched();
  let names: Data | undefined;
  if (rec.isEnriched) {
    for (const k in parts.ids) {
      const v = enriched[k.toUpperCase()];
      if (v !== undefined) (names ??= {})[k] = v;
    }
  }
  return Object.freeze({
    ids: Object.freeze(parts.ids),
    nIds: parts.nIds,
    selinux: Object.freeze(parts.selinux),
    nSelinux: parts.nSelinux,
    session: parts.session,
    result: found.result,
    tags: found.tags && Object.freeze(found.tags),
    data: Object.freeze(pairsOf(parts.data)),
    proc: Object.freeze(pairsOf(parts.proc)),
    raw: Object.freeze(raw),
    enriched,
    names: names && Object.freeze(names),
  });
}
