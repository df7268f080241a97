// The searchable items of one event, found the way aureport 3.0.9 finds them (ausearch-parse.c's
// extract_search_items, as aureport links it): each record type has its own parser that looks for
// `key=` substrings from a moving position in the raw record text (the part before the ENRICHED
// separator, header included). What a report needs decides what is looked for, and a record that lacks a
// field a parser requires makes aureport drop the whole event (the parser's non-zero return) — so the
// same log can count a different number of events in different reports. The quirks are kept on purpose:
// they decide which events count and what the rows say.

import { T } from './types.js';
import { asInt, isAlpha, isDigit, isXDigit, strtoul32, strtoulRange, unescape, unhexBytes } from './cstr.js';

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

export const UID_UNSET = 0xffffffff; // (uid_t)-1
export const LOGINUID_UNSET = 0xfffffffe; // (uid_t)-2: no auid seen
export const S_UNSET = -1;
export const S_FAILED = 0;
export const S_SUCCESS = 1;

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

const NAME_OFFSET = 28;

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
  let ret = 0;
  {
    if (t === T.SYSCALL) ret = parseSyscall(m, w, s);
    else if (t === T.CWD) ret = parseDir(m, w, s);
    else if (t === T.AVC_PATH) ret = avcParsePath(m, w, s);
    else if (t === T.PATH) ret = parsePath(m, w, s);
    else if (
      t === T.USER ||
      (t >= T.FIRST_USER_MSG && t <= T.USER_END) ||
      (t >= T.USER_CHAUTHTOK && t <= T.LAST_USER_MSG) ||
      (t >= T.FIRST_USER_MSG2 && t <= T.LAST_USER_MSG2)
    )
      ret = parseUser(m, t, w, s, undefined);
    else if (t === T.SOCKADDR) ret = parseSockaddr(m, w, s);
    else if (t === T.LOGIN) ret = parseLogin(m, w, s);
    else if (t === T.IPC || t === T.OBJ_PID) ret = parseObj(m, w, s);
    else if (
      t === T.DAEMON_START ||
      t === T.DAEMON_END ||
      t === T.DAEMON_ABORT ||
      t === T.DAEMON_CONFIG ||
      t === T.DAEMON_ROTATE ||
      t === T.DAEMON_RESUME
    )
      ret = parseDaemon1(m, w, s);
    else if (t === T.DAEMON_ACCEPT || t === T.DAEMON_CLOSE) ret = parseDaemon2(m, w, s);
    else if (t === T.CONFIG_CHANGE) {
      ret = parseSimpleMessage(m, t, w, s);
      // older kernels have no path=: the result is ignored
      avcParsePath(m, w, s);
    } else if (t === T.AVC || t === T.USER_AVC) ret = parseAvc(m, t, w, s);
    else if (t === T.NETFILTER_PKT) ret = parsePkt(m, w, s);
    else if (t === T.FEATURE_CHANGE || t === T.ANOM_LINK) ret = parseTaskInfo(m, w, s);
    else if (t === T.SECCOMP || t === T.ANOM_PROMISCUOUS || t === T.ANOM_ABEND) ret = parseKernelAnom(m, t, w, s);
    else if (t >= T.MAC_POLICY_LOAD && t <= T.MAC_UNLBL_STCDEL) ret = parseSimpleMessage(m, t, w, s);
    else if (t >= T.INTEGRITY_DATA && t <= T.INTEGRITY_RULE) ret = parseIntegrity(m, w, s);
    else if (t === T.NETFILTER_CFG || t === T.EVENT_LISTENER) ret = parseKernel(m, w, s);
    else if (t === T.TTY) ret = parseTty(m, w, s);
    // everything else carries nothing aureport looks for
  }
  return ret;
}

/** A quoted value `"…"` from `at` (at the quote) to the next quote: [value, closing quote index] or undefined. */
function quoted(m: string, at: number): [string, number] | undefined {
  const close = m.indexOf('"', at + 1);
  return close < 0 ? undefined : [own(m, at + 1, close), close];
}

/**
 * A copy of m[from, to) that does not keep `m` alive: a plain slice of 13 or more characters is a view of
 * the whole record text, and the items of an open event would then pin every record of it.
 */
function own(m: string, from: number, to: number): string {
  return to - from < 13 ? m.slice(from, to) : Buffer.from(m.slice(from, to), 'latin1').toString('latin1');
}

/** Value from `at` to the next space (or the end when `toEnd`); -1 as index when there is no space. */
function avcInit(s: Items): Avc[] {
  return (s.avc ??= []);
}

function parseTaskInfo(m: string, w: Want, s: Items): number {
  let term = 0;
  let str = m.indexOf(' pid=', term);
  if (str < 0) return 16;
  let ptr = str + 5;
  term = m.indexOf(' ', ptr);
  if (term < 0) return 17;
  s.pid = asInt(strtoul32(m, ptr));
  if (strtoulRange) return 18;
  if (w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str < 0) {
      str = m.indexOf('loginuid=', term);
      if (str < 0) return 19;
      ptr = str + 9;
    } else ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 20;
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 21;
  }
  if (w.uid) {
    for (;;) {
      str = m.indexOf('uid=', term);
      if (str < 0) return 22;
      if (m.charCodeAt(str - 1) === 97 /* a */) {
        term = str + 1;
        continue;
      }
      break;
    }
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 23;
    s.uid = strtoul32(m, ptr);
    if (strtoulRange) return 24;
  }
  if (w.terminal) {
    str = m.indexOf('tty=', term);
    if (str >= 0) {
      str += 4;
      term = m.indexOf(' ', str);
      if (term < 0) return 34;
      s.terminal = own(m, str, term);
    }
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 35;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 36;
    }
  }
  if (w.comm) {
    str = m.indexOf('comm=', term);
    if (str < 0) return 38;
    s.comm = undefined;
    str += 5;
    if (m.charCodeAt(str) === 34) {
      const q = quoted(m, str);
      if (q === undefined) return 37;
      s.comm = q[0];
      term = q[1];
    } else s.comm = unescape(m, str);
  }
  if (w.exe) {
    str = m.indexOf('exe=');
    if (str < 0) return 40;
    str += 4;
    if (m.charCodeAt(str) === 34) {
      const q = quoted(m, str);
      if (q === undefined) return 39;
      s.exe = q[0];
      term = q[1];
    } else s.exe = unescape(m, str);
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      term = m.indexOf(' ', str);
      if (term < 0) return 41;
      avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
    }
  }
  str = m.indexOf('res=', term);
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    s.success = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 43;
  }
  return 0;
}

/** Skips over hex digits from `at`; returns the end, or -1 when there is no space after them (strtoull's cut). */
function hexField(m: string, str: number, width: number): number {
  const ptr = str + width;
  const term = m.indexOf(' ', ptr);
  if (term < 0) return -1;
  return term;
}

function hexOverflow(m: string, ptr: number, term: number): boolean {
  let i = ptr;
  if (m.charCodeAt(i) === 48 && (m.charCodeAt(i + 1) | 32) === 120) i += 2;
  while (i < term && m.charCodeAt(i) === 48) i++;
  let n = 0;
  while (i < term && isXDigit(m.charCodeAt(i))) {
    i++;
    n++;
  }
  return n > 16;
}

function parseSyscall(m: string, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  let ptr: number;
  if (w.interpret) {
    str = m.indexOf('arch=', term);
    if (str < 0) return 1;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 2;
    s.arch = asInt(strtoul32(m, ptr, 16));
    if (strtoulRange) return 3;
  }
  str = m.indexOf('syscall=', term);
  if (str < 0) return 4;
  ptr = str + 8;
  term = m.indexOf(' ', ptr);
  if (term < 0) return 5;
  s.syscall = asInt(strtoul32(m, ptr));
  if (strtoulRange) return 6;
  str = m.indexOf('success=', term);
  if (str >= 0) {
    ptr = str + 8;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 7;
    s.success = m.slice(ptr, term) === 'yes' ? S_SUCCESS : S_FAILED;
  }
  for (const a of ['a0=', 'a1=']) {
    str = m.indexOf(a, term);
    if (str < 0) return 11;
    const end = hexField(m, str, 3);
    if (end < 0) return 12;
    if (hexOverflow(m, str + 3, end)) return 13;
    term = end;
  }
  const ret = parseTaskInfo(m, w, s);
  if (ret) return ret;
  if (w.key) {
    str = m.indexOf('key=', term);
    if (str >= 0) {
      const keys = (s.key ??= []);
      str += 4;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 44;
        keys.push(q[0]);
      } else {
        const k = unescape(m, str);
        if (k === undefined) return 45;
        // strtok on AUDIT_KEY_SEPARATOR (0x01): empty pieces vanish
        for (const piece of k.split('\x01')) if (piece !== '') keys.push(piece);
      }
    }
  }
  return 0;
}

function parseDir(m: string, w: Want, s: Items): number {
  if (!w.filename) return 0;
  let str = m.indexOf(' cwd=', NAME_OFFSET);
  if (str < 0) return 0;
  str += 5;
  if (m.charCodeAt(str) === 34) {
    const q = quoted(m, str);
    if (q === undefined) return 1;
    if (s.cwd === undefined) s.cwd = q[0];
  } else if (s.cwd === undefined) s.cwd = unescape(m, str);
  return 0;
}

const PATH_MAX = 4096;

function rebuild(s: Items, str: string): string {
  if (str.charCodeAt(0) === 46 && (str.charCodeAt(1) === 46 || str.charCodeAt(1) === 47) && s.cwd !== undefined) {
    const full = `${s.cwd}/${str}`;
    return full.length < PATH_MAX ? full : full.slice(0, PATH_MAX - 1);
  }
  return str;
}

function commonPathParser(m: string, s: Items, path: number): number {
  const files = (s.filename ??= []);
  if (m.charCodeAt(path) === 34) {
    const q = quoted(m, path);
    if (q === undefined) return 2;
    files.push({ str: rebuild(s, q[0]), key: undefined });
    return 0;
  }
  if (m.startsWith('(null)', path)) {
    files.push({ str: '(null)', key: undefined });
    return 0;
  }
  if (!isXDigit(m.charCodeAt(path))) return 4;
  let str: string | undefined;
  if (m.charCodeAt(path) === 48 && m.charCodeAt(path + 1) === 48) str = unescape(m, path + 2);
  else {
    if (m.indexOf(' ', path) < 0) return 5;
    str = unescape(m, path);
  }
  if (str === undefined) return 7;
  files.push({ str: rebuild(s, str), key: undefined });
  return 0;
}

function avcParsePath(m: string, w: Want, s: Items): number {
  if (!w.filename) return 0;
  const str = m.indexOf(' path=');
  if (str >= 0) return commonPathParser(m, s, str + 6);
  return 1;
}

function parsePath(m: string, w: Want, s: Items): number {
  let term = NAME_OFFSET;
  let str: number;
  if (w.filename) {
    str = m.indexOf(' name=', term);
    if (str >= 0) {
      str += 6;
      const rc = commonPathParser(m, s, str);
      if (rc) return rc;
      term = str;
      str = m.indexOf('type=', term);
      // aureport keeps the rest of the record as the name's "type"; only an exact PARENT ever matters
      if (str >= 0) s.filename![s.filename!.length - 1]!.key = m.length - (str + 5) === 6 && m.endsWith('PARENT') ? 'PARENT' : 'other';
    }
  }
  if (w.object) {
    str = m.indexOf('obj=', term);
    if (str >= 0) {
      str += 4;
      const sp = m.indexOf(' ', str);
      avcInit(s).push({ tcontext: m.slice(str, sp < 0 ? m.length : sp), result: 0 });
    }
  }
  return 0;
}

function parseObj(m: string, w: Want, s: Items): number {
  if (w.object) {
    let str = m.indexOf('obj=');
    if (str >= 0) {
      str += 4;
      const sp = m.indexOf(' ', str);
      avcInit(s).push({ tcontext: m.slice(str, sp < 0 ? m.length : sp), result: 0 });
    }
  }
  return 0;
}

/** A value that may be quoted, or hex, or (legacy) plain text up to a space. Returns [value, end]. */
function legacyValue(m: string, str: number): [string | undefined, number] {
  let end = str;
  let legacy = false;
  while (end < m.length && m.charCodeAt(end) !== 32) {
    if (!isXDigit(m.charCodeAt(end))) legacy = true;
    end++;
  }
  return [legacy ? own(m, str, end) : unescape(m, str), end];
}

function parseUser(m: string, type: number, w: Want, s: Items, avc: Avc | undefined): number {
  let term = 0;
  let str = m.indexOf('pid=', term);
  if (str < 0) return 1;
  let ptr = str + 4;
  term = m.indexOf(' ', ptr);
  if (term < 0) return 2;
  s.pid = asInt(strtoul32(m, ptr));
  if (strtoulRange) return 3;
  if (w.uid) {
    str = m.indexOf('uid=', term);
    if (str < 0) return 4;
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 5;
    s.uid = strtoul32(m, ptr);
    if (strtoulRange) return 6;
  }
  if (w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str < 0) {
      str = m.indexOf('loginuid=', term);
      if (str < 0) return 7;
      ptr = str + 9;
    } else ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 8;
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 9;
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 10;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 11;
    }
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      term = m.indexOf(' ', str);
      if (term < 0) return 12;
      if (avc) avc.scontext = m.slice(str, term);
      else avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
    }
  }
  if (avc && w.object) {
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
      if (sp >= 0) {
        avc.cls = m.slice(str, sp);
        term = sp;
      } else term = str;
    }
  }
  if (type === T.VIRT_MACHINE_ID) {
    if (w.subject) {
      str = m.indexOf('vm-ctx=', term);
      if (str >= 0) {
        str += 7;
        term = m.indexOf(' ', str);
        if (term < 0) return 27;
        avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
      }
    }
    if (w.object) {
      str = m.indexOf('img-ctx=', term);
      if (str >= 0) {
        str += 8;
        term = m.indexOf(' ', str);
        if (term < 0) return 29;
        avcInit(s).push({ tcontext: m.slice(str, term), result: 0 });
      }
    }
  } else if (type === T.VIRT_RESOURCE && w.filename) {
    let incr = 6;
    str = m.indexOf(' path=', term);
    if (str < 0) {
      incr = 10;
      str = m.indexOf(' new-disk=', term);
    }
    if (str >= 0) {
      str += incr;
      const rc = commonPathParser(m, s, str);
      if (rc) return rc;
      term = str;
    }
  }
  let skip = false;
  if (w.uid) {
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
      if (!(before === 39 || before === 32)) return 25;
      ptr = str + 4;
      term = ptr;
      while (isDigit(m.charCodeAt(term))) term++;
      if (term === ptr) return 14;
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 15;
      break;
    }
  }
  void skip;
  let mptr = term;
  if (w.comm) {
    str = m.indexOf('comm=', mptr);
    if (str >= 0) {
      str += 5;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 16;
        s.comm = q[0];
        term = q[1];
      } else s.comm = unescape(m, str);
    }
  }
  str = m.indexOf('acct=', mptr);
  if (str >= 0) {
    ptr = str + 5;
    term = ptr + 1;
    if (m.charCodeAt(ptr) === 34) {
      while (term < m.length && m.charCodeAt(term) !== 34) term++;
      s.acct = own(m, ptr + 1, term);
    } else {
      const [v, end] = legacyValue(m, ptr);
      term = end;
      s.acct = v;
    }
  }
  mptr = term;
  if (w.hostname) {
    str = m.indexOf('hostname=', mptr);
    if (str >= 0) {
      str += 9;
      term = m.indexOf(',', str);
      if (term < 0) {
        term = m.indexOf(' ', str);
        if (term < 0) return 17;
      }
      s.hostname = own(m, str, term);
      if (s.hostname === '?') {
        term++;
        str = m.indexOf('addr=', term);
        if (str >= 0) {
          str += 5;
          term = m.indexOf(',', str);
          if (term < 0) {
            term = m.indexOf(' ', str);
            if (term < 0) return 18;
          }
          s.hostname = own(m, str, term);
        }
      }
    }
  }
  if (w.filename) {
    str = m.indexOf('cwd=', mptr);
    if (str >= 0) {
      str += 4;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 20;
        s.cwd = q[0];
        term = q[1];
      } else {
        const [v, end] = legacyValue(m, str);
        term = end;
        s.cwd = v;
      }
    }
  }
  if (w.terminal) {
    str = m.indexOf('terminal=', mptr);
    if (str >= 0) {
      str += 9;
      term = m.indexOf(' ', str);
      if (term < 0) {
        term = m.indexOf(')', str);
        if (term < 0) return 19;
      }
      s.terminal = own(m, str, term);
    }
  }
  if (w.exe) {
    str = m.indexOf('exe=', mptr);
    if (str >= 0) {
      str += 4;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 26;
        s.exe = q[0];
        term = q[1];
      } else {
        const [v, end] = legacyValue(m, str);
        term = end;
        s.exe = v;
      }
    }
  }
  str = m.indexOf('res=', mptr);
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf("'", ptr);
    if (term < 0) return 21;
    s.success = m.slice(ptr, term).startsWith('failed') ? S_FAILED : S_SUCCESS;
  } else {
    str = m.indexOf('result=', mptr);
    if (str >= 0) {
      ptr = str + 7;
      term = m.indexOf(')', ptr);
      if (term < 0) return 22;
      s.success = m.slice(ptr, term).toLowerCase() === 'success' ? S_SUCCESS : S_FAILED;
    }
  }
  return 0;
}

function parseLogin(m: string, w: Want, s: Items): number {
  let term = 0;
  let str = m.indexOf('pid=', term);
  if (str < 0) return 1;
  let ptr = str + 4;
  term = m.indexOf(' ', ptr);
  if (term < 0) return 2;
  s.pid = asInt(strtoul32(m, ptr));
  if (strtoulRange) return 3;
  if (w.uid) {
    str = m.indexOf('uid=', term);
    if (str < 0) return 4;
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 5;
    s.uid = strtoul32(m, ptr);
    if (strtoulRange) return 6;
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      ptr = str + 5;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 12;
      // aureport keeps "subj=" in the context here
      avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
    }
  }
  if (w.loginuid) {
    str = m.indexOf('new auid=', term);
    if (str < 0) {
      str = m.indexOf(' auid=', term);
      if (str < 0) {
        str = m.indexOf('new loginuid=', term);
        if (str < 0) return 7;
        ptr = str + 13;
      } else ptr = str + 6;
    } else ptr = str + 9;
    term = m.indexOf(' ', ptr);
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 8;
  }
  if (term < 0) term = 0;
  str = m.indexOf('res=', term);
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    s.success = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 9;
  } else s.success = S_SUCCESS;
  if (w.session) {
    if (term < 0) term = 0;
    str = m.indexOf('new ses=', term);
    if (str < 0) {
      str = m.indexOf(' ses=', term);
      if (str < 0) return 14;
      ptr = str + 5;
    } else ptr = str + 8;
    term = m.indexOf(' ', ptr);
    s.session = strtoul32(m, ptr);
    if (strtoulRange) return 11;
  }
  return 0;
}

function parseDaemon1(m: string, w: Want, s: Items): number {
  let mptr = m.indexOf(')');
  if (mptr < 0) mptr = 0;
  let term = mptr;
  let str: number;
  let ptr: number;
  if (w.loginuid) {
    str = m.indexOf('auid=', mptr);
    if (str < 0) return 1;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 2;
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 3;
  }
  str = m.indexOf('pid=', term);
  if (str < 0) return 4;
  ptr = str + 4;
  term = m.indexOf(' ', ptr);
  if (term < 0) return 5;
  s.pid = asInt(strtoul32(m, ptr));
  if (strtoulRange) return 6;
  if (w.uid) {
    str = m.indexOf(' uid=', term);
    if (str >= 0) {
      ptr = str + 5;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 7;
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 8;
    }
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 9;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 10;
    }
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      const sp = m.indexOf(' ', str);
      avcInit(s).push({ scontext: m.slice(str, sp < 0 ? m.length : sp), result: 0 });
    }
  }
  str = m.indexOf('res=', mptr);
  if (str >= 0) {
    ptr = term = str + 4;
    while (isAlpha(m.charCodeAt(term))) term++;
    if (term === ptr) return 12;
    s.success = m.slice(ptr, term).startsWith('failed') ? S_FAILED : S_SUCCESS;
  }
  return 0;
}

function parseDaemon2(m: string, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  if (w.hostname) {
    str = m.indexOf('addr=');
    if (str >= 0) {
      str += 5;
      term = m.indexOf(':', str);
      if (term < 0) {
        term = m.indexOf(' ', str);
        if (term < 0) return 1;
      }
      s.hostname = own(m, str, term);
    }
  }
  str = m.indexOf('res=', term);
  if (str >= 0) {
    const ptr = str + 4;
    term = ptr;
    while (isAlpha(m.charCodeAt(term))) term++;
    if (term === ptr) return 2;
    s.success = m.slice(ptr, term).startsWith('failed') ? S_FAILED : S_SUCCESS;
  }
  return 0;
}

const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;

function parseSockaddr(m: string, w: Want, s: Items): number {
  if (!w.hostname && !w.filename) return 0;
  let str = m.indexOf('saddr=');
  if (str < 0) return 0;
  str += 6;
  let len = 0;
  if (m.charCodeAt(str) === 40) {
    const close = m.indexOf(')', str);
    if (close >= 0) len = close - str + 1;
    // "(null)"-like text: its bytes are read as a sockaddr
    const text = m.slice(str, close < 0 ? str : close + 1);
    return sockaddrFrom(
      [...text].map((c) => c.charCodeAt(0)),
      len,
      w,
      s,
    );
  }
  while (isXDigit(m.charCodeAt(str + len))) len++;
  len = Math.floor(len / 2);
  const bytes = unhexBytes(m, str);
  if (bytes === undefined) {
    s.hostname = undefined;
    return 4;
  }
  return sockaddrFrom(bytes, len, w, s);
}

function sockaddrFrom(b: number[], len: number, w: Want, s: Items): number {
  const family = (b[0] ?? 0) | ((b[1] ?? 0) << 8);
  s.hostname = undefined;
  if (family === AF_INET) {
    if (len < 16) {
      process.stderr.write('sockaddr len too short\n');
      return 1;
    }
  } else if (family === AF_INET6) {
    if (len < 28) {
      process.stderr.write('sockaddr6 len too short\n');
      return 2;
    }
  } else if (family === AF_UNIX) {
    if (len < 4) {
      process.stderr.write('sun_path len too short\n');
      return 3;
    }
    if (w.filename) {
      let at = b[2] ? 2 : 3;
      let name = '';
      while (at < b.length && b[at] !== 0) name += String.fromCharCode(b[at++]!);
      (s.filename ??= []).push({ str: name, key: undefined });
    }
    return 0;
  } else return 0;
  if (!w.hostname) return 0;
  s.hostname = family === AF_INET ? `${b[4]}.${b[5]}.${b[6]}.${b[7]}` : ipv6Text(b);
  return 0;
}

/** glibc's numeric IPv6 text (inet_ntop): longest zero run of 2+ groups as ::, v4-mapped/compatible tails. */
function ipv6Text(b: number[]): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(((b[8 + i * 2] ?? 0) << 8) | (b[9 + i * 2] ?? 0));
  const v4 = `${b[20]}.${b[21]}.${b[22]}.${b[23]}`;
  let head: string;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && (g[5] === 0xffff || (g[5] === 0 && g[6] !== 0))) {
    head = g[5] === 0xffff ? `::ffff:${v4}` : `::${v4}`;
  } else {
    let best = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
      if (g[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && g[j] === 0) j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) best = -1;
    const hex = g.map((x) => x.toString(16));
    head = best < 0 ? hex.join(':') : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
  }
  const scope = (b[24] ?? 0) | ((b[25] ?? 0) << 8) | ((b[26] ?? 0) << 16) | ((b[27] ?? 0) << 24);
  return scope !== 0 ? `${head}%${scope >>> 0}` : head;
}

function parseIntegrity(m: string, w: Want, s: Items): number {
  let term = 0;
  let str = m.indexOf('pid=', term);
  let ptr: number;
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 1;
    s.pid = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 2;
  }
  if (w.uid) {
    str = m.indexOf(' uid=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 3;
      // aureport reads from the '=' of " uid=": always 0
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 4;
    }
  }
  if (w.loginuid) {
    str = m.indexOf('auid=');
    if (str >= 0) {
      ptr = str + 5;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 5;
      s.loginuid = strtoul32(m, ptr);
      if (strtoulRange) return 6;
    }
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 10;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 11;
    }
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      term = m.indexOf(' ', str);
      if (term < 0) return 12;
      avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
    }
  }
  if (w.comm) {
    str = m.indexOf('comm=', term);
    if (str >= 0) {
      str += 5;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 7;
        s.comm = q[0];
        term = q[1];
      } else s.comm = unescape(m, str);
    }
  }
  if (w.filename) {
    str = m.indexOf(' name=', term);
    if (str >= 0 && commonPathParser(m, s, str + 6)) return 8;
  }
  str = m.indexOf('res=', term);
  if (str >= 0) {
    s.success = asInt(strtoul32(m, str + 4));
    if (strtoulRange) return 9;
  }
  return 0;
}

function parseAvc(m: string, type: number, w: Want, s: Items): number {
  let term = 0;
  const an: Avc = { result: 0 };
  let str = m.indexOf('avc: ');
  let other = false;
  if (str >= 0) {
    str += 5;
    const brace = m.indexOf('{', str);
    if (brace < 0) {
      term = 0;
      other = true;
    } else {
      if (m.slice(str, brace).includes('denied')) {
        s.success = S_FAILED;
        an.result = 1;
      } else {
        s.success = S_SUCCESS;
        an.result = 2;
      }
      let p = brace + 1;
      while (m.charCodeAt(p) === 32) p++;
      let close = m.indexOf('}', p);
      if (close < 0) return 2;
      while (m.charCodeAt(close - 1) === 32) close--;
      an.perm = m.slice(p, close);
      term = close;
    }
  }
  void other;
  if (type === T.USER_AVC) {
    let rc = parseUser(m, type, w, s, an);
    if (rc > 20) rc = 0;
    avcInit(s).push(an);
    return rc;
  }
  str = m.indexOf('pid=', term);
  if (str >= 0) {
    str += 4;
    const sp = m.indexOf(' ', str);
    if (sp < 0) return 3;
    term = sp;
    s.pid = asInt(strtoul32(m, str));
    if (strtoulRange) return 4;
  }
  if (w.comm && s.comm === undefined) {
    str = m.indexOf('comm=', term);
    if (str < 0) return 5;
    str += 5;
    if (m.charCodeAt(str) === 34) {
      const q = quoted(m, str);
      if (q === undefined) return 6;
      s.comm = q[0];
      term = q[1];
    } else {
      s.comm = unescape(m, str);
      if (s.comm === undefined) return 11;
      term = str + 6;
    }
  }
  if (w.filename) {
    str = m.indexOf(' path=', term);
    if (str >= 0) {
      const rc = commonPathParser(m, s, str + 6);
      if (rc) return rc;
      term += 7;
    } else {
      str = m.indexOf(' name=', term);
      if (str >= 0) {
        const rc = commonPathParser(m, s, str + 6);
        if (rc) return rc;
        term += 7;
      }
    }
  }
  if (w.subject) {
    str = m.indexOf('scontext=', term);
    if (str >= 0) {
      str += 9;
      term = m.indexOf(' ', str);
      if (term < 0) return 7;
      an.scontext = m.slice(str, term);
    }
  }
  if (w.object) {
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
  str += 7;
  const sp = m.indexOf(' ', str);
  an.cls = m.slice(str, sp < 0 ? m.length : sp);
  avcInit(s).push(an);
  return 0;
}

function parseKernelAnom(m: string, type: number, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  let ptr: number;
  if (w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str < 0) return 1;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 2;
    if (term < 0) term = ptr;
  }
  if (w.uid) {
    str = m.indexOf('uid=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 3;
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 4;
    }
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 7;
      if (term < 0) term = ptr;
    }
  }
  if (type === T.ANOM_PROMISCUOUS) return 0;
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      term = m.indexOf(' ', str);
      if (term < 0) return 8;
      avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
    }
  }
  str = m.indexOf('pid=', term);
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 10;
    s.pid = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 11;
  }
  if (w.comm) {
    str = m.indexOf('comm=', term);
    if (str >= 0) {
      str += 5;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 12;
        s.comm = q[0];
        term = q[1];
      } else s.comm = unescape(m, str);
    }
  }
  if (w.exe) {
    str = m.indexOf('exe=', term);
    if (str >= 0) {
      str += 4;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 13;
        s.exe = q[0];
        term = q[1];
      } else s.exe = unescape(m, str);
    } else if (type !== T.ANOM_ABEND) return 14;
  }
  if (type === T.SECCOMP) {
    str = m.indexOf('arch=', term);
    if (str < 0) return 0;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 15;
    s.arch = asInt(strtoul32(m, ptr, 16));
    if (strtoulRange) return 16;
    str = m.indexOf('syscall=', term);
    if (str < 0) return 17;
    ptr = str + 8;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 18;
    s.syscall = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 19;
  }
  str = m.indexOf('res=', term);
  if (str >= 0) {
    s.success = asInt(strtoul32(m, str + 4));
    if (strtoulRange) return 68;
  }
  return 0;
}

function pushKeys(m: string, ptr: number, s: Items): number {
  const keys = (s.key ??= []);
  if (m.charCodeAt(ptr) === 34) {
    const q = quoted(m, ptr);
    if (q === undefined) return 6;
    keys.push(q[0]);
    return 0;
  }
  const k = unescape(m, ptr);
  if (k === undefined) return 8;
  for (const piece of k.split('\x01')) if (piece !== '') keys.push(piece);
  return 0;
}

function parseSimpleMessage(m: string, type: number, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  let ptr: number;
  if (w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str < 0 && type !== T.CONFIG_CHANGE) return 1;
    if (str >= 0) {
      ptr = str + 5;
      term = m.indexOf(' ', ptr);
      s.loginuid = strtoul32(m, ptr);
      if (strtoulRange) return 2;
      if (term < 0) term = ptr;
    }
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 3;
      if (term < 0) term = ptr;
    }
  }
  if (w.subject) {
    str = m.indexOf('subj=', term);
    if (str >= 0) {
      str += 5;
      const sp = m.indexOf(' ', str);
      avcInit(s).push({ scontext: m.slice(str, sp < 0 ? m.length : sp), result: 0 });
      term = sp < 0 ? str : sp;
    }
  }
  if (w.key) {
    str = m.indexOf('key=', term);
    if (str >= 0) {
      ptr = str + 4;
      if (m.charCodeAt(ptr) === 34) {
        const close = m.indexOf('"', ptr + 1);
        if (close < 0) return 6;
        term = close;
      }
      const rc = pushKeys(m, ptr, s);
      if (rc) return rc;
    }
  }
  if (type === T.CONFIG_CHANGE) s.success = S_SUCCESS;
  str = m.indexOf('res=', term);
  if (str >= 0) {
    s.success = asInt(strtoul32(m, str + 4));
    if (strtoulRange) return 7;
  }
  return 0;
}

function parseTty(m: string, w: Want, s: Items): number {
  let term = 0;
  let str = m.indexOf('pid=');
  let ptr: number;
  if (str >= 0) {
    ptr = str + 4;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 1;
    s.pid = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 2;
  }
  if (w.uid) {
    str = m.indexOf(' uid=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 3;
      // aureport reads from the '=' of " uid=": always 0
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 4;
    }
  }
  if (w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str < 0) return 5;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    s.loginuid = strtoul32(m, ptr);
    if (strtoulRange) return 6;
    if (term < 0) term = ptr;
  }
  if (w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 7;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 8;
    }
  }
  if (w.comm) {
    str = m.indexOf('comm=', term);
    if (str >= 0) {
      str += 5;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 11;
        s.comm = q[0];
      } else s.comm = unescape(m, str);
    }
  }
  return 0;
}

function parsePkt(m: string, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  if (w.hostname) {
    str = m.indexOf('saddr=');
    if (str >= 0) {
      const ptr = str + 6;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 1;
      s.hostname = m.slice(ptr, term);
    }
  }
  if (w.object) {
    str = m.indexOf('obj=', term);
    if (str >= 0) {
      str += 4;
      const sp = m.indexOf(' ', str);
      avcInit(s).push({ tcontext: m.slice(str, sp < 0 ? m.length : sp), result: 0 });
    }
  }
  return 0;
}

function parseKernel(m: string, w: Want, s: Items): number {
  let term = 0;
  let str: number;
  let ptr: number;
  if (s.pid === -1) {
    str = m.indexOf(' pid=', term);
    if (str < 0) return 54;
    ptr = str + 5;
    term = m.indexOf(' ', ptr);
    if (term < 0) return 52;
    s.pid = asInt(strtoul32(m, ptr));
    if (strtoulRange) return 53;
  }
  if (s.uid === UID_UNSET && w.uid) {
    str = m.indexOf('uid=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 55;
      s.uid = strtoul32(m, ptr);
      if (strtoulRange) return 56;
    } else s.uid = 0;
  }
  if (s.loginuid === LOGINUID_UNSET && w.loginuid) {
    str = m.indexOf('auid=', term);
    if (str >= 0) {
      ptr = str + 5;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 57;
      s.loginuid = strtoul32(m, ptr);
      if (strtoulRange) return 58;
    } else s.loginuid = UID_UNSET;
  }
  if (s.terminal === undefined && w.terminal) {
    str = m.indexOf('tty=', term);
    if (str >= 0) {
      str += 4;
      term = m.indexOf(' ', str);
      if (term < 0) return 59;
      s.terminal = own(m, str, term);
    } else s.terminal = '(none)';
  }
  if (s.session === LOGINUID_UNSET && w.session) {
    str = m.indexOf('ses=', term);
    if (str >= 0) {
      ptr = str + 4;
      term = m.indexOf(' ', ptr);
      if (term < 0) return 60;
      s.session = strtoul32(m, ptr);
      if (strtoulRange) return 61;
    } else s.session = UID_UNSET;
  }
  if (s.avc === undefined && w.subject) {
    str = m.indexOf('subj=', term);
    if (str < 0) return 64;
    str += 5;
    term = m.indexOf(' ', str);
    if (term < 0) return 62;
    avcInit(s).push({ scontext: m.slice(str, term), result: 0 });
  }
  if (s.comm === undefined && w.comm) {
    str = m.indexOf('comm=', term);
    if (str < 0) return 66;
    str += 5;
    if (m.charCodeAt(str) === 34) {
      const q = quoted(m, str);
      if (q === undefined) return 65;
      s.comm = q[0];
      term = q[1];
    } else s.comm = unescape(m, str);
  }
  if (s.exe === undefined && w.exe) {
    str = m.indexOf('exe=');
    if (str >= 0) {
      str += 4;
      if (m.charCodeAt(str) === 34) {
        const q = quoted(m, str);
        if (q === undefined) return 67;
        s.exe = q[0];
        term = q[1];
      } else s.exe = unescape(m, str);
    } else s.exe = '(null)';
  }
  str = m.indexOf('res=', term);
  if (str >= 0) {
    s.success = asInt(strtoul32(m, str + 4));
    if (strtoulRange) return 69;
  }
  return 0;
}
