// What ausearch 3.0.9 reads out of an event's records to match selectors on: the shared extraction of
// src/audit-fields (ausearch-parse.c's extract_search_items()) with ausearch's ways of keeping the values
// (null for unset text, plain file names and labels), and the record types that give nothing for a set of
// needs skipped before their text is cut.

import { FieldExtractor, type Flavor, type Needs, S_UNSET, type UidNamer, UNSET } from '../audit-fields/extract.js';
import { AUDIT_MESSAGE as T } from '../tables/message-types-data.js';
import type { Marks } from './needle.js';

export { S_FAILED, S_SUCCESS, S_UNSET, UNSET, type Needs, type UidNamer } from '../audit-fields/extract.js';

/** One AVC (or subject/object label) of an event: ausearch's anode, the parts selectors look at. */
export interface AvcNode {
  scontext: string | null;
  tcontext: string | null;
}

/** ausearch's search_items: one event's searchable values. */
export interface SearchItems {
  ppid: number;
  pid: number;
  uid: number;
  euid: number;
  loginuid: number;
  gid: number;
  egid: number;
  success: number;
  arch: number;
  syscall: number;
  session: number;
  exit: number;
  exitIsSet: boolean;
  hostname: string | null;
  filename: string[] | null;
  cwd: string | null;
  exe: string | null;
  key: string[] | null;
  terminal: string | null;
  comm: string | null;
  avc: AvcNode[] | null;
  acct: string | null;
  uuid: string | null;
  vmname: string | null;
  /** uid, euid, auid as names (from the ENRICHED interpretation, else the passwd file) */
  tuid: string | null;
  teuid: string | null;
  tauid: string | null;
}

export function newSearchItems(): SearchItems {
  return {
    ppid: UNSET.PID,
    pid: UNSET.PID,
    uid: UNSET.ID,
    euid: UNSET.ID,
    loginuid: UNSET.LOGINUID,
    gid: UNSET.ID,
    egid: UNSET.ID,
    success: S_UNSET,
    arch: 0,
    syscall: 0,
    session: UNSET.SESSION,
    exit: 0,
    exitIsSet: false,
    hostname: null,
    filename: null,
    cwd: null,
    exe: null,
    key: null,
    terminal: null,
    comm: null,
    avc: null,
    acct: null,
    uuid: null,
    vmname: null,
    tuid: null,
    teuid: null,
    tauid: null,
  };
}

/** One record as the extraction sees it: its type, its line, where its ENRICHED part starts. */
export interface RawRecord {
  readonly type: number;
  readonly line: string;
  /** Offset of the ENRICHED separator, or the line's length. */
  readonly bodyEnd: number;
  /** May the line hold the needle? (Records held as bytes answer without making the line; else `line` is tested.) */
  mayHold?(n: Marks): boolean;
}

const AUSEARCH: Flavor = { none: null, own: false, detail: false };

/**
 * Fills `s` from the records of one event, as extract_search_items() does. Returns 0, or the first
 * non-zero code of a record scan (the event then cannot match).
 */
export function extractSearchItems(records: readonly RawRecord[], s: SearchItems, need: Needs, namer: UidNamer): number {
  return new Extractor(need).run(records, s, namer);
}

/** Reads events for one set of needs; reusable, one event at a time. */
export class Extractor {
  private readonly fields: FieldExtractor;

  constructor(private readonly need: Needs) {
    this.fields = new FieldExtractor(need, AUSEARCH);
  }

  /** Fills `s` from an event's records; 0, or the first non-zero code of a record scan. */
  run(records: readonly RawRecord[], s: SearchItems, namer: UidNamer): number {
    this.fields.setNamer(namer);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (this.inert(r.type)) continue;
      const message = r.bodyEnd < r.line.length ? r.line.slice(0, r.bodyEnd) : r.line;
      const rc = this.fields.record(r.type, message, s);
      if (rc !== 0) return rc;
    }
    return 0;
  }

  /** True when a record of this type has nothing to give for these needs (its scan would do nothing). */
  private inert(t: number): boolean {
    const need = this.need;
    switch (t) {
      case T.CWD:
      case T.AVC_PATH:
        return !need.filename;
      case T.PATH:
        return !need.filename && !need.object;
      case T.SOCKADDR:
        return !need.filename && !need.hostname;
      case T.IPC:
      case T.OBJ_PID:
        return !need.object;
      case T.EXECVE:
      case T.BPRM_FCAPS:
      case T.PROCTITLE:
      case T.EOE:
        return true;
    }
    return false;
  }
}
