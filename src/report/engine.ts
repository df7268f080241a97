// Events -> report rows and totals, by aureport 3.0.9's rules (src/aureport-scan.c): which events a report
// takes, what a detailed row shows, what --summary counts, and the Summary Report's counters. Totals live
// in Maps keyed by value (aureport walks a linked list per event: its cost grows with distinct values;
// ours does not), and come out in aureport's order: by count, ties in first-seen order (numbers: ascending).

import { type Enriched, enrichedOf } from '../audit-fields/enriched.js';
import { messageTypeName, NOT_IN_AUSEARCH } from '../tables/message-types.js';
import { SYSCALL_ALIASES, syscallName, syscallTableFor } from '../tables/syscalls.js';
import { readIdTable } from '../ids.js';
import { asInt, clip } from './cstr.js';
import { extractItems, extractRecord, Items, LOGINUID_UNSET, S_FAILED, S_SUCCESS, UID_UNSET, type Want } from './extract.js';
import type { ReportEvent } from './group.js';
import { type ReportKind, wantOf } from './kinds.js';
import { T } from './types.js';

export type Cell = string | number | undefined;

/** How text output prints a cell: as is (%s), through aureport's control-character escape, or as TTY data. */
export type CellMode = 'plain' | 'safe' | 'tty';

export interface DetailRow {
  /** aureport's row number */
  n: number;
  sec: number;
  milli: number;
  serial: number;
  cells: Cell[];
}

export interface SummaryEntry {
  total: number;
  value: Cell;
}

export interface SummaryCounters {
  range: { first: [number, number]; last: [number, number] };
  selected: { start: number | undefined; end: number | undefined };
  changes: number;
  account_changes: number;
  logins: number;
  failed_logins: number;
  authentications: number;
  failed_authentications: number;
  users: number;
  terminals: number;
  host_names: number;
  executables: number;
  commands: number;
  files: number;
  avcs: number;
  mac_events: number;
  failed_syscalls: number;
  anomaly_events: number;
  anomaly_responses: number;
  crypto_events: number;
  integrity_events: number;
  virt_events: number;
  keys: number;
  process_ids: number;
  events: number;
}

export interface EngineOptions {
  kind: ReportKind;
  summary: boolean;
  failed?: boolean;
  success?: boolean;
  interpret?: boolean;
  /** The passwd file for -i (default /etc/passwd). */
  passwdFile?: string;
}

interface Folded {
  s: Items;
  ret: number;
}

/** Where rows go as they are found (detailed reports stream). */
export type RowSink = (row: DetailRow, event: ReportEvent, items: Items) => void;

const MODES: Partial<Record<ReportKind, readonly CellMode[]>> = {
  avc: ['safe', 'plain', 'plain', 'plain', 'plain', 'plain', 'plain', 'plain'],
  mac: ['plain', 'plain', 'plain', 'plain'],
  config: ['plain', 'plain', 'plain', 'plain'],
  event: ['plain', 'plain', 'safe', 'plain'],
  file: ['safe', 'plain', 'plain', 'safe', 'safe', 'plain'],
  host: ['plain', 'plain', 'safe', 'plain'],
  login: ['safe', 'plain', 'plain', 'plain', 'plain', 'plain'],
  mods: ['safe', 'plain', 'plain', 'plain', 'plain', 'plain', 'plain'],
  pid: ['plain', 'safe', 'plain', 'safe', 'plain'],
  syscall: ['plain', 'plain', 'safe', 'safe', 'plain'],
  terminal: ['plain', 'plain', 'safe', 'safe', 'plain'],
  user: ['safe', 'plain', 'plain', 'safe', 'plain'],
  executable: ['safe', 'plain', 'plain', 'safe', 'plain'],
  anomaly: ['plain', 'safe', 'plain', 'plain', 'safe', 'plain'],
  response: ['plain', 'plain', 'plain'],
  crypto: ['safe', 'plain', 'plain', 'plain'],
  auth: ['safe', 'plain', 'plain', 'plain', 'plain', 'plain'],
  key: ['plain', 'plain', 'safe', 'safe', 'plain'],
  tty: ['plain', 'safe', 'plain', 'plain', 'safe', 'tty'],
  comm: ['safe', 'plain', 'plain', 'safe', 'plain'],
  virt: ['plain', 'plain', 'plain'],
  integrity: ['plain', 'plain', 'plain'],
};

export function cellModes(kind: ReportKind): readonly CellMode[] {
  return MODES[kind] ?? [];
}

/** How the --summary list of a kind is printed (aureport's do_*_summary_output). */
export type SummaryStyle = 'string' | 'file' | 'user' | 'int' | 'type';

const SUMMARY_STYLE: Partial<Record<ReportKind, SummaryStyle>> = {
  avc: 'string',
  config: 'type',
  auth: 'user',
  login: 'user',
  mods: 'type',
  event: 'type',
  file: 'file',
  host: 'string',
  pid: 'int',
  syscall: 'file',
  terminal: 'string',
  user: 'user',
  executable: 'file',
  comm: 'file',
  anomaly: 'type',
  response: 'type',
  mac: 'type',
  integrity: 'type',
  virt: 'type',
  crypto: 'type',
  key: 'file',
};

export function summaryStyle(kind: ReportKind): SummaryStyle | undefined {
  return SUMMARY_STYLE[kind];
}

/** Message type name as libaudit 3.0.9 prints it; undefined where it has none (C prints "(null)"). */
export function typeName(type: number): string | undefined {
  if (NOT_IN_AUSEARCH.has(type)) return undefined;
  const name = messageTypeName(type);
  return name.startsWith('UNKNOWN[') ? undefined : name;
}

const hasType = (e: ReportEvent, t: number) => {
  for (const r of e.records) if (r.type === t) return true;
  return false;
};
const hasRange = (e: ReportEvent, lo: number, hi: number) => {
  if (hi <= lo) return false;
  for (const r of e.records) if (r.type >= lo && r.type <= hi) return true;
  return false;
};

/** Counts by value, remembering first-seen order. */
class Tally<K> {
  readonly counts = new Map<K, number>();
  adds = 0;
  add(k: K): void {
    this.adds++;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  get size(): number {
    return this.counts.size;
  }
  /** aureport's order: by count, ties in first-seen order (or ascending for numbers). */
  sorted(numeric: boolean): [K, number][] {
    const all = [...this.counts];
    if (numeric) all.sort((a, b) => (a[0] as number) - (b[0] as number));
    return all.sort((a, b) => b[1] - a[1]); // stable: ties keep the order above
  }
}

export class ReportEngine {
  readonly kind: ReportKind;
  readonly summary: boolean;
  readonly interpret: boolean;
  readonly want: Want;
  /** A detailed row was produced (aureport's `found`). */
  found = false;
  /** Events dropped because aureport's parsers reject them. */
  dropped = 0;
  private rowNo = 0;
  private readonly pick: ((e: ReportEvent) => boolean) | undefined;
  private readonly failedOnly: boolean;
  private readonly successOnly: boolean;
  private readonly tally = new Tally<string | number>();
  private readonly passwdFile: string;
  private passwd: ReadonlyMap<number, string> | undefined;
  /** The current event's ENRICHED interpretations, when aureport would load them. */
  private interp: string | undefined;
  private interpMap: Enriched | undefined;
  // Summary Report counters
  readonly sd = {
    changes: 0,
    crypto: 0,
    acct: 0,
    goodLogins: 0,
    badLogins: 0,
    goodAuth: 0,
    badAuth: 0,
    events: 0,
    avcs: 0,
    mac: 0,
    failedSyscalls: 0,
    anomalies: 0,
    responses: 0,
    virt: 0,
    integ: 0,
  };
  private readonly users = new Set<string>();
  private readonly terms = new Set<string>();
  private readonly hosts = new Set<string>();
  private readonly exes = new Set<string>();
  private readonly comms = new Set<string>();
  private readonly files = new Set<string>();
  private readonly keys = new Set<string>();
  private readonly pids = new Set<number>();

  constructor(
    opts: EngineOptions,
    private readonly onRow: RowSink = () => {},
    /** --summary: told of each event that counted (for --timeline). */
    private readonly onHit?: (event: ReportEvent, items: Items) => void,
  ) {
    this.kind = opts.kind;
    this.summary = opts.summary;
    this.interpret = opts.interpret === true;
    this.failedOnly = opts.failed === true;
    this.successOnly = opts.success === true && !this.failedOnly;
    this.want = wantOf(opts.kind, this.interpret);
    this.passwdFile = opts.passwdFile ?? '/etc/passwd';
    this.pick = pickOf(opts.kind);
  }

  /** One event that aureport's time range let through. */
  /** For Grouper's fold: reads each record's fields as it arrives, so that open events keep no text. */
  readonly fold = (e: ReportEvent, type: number, text: string): void => {
    let acc = e.acc as Folded | undefined;
    if (acc === undefined) e.acc = acc = { s: new Items(), ret: 0 };
    if (acc.ret === 0) acc.ret = extractRecord(type, text, this.want, acc.s);
  };

  /** One event that aureport's time range let through (folded, or with its records' text). */
  process(e: ReportEvent): void {
    // reports that pick events by record type need not look further at the others
    const pick = this.pick;
    if (pick !== undefined && !pick(e)) return;
    let s: Items;
    const acc = e.acc as Folded | undefined;
    if (acc !== undefined) {
      s = acc.s;
      if (acc.ret !== 0) {
        this.dropped++;
        return;
      }
    } else {
      s = new Items();
      if (e.records.some((r) => r.msg !== '') && extractItems(e.records, this.want, s) !== 0) {
        this.dropped++;
        return;
      }
    }
    if (this.failedOnly ? s.success !== S_FAILED : this.successOnly ? s.success !== S_SUCCESS : false) return;
    this.interp = e.records.length === 1 || e.type === T.SYSCALL ? e.interp : undefined;
    this.interpMap = undefined;
    if (this.kind === 'time') return;
    if (!this.summary) return this.detail(e, s);
    const before = this.tally.adds;
    this.sum(e, s);
    if (this.onHit && (this.kind === 'summary' || this.tally.adds !== before)) this.onHit(e, s);
  }

  // ---- lookups (ausearch-lookup.c) ----

  private lookupInterp(name: string): string | undefined {
    if (this.interp === undefined) return undefined;
    this.interpMap ??= enrichedOf(this.interp);
    const v = this.interpMap.get(name);
    if (v === undefined || !name.includes('id')) return v;
    if (v.startsWith('"')) {
      const close = v.indexOf('"', 1);
      return close < 0 ? ' ' : v.slice(1, close);
    }
    return v;
  }

  /** aulookup_uid: the number, or with -i a name ("unset", the event's AUID, the passwd name, unknown(n)). */
  uidText(uid: number, size = 64): string {
    if (!this.interpret) return String(asInt(uid));
    if (uid === UID_UNSET) return 'unset';
    const v = this.lookupInterp('auid');
    if (v !== undefined) return clip(v, size);
    this.passwd ??= readIdTable(this.passwdFile).byId;
    const name = this.passwd.get(uid);
    return clip(name ?? `unknown(${asInt(uid)})`, size);
  }

  /** aulookup_syscall: the number, or with -i the event's SYSCALL interpretation or the table name. */
  syscallText(s: Items, size = 128): string {
    if (!this.interpret) return String(s.syscall);
    const v = this.lookupInterp('syscall');
    if (v !== undefined) return clip(v, size);
    const table = syscallTableFor(s.arch >>> 0);
    if (table === undefined) return '?';
    return clip(auditSyscallName(table, s.syscall) ?? String(s.syscall), size);
  }

  // ---- --summary (per_event_summary) ----

  private sum(e: ReportEvent, s: Items): void {
    const t = this.tally;
    switch (this.kind) {
      case 'summary':
        this.summaryTotal(e, s);
        return;
      case 'avc':
        if ((hasType(e, T.AVC) || hasType(e, T.USER_AVC)) && s.avc) {
          for (const a of avcsOf(s.avc)) if (a.tcontext !== undefined) t.add(a.tcontext);
        }
        return;
      case 'mac':
        if (hasRange(e, T.MAC_POLICY_LOAD, T.MAC_MAP_DEL) || hasRange(e, T.FIRST_USER_LSPP_MSG, T.LAST_USER_LSPP_MSG)) t.add(e.type);
        return;
      // process() has picked these by record type already
      case 'integrity':
      case 'virt':
      case 'config':
      case 'mods':
      case 'anomaly':
      case 'response':
      case 'crypto':
        t.add(e.type);
        return;
      case 'auth':
        if (hasType(e, T.USER_AUTH) || (hasType(e, T.USER_MGMT) && s.success === S_FAILED)) {
          t.add(s.loginuid === LOGINUID_UNSET && s.acct !== undefined ? s.acct : this.uidText(s.loginuid));
        }
        return;
      case 'login':
        if (hasType(e, T.USER_LOGIN)) t.add(asInt(s.loginuid) < 0 && s.acct !== undefined ? s.acct : this.uidText(s.loginuid));
        return;
      case 'event':
        if (e.type !== -1) t.add(e.type);
        return;
      case 'file':
        if (s.filename) for (const f of s.filename) t.add(f.str);
        return;
      case 'host':
        if (s.hostname !== undefined) t.add(s.hostname);
        return;
      case 'pid':
        if (s.pid !== -1) t.add(s.pid);
        return;
      case 'syscall':
        if (s.syscall > 0) t.add(this.syscallText(s, 32));
        return;
      case 'terminal':
        if (s.terminal !== undefined) t.add(s.terminal);
        return;
      case 'user':
        if (s.loginuid !== LOGINUID_UNSET) t.add(this.uidText(s.loginuid, 32));
        return;
      case 'executable':
        if (s.exe !== undefined) t.add(s.exe);
        return;
      case 'comm':
        if (s.comm !== undefined) t.add(s.comm);
        return;
      case 'key':
        if (s.key) for (const k of s.key) if (k !== '(null)') t.add(k);
        return;
      default:
        return;
    }
  }

  private summaryTotal(e: ReportEvent, s: Items): void {
    const sd = this.sd;
    sd.events++;
    for (const t of CONFIG_TYPES) if (hasType(e, t)) sd.changes++;
    if (hasRange(e, T.MAC_POLICY_LOAD, T.MAC_UNLBL_STCDEL)) sd.changes++;
    for (const test of ACCT_MOD_TESTS) if (anyRecord(e, test)) sd.acct++;
    if (hasRange(e, T.FIRST_KERN_CRYPTO_MSG, T.LAST_KERN_CRYPTO_MSG)) sd.crypto++;
    if (hasRange(e, T.FIRST_CRYPTO_MSG, T.LAST_CRYPTO_MSG)) sd.crypto++;
    if (hasType(e, T.USER_LOGIN)) {
      if (s.success === S_SUCCESS) sd.goodLogins++;
      else if (s.success === S_FAILED) sd.badLogins++;
    }
    if (hasType(e, T.USER_AUTH) || (!hasType(e, T.USER_MGMT) && hasType(e, T.GRP_AUTH))) {
      if (s.success === S_SUCCESS) sd.goodAuth++;
      else if (s.success === S_FAILED) sd.badAuth++;
    } else if (hasType(e, T.USER_MGMT)) {
      if (s.success === S_FAILED) sd.badAuth++;
    }
    if (s.loginuid !== LOGINUID_UNSET) this.users.add(String(asInt(s.loginuid)));
    if (s.terminal !== undefined) this.terms.add(s.terminal);
    if (s.hostname !== undefined) this.hosts.add(s.hostname);
    if (s.exe !== undefined) this.exes.add(s.exe);
    if (s.comm !== undefined) this.comms.add(s.comm);
    if (s.filename) for (const f of s.filename) this.files.add(f.str);
    if (hasType(e, T.AVC) || hasType(e, T.USER_AVC)) sd.avcs++;
    if (hasRange(e, T.MAC_POLICY_LOAD, T.MAC_UNLBL_STCDEL)) sd.mac++;
    if (hasRange(e, T.FIRST_USER_LSPP_MSG, T.LAST_USER_LSPP_MSG)) sd.mac++;
    if (hasRange(e, T.FIRST_VIRT_MSG, T.LAST_VIRT_MSG)) sd.virt++;
    if (hasRange(e, T.INTEGRITY_FIRST_MSG, T.INTEGRITY_LAST_MSG)) sd.integ++;
    if (s.success === S_FAILED && s.syscall > 0) sd.failedSyscalls++;
    if (s.pid !== -1) this.pids.add(s.pid);
    if (hasRange(e, T.FIRST_ANOM_MSG, T.LAST_ANOM_MSG)) sd.anomalies++;
    if (hasRange(e, T.FIRST_KERN_ANOM_MSG, T.LAST_KERN_ANOM_MSG)) sd.anomalies++;
    if (hasRange(e, T.FIRST_ANOM_RESP, T.LAST_ANOM_RESP)) sd.responses++;
    if (s.key) for (const k of s.key) if (k !== '(null)') this.keys.add(k);
  }

  /** The Summary Report's counters (after the last event). */
  counters(range: SummaryCounters['range'], selected: SummaryCounters['selected']): SummaryCounters {
    const sd = this.sd;
    return {
      range,
      selected,
      changes: sd.changes,
      account_changes: sd.acct,
      logins: sd.goodLogins,
      failed_logins: sd.badLogins,
      authentications: sd.goodAuth,
      failed_authentications: sd.badAuth,
      users: this.users.size,
      terminals: this.terms.size,
      host_names: this.hosts.size,
      executables: this.exes.size,
      commands: this.comms.size,
      files: this.files.size,
      avcs: sd.avcs,
      mac_events: sd.mac,
      failed_syscalls: sd.failedSyscalls,
      anomaly_events: sd.anomalies,
      anomaly_responses: sd.responses,
      crypto_events: sd.crypto,
      integrity_events: sd.integ,
      virt_events: sd.virt,
      keys: this.keys.size,
      process_ids: this.pids.size,
      events: sd.events,
    };
  }

  /** The --summary list in aureport's order, values as its text shows them. */
  summaryList(): SummaryEntry[] {
    const style = summaryStyle(this.kind);
    const numeric = style === 'int' || style === 'type';
    return this.tally.sorted(numeric).map(([k, total]) => ({ total, value: this.summaryValue(style, k) }));
  }

  private summaryValue(style: SummaryStyle | undefined, k: string | number): Cell {
    if (style === 'type') return this.interpret ? typeName(k as number) : k;
    if (style === 'user') {
      const str = k as string;
      const c = str.charCodeAt(0);
      if (c === 45 || (c >= 48 && c <= 57)) {
        // at wrap-up no event's interpretations are loaded: only passwd names
        this.interp = undefined;
        return this.uidText(Number.parseInt(str, 10) >>> 0);
      }
      return str;
    }
    return k;
  }

  // ---- detailed reports (per_event_detailed + print_per_event_item) ----

  private detail(e: ReportEvent, s: Items): void {
    const rows = TYPE_PICKED.has(this.kind) ? this.typeRows(e, s) : this.fieldRows(e, s);
    for (const cells of rows) {
      this.found = true;
      this.onRow({ n: ++this.rowNo, sec: e.sec, milli: e.milli, serial: e.serial, cells }, e, s);
    }
  }

  /** The rows of the reports that take events by record type (one per event; AVC: one per decision). */
  private typeRows(e: ReportEvent, s: Items): Cell[][] {
    const uid = () => this.uidText(s.loginuid);
    const ok = () => successText(s.success);
    const tname = () => typeName(e.type);
    const q = (v: string | undefined) => v ?? '?';
    switch (this.kind) {
      case 'avc':
        if (!(hasType(e, T.AVC) || hasType(e, T.USER_AVC)) || !s.avc) return [];
        return avcRows(s.avc).map((a) => [
          q(s.comm),
          a.scontext,
          this.syscallText(s),
          a.cls,
          a.perm,
          a.tcontext,
          ['unset', 'denied', 'granted'][a.result],
          e.serial,
        ]);
      case 'mac':
      case 'crypto':
        return [[uid(), tname(), ok(), e.serial]];
      case 'integrity':
      case 'virt':
      case 'response':
        return [[tname(), ok(), e.serial]];
      case 'config':
        return [[tname(), uid(), ok(), e.serial]];
      case 'auth':
        if (hasType(e, T.USER_AUTH) || (hasType(e, T.USER_MGMT) && s.success === S_FAILED))
          return [[s.acct ?? this.uidText(s.uid), s.hostname, s.terminal, s.exe, ok(), e.serial]];
        return [];
      case 'login':
        return [[s.success === S_FAILED && s.acct !== undefined ? s.acct : uid(), s.hostname, s.terminal, s.exe, ok(), e.serial]];
      case 'mods':
        return [[uid(), q(s.hostname), q(s.terminal), q(s.exe), q(s.acct), ok(), e.serial]];
      case 'anomaly':
        return [[tname(), s.exe ?? s.comm ?? '?', q(s.terminal), q(s.hostname), uid(), e.serial]];
      case 'tty':
        return [this.ttyRow(e, s)];
      default:
        return [];
    }
  }

  /** The TTY Report's row: its data= as written (no data=: the row's number and time and nothing else). */
  private ttyRow(e: ReportEvent, s: Items): Cell[] {
    const msg = e.records[0]!.msg;
    const at = msg.indexOf('data=');
    if (at < 0) return [];
    let data = msg.slice(at + 5);
    const sp = data.lastIndexOf(' ');
    if (sp >= 0) data = data.slice(0, sp);
    return [e.serial, this.uidText(s.loginuid), s.terminal ?? '?', s.session >>> 0, s.comm ?? '?', data];
  }

  /** The rows of the reports that take events by the fields they have. */
  private fieldRows(e: ReportEvent, s: Items): Cell[][] {
    const uid = () => this.uidText(s.loginuid);
    const ok = () => successText(s.success);
    const q = (v: string | undefined) => v ?? '?';
    switch (this.kind) {
      case 'event':
        return [[e.serial, typeName(e.type), uid(), ok()]];
      case 'file':
        return s.filename ? [[fileOf(s.filename), this.syscallText(s), ok(), q(s.exe), uid(), e.serial]] : [];
      case 'host':
        return s.hostname !== undefined ? [[s.hostname, this.syscallText(s), uid(), e.serial]] : [];
      case 'pid':
        return s.pid >= 0 ? [[s.pid >>> 0, q(s.exe), this.syscallText(s), uid(), e.serial]] : [];
      case 'syscall':
        return s.syscall ? [[this.syscallText(s), s.pid >>> 0, q(s.comm), uid(), e.serial]] : [];
      case 'terminal':
        return s.terminal !== undefined ? [[s.terminal, s.hostname, s.exe, uid(), e.serial]] : [];
      case 'user':
        return s.uid !== UID_UNSET ? [[uid(), q(s.terminal), q(s.hostname), q(s.exe), e.serial]] : [];
      case 'executable':
        return s.exe !== undefined ? [[s.exe, q(s.terminal), q(s.hostname), uid(), e.serial]] : [];
      case 'comm':
        return s.comm !== undefined ? [[s.comm, q(s.terminal), q(s.hostname), uid(), e.serial]] : [];
      case 'key':
        return s.key && s.key.length > 0 && s.key[0] !== '(null)' ? [[s.key[0], ok(), q(s.exe), uid(), e.serial]] : [];
      default:
        return [];
    }
  }
}

/** audit-userspace's spelling of each syscall table's aliases (x86_64 17 -> "pread"), by number. */
const ALIAS_BY_NR = new Map<string, Map<number, string>>();

/** The name libaudit's audit_syscall_to_name gives: its alias where it has one, else the kernel's name. */
function auditSyscallName(table: NonNullable<ReturnType<typeof syscallTableFor>>, nr: number): string | undefined {
  let aliases = ALIAS_BY_NR.get(table);
  if (aliases === undefined) {
    aliases = new Map();
    for (const [name, n] of Object.entries(SYSCALL_ALIASES[table] ?? {})) aliases.set(n, name);
    ALIAS_BY_NR.set(table, aliases);
  }
  return aliases.get(nr) ?? syscallName(table, nr);
}

const inRange = (t: number, lo: number, hi: number) => hi > lo && t >= lo && t <= hi;
const anyRecord = (e: ReportEvent, test: (type: number) => boolean) => {
  for (const r of e.records) if (test(r.type)) return true;
  return false;
};

// The record types each report takes its events by (aureport-scan.c): an event counts when any record is of one.
const avcType = (t: number) => t === T.AVC || t === T.USER_AVC;
const macType = (t: number) => inRange(t, T.MAC_POLICY_LOAD, T.MAC_UNLBL_STCDEL) || inRange(t, T.FIRST_USER_LSPP_MSG, T.LAST_USER_LSPP_MSG);
const integrityType = (t: number) => inRange(t, T.INTEGRITY_FIRST_MSG, T.INTEGRITY_LAST_MSG);
const virtType = (t: number) => inRange(t, T.FIRST_VIRT_MSG, T.LAST_VIRT_MSG);
const responseType = (t: number) => inRange(t, T.FIRST_ANOM_RESP, T.LAST_ANOM_RESP);
const CONFIG_TYPES: readonly number[] = [
  T.CONFIG_CHANGE,
  1203 /* DAEMON_CONFIG */,
  T.USYS_CONFIG,
  T.NETFILTER_CFG,
  T.FEATURE_CHANGE,
  T.USER_MAC_CONFIG_CHANGE,
];
const configType = (t: number) => CONFIG_TYPES.includes(t) || inRange(t, T.MAC_POLICY_LOAD, T.MAC_UNLBL_STCDEL);
/** The account modification tests; the Summary Report counts one per test an event passes. */
const ACCT_MOD_TESTS: readonly ((t: number) => boolean)[] = [
  (t) => t === T.USER_CHAUTHTOK,
  (t) => inRange(t, T.ADD_USER, T.DEL_GROUP),
  (t) => t === T.USER_MGMT,
  (t) => t === T.GRP_MGMT,
  (t) => inRange(t, T.ROLE_ASSIGN, T.ROLE_REMOVE),
];
const acctModType = (t: number) => ACCT_MOD_TESTS.some((test) => test(t));
const anomalyType = (t: number) =>
  inRange(t, T.FIRST_ANOM_MSG, T.LAST_ANOM_MSG) || inRange(t, T.FIRST_KERN_ANOM_MSG, T.LAST_KERN_ANOM_MSG) || t === T.SECCOMP;
const cryptoType = (t: number) =>
  inRange(t, T.FIRST_KERN_CRYPTO_MSG, T.LAST_KERN_CRYPTO_MSG) || inRange(t, T.FIRST_CRYPTO_MSG, T.LAST_CRYPTO_MSG);
const ttyType = (t: number) => t === T.TTY || t === T.USER_TTY;

/** Per report that picks its events by record type: which types can make it take an event. */
export const PICK_TYPE: Partial<Record<ReportKind, (type: number) => boolean>> = {
  avc: avcType,
  mac: macType,
  integrity: integrityType,
  virt: virtType,
  config: configType,
  auth: (t) => t === T.USER_AUTH || t === T.USER_MGMT,
  login: (t) => t === T.USER_LOGIN,
  mods: acctModType,
  anomaly: anomalyType,
  response: responseType,
  crypto: cryptoType,
  // the TTY report looks at the first record only (a superset here is harmless)
  tty: ttyType,
};

/**
 * The test a report takes its events by, where that is all it looks at: other events can be passed over
 * before their fields are read. (Reading them could only drop them.)
 */
/** The reports whose events process() has already picked by record type (pickOf). */
const TYPE_PICKED: ReadonlySet<ReportKind> = new Set([
  'avc',
  'mac',
  'integrity',
  'virt',
  'config',
  'auth',
  'login',
  'mods',
  'anomaly',
  'response',
  'crypto',
  'tty',
]);

function pickOf(kind: ReportKind): ((e: ReportEvent) => boolean) | undefined {
  if (kind === 'tty') return (e) => ttyType(e.type);
  const test = PICK_TYPE[kind];
  return test === undefined ? undefined : (e) => anyRecord(e, test);
}

export function successText(s: number): string {
  return s === S_FAILED ? 'no' : s === S_SUCCESS ? 'yes' : 'unset';
}

/** The file a File Report row shows: the first name, past PARENT entries when there are several. */
function fileOf(files: { str: string; key: string | undefined }[]): string {
  let i = 0;
  if (files.length > 1) while (i < files.length && files[i]!.key === 'PARENT') i++;
  return i < files.length ? files[i]!.str : '';
}

type AvcNode = NonNullable<Items['avc']>[number];

/** alist_find_avc + alist_next_avc: the nodes with a result, from the first such. */
function avcsOf(list: AvcNode[]): AvcNode[] {
  return list.filter((a) => a.result !== 0);
}

/** The AVC Report's rows: as avcsOf, or the last node when none has a result (aureport's cursor). */
function avcRows(list: AvcNode[]): AvcNode[] {
  const found = avcsOf(list);
  return found.length > 0 ? found : list.length > 0 ? [list[list.length - 1]!] : [];
}
