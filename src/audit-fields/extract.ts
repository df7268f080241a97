// One event's searchable values, read out of its records the way ausearch-parse.c's extract_search_items()
// reads them; ausearch and aureport 3.0.9 both link that parser, and so `search` and `report` both use this
// one. Each record type has its own scan (a method below, named after the C function it restates) for
// `key=` substrings from a moving position; a value is read only when a selector or report needs it, and a
// record lacking a value its scan insists on gives a non-zero code that drops the whole event. The values
// keep C's types (uid_t, pid_t, uint32_t) and sentinels.

import { PATH_LIMITS } from '../tables/linux-constants.js';
import { AUDIT_MESSAGE as T } from '../tables/message-types-data.js';
import { hexOverflows, isAlpha, isDigit, isXdigit, unescape } from './cstr.js';
import { ABSENT, FieldScanner, FROM_START, FROM_VALUE, LABEL, OPTIONAL } from './scanner.js';
import { sockaddrHost } from './sockaddr-host.js';

/** ausearch's "unset" values (search_items defaults and event_* defaults share them). */
export const UNSET = {
  /** uid, euid, gid, egid: (uid_t)-1 */
  ID: 0xffffffff,
  /** loginuid: (uid_t)-2 */
  LOGINUID: 0xfffffffe,
  /** pid, ppid: (pid_t)-1 */
  PID: -1,
  /** session: (uint32_t)-2 */
  SESSION: 0xfffffffe,
} as const;

export const S_UNSET = -1;
export const S_FAILED = 0;
export const S_SUCCESS = 1;

type Text = string | null | undefined;

/** One AVC or subject/object label; aureport's detail (result 0 unset, 1 denied, 2 granted) when asked for. */
export interface AvcEntry {
  scontext?: Text;
  tcontext?: Text;
  result?: number;
  perm?: Text;
  cls?: Text;
}

/** A PATH name with aureport's detail: whether the rest of the record is exactly `PARENT`. */
export interface FileEntry {
  str: string;
  key: string | undefined;
}

/** search_items: what both verbs' item types hold. Absent text is null (search) or undefined (report). */
export interface FieldItems {
  pid: number;
  uid: number;
  loginuid: number;
  success: number;
  arch: number;
  syscall: number;
  session: number;
  hostname: Text;
  filename: (string | FileEntry)[] | null | undefined;
  cwd: Text;
  exe: Text;
  key: string[] | null | undefined;
  terminal: Text;
  comm: Text;
  avc: AvcEntry[] | null | undefined;
  acct: Text;
  // only ausearch's selectors ask for these (written only when a need asks)
  ppid?: number;
  euid?: number;
  gid?: number;
  egid?: number;
  exit?: number;
  exitIsSet?: boolean;
  uuid?: Text;
  vmname?: Text;
  /** uid, euid, auid as names: written when there is a namer */
  tuid?: Text;
  teuid?: Text;
  tauid?: Text;
}

/** Which values are wanted (ausearch's and aureport's event_* globals being set). */
export interface Needs {
  ppid: boolean;
  pid: boolean;
  /** numeric uid (-ui N, -ua, aureport -u/-au) */
  uid: boolean;
  euid: boolean;
  loginuid: boolean;
  /** uid given as a name (-ui NAME, -ua NAME) */
  tuid: boolean;
  teuid: boolean;
  tauid: boolean;
  gid: boolean;
  egid: boolean;
  session: boolean;
  success: boolean;
  exit: boolean;
  /** arch is read (an --arch or syscall-name selector, or an interpreting output) */
  arch: boolean;
  key: boolean;
  filename: boolean;
  hostname: boolean;
  terminal: boolean;
  exe: boolean;
  comm: boolean;
  subject: boolean;
  object: boolean;
  uuid: boolean;
  vmname: boolean;
}

/** uid -> name, as ausearch's lookup_uid() finds it. */
export type UidNamer = (field: 'uid' | 'euid' | 'auid', uid: number) => string | null;

/** How a verb keeps the values: its "absent", copies, aureport's AVC and PATH detail, short-sockaddr warnings. */
export interface Flavor {
  none: null | undefined;
  /** Items outlive the record text (aureport folds records as they arrive): copy long values. */
  own: boolean;
  /** aureport's AVC result/permission/class and PATH name types. */
  detail: boolean;
}

/** Assignment to a 32-bit C field: ToUint32/ToInt32 take any integer modulo 2^32, as C's narrowing does. */
const u32 = (v: number): number => v >>> 0;
const i32 = (v: number): number => v | 0;

/** ausearch's NAME_OFFSET: PATH and CWD scans skip the header (time and type). */
const NAME_OFFSET = 28;
/** The key separator of multi-key rules (AUDIT_KEY_SEPARATOR). */
const KEY_SEP = '\x01';
const { PATH_MAX } = PATH_LIMITS;
const ARGS = ['a0=', 'a1='] as const;
const TCONTEXT_TCLASS = ['tcontext=', 'tclass='] as const;

/** The numeric values the scans read; each has its own need and C type (see FieldExtractor.put). */
const V = { PPID: 0, PID: 1, UID: 2, UID_ONLY: 3, AUID: 4, GID: 5, EUID: 6, EGID: 7, SES: 8, ARCH: 9, SYSCALL: 10 } as const;
type Value = (typeof V)[keyof typeof V];

/**
 * One numeric step of a scan: the value, its keys (the first one found is read), and the codes for a
 * missing key (or OPTIONAL), no space after the value (or FROM_VALUE, FROM_START), and out of range.
 */
interface NumStep {
  value: Value;
  keys: readonly string[];
  missing: number;
  noSpace: number;
  range: number;
}

function step(value: Value, key: string | readonly string[], missing: number, noSpace: number, range: number): NumStep {
  return { value, keys: typeof key === 'string' ? [key] : key, missing, noSpace, range };
}

const AUID = ['auid=', 'loginuid='];
// The runs of numeric steps of each scan, in the C code's order and with its codes.
const TASK_IDS = [step(V.PPID, 'ppid=', OPTIONAL, 14, 15), step(V.PID, ' pid=', 16, 17, 18), step(V.AUID, AUID, 19, 20, 21)];
const TASK_GIDS = [step(V.GID, 'gid=', 25, 26, 27), step(V.EUID, 'euid=', 28, 29, 30), step(V.EGID, 'egid=', 31, 32, 33)];
const TASK_SES = [step(V.SES, 'ses=', OPTIONAL, 35, 36)];
const SYSCALL_IDS = [step(V.ARCH, 'arch=', 1, 2, 3), step(V.SYSCALL, 'syscall=', 4, 5, 6)];
const USER_IDS = [
  step(V.PID, 'pid=', 1, 2, 3),
  step(V.UID, 'uid=', 4, 5, 6),
  step(V.AUID, AUID, 7, 8, 9),
  step(V.SES, 'ses=', OPTIONAL, 10, 11),
];
const LOGIN_IDS = [step(V.PID, 'pid=', 1, 2, 3), step(V.UID, 'uid=', 4, 5, 6)];
const LOGIN_AUID = [step(V.AUID, ['new auid=', ' auid=', 'new loginuid='], 7, FROM_START, 8)];
const LOGIN_SES = [step(V.SES, ['new ses=', ' ses='], 14, FROM_START, 11)];
const DAEMON_IDS = [
  step(V.AUID, 'auid=', 1, 2, 3),
  step(V.PID, 'pid=', 4, 5, 6),
  step(V.UID_ONLY, ' uid=', OPTIONAL, 7, 8),
  step(V.SES, 'ses=', OPTIONAL, 9, 10),
];
const ANOM_IDS = [
  step(V.AUID, 'auid=', 1, FROM_VALUE, 2),
  step(V.UID, 'uid=', OPTIONAL, 3, 4),
  step(V.GID, 'gid=', OPTIONAL, 5, 6),
  step(V.SES, 'ses=', OPTIONAL, FROM_VALUE, 7),
];
const ANOM_PID = [step(V.PID, 'pid=', OPTIONAL, 10, 11)];
const TTY_PID = [step(V.PID, 'pid=', OPTIONAL, 1, 2)];
const TTY_IDS = [step(V.AUID, 'auid=', 5, FROM_VALUE, 6), step(V.SES, 'ses=', OPTIONAL, 7, 8)];
const INTEGRITY_SES = [step(V.SES, 'ses=', OPTIONAL, 10, 11)];
const AVC_PID = [step(V.PID, 'pid=', OPTIONAL, 3, 4)];
const SIMPLE_SES = [step(V.SES, 'ses=', OPTIONAL, FROM_VALUE, 3)];

/** Where each V goes (by index), as C types it: pid_t and int signed, the ids unsigned; uids also by name. */
const SLOTS: readonly { field: keyof FieldItems; signed: boolean; named?: 'uid' | 'euid' | 'auid'; name?: keyof FieldItems }[] = [
  { field: 'ppid', signed: true },
  { field: 'pid', signed: true },
  { field: 'uid', signed: false, named: 'uid', name: 'tuid' },
  { field: 'uid', signed: false },
  { field: 'loginuid', signed: false, named: 'auid', name: 'tauid' },
  { field: 'gid', signed: false },
  { field: 'euid', signed: false, named: 'euid', name: 'teuid' },
  { field: 'egid', signed: false },
  { field: 'session', signed: false },
  { field: 'arch', signed: true },
  { field: 'syscall', signed: true },
];

/** The values a set of needs reads, one bit per V (the syscall number is always read). */
function wantsOf(n: Needs): number {
  const bit = (on: boolean, v: Value) => (on ? 1 << v : 0);
  return (
    bit(n.ppid, V.PPID) |
    bit(n.pid, V.PID) |
    bit(n.uid || n.tuid, V.UID) |
    bit(n.uid, V.UID_ONLY) |
    bit(n.loginuid || n.tauid, V.AUID) |
    bit(n.gid, V.GID) |
    bit(n.euid || n.teuid, V.EUID) |
    bit(n.egid, V.EGID) |
    bit(n.session, V.SES) |
    bit(n.arch, V.ARCH) |
    (1 << V.SYSCALL)
  );
}

/** Reads records into items for one set of needs; reusable, one record at a time. */
export class FieldExtractor extends FieldScanner {
  private s!: FieldItems;
  private type = 0;
  private readonly none: null | undefined;
  private readonly detail: boolean;
  private readonly wants: number;

  constructor(
    private readonly need: Needs,
    flavor: Flavor,
    /** uid -> name for tuid, teuid, tauid; null: names are not kept */
    private namer: UidNamer | null = null,
  ) {
    super(flavor.own);
    this.none = flavor.none;
    this.detail = flavor.detail;
    this.wants = wantsOf(need);
  }

  setNamer(namer: UidNamer): void {
    this.namer = namer;
  }

  /** Reads one record (its text up to the ENRICHED separator) into `s`: 0, or its scan's error code. */
  record(type: number, message: string, s: FieldItems): number {
    this.s = s;
    this.type = type;
    this.m = message;
    this.term = 0;
    const i = type < SCAN_OF.length ? SCAN_OF[type]! : 0;
    // 0: nothing to read (EXECVE, PROCTITLE, ...) or a type the C parser does not look at
    return i === 0 ? 0 : SCANS[i - 1]!(this);
  }

  /**
   * extract_search_items()'s switch: the scan of each record type; a range [first, last] takes the types
   * an earlier entry does not.
   */
  static scans(): [readonly (number | readonly [number, number])[], (x: FieldExtractor) => number][] {
    return [
      [[T.SYSCALL], (x) => x.syscall()],
      [[T.CWD], (x) => x.dir()],
      [[T.AVC_PATH], (x) => x.avcPath()],
      [[T.PATH], (x) => x.path()],
      [[T.USER_AVC, T.AVC], (x) => x.avc()],
      [[T.SOCKADDR], (x) => x.sockaddr()],
      [[T.LOGIN], (x) => x.login()],
      [[T.IPC, T.OBJ_PID], (x) => x.obj()],
      [[T.DAEMON_START, T.DAEMON_END, T.DAEMON_ABORT, T.DAEMON_CONFIG, T.DAEMON_ROTATE, T.DAEMON_RESUME], (x) => x.daemon1()],
      [[T.DAEMON_ACCEPT, T.DAEMON_CLOSE], (x) => x.daemon2()],
      [[T.CONFIG_CHANGE], (x) => x.configChange()],
      [[T.NETFILTER_PKT], (x) => x.pkt()],
      [[T.FEATURE_CHANGE, T.ANOM_LINK], (x) => x.taskInfo()],
      [[T.SECCOMP, T.ANOM_PROMISCUOUS, T.ANOM_ABEND], (x) => x.kernelAnom()],
      [[T.NETFILTER_CFG, T.EVENT_LISTENER], (x) => x.kernel()],
      [[T.TTY], (x) => x.tty()],
      [[T.USER, [1100, 1199], [2100, 2999]], (x) => x.user(null)], // FIRST_USER_MSG..LAST_USER_MSG, and ...2
      [[[T.MAC_POLICY_LOAD, T.MAC_UNLBL_STCDEL]], (x) => x.simpleMessage()],
      [[[T.INTEGRITY_DATA, T.INTEGRITY_RULE]], (x) => x.integrity()],
    ];
  }

  private configChange(): number {
    const rc = this.simpleMessage();
    this.avcPath(); // older kernels log no path=: its result does not count
    return rc;
  }

  // ---- value setters: C's assignment into its typed fields

  private text(v: string | null): Text {
    return v === null ? this.none : v;
  }

  private setUid(v: number): void {
    this.s.uid = u32(v);
    if (this.namer !== null) this.s.tuid = this.text(this.namer('uid', this.s.uid));
  }

  private setAuid(v: number): void {
    this.s.loginuid = u32(v);
    if (this.namer !== null) this.s.tauid = this.text(this.namer('auid', this.s.loginuid));
  }

  private addAvc(scontext: Text, tcontext: Text): void {
    const none = this.none;
    const a: AvcEntry = this.detail
      ? { scontext: scontext ?? none, tcontext: tcontext ?? none, result: 0, perm: none, cls: none }
      : { scontext: scontext ?? none, tcontext: tcontext ?? none };
    (this.s.avc ??= []).push(a);
  }

  private newAvc(): AvcEntry {
    const none = this.none;
    return this.detail ? { scontext: none, tcontext: none, result: 0, perm: none, cls: none } : { scontext: none, tcontext: none };
  }

  private addFile(name: string): void {
    (this.s.filename ??= []).push(this.detail ? { str: name, key: undefined } : name);
  }

  /** key= values: a quoted one, or hex holding several keys split at AUDIT_KEY_SEPARATOR. */
  private keysAt(p: number, open: number, bad: number): number {
    const keys = (this.s.key ??= []);
    if (this.m.charCodeAt(p) === 34) {
      if (this.quotedOrHex(p, open) !== 0) return open;
      keys.push(this.t!);
      return 0;
    }
    const raw = unescape(this.m, p);
    if (raw === null) return bad;
    for (const k of raw.split(KEY_SEP)) if (k !== '') keys.push(k);
    return 0;
  }

  // ---- shared steps of several scans

  /** Runs numeric steps in order: 0, or the first step's code. */
  private nums(steps: readonly NumStep[]): number {
    for (let i = 0; i < steps.length; i++) {
      const st = steps[i]!;
      if ((this.wants & (1 << st.value)) === 0) continue;
      const p = st.keys.length === 1 ? this.find(st.keys[0]!) : this.findAny(st.keys);
      if (p < 0) {
        if (st.missing === OPTIONAL) continue;
        return st.missing;
      }
      const rc = this.numAt(p, st.noSpace, st.range, st.value === V.ARCH ? 16 : 10);
      if (rc !== 0) return rc;
      this.put(st.value, this.v);
    }
    return 0;
  }

  /** Stores a number as C assigns it to its field, and a uid's name where names are kept. */
  private put(value: Value, v: number): void {
    const slot = SLOTS[value]!;
    const n = slot.signed ? i32(v) : u32(v);
    const s = this.s as unknown as Record<string, number | Text>;
    s[slot.field] = n;
    if (slot.named !== undefined && this.namer !== null) s[slot.name!] = this.text(this.namer(slot.named, n));
  }

  /** subj= up to a space, as a subject label, when wanted: 0 or `noSpace`. */
  private subject(noSpace: number): number {
    if (!this.need.subject) return 0;
    const rc = this.word('subj=', OPTIONAL, noSpace, LABEL);
    if (rc > 0) return rc;
    if (rc === 0) this.addAvc(this.t, null);
    return 0;
  }

  /** subj= to a space or the record's end; the position moves to the space, else to `atEnd`. */
  private subjectToEnd(atEnd: (p: number) => number): void {
    if (!this.need.subject) return;
    const p = this.find('subj=');
    if (p < 0) return;
    this.addAvc(this.rest(p), null);
    this.term = this.v >= 0 ? this.v : atEnd(p);
  }

  /** obj= to a space or the end, as an object label (the position stays). */
  private object(from: number = this.term): void {
    if (!this.need.object) return;
    const p = this.find('obj=', from);
    if (p >= 0) this.addAvc(null, this.rest(p));
  }

  /** comm= (quoted or hex) when wanted and present: 0 or `open`. */
  private comm(open: number): number {
    if (!this.need.comm) return 0;
    const rc = this.quotedOrHexAfter('comm=', OPTIONAL, open);
    if (rc > 0) return rc;
    if (rc === 0) this.s.comm = this.text(this.t);
    return 0;
  }

  /** A trailing numeric res= when wanted: 0 or `range`. */
  private resNumber(range: number): number {
    if (!this.need.success) return 0;
    const rc = this.last('res=', range);
    if (rc > 0) return rc;
    if (rc === 0) this.s.success = i32(this.v);
    return 0;
  }

  /** res= as a word (success/failed) ended by a non-letter: 0 or `empty`. */
  private resWord(from: number, empty: number): number {
    if (!this.need.success) return 0;
    const p = this.find('res=', from);
    if (p < 0) return 0;
    let e = p;
    while (isAlpha(this.m.charCodeAt(e))) e++;
    if (e === p) return empty;
    this.s.success = this.m.startsWith('failed', p) && e - p >= 6 ? S_FAILED : S_SUCCESS;
    return 0;
  }

  /** common_path_parser: appends one file name, made absolute with the cwd when it starts with ./ or ../ */
  private pathValue(p: number): number {
    const term = this.term; // the C function has its own position
    const rc = this.pathName(p);
    this.term = term;
    return rc;
  }

  private pathName(p: number): number {
    const m = this.m;
    let name: string | null;
    if (m.charCodeAt(p) === 34) {
      if (this.quotedOrHex(p, 2) !== 0) return 2;
      name = this.t!;
    } else {
      if (m.startsWith('(null)', p)) {
        this.addFile('(null)');
        return 0;
      }
      if (!isXdigit(m.charCodeAt(p))) return 4;
      if (m.charCodeAt(p) === 48 && m.charCodeAt(p + 1) === 48)
        name = unescape(m, p + 2); // an abstract socket name
      else if (m.indexOf(' ', p) < 0) return 5;
      else name = unescape(m, p);
      if (name === null) return 7;
    }
    const cwd = this.s.cwd;
    if (name.charCodeAt(0) === 46 && (name.charCodeAt(1) === 46 || name.charCodeAt(1) === 47) && cwd != null) {
      name = `${cwd}/${name}`.slice(0, PATH_MAX - 1); // snprintf into PATH_MAX
    }
    this.addFile(name);
    return 0;
  }

  // ---- one scan per record type

  // parse_task_info
  private taskInfo(): number {
    let rc = this.nums(TASK_IDS);
    if (rc !== 0) return rc;
    if (this.need.uid || this.need.tuid) {
      const p = this.uidNotAuid();
      if (p < 0) return 22;
      if ((rc = this.numAt(p, 23, 24))) return rc;
      this.setUid(this.v);
    }
    return this.taskRest();
  }

  /** The next uid= that is not the tail of an auid=: the index past it, or -1. */
  private uidNotAuid(): number {
    for (;;) {
      const p = this.find('uid=');
      if (p < 0 || this.m.charCodeAt(p - 5) !== 97 /* a */) return p;
      this.term = p - 3;
    }
  }

  // parse_task_info, continued: gid, euid, egid, tty, ses, comm, exe, subj, res
  private taskRest(): number {
    const need = this.need;
    const s = this.s;
    let rc = this.nums(TASK_GIDS);
    if (rc !== 0) return rc;
    if (need.terminal && (rc = this.word('tty=', OPTIONAL, 34)) !== ABSENT) {
      if (rc) return rc;
      s.terminal = this.t;
    }
    if ((rc = this.nums(TASK_SES))) return rc;
    if (need.comm) {
      s.comm = this.none; // the syscall's comm wins over an earlier one
      if ((rc = this.quotedOrHexAfter('comm=', 38, 37))) return rc;
      s.comm = this.text(this.t);
    }
    if (need.exe) {
      if ((rc = this.quotedOrHexAfter('exe=', 40, 39, 0))) return rc;
      s.exe = this.text(this.t);
    }
    if ((rc = this.subject(41))) return rc;
    if (need.success && (rc = this.num('res=', OPTIONAL, FROM_START, 43)) !== ABSENT) {
      if (rc) return rc;
      s.success = i32(this.v);
    }
    return 0;
  }

  // parse_syscall
  private syscall(): number {
    const rc = this.nums(SYSCALL_IDS) || this.syscallResult() || this.syscallArgs();
    if (rc !== 0) return rc;
    const after = this.term;
    this.term = 0;
    return this.taskInfo() || this.syscallKeys(after);
  }

  /** success= (yes or not) and exit=, each when wanted. */
  private syscallResult(): number {
    if (this.need.success) {
      const rc = this.word('success=', OPTIONAL, 7, LABEL);
      if (rc > 0) return rc;
      if (rc === 0) this.s.success = this.t === 'yes' ? S_SUCCESS : S_FAILED;
    }
    if (!this.need.exit) return 0;
    const p = this.find('exit=');
    if (p < 0) return 8;
    const rc = this.numAt(p, 9, 10, 0, true);
    if (rc !== 0) return rc;
    this.s.exit = this.v;
    this.s.exitIsSet = true;
    return 0;
  }

  /** a0= and a1= must be there, end in a space and fit 64 bits (their values are not kept). */
  private syscallArgs(): number {
    for (const a of ARGS) {
      const p = this.find(a);
      if (p < 0) return 11;
      const sp = this.m.indexOf(' ', p);
      if (sp < 0) return 12;
      this.term = sp;
      if (hexOverflows(this.m, p)) return 13;
    }
    return 0;
  }

  /** key= from a1='s end (parse_task_info's own position does not carry over in C). */
  private syscallKeys(after: number): number {
    if (!this.need.key) return 0;
    const p = this.find('key=', after);
    return p < 0 ? 0 : this.keysAt(p, 44, 45);
  }

  // parse_dir
  private dir(): number {
    if (!this.need.filename || NAME_OFFSET > this.m.length) return 0;
    const p = this.find(' cwd=', NAME_OFFSET);
    if (p < 0) return 0;
    if (this.quotedOrHex(p, 1) !== 0) return 1;
    this.s.cwd ??= this.text(this.t);
    return 0;
  }

  // avc_parse_path
  private avcPath(): number {
    if (!this.need.filename) return 0;
    const p = this.find(' path=', 0);
    return p < 0 ? 1 : this.pathValue(p);
  }

  // parse_path
  private path(): number {
    this.term = NAME_OFFSET;
    if (this.need.filename) {
      const p = this.find(' name=');
      if (p >= 0) {
        const rc = this.pathValue(p);
        if (rc !== 0) return rc;
        this.term = p;
        if (this.detail) this.pathType(p);
      }
    }
    this.object();
    return 0;
  }

  /** aureport keeps the rest of the record after the name's type= as its kind; only an exact PARENT matters. */
  private pathType(p: number): void {
    const at = this.m.indexOf('type=', p);
    if (at < 0) return;
    const files = this.s.filename as FileEntry[];
    files[files.length - 1]!.key = this.m.length - (at + 5) === 6 && this.m.endsWith('PARENT') ? 'PARENT' : 'other';
  }

  // parse_obj
  private obj(): number {
    this.object(0);
    return 0;
  }

  // parse_user (user-space messages); `avc`: USER_AVC's node, which takes the subject and object
  private user(avc: AvcEntry | null): number {
    const need = this.need;
    let rc = this.nums(USER_IDS);
    if (rc !== 0) return rc;
    if (need.subject && (rc = this.word('subj=', OPTIONAL, 12, LABEL)) !== ABSENT) {
      if (rc) return rc;
      if (avc) avc.scontext = this.t;
      else this.addAvc(this.t, null);
    }
    if (avc && need.object) this.userAvcObject(avc);
    if ((rc = this.userGroup())) return rc;
    if ((rc = this.userVirt())) return rc;
    if ((rc = this.userSecondUid())) return rc;
    return this.userTail();
  }

  /** USER_AVC's tcontext= and tclass=, each to a space (the position stays at the key when there is none). */
  private userAvcObject(avc: AvcEntry): void {
    for (const key of TCONTEXT_TCLASS) {
      const p = this.find(key);
      if (p < 0) continue;
      const sp = this.m.indexOf(' ', p);
      if (sp < 0) {
        this.term = p;
        continue;
      }
      if (key === 'tcontext=') avc.tcontext = this.m.slice(p, sp);
      else if (this.detail) avc.cls = this.m.slice(p, sp);
      this.term = sp;
    }
  }

  /** Group management records name the group in id= (or gid=). */
  private userGroup(): number {
    const t = this.type;
    if (!this.need.gid || (t !== T.ADD_GROUP && t !== T.DEL_GROUP && t !== T.GRP_MGMT)) return 0;
    let p = this.find(' id=');
    if (p < 0 && t === T.GRP_MGMT) p = this.find('gid=');
    if (p < 0) return 0;
    const rc = this.numAt(p, 31, 32);
    if (rc === 0) this.s.gid = u32(this.v);
    return rc;
  }

  /** Virtualization records: vm=, uuid=, and the vm's labels or disk path. */
  private userVirt(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    if (need.vmname && (rc = this.quotedOrHexAfter('vm=', OPTIONAL, 23)) !== ABSENT) {
      if (rc) return rc;
      s.vmname = this.text(this.t);
    }
    if (need.uuid) {
      const p = this.find('uuid=');
      if (p >= 0) {
        let e = p;
        while (e < this.m.length && this.m.charCodeAt(e) !== 32 && this.m.charCodeAt(e) !== 58) e++;
        if (e === p) return 24;
        this.term = e;
        s.uuid = this.m.slice(p, e);
      }
    }
    if (this.type === T.VIRT_MACHINE_ID) return this.virtLabels();
    if (this.type !== T.VIRT_RESOURCE || !need.filename) return 0;
    let p = this.find(' path=');
    if (p < 0) p = this.find(' new-disk=');
    if (p < 0) return 0;
    if ((rc = this.pathValue(p))) return rc;
    this.term = p;
    return 0;
  }

  private virtLabels(): number {
    let rc: number;
    if (this.need.subject && (rc = this.word('vm-ctx=', OPTIONAL, 27, LABEL)) !== ABSENT) {
      if (rc) return rc;
      this.addAvc(this.t, null);
    }
    if (this.need.object && (rc = this.word('img-ctx=', OPTIONAL, 29, LABEL)) !== ABSENT) {
      if (rc) return rc;
      this.addAvc(null, this.t);
    }
    return 0;
  }

  /** The second uid= is the one wanted in some records (USER_LOGIN): after ' or a space, digits only. */
  private userSecondUid(): number {
    if (!this.need.uid && !this.need.tuid) return 0;
    const m = this.m;
    for (;;) {
      const p = this.find('uid=');
      if (p < 0) return 0;
      const before = m.charCodeAt(p - 5);
      if (before === 97 /* a */) {
        this.term = p - 3;
        continue;
      }
      if (before === 115 /* s */ || before === 117 /* u */) return 0;
      if (before !== 39 /* ' */ && before !== 32) return 25;
      let e = p;
      while (isDigit(m.charCodeAt(e))) e++;
      if (e === p) return 14;
      this.term = e;
      const rc = this.numAt(p, FROM_VALUE, 15);
      this.term = e;
      if (rc === 0) this.setUid(this.v);
      return rc;
    }
  }

  // parse_user, the part after the ids: comm, acct, then hostname, cwd, terminal, exe, res all from one place
  private userTail(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    const mptr = this.term;
    if (need.comm && (rc = this.quotedOrHexAfter('comm=', OPTIONAL, 16, mptr)) !== ABSENT) {
      if (rc) return rc;
      s.comm = this.text(this.t);
    }
    this.acct(mptr);
    const from = this.term;
    if (need.hostname && (rc = this.userHost(from))) return rc;
    if (need.filename && (rc = this.legacyAfter('cwd=', from, 20)) !== ABSENT) {
      if (rc) return rc;
      s.cwd = this.text(this.t);
    }
    if (need.terminal) {
      this.term = from;
      if ((rc = this.until('terminal=', ' )', 19)) > 0) return rc;
      if (rc === 0) s.terminal = this.t;
    }
    if (need.exe && (rc = this.legacyAfter('exe=', from, 26)) !== ABSENT) {
      if (rc) return rc;
      s.exe = this.text(this.t);
    }
    return need.success ? this.userResult(from) : 0;
  }

  private legacyAfter(key: string, from: number, open: number): number {
    const p = this.find(key, from);
    return p < 0 ? ABSENT : this.legacyAt(p, open);
  }

  /** acct=: quoted (to the next quote or the end), hex, or legacy plain text. */
  private acct(from: number): void {
    const m = this.m;
    const p = this.find('acct=', from);
    if (p < 0) return;
    if (m.charCodeAt(p) === 34) {
      let e = p + 1;
      while (e < m.length && m.charCodeAt(e) !== 34) e++;
      this.term = e;
      this.s.acct = this.cut(p + 1, e);
      return;
    }
    this.legacyAt(p, 0);
    this.s.acct = this.text(this.t);
  }

  /** hostname= up to a comma or space; a '?' defers to addr= after it. */
  private userHost(from: number): number {
    this.term = from;
    let rc = this.until('hostname=', ', ', 17);
    if (rc === ABSENT) return 0;
    if (rc) return rc;
    this.s.hostname = this.t;
    if (this.t !== '?') return 0;
    this.term++;
    rc = this.until('addr=', ', ', 18);
    if (rc > 0) return rc;
    if (rc === 0) this.s.hostname = this.t;
    return 0;
  }

  /** res= (up to a quote: failed or not) or, from older programs, result= (up to a parenthesis). */
  private userResult(from: number): number {
    const m = this.m;
    let p = this.find('res=', from);
    if (p >= 0) {
      const q = m.indexOf("'", p);
      if (q < 0) return 21;
      this.s.success = m.startsWith('failed', p) && q - p >= 6 ? S_FAILED : S_SUCCESS;
      return 0;
    }
    p = this.find('result=', from);
    if (p < 0) return 0;
    const close = m.indexOf(')', p);
    if (close < 0) return 22;
    this.s.success = m.slice(p, close).toLowerCase() === 'success' ? S_SUCCESS : S_FAILED;
    return 0;
  }

  // parse_login
  private login(): number {
    return this.nums(LOGIN_IDS) || this.loginSubject() || this.nums(LOGIN_AUID) || this.loginResult() || this.nums(LOGIN_SES);
  }

  /** subj= to a space, kept with its "subj=" as the C code keeps it. */
  private loginSubject(): number {
    if (!this.need.subject) return 0;
    const at = this.m.indexOf('subj=', this.term);
    if (at < 0) return 0;
    const sp = this.m.indexOf(' ', at + 5);
    if (sp < 0) return 12;
    this.term = sp;
    this.addAvc(this.m.slice(at, sp), null);
    return 0;
  }

  /** res=; a LOGIN record without one (older kernels) was a success. */
  private loginResult(): number {
    if (!this.need.success) return 0;
    const rc = this.num('res=', OPTIONAL, FROM_START, 9);
    if (rc > 0) return rc;
    this.s.success = rc === 0 ? i32(this.v) : S_SUCCESS;
    return 0;
  }

  // parse_daemon1
  private daemon1(): number {
    const paren = this.m.indexOf(')');
    const mptr = paren < 0 ? 0 : paren;
    this.term = mptr;
    const rc = this.nums(DAEMON_IDS);
    if (rc !== 0) return rc;
    const term = this.term;
    this.subjectToEnd(() => term);
    return this.resWord(mptr, 12);
  }

  // parse_daemon2
  private daemon2(): number {
    if (this.need.hostname) {
      const rc = this.until('addr=', ': ', 1);
      if (rc > 0) return rc;
      if (rc === 0) this.s.hostname = this.t;
    }
    return this.resWord(this.term, 2);
  }

  // parse_sockaddr: a remote host (inet, inet6) or a unix socket's path
  private sockaddr(): number {
    const need = this.need;
    if (!need.hostname && !need.filename) return 0;
    const p = this.find('saddr=', 0);
    if (p < 0) return 0;
    const r = sockaddrHost(this.m, p, need.hostname, need.filename, this.detail);
    this.s.hostname = this.none;
    if (r.code !== 0) return r.code;
    if (r.host !== null) this.s.hostname = r.host;
    if (r.path !== null) this.addFile(r.path);
    return 0;
  }

  // parse_integrity
  private integrity(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    if ((rc = this.num('pid=', OPTIONAL, 1, 2)) !== ABSENT) {
      if (rc) return rc;
      s.pid = i32(this.v);
    }
    if ((rc = this.spaceUid())) return rc;
    if (need.loginuid || need.tauid) {
      const p = this.find('auid=', 0);
      if (p >= 0) {
        if ((rc = this.numAt(p, 5, 6))) return rc;
        this.setAuid(this.v);
      }
    }
    if ((rc = this.nums(INTEGRITY_SES))) return rc;
    if ((rc = this.subject(12))) return rc;
    if ((rc = this.comm(7))) return rc;
    if (need.filename) {
      const p = this.find(' name=');
      if (p >= 0 && this.pathValue(p) !== 0) return 8;
    }
    return this.resNumber(9);
  }

  /** " uid=" read from its '=' (strtoul then gives 0), as the C code does: 0 or a code. */
  private spaceUid(): number {
    if (!this.need.uid && !this.need.tuid) return 0;
    const p = this.find(' uid=');
    if (p < 0) return 0;
    const rc = this.numAt(p - 1, 3, 4);
    if (rc === 0) this.setUid(this.v);
    return rc;
  }

  // parse_avc (kernel AVC and USER_AVC); only the first AVC of a record is read
  private avc(): number {
    const an = this.newAvc();
    const rc = this.avcHead(an);
    if (rc !== 0) return rc;
    if (this.type === T.USER_AVC) {
      this.term = 0; // parse_user scans from the start
      const u = this.user(an);
      (this.s.avc ??= []).push(an);
      return u > 20 ? 0 : u;
    }
    return this.avcBody(an);
  }

  /** "avc:  denied  { perm } for": the result and, for aureport, the permission. */
  private avcHead(an: AvcEntry): number {
    const m = this.m;
    const p = this.find('avc: ', 0);
    if (p < 0) return 0;
    const brace = m.indexOf('{', p);
    if (brace < 0) return 0;
    const denied = m.slice(p, brace).includes('denied');
    if (this.need.success) this.s.success = denied ? S_FAILED : S_SUCCESS;
    if (this.detail) an.result = denied ? 1 : 2;
    let b = brace + 1;
    while (m.charCodeAt(b) === 32) b++;
    const close = m.indexOf('}', b);
    if (close < 0) return 2;
    let e = close;
    while (m.charCodeAt(e - 1) === 32) e--;
    if (this.detail) an.perm = m.slice(b, e);
    this.term = e;
    return 0;
  }

  // parse_avc for kernel AVCs: pid, comm, path or name, scontext, tcontext, tclass
  private avcBody(an: AvcEntry): number {
    const need = this.need;
    const s = this.s;
    let rc = this.nums(AVC_PID);
    if (rc !== 0) return rc;
    if (need.comm && s.comm == null && (rc = this.avcComm())) return rc;
    if (need.filename) {
      let p = this.find(' path=');
      if (p < 0) p = this.find(' name=');
      if (p >= 0) {
        if ((rc = this.pathValue(p))) return rc;
        this.term += 7;
      }
    }
    if (need.subject && (rc = this.word('scontext=', OPTIONAL, 7, LABEL)) !== ABSENT) {
      if (rc) return rc;
      an.scontext = this.t;
    }
    if (need.object && (rc = this.word('tcontext=', OPTIONAL, 8, LABEL)) !== ABSENT) {
      if (rc) return rc;
      an.tcontext = this.t;
    }
    const p = this.find('tclass=');
    if (p < 0) return 9;
    if (this.detail) an.cls = this.rest(p);
    (s.avc ??= []).push(an);
    return 0;
  }

  /** An AVC's comm= is required; a hex one that does not decode is an error. */
  private avcComm(): number {
    const p = this.find('comm=');
    if (p < 0) return 5;
    if (this.quotedOrHex(p, 6)) return 6;
    if (this.t === null) return 11;
    if (this.m.charCodeAt(p) !== 34) this.term = p + 6;
    this.s.comm = this.t;
    return 0;
  }

  // parse_kernel_anom (SECCOMP, ANOM_PROMISCUOUS, ANOM_ABEND)
  private kernelAnom(): number {
    const need = this.need;
    const s = this.s;
    let rc = this.nums(ANOM_IDS);
    if (rc !== 0 || this.type === T.ANOM_PROMISCUOUS) return rc;
    if ((rc = this.subject(8)) || (rc = this.nums(ANOM_PID)) || (rc = this.comm(12))) return rc;
    if (need.exe) {
      rc = this.quotedOrHexAfter('exe=', OPTIONAL, 13);
      if (rc === ABSENT && this.type !== T.ANOM_ABEND) return 14;
      if (rc > 0) return rc;
      if (rc === 0) s.exe = this.text(this.t);
    }
    if (this.type === T.SECCOMP && (rc = this.seccompCall()) !== 0) return rc === ABSENT ? 0 : rc;
    return this.resNumber(68);
  }

  /** SECCOMP's arch= and syscall=; ABSENT when there is no arch= (a few kernels do not log it). */
  private seccompCall(): number {
    let rc = this.num('arch=', OPTIONAL, 15, 16, 16);
    if (rc !== 0) return rc;
    this.s.arch = i32(this.v);
    if ((rc = this.num('syscall=', 17, 18, 19))) return rc;
    this.s.syscall = i32(this.v);
    return 0;
  }

  // parse_simple_message (CONFIG_CHANGE, MAC_*): loginuid, session, subject, key, result
  private simpleMessage(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    if (need.loginuid || need.tauid) {
      rc = this.num('auid=', this.type === T.CONFIG_CHANGE ? OPTIONAL : 1, FROM_VALUE, 2);
      if (rc > 0) return rc;
      if (rc === 0) this.setAuid(this.v);
    }
    if ((rc = this.nums(SIMPLE_SES))) return rc;
    this.subjectToEnd((p) => p);
    if (need.key) {
      const p = this.find('key=');
      if (p >= 0 && (rc = this.keysAt(p, 6, 8))) return rc;
    }
    // the kernel logs no res= for these when they can only succeed
    if (this.type === T.CONFIG_CHANGE) s.success = S_SUCCESS;
    return this.resNumber(7);
  }

  // parse_tty
  private tty(): number {
    const rc = this.nums(TTY_PID) || this.spaceUid() || this.nums(TTY_IDS);
    return rc !== 0 ? rc : this.comm(11);
  }

  // parse_pkt
  private pkt(): number {
    if (this.need.hostname) {
      const rc = this.word('saddr=', OPTIONAL, 1, LABEL);
      if (rc > 0) return rc;
      if (rc === 0) this.s.hostname = this.t;
    }
    this.object();
    return 0;
  }

  // parse_kernel (NETFILTER_CFG, EVENT_LISTENER): fills what earlier records left unset
  private kernel(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    if (need.pid && s.pid === UNSET.PID) {
      if ((rc = this.num(' pid=', 54, 52, 53))) return rc;
      s.pid = i32(this.v);
    }
    if (s.uid === UNSET.ID && s.tuid == null && (need.uid || need.tuid)) {
      if ((rc = this.num('uid=', OPTIONAL, 55, 56)) > 0) return rc;
      this.setUid(rc === 0 ? this.v : 0);
    }
    if (s.loginuid === UNSET.LOGINUID && s.tauid == null && (need.loginuid || need.tauid)) {
      if ((rc = this.num('auid=', OPTIONAL, 57, 58)) > 0) return rc;
      this.setAuid(rc === 0 ? this.v : UNSET.ID);
    }
    if (s.terminal == null && need.terminal) {
      if ((rc = this.word('tty=', OPTIONAL, 59)) > 0) return rc;
      s.terminal = rc === 0 ? this.t : '(none)';
    }
    if (s.session === UNSET.SESSION && need.session) {
      if ((rc = this.num('ses=', OPTIONAL, 60, 61)) > 0) return rc;
      s.session = rc === 0 ? u32(this.v) : 0xffffffff;
    }
    return this.kernelRest();
  }

  // parse_kernel, continued: subj, comm, exe, res
  private kernelRest(): number {
    const need = this.need;
    const s = this.s;
    let rc: number;
    if (s.avc == null && need.subject) {
      if ((rc = this.word('subj=', 64, 62, LABEL))) return rc;
      this.addAvc(this.t, null);
    }
    if (s.comm == null && need.comm) {
      if ((rc = this.quotedOrHexAfter('comm=', 66, 65))) return rc;
      s.comm = this.text(this.t);
    }
    if (s.exe == null && need.exe) {
      if ((rc = this.quotedOrHexAfter('exe=', OPTIONAL, 67, 0)) > 0) return rc;
      s.exe = rc === 0 ? this.text(this.t) : '(null)';
    }
    return this.resNumber(69);
  }
}

/** The scans indexed by record type (a plain array: one lookup per record). */
const SCANS = FieldExtractor.scans().map(([, scan]) => scan);
/** The scan of each record type below 3000, as 1 + its index in SCANS (0: none). */
const SCAN_OF = new Uint8Array(3000);
FieldExtractor.scans().forEach(([types], i) => {
  for (const t of types)
    if (typeof t === 'number') SCAN_OF[t] = i + 1;
    else for (let r = t[0]; r <= t[1]; r++) SCAN_OF[r] ||= i + 1;
});
