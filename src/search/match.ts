// Does an event match the selectors? ausearch 3.0.9's match() (src/ausearch-match.c): every given selector
// must hold; ids compare as C's unsigned types; string selectors match a substring (or, with -w, the
// whole value); -ua/-ga accept any of uid/euid/auid (gid/egid); -se accepts a subject or an object label.
// The values compared come from extract.ts, read the way ausearch reads them.

import { archName } from '../tables/arch.js';
import { mayFail, readsResult } from './failure.js';
import { type Marks, Needle } from './needle.js';
import {
  Extractor,
  type Needs,
  newSearchItems,
  type RawRecord,
  S_FAILED,
  S_UNSET,
  type SearchItems,
  UNSET,
  type UidNamer,
} from './extract.js';

/**
 * The selectors, with ausearch's sentinels for "not given" (so that the same odd values coincide, e.g.
 * `-ul -2` means no login-uid selector, as in ausearch). Strings are byte strings (latin1 of the UTF-8).
 */
export interface Selection {
  /** -a: event serial; UNSET.ID when not given */
  eventId: number;
  /** -m: message types, any of which an event's records must have */
  types: readonly number[] | null;
  pid: number;
  ppid: number;
  uid: number;
  euid: number;
  loginuid: number;
  /** -ui/-ue/-ua/-ul given as a name: compared with the event's ids as names */
  tuid: string | null;
  teuid: string | null;
  tauid: string | null;
  /** -ua: uid, euid or auid */
  anyUid: boolean;
  gid: number;
  egid: number;
  /** -ga: gid or egid */
  anyGid: boolean;
  /** -sc: syscall number; -1 when not given */
  syscall: number;
  /** --arch, or the host's arch when -sc names a syscall: the machine the SYSCALL's arch must be */
  machine: string | null;
  session: number;
  /** -sv: S_SUCCESS, S_FAILED or S_UNSET */
  success: number;
  /** -e: exit value, or null */
  exit: number | null;
  key: string | null;
  filename: string | null;
  exe: string | null;
  comm: string | null;
  hostname: string | null;
  terminal: string | null;
  subject: string | null;
  object: string | null;
  /** -se: a subject or an object label matches */
  context: boolean;
  uuid: string | null;
  vmname: string | null;
  /** -n: node names, any of which an event's node must equal */
  nodes: readonly string[] | null;
  /** -w: string selectors match whole values */
  exact: boolean;
}

export function emptySelection(): Selection {
  return {
    eventId: UNSET.ID,
    types: null,
    pid: UNSET.PID,
    ppid: UNSET.PID,
    uid: UNSET.ID,
    euid: UNSET.ID,
    loginuid: UNSET.LOGINUID,
    tuid: null,
    teuid: null,
    tauid: null,
    anyUid: false,
    gid: UNSET.ID,
    egid: UNSET.ID,
    anyGid: false,
    syscall: -1,
    machine: null,
    session: UNSET.SESSION,
    success: S_UNSET,
    exit: null,
    key: null,
    filename: null,
    exe: null,
    comm: null,
    hostname: null,
    terminal: null,
    subject: null,
    object: null,
    context: false,
    uuid: null,
    vmname: null,
    nodes: null,
    exact: false,
  };
}

/** Which values an event's records must be scanned for. `arch`: also when the output interprets. */
export function needsOf(sel: Selection, interpretingOutput = false): Needs {
  return {
    ppid: sel.ppid !== UNSET.PID,
    pid: sel.pid !== UNSET.PID,
    uid: sel.uid !== UNSET.ID,
    euid: sel.euid !== UNSET.ID,
    loginuid: sel.loginuid !== UNSET.LOGINUID,
    tuid: sel.tuid !== null,
    teuid: sel.teuid !== null,
    tauid: sel.tauid !== null,
    gid: sel.gid !== UNSET.ID,
    egid: sel.egid !== UNSET.ID,
    session: sel.session !== UNSET.SESSION,
    success: sel.success !== S_UNSET,
    exit: sel.exit !== null,
    arch: interpretingOutput || sel.machine !== null,
    key: sel.key !== null,
    filename: sel.filename !== null,
    hostname: sel.hostname !== null,
    terminal: sel.terminal !== null,
    exe: sel.exe !== null,
    comm: sel.comm !== null,
    subject: sel.subject !== null,
    object: sel.object !== null,
    uuid: sel.uuid !== null,
    vmname: sel.vmname !== null,
  };
}

/** An event as the matcher sees it. */
export interface MatchEvent {
  serial: number;
  node: string | undefined;
  records: readonly RawRecord[];
}

/** The machine (arch family) of an AUDIT_ARCH code, as audit_elf_to_machine() groups them; null if unknown. */
function machineOf(code: number): string | null {
  const name = code === 0 ? undefined : archName(code);
  if (name === undefined) return null;
  return name === 'armeb' ? 'arm' : name;
}

/** An event as its headers and bytes show it, before any record is read (search's held events). */
export interface EventBytes {
  readonly serial: number;
  readonly node: string | undefined;
  readonly size: number;
  typeAt(i: number): number;
  /** Record `i`'s line as read. */
  lineAt(i: number): string;
  /** May record `i` hold what `n` looks for? */
  mayHold(i: number, n: Marks): boolean;
}

function hasType(records: readonly RawRecord[], types: readonly number[]): boolean {
  for (let i = 0; i < records.length; i++) if (types.includes(records[i]!.type)) return true;
  return false;
}

function mayHold(records: readonly RawRecord[], n: Marks): boolean {
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.mayHold !== undefined ? r.mayHold(n) : n.test(r.line)) return true;
  }
  return false;
}

function bytesHaveType(ev: EventBytes, types: readonly number[]): boolean {
  for (let i = 0; i < ev.size; i++) if (types.includes(ev.typeAt(i))) return true;
  return false;
}

function bytesMayHold(ev: EventBytes, n: Marks): boolean {
  for (let i = 0; i < ev.size; i++) if (ev.mayHold(i, n)) return true;
  return false;
}

/** -sv no: may a record make the event a failure? (Only records of types that read a result are made text.) */
function bytesMayFail(ev: EventBytes): boolean {
  for (let i = 0; i < ev.size; i++) {
    const t = ev.typeAt(i);
    if (readsResult(t) && mayFail(t, ev.lineAt(i))) return true;
  }
  return false;
}

function recordsMayFail(records: readonly RawRecord[]): boolean {
  for (let i = 0; i < records.length; i++) if (mayFail(records[i]!.type, records[i]!.line)) return true;
  return false;
}

/**
 * A compiled matcher: `match(event, namer)` is true when the event is selected. Time bounds are not
 * checked here: ausearch drops records outside -ts/-te before events are formed (see assemble.ts).
 */
export class Matcher {
  readonly needs: Needs;
  /** True when no selector is given beyond time: every event matches (after extraction succeeds). */
  readonly trivial: boolean;
  private readonly strmatch: (needle: string, hay: string) => boolean;
  private readonly extractor: Extractor;
  /** -k as a test on the records' bytes: an event that fails it is dropped before extraction. */
  private readonly marks: Marks[] = [];
  /** -sv no as a test on the text of records that read a result (see failure.ts). */
  private readonly failureOnly: boolean;

  constructor(
    readonly sel: Selection,
    interpretingOutput = false,
  ) {
    this.needs = needsOf(sel, interpretingOutput);
    this.extractor = new Extractor(this.needs);
    this.strmatch = sel.exact ? (n, h) => h === n : (n, h) => h.includes(n);
    const key = sel.key === null ? undefined : Needle.of(sel.key);
    if (key !== undefined) this.marks.push(key);
    this.failureOnly = sel.success === S_FAILED;
    this.trivial =
      Object.values(this.needs).every((v) => !v) &&
      sel.eventId === UNSET.ID &&
      sel.types === null &&
      sel.syscall === -1 &&
      sel.nodes === null;
  }

  /**
   * What the headers and bytes decide, before any record is read: false when the event cannot match. Each
   * test is a conjunct of match(), so the order does not change the answer.
   */
  mayMatch(ev: EventBytes): boolean {
    if (!this.headersMatch(ev.serial, ev.node)) return false;
    const types = this.sel.types;
    if (types !== null && !bytesHaveType(ev, types)) return false;
    for (let i = 0; i < this.marks.length; i++) if (!bytesMayHold(ev, this.marks[i]!)) return false;
    return !this.failureOnly || bytesMayFail(ev);
  }

  private headersMatch(serial: number, node: string | undefined): boolean {
    const sel = this.sel;
    if (sel.eventId !== UNSET.ID && sel.eventId !== serial) return false;
    return sel.nodes === null || (node !== undefined && sel.nodes.includes(node));
  }

  /** `checked`: mayMatch() has said yes for this event already. */
  match(ev: MatchEvent, namer: UidNamer, checked = false): boolean {
    const sel = this.sel;
    if (!checked) {
      if (!this.headersMatch(ev.serial, ev.node)) return false;
      if (sel.types !== null && !hasType(ev.records, sel.types)) return false;
      for (let i = 0; i < this.marks.length; i++) if (!mayHold(ev.records, this.marks[i]!)) return false;
      if (this.failureOnly && !recordsMayFail(ev.records)) return false;
    }
    const s = newSearchItems();
    if (this.extractor.run(ev.records, s, namer) !== 0) return false;
    if (!this.userMatch(s) || !this.groupMatch(s)) return false;
    if (sel.ppid !== UNSET.PID && sel.ppid !== s.ppid) return false;
    if (sel.pid !== UNSET.PID && sel.pid !== s.pid) return false;
    if (sel.machine !== null && sel.machine !== machineOf(s.arch >>> 0)) return false;
    if (sel.syscall !== -1 && sel.syscall !== s.syscall) return false;
    if (sel.session !== UNSET.SESSION && sel.session !== s.session) return false;
    if (sel.exit !== null && (!s.exitIsSet || sel.exit !== s.exit)) return false;
    if (sel.success !== S_UNSET && sel.success !== s.success) return false;
    const sm = this.strmatch;
    if (sel.filename !== null) {
      if (s.filename === null && s.cwd === null) return false;
      let found = false;
      if (s.filename !== null) found = s.filename.some((f) => sm(sel.filename!, f));
      if (!found && (s.cwd === null || !sm(sel.filename, s.cwd))) return false;
    }
    if (sel.hostname !== null && (s.hostname === null || !sm(sel.hostname, s.hostname))) return false;
    if (sel.terminal !== null && (s.terminal === null || !sm(sel.terminal, s.terminal))) return false;
    if (sel.exe !== null && (s.exe === null || !sm(sel.exe, s.exe))) return false;
    if (sel.comm !== null && (s.comm === null || !sm(sel.comm, s.comm))) return false;
    if (sel.key !== null && (s.key === null || !s.key.some((k) => sm(sel.key!, k)))) return false;
    if (sel.vmname !== null && (s.vmname === null || !sm(sel.vmname, s.vmname))) return false;
    if (sel.uuid !== null && (s.uuid === null || !sm(sel.uuid, s.uuid))) return false;
    return this.contextMatch(s);
  }

  private userMatch(s: SearchItems): boolean {
    const sel = this.sel;
    if (sel.anyUid && sel.tuid !== null) {
      return (
        (s.tuid !== null && s.tuid === sel.tuid) ||
        (s.teuid !== null && s.teuid === sel.teuid) ||
        (s.tauid !== null && s.tauid === sel.tauid)
      );
    }
    if (sel.anyUid) return sel.uid === s.uid || sel.euid === s.euid || sel.loginuid === s.loginuid;
    if (sel.tuid !== null || sel.teuid !== null || sel.tauid !== null) {
      if (sel.tuid !== null && s.tuid !== sel.tuid) return false;
      if (sel.teuid !== null && s.teuid !== sel.teuid) return false;
      if (sel.tauid !== null && s.tauid !== sel.tauid) return false;
      return true;
    }
    if (sel.uid !== UNSET.ID && sel.uid !== s.uid) return false;
    if (sel.euid !== UNSET.ID && sel.euid !== s.euid) return false;
    if (sel.loginuid !== UNSET.LOGINUID && sel.loginuid !== s.loginuid) return false;
    return true;
  }

  private groupMatch(s: SearchItems): boolean {
    const sel = this.sel;
    if (sel.anyGid) return sel.gid === s.gid || sel.egid === s.egid;
    if (sel.gid !== UNSET.ID && sel.gid !== s.gid) return false;
    if (sel.egid !== UNSET.ID && sel.egid !== s.egid) return false;
    return true;
  }

  private contextMatch(s: SearchItems): boolean {
    const sel = this.sel;
    const sm = this.strmatch;
    const subj = (): boolean => s.avc !== null && s.avc.some((a) => a.scontext !== null && sm(sel.subject!, a.scontext));
    const obj = (): boolean => s.avc !== null && s.avc.some((a) => a.tcontext !== null && sm(sel.object!, a.tcontext));
    if (sel.context) return (sel.subject !== null && subj()) || (sel.object !== null && obj());
    if (sel.subject !== null) return subj();
    if (sel.object !== null) return obj();
    return true;
  }
}
