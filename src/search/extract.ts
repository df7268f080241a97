// What ausearch 3.0.9 reads out of an event's records to match selectors on (src/ausearch-parse.c,
// extract_search_items()). Matching the way ausearch does means reading the way it does: each record type
// has its own scan for `key=` substrings from a moving position, fields are read only when a selector
// needs them, and a record that lacks a field the scan insists on makes the whole event fail to match
// (ausearch's "malformed event"). Those rules are restated here over the record's raw text (up to the
// ENRICHED separator), one byte per char; the values keep C's types (uid_t, pid_t, uint32_t) and sentinels.

import { hexOverflows, i32, isAlpha, isDigit, isXdigit, strto, u32, unescape } from './cstr.js';

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

/** Which values the selectors need (ausearch's event_* globals being set). */
export interface Needs {
  ppid: boolean;
  pid: boolean;
  /** numeric uid selector (-ui N, -ua) */
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
  /** arch is read (an --arch or syscall-name selector, or an interpreting output format) */
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

/** uid -> name, as ausearch's lookup_uid() finds it: the event's ENRICHED interpretation, then passwd. */
export type UidNamer = (field: 'uid' | 'euid' | 'auid', uid: number) => string | null;

/** One record as the extraction sees it: its type, its line, where its ENRICHED part starts. */
export interface RawRecord {
  readonly type: number;
  readonly line: string;
  /** Offset of the ENRICHED separator, or the line's length. */
  readonly bodyEnd: number;
}

/** A record's text up to the ENRICHED separator: what ausearch scans (its "message"). */
interface Rec {
  type: number;
  message: string;
}

// Message types (linux/audit.h, libaudit.h)
const T = {
  USER: 1005,
  LOGIN: 1006,
  FIRST_USER_MSG: 1100,
  USER_END: 1106,
  USER_AVC: 1107,
  USER_CHAUTHTOK: 1108,
  ADD_GROUP: 1116,
  DEL_GROUP: 1117,
  GRP_MGMT: 1132,
  LAST_USER_MSG: 1199,
  DAEMON_START: 1200,
  DAEMON_END: 1201,
  DAEMON_ABORT: 1202,
  DAEMON_CONFIG: 1203,
  DAEMON_ROTATE: 1205,
  DAEMON_RESUME: 1206,
  DAEMON_ACCEPT: 1207,
  DAEMON_CLOSE: 1208,
  SYSCALL: 1300,
  PATH: 1302,
  IPC: 1303,
  CONFIG_CHANGE: 1305,
  SOCKADDR: 1306,
  CWD: 1307,
  OBJ_PID: 1318,
  TTY: 1319,
  NETFILTER_PKT: 1324,
  NETFILTER_CFG: 1325,
  SECCOMP: 1326,
  FEATURE_CHANGE: 1328,
  EVENT_LISTENER: 1335,
  AVC: 1400,
  AVC_PATH: 1402,
  MAC_POLICY_LOAD: 1403,
  MAC_UNLBL_STCDEL: 1417,
  ANOM_PROMISCUOUS: 1700,
  ANOM_ABEND: 1701,
  ANOM_LINK: 1702,
  INTEGRITY_DATA: 1800,
  INTEGRITY_RULE: 1805,
  FIRST_USER_MSG2: 2100,
  LAST_USER_MSG2: 2999,
  VIRT_RESOURCE: 2501,
  VIRT_MACHINE_ID: 2502,
} as const;

/** ausearch's NAME_OFFSET: PATH and CWD scans skip the header (time and type). */
const NAME_OFFSET = 28;
/** The key separator of multi-key rules (AUDIT_KEY_SEPARATOR). */
const KEY_SEP = '\x01';

/**
 * Fills `s` from the records of one event, as extract_search_items() does. Returns 0, or the first
 * non-zero code of a record scan (the event then cannot match).
 */
export function extractSearchItems(records: readonly RawRecord[], s: SearchItems, need: Needs, namer: UidNamer): number {
  return new Extractor(need).run(records, s, namer);
}

/** Reads events for one set of needs; reusable, one event at a time. */
export class Extractor {
  private s: SearchItems = newSearchItems();
  private namer: UidNamer = () => null;
  /** The record being read (reused: the scans do not keep it). */
  private readonly rec: Rec = { type: 0, message: '' };

  constructor(private readonly need: Needs) {}

  /** Fills `s` from an event's records; 0, or the first non-zero code of a record scan. */
  run(records: readonly RawRecord[], s: SearchItems, namer: UidNamer): number {
    this.s = s;
    this.namer = namer;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (this.inert(r.type)) continue;
      const rc = this.record(r);
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
      case 1309: // EXECVE
      case 1321: // BPRM_FCAPS
      case 1327: // PROCTITLE
      case 1320: // EOE
        return true;
    }
    return false;
  }

  private record(r: RawRecord): number {
    const n = this.rec;
    n.type = r.type;
    n.message = r.bodyEnd < r.line.length ? r.line.slice(0, r.bodyEnd) : r.line;
    const t = n.type;
    if (t === T.SYSCALL) return this.syscall(n);
    if (t === T.CWD) return this.dir(n);
    if (t === T.AVC_PATH) return this.avcPath(n);
    if (t === T.PATH) return this.path(n);
    if (t === T.USER_AVC || t === T.AVC) return this.avc(n);
    if (t === T.USER || (t >= T.FIRST_USER_MSG && t <= T.LAST_USER_MSG) || (t >= T.FIRST_USER_MSG2 && t <= T.LAST_USER_MSG2)) {
      return this.user(n, null);
    }
    switch (t) {
      case T.SOCKADDR:
        return this.sockaddr(n);
      case T.LOGIN:
        return this.login(n);
      case T.IPC:
      case T.OBJ_PID:
        return this.obj(n);
      case T.DAEMON_START:
      case T.DAEMON_END:
      case T.DAEMON_ABORT:
      case T.DAEMON_CONFIG:
      case T.DAEMON_ROTATE:
      case T.DAEMON_RESUME:
        return this.daemon1(n);
      case T.DAEMON_ACCEPT:
      case T.DAEMON_CLOSE:
        return this.daemon2(n);
      case T.CONFIG_CHANGE: {
        const rc = this.simpleMessage(n);
        this.avcPath(n); // older records have no path=: its result does not count
        return rc;
      }
      case T.NETFILTER_PKT:
        return this.pkt(n);
      case T.FEATURE_CHANGE:
      case T.ANOM_LINK:
        return this.taskInfo(n);
      case T.SECCOMP:
      case T.ANOM_PROMISCUOUS:
      case T.ANOM_ABEND:
        return this.kernelAnom(n);
      case T.NETFILTER_CFG:
      case T.EVENT_LISTENER:
        return this.kernel(n);
      case T.TTY:
        return this.tty(n);
    }
    if (t >= T.MAC_POLICY_LOAD && t <= T.MAC_UNLBL_STCDEL) return this.simpleMessage(n);
    if (t >= T.INTEGRITY_DATA && t <= T.INTEGRITY_RULE) return this.integrity(n);
    return 0; // nothing to read (EXECVE, PROCTITLE, BPRM_FCAPS, ...) or a type ausearch does not parse
  }

  private lookup(field: 'uid' | 'euid' | 'auid', id: number): string | null {
    return this.namer(field, id);
  }

  private addAvc(scontext: string | null, tcontext: string | null): void {
    (this.s.avc ??= []).push({ scontext, tcontext });
  }

  /** A `"quoted"` value from `i` (at the quote), or the unescaped hex one; -1 for an unterminated quote. */
  private quotedOrHex(m: string, i: number): { value: string | null; end: number } | -1 {
    if (m.charCodeAt(i) === 34) {
      const q = m.indexOf('"', i + 1);
      if (q < 0) return -1;
      return { value: m.slice(i + 1, q), end: q };
    }
    return { value: unescape(m, i), end: -2 };
  }

  // parse_task_info
  private taskInfo(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.ppid) {
      str = m.indexOf('ppid=', term);
      if (str >= 0) {
        const p = str + 5;
        term = m.indexOf(' ', p);
        if (term < 0) return 14;
        const v = strto(m, p, 10);
        if (v.overflow) return 15;
        s.ppid = i32(v.value);
      }
    }
    if (need.pid) {
      str = m.indexOf(' pid=', term);
      if (str < 0) return 16;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 17;
      const v = strto(m, p, 10);
      if (v.overflow) return 18;
      s.pid = i32(v.value);
    }
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', term);
      let p: number;
      if (str < 0) {
        str = m.indexOf('loginuid=', term);
        if (str < 0) return 19;
        p = str + 9;
      } else p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 20;
      const v = strto(m, p, 10);
      if (v.overflow) return 21;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.uid || need.tuid) {
      for (;;) {
        str = m.indexOf('uid=', term);
        if (str < 0) return 22;
        if (m.charCodeAt(str - 1) === 97 /* a */) {
          term = str + 1; // that was auid=
          continue;
        }
        break;
      }
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 23;
      const v = strto(m, p, 10);
      if (v.overflow) return 24;
      s.uid = u32(v.value);
      s.tuid = this.lookup('uid', s.uid);
    }
    if (need.gid) {
      str = m.indexOf('gid=', term);
      if (str < 0) return 25;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 26;
      const v = strto(m, p, 10);
      if (v.overflow) return 27;
      s.gid = u32(v.value);
    }
    if (need.euid || need.teuid) {
      str = m.indexOf('euid=', term);
      if (str < 0) return 28;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 29;
      const v = strto(m, p, 10);
      if (v.overflow) return 30;
      s.euid = u32(v.value);
      s.teuid = this.lookup('euid', s.euid);
    }
    if (need.egid) {
      str = m.indexOf('egid=', term);
      if (str < 0) return 31;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 32;
      const v = strto(m, p, 10);
      if (v.overflow) return 33;
      s.egid = u32(v.value);
    }
    if (need.terminal) {
      str = m.indexOf('tty=', term);
      if (str >= 0) {
        str += 4;
        term = m.indexOf(' ', str);
        if (term < 0) return 34;
        s.terminal = m.slice(str, term);
      }
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 35;
        const v = strto(m, p, 10);
        if (v.overflow) return 36;
        s.session = u32(v.value);
      }
    }
    if (need.comm) {
      str = m.indexOf('comm=', term);
      if (str < 0) return 38;
      s.comm = null; // the syscall's comm wins over an earlier one
      const q = this.quotedOrHex(m, str + 5);
      if (q === -1) return 37;
      s.comm = q.value;
      if (q.end >= 0) term = q.end;
    }
    if (need.exe) {
      str = m.indexOf('exe=');
      if (str < 0) return 40;
      const q = this.quotedOrHex(m, str + 4);
      if (q === -1) return 39;
      s.exe = q.value;
      if (q.end >= 0) term = q.end;
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        term = m.indexOf(' ', str);
        if (term < 0) return 41;
        this.addAvc(m.slice(str, term), null);
      }
    }
    if (need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const p = str + 4;
        const sp = m.indexOf(' ', p);
        term = sp < 0 ? 0 : sp;
        const v = strto(m, p, 10);
        if (v.overflow) return 43;
        s.success = i32(v.value);
      }
    }
    return 0;
  }

  // parse_syscall
  private syscall(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.arch) {
      str = m.indexOf('arch=', term);
      if (str < 0) return 1;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 2;
      const v = strto(m, p, 16);
      if (v.overflow) return 3;
      s.arch = i32(v.value);
    }
    str = m.indexOf('syscall=', term);
    if (str < 0) return 4;
    let p = str + 8;
    term = m.indexOf(' ', p);
    if (term < 0) return 5;
    let v = strto(m, p, 10);
    if (v.overflow) return 6;
    s.syscall = i32(v.value);
    if (need.success) {
      str = m.indexOf('success=', term);
      if (str >= 0) {
        p = str + 8;
        term = m.indexOf(' ', p);
        if (term < 0) return 7;
        s.success = m.slice(p, term) === 'yes' ? S_SUCCESS : S_FAILED;
      }
    }
    if (need.exit) {
      str = m.indexOf('exit=', term);
      if (str < 0) return 8;
      p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 9;
      v = strto(m, p, 0, true);
      if (v.overflow) return 10;
      s.exit = v.value;
      s.exitIsSet = true;
    }
    for (const a of ['a0=', 'a1=']) {
      str = m.indexOf(a, term);
      if (str < 0) return 11;
      p = str + 3;
      term = m.indexOf(' ', p);
      if (term < 0) return 12;
      if (hexOverflows(m, p)) return 13;
    }
    const rc = this.taskInfo(n);
    if (rc !== 0) return rc;
    if (need.key) {
      str = m.indexOf('key=', term);
      if (str >= 0) {
        const keys = (s.key ??= []);
        str += 4;
        if (m.charCodeAt(str) === 34) {
          const q = m.indexOf('"', str + 1);
          if (q < 0) return 44;
          keys.push(m.slice(str + 1, q));
        } else {
          const raw = unescape(m, str);
          if (raw === null) return 45;
          for (const k of raw.split(KEY_SEP)) if (k !== '') keys.push(k);
        }
      }
    }
    return 0;
  }

  // parse_dir
  private dir(n: Rec): number {
    if (!this.need.filename) return 0;
    const m = n.message;
    let str = m.indexOf(' cwd=', NAME_OFFSET);
    if (str < 0 || NAME_OFFSET > m.length) return 0;
    str += 5;
    if (m.charCodeAt(str) === 34) {
      const q = m.indexOf('"', str + 1);
      if (q < 0) return 1;
      this.s.cwd ??= m.slice(str + 1, q);
    } else if (this.s.cwd === null) {
      this.s.cwd = unescape(m, str);
    }
    return 0;
  }

  // common_path_parser: appends one file name (made absolute with the cwd when it starts with ./ or ../)
  private pathValue(m: string, i: number): number {
    const s = this.s;
    const files = (s.filename ??= []);
    let name: string | null;
    if (m.charCodeAt(i) === 34) {
      const q = m.indexOf('"', i + 1);
      if (q < 0) return 2;
      name = m.slice(i + 1, q);
    } else {
      if (m.startsWith('(null)', i)) {
        files.push('(null)');
        return 0;
      }
      if (!isXdigit(m.charCodeAt(i))) return 4;
      if (m.charCodeAt(i) === 48 && m.charCodeAt(i + 1) === 48) {
        name = unescape(m, i + 2); // an abstract socket name
      } else {
        if (m.indexOf(' ', i) < 0) return 5;
        name = unescape(m, i);
      }
      if (name === null) return 7;
    }
    if (name.charCodeAt(0) === 46 && (name.charCodeAt(1) === 46 || name.charCodeAt(1) === 47) && s.cwd !== null) {
      name = `${s.cwd}/${name}`.slice(0, 4095); // snprintf into PATH_MAX
    }
    files.push(name);
    return 0;
  }

  // avc_parse_path
  private avcPath(n: Rec): number {
    if (!this.need.filename) return 0;
    const str = n.message.indexOf(' path=');
    if (str < 0) return 1;
    return this.pathValue(n.message, str + 6);
  }

  // parse_path
  private path(n: Rec): number {
    const m = n.message;
    let term = NAME_OFFSET;
    let str: number;
    if (this.need.filename) {
      str = m.indexOf(' name=', term);
      if (str >= 0) {
        str += 6;
        const rc = this.pathValue(m, str);
        if (rc !== 0) return rc;
        term = str;
      }
    }
    if (this.need.object) {
      str = m.indexOf('obj=', term);
      if (str >= 0) {
        str += 4;
        const sp = m.indexOf(' ', str);
        this.addAvc(null, sp < 0 ? m.slice(str) : m.slice(str, sp));
      }
    }
    return 0;
  }

  // parse_obj
  private obj(n: Rec): number {
    if (!this.need.object) return 0;
    const m = n.message;
    let str = m.indexOf('obj=');
    if (str >= 0) {
      str += 4;
      const sp = m.indexOf(' ', str);
      this.addAvc(null, sp < 0 ? m.slice(str) : m.slice(str, sp));
    }
    return 0;
  }

  // parse_user (user space messages; `avc` set for USER_AVC)
  private user(n: Rec, avc: AvcNode | null): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.pid) {
      str = m.indexOf('pid=', term);
      if (str < 0) return 1;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 2;
      const v = strto(m, p, 10);
      if (v.overflow) return 3;
      s.pid = i32(v.value);
    }
    if (need.uid || need.tuid) {
      str = m.indexOf('uid=', term);
      if (str < 0) return 4;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 5;
      const v = strto(m, p, 10);
      if (v.overflow) return 6;
      s.uid = u32(v.value);
      s.tuid = this.lookup('uid', s.uid);
    }
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', term);
      let p: number;
      if (str < 0) {
        str = m.indexOf('loginuid=', term);
        if (str < 0) return 7;
        p = str + 9;
      } else p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 8;
      const v = strto(m, p, 10);
      if (v.overflow) return 9;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 10;
        const v = strto(m, p, 10);
        if (v.overflow) return 11;
        s.session = u32(v.value);
      }
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        term = m.indexOf(' ', str);
        if (term < 0) return 12;
        if (avc) avc.scontext = m.slice(str, term);
        else this.addAvc(m.slice(str, term), null);
      }
    }
    if (avc && need.object) {
      str = m.indexOf('tcontext=', term);
      if (str >= 0) {
        str += 9;
        const sp = m.indexOf(' ', str);
        if (sp >= 0) {
          avc.tcontext = m.slice(str, sp);
          term = sp;
        } else term = str;
      }
      str = m.indexOf('tclass=', term);
      if (str >= 0) {
        str += 7;
        const sp = m.indexOf(' ', str);
        term = sp >= 0 ? sp : str;
      }
    }
    if (need.gid && (n.type === T.ADD_GROUP || n.type === T.DEL_GROUP || n.type === T.GRP_MGMT)) {
      str = m.indexOf(' id=', term);
      if (str < 0 && n.type === T.GRP_MGMT) str = m.indexOf('gid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 31;
        const v = strto(m, p, 10);
        if (v.overflow) return 32;
        s.gid = u32(v.value);
      }
    }
    if (need.vmname) {
      str = m.indexOf('vm=', term);
      if (str >= 0) {
        str += 3;
        const q = this.quotedOrHex(m, str);
        if (q === -1) return 23;
        s.vmname = q.value;
        if (q.end >= 0) term = q.end;
      }
    }
    if (need.uuid) {
      str = m.indexOf('uuid=', term);
      if (str >= 0) {
        str += 5;
        let e = str;
        while (e < m.length && m.charCodeAt(e) !== 32 && m.charCodeAt(e) !== 58) e++;
        if (e === str) return 24;
        term = e;
        s.uuid = m.slice(str, e);
      }
    }
    if (n.type === T.VIRT_MACHINE_ID) {
      if (need.subject) {
        str = m.indexOf('vm-ctx=', term);
        if (str >= 0) {
          str += 7;
          term = m.indexOf(' ', str);
          if (term < 0) return 27;
          this.addAvc(m.slice(str, term), null);
        }
      }
      if (need.object) {
        str = m.indexOf('img-ctx=', term);
        if (str >= 0) {
          str += 8;
          term = m.indexOf(' ', str);
          if (term < 0) return 29;
          this.addAvc(null, m.slice(str, term));
        }
      }
    } else if (n.type === T.VIRT_RESOURCE && need.filename) {
      let incr = 6;
      str = m.indexOf(' path=', term);
      if (str < 0) {
        incr = 10;
        str = m.indexOf(' new-disk=', term);
      }
      if (str >= 0) {
        str += incr;
        const rc = this.pathValue(m, str);
        if (rc !== 0) return rc;
        term = str;
      }
    }
    // the second uid= is the one wanted in some records (USER_LOGIN)
    let skip = false;
    if (need.uid || need.tuid) {
      for (;;) {
        str = m.indexOf('uid=', term);
        if (str < 0) break;
        const before = m.charCodeAt(str - 1);
        if (before === 97 /* a */) {
          term = str + 1;
          continue;
        }
        if (before === 115 /* s */ || before === 117 /* u */) {
          skip = true;
          break;
        }
        if (before !== 39 /* ' */ && before !== 32) return 25;
        const p = str + 4;
        let e = p;
        while (isDigit(m.charCodeAt(e))) e++;
        if (e === p) return 14;
        term = e;
        const v = strto(m, p, 10);
        if (v.overflow) return 15;
        s.uid = u32(v.value);
        s.tuid = this.lookup('uid', s.uid);
        break;
      }
    }
    void skip;
    let mptr = term;

    if (need.comm) {
      str = m.indexOf('comm=', mptr);
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 5);
        if (q === -1) return 16;
        s.comm = q.value;
        if (q.end >= 0) term = q.end;
      }
    }
    str = m.indexOf('acct=', mptr);
    if (str >= 0) {
      const p = str + 5;
      term = p + 1;
      if (m.charCodeAt(p) === 34) {
        while (term < m.length && m.charCodeAt(term) !== 34) term++;
        s.acct = m.slice(p + 1, term);
      } else {
        let e = p;
        let legacy = false;
        while (e < m.length && m.charCodeAt(e) !== 32) {
          if (!isXdigit(m.charCodeAt(e))) legacy = true;
          e++;
        }
        term = e;
        s.acct = legacy ? m.slice(p, e) : unescape(m, p);
      }
    }
    mptr = term;

    if (need.hostname) {
      str = m.indexOf('hostname=', mptr);
      if (str >= 0) {
        str += 9;
        term = m.indexOf(',', str);
        if (term < 0) {
          term = m.indexOf(' ', str);
          if (term < 0) return 17;
        }
        s.hostname = m.slice(str, term);
        if (s.hostname === '?') {
          // addr= may say more
          term++;
          str = m.indexOf('addr=', term);
          if (str >= 0) {
            str += 5;
            term = m.indexOf(',', str);
            if (term < 0) {
              term = m.indexOf(' ', str);
              if (term < 0) return 18;
            }
            s.hostname = m.slice(str, term);
          }
        }
      }
    }
    if (need.filename) {
      str = m.indexOf('cwd=', mptr);
      if (str >= 0) {
        str += 4;
        if (m.charCodeAt(str) === 34) {
          const q = m.indexOf('"', str + 1);
          if (q < 0) return 20;
          s.cwd = m.slice(str + 1, q);
          term = q;
        } else {
          const r = legacyOrHex(m, str);
          term = r.end;
          s.cwd = r.value;
        }
      }
    }
    if (need.terminal) {
      str = m.indexOf('terminal=', mptr);
      if (str >= 0) {
        str += 9;
        term = m.indexOf(' ', str);
        if (term < 0) {
          term = m.indexOf(')', str);
          if (term < 0) return 19;
        }
        s.terminal = m.slice(str, term);
      }
    }
    if (need.exe) {
      str = m.indexOf('exe=', mptr);
      if (str >= 0) {
        str += 4;
        if (m.charCodeAt(str) === 34) {
          const q = m.indexOf('"', str + 1);
          if (q < 0) return 26;
          s.exe = m.slice(str + 1, q);
          term = q;
        } else {
          const r = legacyOrHex(m, str);
          term = r.end;
          s.exe = r.value;
        }
      }
    }
    if (need.success) {
      str = m.indexOf('res=', mptr);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf("'", p);
        if (term < 0) return 21;
        s.success = m.startsWith('failed', p) && term - p >= 6 ? S_FAILED : S_SUCCESS;
      } else if ((str = m.indexOf('result=', mptr)) >= 0) {
        const p = str + 7;
        term = m.indexOf(')', p);
        if (term < 0) return 22;
        s.success = m.slice(p, term).toLowerCase() === 'success' ? S_SUCCESS : S_FAILED;
      }
    }
    return 0;
  }

  // parse_login
  private login(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.pid) {
      str = m.indexOf('pid=', term);
      if (str < 0) return 1;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 2;
      const v = strto(m, p, 10);
      if (v.overflow) return 3;
      s.pid = i32(v.value);
    }
    if (need.uid || need.tuid) {
      str = m.indexOf('uid=', term);
      if (str < 0) return 4;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 5;
      const v = strto(m, p, 10);
      if (v.overflow) return 6;
      s.uid = u32(v.value);
      s.tuid = this.lookup('uid', s.uid);
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        term = m.indexOf(' ', str + 5);
        if (term < 0) return 12;
        this.addAvc(m.slice(str, term), null); // ausearch keeps the "subj=" here
      }
    }
    // term may be "NULL" below: -1
    let t: number = term;
    if (need.loginuid || need.tauid) {
      let p: number;
      str = m.indexOf('new auid=', t);
      if (str < 0) {
        str = m.indexOf(' auid=', t);
        if (str < 0) {
          str = m.indexOf('new loginuid=', t);
          if (str < 0) return 7;
          p = str + 13;
        } else p = str + 6;
      } else p = str + 9;
      t = m.indexOf(' ', p);
      const v = strto(m, p, 10);
      if (v.overflow) return 8;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.success) {
      if (t < 0) t = 0;
      str = m.indexOf('res=', t);
      if (str >= 0) {
        const p = str + 4;
        t = m.indexOf(' ', p);
        const v = strto(m, p, 10);
        if (v.overflow) return 9;
        s.success = i32(v.value);
      } else s.success = S_SUCCESS; // older kernels: always successful
    }
    if (need.session) {
      if (t < 0) t = 0;
      let p: number;
      str = m.indexOf('new ses=', t);
      if (str < 0) {
        str = m.indexOf(' ses=', t);
        if (str < 0) return 14;
        p = str + 5;
      } else p = str + 8;
      t = m.indexOf(' ', p);
      const v = strto(m, p, 10);
      if (v.overflow) return 11;
      s.session = u32(v.value);
    }
    return 0;
  }

  // parse_daemon1
  private daemon1(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    const paren = m.indexOf(')');
    const mptr = paren < 0 ? 0 : paren;
    let term = mptr;
    let str: number;
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', mptr);
      if (str < 0) return 1;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 2;
      const v = strto(m, p, 10);
      if (v.overflow) return 3;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.pid) {
      str = m.indexOf('pid=', term);
      if (str < 0) return 4;
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 5;
      const v = strto(m, p, 10);
      if (v.overflow) return 6;
      s.pid = i32(v.value);
    }
    if (need.uid) {
      str = m.indexOf(' uid=', term);
      if (str >= 0) {
        const p = str + 5;
        term = m.indexOf(' ', p);
        if (term < 0) return 7;
        const v = strto(m, p, 10);
        if (v.overflow) return 8;
        s.uid = u32(v.value);
      }
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 9;
        const v = strto(m, p, 10);
        if (v.overflow) return 10;
        s.session = u32(v.value);
      }
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        const sp = m.indexOf(' ', str);
        this.addAvc(sp < 0 ? m.slice(str) : m.slice(str, sp), null);
        term = sp < 0 ? term : sp;
      }
    }
    if (need.success) {
      str = m.indexOf('res=', mptr);
      if (str >= 0) {
        const p = str + 4;
        let e = p;
        while (isAlpha(m.charCodeAt(e))) e++;
        if (e === p) return 12;
        s.success = m.startsWith('failed', p) && e - p >= 6 ? S_FAILED : S_SUCCESS;
      }
    }
    return 0;
  }

  // parse_daemon2
  private daemon2(n: Rec): number {
    const s = this.s;
    const m = n.message;
    let term = 0;
    let str: number;
    if (this.need.hostname) {
      str = m.indexOf('addr=', term);
      if (str >= 0) {
        str += 5;
        term = m.indexOf(':', str);
        if (term < 0) {
          term = m.indexOf(' ', str);
          if (term < 0) return 1;
        }
        s.hostname = m.slice(str, term);
      }
    }
    if (this.need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const p = str + 4;
        let e = p;
        while (isAlpha(m.charCodeAt(e))) e++;
        if (e === p) return 2;
        s.success = m.startsWith('failed', p) && e - p >= 6 ? S_FAILED : S_SUCCESS;
      }
    }
    return 0;
  }

  // parse_sockaddr: a remote host (inet, inet6) or a unix socket's path
  private sockaddr(n: Rec): number {
    const s = this.s;
    const need = this.need;
    if (!need.hostname && !need.filename) return 0;
    const m = n.message;
    let str = m.indexOf('saddr=');
    if (str < 0) return 0;
    str += 6;
    let len = 0;
    if (m.charCodeAt(str) === 40) {
      const close = m.indexOf(')', str);
      if (close >= 0) len = close - str + 1;
    } else {
      while (isXdigit(m.charCodeAt(str + len))) len++;
      len = Math.floor(len / 2);
    }
    const raw = unescapeBytes(m, str);
    if (raw === null) return 4;
    const family = raw.length >= 2 ? raw[0]! | (raw[1]! << 8) : raw.length === 1 ? raw[0]! : 0;
    s.hostname = null;
    if (family === 2 /* AF_INET */) {
      if (len < 16) return 1;
      if (!need.hostname) return 0;
      s.hostname = raw.length >= 8 ? `${raw[4]}.${raw[5]}.${raw[6]}.${raw[7]}` : null;
      return 0;
    }
    if (family === 10 /* AF_INET6 */) {
      if (len < 28) return 2;
      if (!need.hostname) return 0;
      s.hostname = raw.length >= 24 ? ipv6Text(raw.subarray(8, 24)) : null;
      return 0;
    }
    if (family === 1 /* AF_UNIX */) {
      if (len < 4) return 3;
      if (need.filename) {
        const files = (s.filename ??= []);
        const at = raw[2] !== 0 ? 2 : 3;
        let e = at;
        while (e < raw.length && raw[e] !== 0) e++;
        files.push(raw.subarray(at, e).toString('latin1'));
      }
      return 0;
    }
    return 0;
  }

  // parse_integrity
  private integrity(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str = m.indexOf('pid=', term);
    if (str >= 0) {
      const p = str + 4;
      term = m.indexOf(' ', p);
      if (term < 0) return 1;
      const v = strto(m, p, 10);
      if (v.overflow) return 2;
      s.pid = i32(v.value);
    }
    if (need.uid || need.tuid) {
      str = m.indexOf(' uid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 3;
        const v = strto(m, p, 10);
        if (v.overflow) return 4;
        s.uid = u32(v.value);
        s.tuid = this.lookup('uid', s.uid);
      }
    }
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=');
      if (str >= 0) {
        const p = str + 5;
        term = m.indexOf(' ', p);
        if (term < 0) return 5;
        const v = strto(m, p, 10);
        if (v.overflow) return 6;
        s.loginuid = u32(v.value);
        s.tauid = this.lookup('auid', s.loginuid);
      }
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 10;
        const v = strto(m, p, 10);
        if (v.overflow) return 11;
        s.session = u32(v.value);
      }
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        term = m.indexOf(' ', str);
        if (term < 0) return 12;
        this.addAvc(m.slice(str, term), null);
      }
    }
    if (need.comm) {
      str = m.indexOf('comm=', term);
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 5);
        if (q === -1) return 7;
        s.comm = q.value;
        if (q.end >= 0) term = q.end;
      }
    }
    if (need.filename) {
      str = m.indexOf(' name=', term);
      if (str >= 0 && this.pathValue(m, str + 6) !== 0) return 8;
    }
    if (need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const v = strto(m, str + 4, 10);
        if (v.overflow) return 9;
        s.success = i32(v.value);
      }
    }
    return 0;
  }

  // parse_avc (kernel AVC and USER_AVC); only the first AVC of a record is read
  private avc(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    const an: AvcNode = { scontext: null, tcontext: null };
    str = m.indexOf('avc: ', term);
    let other = false;
    if (str >= 0) {
      str += 5;
      const brace = m.indexOf('{', str);
      if (brace < 0) {
        term = 0;
        other = true;
      } else {
        term = brace;
        if (need.success) {
          s.success = m.slice(str, brace).includes('denied') ? S_FAILED : S_SUCCESS;
        }
        let p = brace + 1;
        while (m.charCodeAt(p) === 32) p++;
        const close = m.indexOf('}', p);
        if (close < 0) return 2;
        let e = close;
        while (m.charCodeAt(e - 1) === 32) e--;
        term = e;
      }
    }
    void other;
    if (n.type === T.USER_AVC) {
      let rc = this.user(n, an);
      if (rc > 20) rc = 0;
      this.addAvc(an.scontext, an.tcontext);
      return rc;
    }
    if (need.pid) {
      str = m.indexOf('pid=', term);
      if (str >= 0) {
        str += 4;
        term = m.indexOf(' ', str);
        if (term < 0) return 3;
        const v = strto(m, str, 10);
        if (v.overflow) return 4;
        s.pid = i32(v.value);
      }
    }
    if (need.comm && s.comm === null) {
      str = m.indexOf('comm=', term);
      if (str < 0) return 5;
      str += 5;
      if (m.charCodeAt(str) === 34) {
        const q = m.indexOf('"', str + 1);
        if (q < 0) return 6;
        s.comm = m.slice(str + 1, q);
        term = q;
      } else {
        s.comm = unescape(m, str);
        if (s.comm === null) return 11;
        term = str + 6;
      }
    }
    if (need.filename) {
      str = m.indexOf(' path=', term);
      if (str >= 0) {
        const rc = this.pathValue(m, str + 6);
        if (rc !== 0) return rc;
        term += 7;
      } else {
        str = m.indexOf(' name=', term);
        if (str >= 0) {
          const rc = this.pathValue(m, str + 6);
          if (rc !== 0) return rc;
          term += 7;
        }
      }
    }
    if (need.subject) {
      str = m.indexOf('scontext=', term);
      if (str >= 0) {
        str += 9;
        term = m.indexOf(' ', str);
        if (term < 0) return 7;
        an.scontext = m.slice(str, term);
      }
    }
    if (need.object) {
      str = m.indexOf('tcontext=', term);
      if (str >= 0) {
        str += 9;
        term = m.indexOf(' ', str);
        if (term < 0) return 8;
        an.tcontext = m.slice(str, term);
      }
    }
    str = m.indexOf('tclass=', term);
    if (str < 0) return 9;
    this.addAvc(an.scontext, an.tcontext);
    return 0;
  }

  // parse_kernel_anom (SECCOMP, ANOM_PROMISCUOUS, ANOM_ABEND)
  private kernelAnom(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', term);
      if (str < 0) return 1;
      const p = str + 5;
      const sp = m.indexOf(' ', p);
      const v = strto(m, p, 10);
      if (v.overflow) return 2;
      term = sp < 0 ? p : sp;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.uid || need.tuid) {
      str = m.indexOf('uid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 3;
        const v = strto(m, p, 10);
        if (v.overflow) return 4;
        s.uid = u32(v.value);
        s.tuid = this.lookup('uid', s.uid);
      }
    }
    if (need.gid) {
      str = m.indexOf('gid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 5;
        const v = strto(m, p, 10);
        if (v.overflow) return 6;
        s.gid = u32(v.value);
      }
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        const sp = m.indexOf(' ', p);
        const v = strto(m, p, 10);
        if (v.overflow) return 7;
        s.session = u32(v.value);
        term = sp < 0 ? p : sp;
      }
    }
    if (n.type === T.ANOM_PROMISCUOUS) return 0;
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        term = m.indexOf(' ', str);
        if (term < 0) return 8;
        this.addAvc(m.slice(str, term), null);
      }
    }
    if (need.pid) {
      str = m.indexOf('pid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 10;
        const v = strto(m, p, 10);
        if (v.overflow) return 11;
        s.pid = i32(v.value);
      }
    }
    if (need.comm) {
      str = m.indexOf('comm=', term);
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 5);
        if (q === -1) return 12;
        s.comm = q.value;
        if (q.end >= 0) term = q.end;
      }
    }
    if (need.exe) {
      str = m.indexOf('exe=', term);
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 4);
        if (q === -1) return 13;
        s.exe = q.value;
        if (q.end >= 0) term = q.end;
      } else if (n.type !== T.ANOM_ABEND) return 14;
    }
    if (n.type === T.SECCOMP) {
      str = m.indexOf('arch=', term);
      if (str < 0) return 0; // a few kernels do not log it
      let p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 15;
      let v = strto(m, p, 16);
      if (v.overflow) return 16;
      s.arch = i32(v.value);
      str = m.indexOf('syscall=', term);
      if (str < 0) return 17;
      p = str + 8;
      term = m.indexOf(' ', p);
      if (term < 0) return 18;
      v = strto(m, p, 10);
      if (v.overflow) return 19;
      s.syscall = i32(v.value);
    }
    if (need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const v = strto(m, str + 4, 10);
        if (v.overflow) return 68;
        s.success = i32(v.value);
      }
    }
    return 0;
  }

  // parse_simple_message (CONFIG_CHANGE, MAC_*): loginuid, session, subject, key, result
  private simpleMessage(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', term);
      if (str < 0 && n.type !== T.CONFIG_CHANGE) return 1;
      if (str >= 0) {
        const p = str + 5;
        const sp = m.indexOf(' ', p);
        const v = strto(m, p, 10);
        if (v.overflow) return 2;
        term = sp < 0 ? p : sp;
        s.loginuid = u32(v.value);
        s.tauid = this.lookup('auid', s.loginuid);
      }
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        const sp = m.indexOf(' ', p);
        const v = strto(m, p, 10);
        if (v.overflow) return 3;
        term = sp < 0 ? p : sp;
        s.session = u32(v.value);
      }
    }
    if (need.subject) {
      str = m.indexOf('subj=', term);
      if (str >= 0) {
        str += 5;
        const sp = m.indexOf(' ', str);
        this.addAvc(sp < 0 ? m.slice(str) : m.slice(str, sp), null);
        term = sp < 0 ? str : sp;
      }
    }
    if (need.key) {
      str = m.indexOf('key=', term);
      if (str >= 0) {
        const keys = (s.key ??= []);
        const p = str + 4;
        if (m.charCodeAt(p) === 34) {
          const q = m.indexOf('"', p + 1);
          if (q < 0) return 6;
          keys.push(m.slice(p + 1, q));
          term = q;
        } else {
          const raw = unescape(m, p);
          if (raw === null) return 8;
          for (const k of raw.split(KEY_SEP)) if (k !== '') keys.push(k);
        }
      }
    }
    // the kernel logs no res= for these when they can only succeed
    if (n.type === T.CONFIG_CHANGE) s.success = S_SUCCESS;
    if (need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const v = strto(m, str + 4, 10);
        if (v.overflow) return 7;
        s.success = i32(v.value);
      }
    }
    return 0;
  }

  // parse_tty
  private tty(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.pid) {
      str = m.indexOf('pid=');
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 1;
        const v = strto(m, p, 10);
        if (v.overflow) return 2;
        s.pid = i32(v.value);
      }
    }
    if (need.uid || need.tuid) {
      str = m.indexOf(' uid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 3;
        const v = strto(m, p, 10);
        if (v.overflow) return 4;
        s.uid = u32(v.value);
        s.tuid = this.lookup('uid', s.uid);
      }
    }
    if (need.loginuid || need.tauid) {
      str = m.indexOf('auid=', term);
      if (str < 0) return 5;
      const p = str + 5;
      const sp = m.indexOf(' ', p);
      const v = strto(m, p, 10);
      if (v.overflow) return 6;
      term = sp < 0 ? p : sp;
      s.loginuid = u32(v.value);
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 7;
        const v = strto(m, p, 10);
        if (v.overflow) return 8;
        s.session = u32(v.value);
      }
    }
    if (need.comm) {
      str = m.indexOf('comm=', term);
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 5);
        if (q === -1) return 11;
        s.comm = q.value;
      }
    }
    return 0;
  }

  // parse_pkt
  private pkt(n: Rec): number {
    const s = this.s;
    const m = n.message;
    let term = 0;
    let str: number;
    if (this.need.hostname) {
      str = m.indexOf('saddr=');
      if (str >= 0) {
        const p = str + 6;
        term = m.indexOf(' ', p);
        if (term < 0) return 1;
        s.hostname = m.slice(p, term);
      }
    }
    if (this.need.object) {
      str = m.indexOf('obj=', term);
      if (str >= 0) {
        str += 4;
        const sp = m.indexOf(' ', str);
        this.addAvc(null, sp < 0 ? m.slice(str) : m.slice(str, sp));
      }
    }
    return 0;
  }

  // parse_kernel (NETFILTER_CFG, EVENT_LISTENER): fills what earlier records left unset
  private kernel(n: Rec): number {
    const s = this.s;
    const need = this.need;
    const m = n.message;
    let term = 0;
    let str: number;
    if (need.pid && s.pid === UNSET.PID) {
      str = m.indexOf(' pid=', term);
      if (str < 0) return 54;
      const p = str + 5;
      term = m.indexOf(' ', p);
      if (term < 0) return 52;
      const v = strto(m, p, 10);
      if (v.overflow) return 53;
      s.pid = i32(v.value);
    }
    if (s.uid === UNSET.ID && s.tuid === null && (need.uid || need.tuid)) {
      str = m.indexOf('uid=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 55;
        const v = strto(m, p, 10);
        if (v.overflow) return 56;
        s.uid = u32(v.value);
      } else s.uid = 0;
      s.tuid = this.lookup('uid', s.uid);
    }
    if (s.loginuid === UNSET.LOGINUID && s.tauid === null && (need.loginuid || need.tauid)) {
      str = m.indexOf('auid=', term);
      if (str >= 0) {
        const p = str + 5;
        term = m.indexOf(' ', p);
        if (term < 0) return 57;
        const v = strto(m, p, 10);
        if (v.overflow) return 58;
        s.loginuid = u32(v.value);
      } else s.loginuid = UNSET.ID;
      s.tauid = this.lookup('auid', s.loginuid);
    }
    if (s.terminal === null && need.terminal) {
      str = m.indexOf('tty=', term);
      if (str >= 0) {
        str += 4;
        term = m.indexOf(' ', str);
        if (term < 0) return 59;
        s.terminal = m.slice(str, term);
      } else s.terminal = '(none)';
    }
    if (s.session === UNSET.SESSION && need.session) {
      str = m.indexOf('ses=', term);
      if (str >= 0) {
        const p = str + 4;
        term = m.indexOf(' ', p);
        if (term < 0) return 60;
        const v = strto(m, p, 10);
        if (v.overflow) return 61;
        s.session = u32(v.value);
      } else s.session = 0xffffffff;
    }
    if (s.avc === null && need.subject) {
      str = m.indexOf('subj=', term);
      if (str < 0) return 64;
      str += 5;
      term = m.indexOf(' ', str);
      if (term < 0) return 62;
      this.addAvc(m.slice(str, term), null);
    }
    if (s.comm === null && need.comm) {
      str = m.indexOf('comm=', term);
      if (str < 0) return 66;
      const q = this.quotedOrHex(m, str + 5);
      if (q === -1) return 65;
      s.comm = q.value;
      if (q.end >= 0) term = q.end;
    }
    if (s.exe === null && need.exe) {
      str = m.indexOf('exe=');
      if (str >= 0) {
        const q = this.quotedOrHex(m, str + 4);
        if (q === -1) return 67;
        s.exe = q.value;
        if (q.end >= 0) term = q.end;
      } else s.exe = '(null)';
    }
    if (need.success) {
      str = m.indexOf('res=', term);
      if (str >= 0) {
        const v = strto(m, str + 4, 10);
        if (v.overflow) return 69;
        s.success = i32(v.value);
      }
    }
    return 0;
  }
}

/** A bare value that is hex when every char up to the space is a hex digit, else taken as written. */
function legacyOrHex(m: string, i: number): { value: string | null; end: number } {
  let e = i;
  let legacy = false;
  while (e < m.length && m.charCodeAt(e) !== 32) {
    if (!isXdigit(m.charCodeAt(e))) legacy = true;
    e++;
  }
  return { value: legacy ? m.slice(i, e) : unescape(m, i), end: e };
}

/** unescape() as bytes, without stopping at NUL (a sockaddr is binary). */
function unescapeBytes(m: string, i: number): Buffer | null {
  if (m.charCodeAt(i) === 40) {
    const close = m.indexOf(')', i);
    return close < 0 ? null : Buffer.from(m.slice(i, close + 1), 'latin1');
  }
  let e = i;
  while (e < m.length && isXdigit(m.charCodeAt(e))) e++;
  if (e - i < 2) return null;
  const hex = (e - i) % 2 === 0 ? m.slice(i, e) : `${m.slice(i, e)}0`;
  // sockaddr_un is a C string after the family: bytes after a NUL stay, unlike unescape()
  return Buffer.from(hex, 'hex');
}

/** getnameinfo(NI_NUMERICHOST) text of an IPv6 address (RFC 5952, as glibc's inet_ntop writes it). */
function ipv6Text(b: Buffer): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i]! << 8) | b[i + 1]!);
  // IPv4-mapped and -compatible forms, as inet_ntop prints them
  if (words.slice(0, 5).every((w) => w === 0) && (words[5] === 0xffff || (words[5] === 0 && words[6] !== 0))) {
    return `::${words[5] === 0xffff ? 'ffff:' : ''}${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
