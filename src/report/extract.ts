// The searchable items of one event, found the way aureport 3.0.9 finds them (ausearch-parse.c's
// extract_search_items, as aureport links it): each record type has its own parser that looks for
// `key=` substrings from a moving position in the raw record text (the part before the ENRICHED
// separator, header included). What a report needs decides what is looked for, and a record that lacks a
// field a parser requires makes aureport drop the whole event (the parser's non-zero return) — so the
// same log can count a different number of events in different reports. The quirks are kept on purpose:
// they decide which events count and what the rows say.

import { FieldExtractor, type Flavor, type Needs, S_UNSET, UNSET } from '../audit-fields/extract.js';

/** What a report asks the parsers to look for (aureport's event_* "dummy" settings per report option). */
export interface Want {
  exe: boolean;
  hostname: boolean;
  terminal: boolean;
  comm: boolean;
  filename: boolean;
  key: boolean;
  subject: boolean;
  object: boolean;
  /** event_uid (only -au and -u) */
  uid: boolean;
  /** event_loginuid / event_tauid */
  loginuid: boolean;
  /** event_session_id (--tty) */
  session: boolean;
  /** -i: the SYSCALL parser also wants arch= */
  interpret: boolean;
}

export interface FileName {
  str: string;
  /** The text after the PATH record's first `type=` past the name (the rest of the record). */
  key: string | undefined;
}

export interface Avc {
  scontext?: string;
  tcontext?: string;
  /** 0 unset, 1 denied, 2 granted */
  result: number;
  perm?: string;
  cls?: string;
}

export { S_FAILED, S_SUCCESS, S_UNSET } from '../audit-fields/extract.js';
export const UID_UNSET = UNSET.ID; // (uid_t)-1
export const LOGINUID_UNSET = UNSET.LOGINUID; // (uid_t)-2: no auid seen

/** One event's items (ausearch's search_items). Numbers are kept as C keeps them: 32-bit fields. */
export class Items {
  pid = -1;
  uid = UID_UNSET;
  loginuid = LOGINUID_UNSET;
  success = S_UNSET;
  arch = 0;
  syscall = 0;
  session = LOGINUID_UNSET;
  hostname: string | undefined = undefined;
  filename: FileName[] | undefined = undefined;
  cwd: string | undefined = undefined;
  exe: string | undefined = undefined;
  key: string[] | undefined = undefined;
  terminal: string | undefined = undefined;
  comm: string | undefined = undefined;
  avc: Avc[] | undefined = undefined;
  acct: string | undefined = undefined;
}

/** A record as the extractor sees it: its type and its text up to the ENRICHED separator. */
export interface RawRecord {
  type: number;
  /** The raw record (header included), cut at \x1d. */
  msg: string;
}

const AUREPORT: Flavor = { none: undefined, own: true, detail: true };

/** aureport's needs for a report: pid and the result are always read; uid names never. */
function needsOf(w: Want): Needs {
  return {
    ppid: false,
    pid: true,
    uid: w.uid,
    euid: false,
    loginuid: w.loginuid,
    tuid: false,
    teuid: false,
    tauid: false,
    gid: false,
    egid: false,
    session: w.session,
    success: true,
    exit: false,
    arch: w.interpret,
    key: w.key,
    filename: w.filename,
    hostname: w.hostname,
    terminal: w.terminal,
    exe: w.exe,
    comm: w.comm,
    subject: w.subject,
    object: w.object,
    uuid: false,
    vmname: false,
  };
}

const extractors = new WeakMap<Want, FieldExtractor>();
// a report asks with one Want for every record: the last one answers without a map lookup
let lastWant: Want | undefined;
let lastExtractor: FieldExtractor | undefined;

function extractorFor(w: Want): FieldExtractor {
  if (w === lastWant) return lastExtractor!;
  let x = extractors.get(w);
  if (x === undefined) {
    x = new FieldExtractor(needsOf(w), AUREPORT);
    extractors.set(w, x);
  }
  lastWant = w;
  lastExtractor = x;
  return x;
}

/** Fills `s` from the event's records; returns aureport's parser code: 0 ok, else the event is dropped. */
export function extractItems(records: readonly RawRecord[], w: Want, s: Items): number {
  let ret = 0;
  for (let i = 0; i < records.length && ret === 0; i++) ret = extractRecord(records[i]!.type, records[i]!.msg, w, s);
  return ret;
}

/**
 * One record's part of extractItems: the parsers read an event's records in order and stop at the first
 * error, so the items can be folded record by record as they arrive (the text need not be kept).
 */
export function extractRecord(t: number, m: string, w: Want, s: Items): number {
  return extractorFor(w).record(t, m, s);
}
