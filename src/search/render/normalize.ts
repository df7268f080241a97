// auparse 3.0.9's normalizer (auparse/normalize.c), the source of ausearch's --format csv and --format text:
// who (subject) did what (action) to what (object), how, with what result. It is a walk over auparse's cursor
// (./auparse-event.ts), and it is kept as that walk, step for step, because its answers depend on where each
// search starts: which PATH record is the object of an execve, whether a search that ran off the end of the
// event leaves the next one empty-handed. Locations are [record, field] pairs, read back through the cursor.

import {
  NORMALIZE_EVENT_KINDS,
  NORMALIZE_OBJECT_KINDS,
  NORMALIZE_RECORD_ACTIONS,
  NORMALIZE_SYSCALL_KINDS,
} from '../../tables/auparse-normalize.js';
import { messageTypeNumber } from '../../tables/message-types.js';
import type { AuEvent } from './auparse-event.js';
import { T } from './auparse-values.js';

/** A [record, field] location in the event, or undefined (auparse's UNSET). */
export type Location = readonly [number, number] | undefined;

export interface Normalized {
  evkind: string | undefined;
  session: Location;
  subjPrimary: Location;
  subjSecondary: Location;
  subjKind: string | undefined;
  subjAttrs: [number, number][];
  action: string | undefined;
  objPrimary: Location;
  objSecondary: Location;
  objPrimary2: Location;
  objAttrs: [number, number][];
  objKind: number;
  results: Location;
  how: string | undefined;
  key: Location;
  /** auparse_normalize's return: non-zero when a compound event has no usable SYSCALL record. */
  rc: number;
}

const num = (name: string): number => messageTypeNumber(name) ?? -1;

const SYSCALL = num('SYSCALL');
const PATH = num('PATH');
const CWD = num('CWD');
const SOCKADDR = num('SOCKADDR');
const AVC = num('AVC');
const USER_AVC = num('USER_AVC');
const CONFIG_CHANGE = num('CONFIG_CHANGE');
const FEATURE_CHANGE = num('FEATURE_CHANGE');
const SECCOMP = num('SECCOMP');
const ANOM_ABEND = num('ANOM_ABEND');
const ANOM_PROMISCUOUS = num('ANOM_PROMISCUOUS');
const ANOM_LINK = num('ANOM_LINK');
const LOGIN = num('LOGIN');
const NETFILTER_CFG = num('NETFILTER_CFG');
const BPF = num('BPF');
const EVENT_LISTENER = num('EVENT_LISTENER');
const USER_LOGIN = num('USER_LOGIN');
const USER_DEVICE = num('USER_DEVICE');
const SOFTWARE_UPDATE = num('SOFTWARE_UPDATE');
const SYSTEM_BOOT = num('SYSTEM_BOOT');
const SYSTEM_SHUTDOWN = num('SYSTEM_SHUTDOWN');
const ANOM_EXEC = num('ANOM_EXEC');
const TTY = num('TTY');
const USER_START = num('USER_START');
const USER_END = num('USER_END');
const USER_ERR = num('USER_ERR');
const DAEMON_START = num('DAEMON_START');
const DAEMON_ABORT = num('DAEMON_ABORT');
const DAEMON_ACCEPT = 1207;
const FIRST_DAEMON = 1200;
const LAST_DAEMON = 1299;
const MAC_UNLBL_ALLOW = num('MAC_UNLBL_ALLOW');
const MAC_MAP_ADD = num('MAC_MAP_ADD');
const MAC_MAP_DEL = num('MAC_MAP_DEL');
const LAST_SELINUX = 1499;
const SELINUX_ERR = num('SELINUX_ERR');
const KERN_MODULE = num('KERN_MODULE');
const MAC_POLICY_LOAD = num('MAC_POLICY_LOAD');
const MAC_STATUS = num('MAC_STATUS');
const MAC_CONFIG_CHANGE = num('MAC_CONFIG_CHANGE');
const FANOTIFY = num('FANOTIFY');
const TIME_INJOFFSET = num('TIME_INJOFFSET');
const TIME_ADJNTPVAL = num('TIME_ADJNTPVAL');

// Object kinds (NORM_WHAT_*), in normalize-internal.h's numbering.
const W = {
  UNKNOWN: 0,
  FIFO: 1,
  CHAR_DEV: 2,
  DIRECTORY: 3,
  BLOCK_DEV: 4,
  FILE: 5,
  LINK: 6,
  SOCKET: 7,
  PROCESS: 8,
  FIREWALL: 9,
  SERVICE: 10,
  ACCT: 11,
  USER_SESSION: 12,
  VM: 13,
  PRINTER: 14,
  SYSTEM: 15,
  AUDIT_RULE: 16,
  AUDIT_CONFIG: 17,
  MAC_CONFIG: 18,
  FILESYSTEM: 19,
  MEMORY: 20,
  KEYSTROKES: 21,
  DEVICE: 22,
  SOFTWARE: 23,
} as const;

const OBJ_KIND_NAMES = new Map<number, string>();
for (const [what, name] of NORMALIZE_OBJECT_KINDS) {
  const k = (W as Record<string, number>)[what.replace(/^NORM_WHAT_/, '')];
  if (k !== undefined && !OBJ_KIND_NAMES.has(k)) OBJ_KIND_NAMES.set(k, name);
}

/** OBJ_KIND: the name of the object's kind. */
export function objectKindName(what: number): string {
  return OBJ_KIND_NAMES.get(what) ?? 'unknown';
}

const RECORD_ACTIONS = new Map<number, string>();
for (const [type, act] of NORMALIZE_RECORD_ACTIONS) {
  const n = num(type.replace(/^AUDIT_/, ''));
  if (n >= 0 && !RECORD_ACTIONS.has(n)) RECORD_ACTIONS.set(n, act);
}

const SYSCALL_KINDS = new Map<string, string>();
for (const [kind, sys] of NORMALIZE_SYSCALL_KINDS) if (!SYSCALL_KINDS.has(sys)) SYSCALL_KINDS.set(sys, kind);

const EVENT_KIND_NAMES = new Map<string, string>(NORMALIZE_EVENT_KINDS);

const evkindName = (k: string): string | undefined => EVENT_KIND_NAMES.get(`NORM_EVTYPE_${k}`);

/** normalize_determine_evkind: the kind of event, by its first record's type. */
export function eventKind(type: number): string | undefined {
  const t = type;
  const between = (a: string, b: string): boolean => t >= num(a) && t <= num(b) && num(a) >= 0;
  let k: string;
  if (
    between('USER_AUTH', 'USER_ACCT') ||
    between('CRED_ACQ', 'USER_END') ||
    between('USER_CHAUTHTOK', 'CRED_REFR') ||
    between('USER_LOGIN', 'USER_LOGOUT') ||
    t === LOGIN
  )
    k = 'USER_LOGIN';
  else if (t === num('GRP_AUTH') || t === num('CHGRP_ID')) k = 'GROUP_CHANGE';
  else if (
    t === num('USER_MGMT') ||
    between('ADD_USER', 'DEL_GROUP') ||
    between('GRP_MGMT', 'GRP_CHAUTHTOK') ||
    between('ACCT_LOCK', 'ACCT_UNLOCK')
  )
    k = 'USER_ACCT';
  else if (t === num('KERNEL') || between('SYSTEM_BOOT', 'SERVICE_STOP')) k = 'SYSTEM_SERVICES';
  else if (
    t === num('USYS_CONFIG') ||
    t === CONFIG_CHANGE ||
    t === NETFILTER_CFG ||
    t === FEATURE_CHANGE ||
    t === TIME_INJOFFSET ||
    t === TIME_ADJNTPVAL ||
    t === USER_DEVICE ||
    t === SOFTWARE_UPDATE
  )
    k = 'CONFIG';
  else if (t === SECCOMP) k = 'DAC_DECISION';
  else if (between('TEST', 'TRUSTED_APP') || t === num('USER_CMD') || t === num('CHUSER_ID')) k = 'USERSPACE';
  else if (t === num('USER_TTY') || t === TTY) k = 'TTY';
  else if (t === EVENT_LISTENER || (t >= FIRST_DAEMON && t <= LAST_DAEMON)) k = 'AUDIT_DAEMON';
  else if (
    t === num('USER_SELINUX_ERR') ||
    t === USER_AVC ||
    between('APPARMOR_ALLOWED', 'APPARMOR_DENIED') ||
    t === num('APPARMOR_ERROR') ||
    between('AVC', 'AVC_PATH')
  )
    k = 'MAC_DECISION';
  else if ((t >= 1800 && t <= 1899) || t === num('ANOM_RBAC_INTEGRITY_FAIL')) k = 'INTEGRITY';
  else if ((t >= 1700 && t <= 1799) || (t >= 2100 && t <= 2108) || (t >= 2110 && t <= 2199)) k = 'ANOMALY';
  else if (t >= 2200 && t <= 2299) k = 'ANOMALY_RESP';
  else if ((t >= MAC_POLICY_LOAD && t <= LAST_SELINUX) || (t >= 1500 && t <= 1501) || (t >= 1504 && t <= 1505) || (t >= 2300 && t <= 2399))
    k = 'MAC';
  else if ((t >= 1600 && t <= 1699) || (t >= 2400 && t <= 2499)) k = 'CRYPTO';
  else if (t >= 2500 && t <= 2599) k = 'VIRT';
  else if (
    between('SYSCALL', 'SOCKETCALL') ||
    between('SOCKADDR', 'MQ_GETSETATTR') ||
    between('FD_PAIR', 'OBJ_PID') ||
    between('BPRM_FCAPS', 'NETFILTER_PKT')
  )
    k = 'AUDIT_RULE';
  else if (t === FANOTIFY) k = 'AV_DECISION';
  else if (t === BPF) k = 'BPF';
  else k = 'UNKNOWN';
  return evkindName(k);
}

const NORM_ACCT_MAX_SYS = 1000;
const NORM_ACCT_MAX_USER = 60000;

const SCRIPT_HOSTS = ['/usr/bin/python', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/perl'];
const isScriptHost = (exe: string): boolean => SCRIPT_HOSTS.some((p) => exe.startsWith(p));

/** auparse_normalize(au, opt): `attrs` is NORM_OPT_ALL (csv with --extra-labels), else NORM_OPT_NO_ATTRS. */
export function normalize(au: AuEvent, attrs: boolean, getpwnam: (name: string) => number | undefined): Normalized {
  const D: Normalized = {
    evkind: undefined,
    session: undefined,
    subjPrimary: undefined,
    subjSecondary: undefined,
    subjKind: undefined,
    subjAttrs: [],
    action: undefined,
    objPrimary: undefined,
    objSecondary: undefined,
    objPrimary2: undefined,
    objAttrs: [],
    objKind: W.UNKNOWN,
    results: undefined,
    how: undefined,
    key: undefined,
    rc: 0,
  };
  let syscallSuccess = -1;
  const here = (): [number, number] => [au.recordNum(), au.fieldNum()];

  const setSubjectWhat = (): number => {
    let uid: number;
    if (au.fieldType() === T.UID) uid = au.fieldInt();
    else {
      const acct = au.fieldName() === 'acct' ? au.interpret() : undefined;
      const pw = acct !== undefined ? getpwnam(acct) : undefined;
      if (pw === undefined) {
        D.subjKind = 'unknown-acct';
        return 1;
      }
      uid = pw | 0;
    }
    if (uid === 0) D.subjKind = 'privileged-acct';
    else if (uid === -1) D.subjKind = 'unset-acct';
    else if (uid < NORM_ACCT_MAX_SYS) D.subjKind = 'service-acct';
    else if (uid < NORM_ACCT_MAX_USER) D.subjKind = 'user-acct';
    else D.subjKind = 'unknown-acct';
    return 0;
  };
  const setPrimeSubject = (name: string, rnum: number): number => {
    if (au.findField(name) !== undefined) {
      D.subjPrimary = [rnum, au.fieldNum()];
      return 0;
    }
    return 1;
  };
  const setSecondarySubject = (name: string, rnum: number): number => {
    if (au.findField(name) !== undefined) {
      D.subjSecondary = [rnum, au.fieldNum()];
      return setSubjectWhat();
    }
    return 1;
  };
  const addSubjAttr = (name: string, rnum: number): number => {
    if (au.findField(name) !== undefined) {
      D.subjAttrs.push([rnum, au.fieldNum()]);
      return 0;
    }
    au.gotoRecordNum(rnum);
    return 1;
  };
  const setPrimeObject = (name: string, rnum: number): number => {
    if (au.findField(name) !== undefined) {
      D.objPrimary = [rnum, au.fieldNum()];
      return 0;
    }
    return 1;
  };
  const setPrimeObject2 = (name: string, adjust: number): number => {
    const rnum = 2 + adjust;
    au.gotoRecordNum(rnum);
    au.firstField();
    if (au.findField(name) !== undefined) {
      D.objPrimary2 = [rnum, au.fieldNum()];
      return 0;
    }
    return 1;
  };
  const addObjAttr = (name: string, rnum: number): number => {
    if (au.findField(name) !== undefined) {
      D.objAttrs.push([rnum, au.fieldNum()]);
      return 0;
    }
    au.gotoRecordNum(rnum);
    return 1;
  };
  const addSession = (rnum: number): number => {
    if (au.findField('ses') !== undefined) {
      D.session = [rnum, au.fieldNum()];
      return 0;
    }
    au.firstRecord();
    return 1;
  };
  const setResults = (rnum: number): number => {
    if (au.findField('res') !== undefined) {
      D.results = [rnum, au.fieldNum()];
      return 0;
    }
    return 1;
  };
  const syscallSubjAttr = (): void => {
    au.firstRecord();
    do {
      const rnum = au.recordNum();
      if (au.type() === SYSCALL) {
        if (!attrs) {
          addSession(rnum);
          return;
        }
        for (const f of ['ppid', 'pid', 'gid', 'euid', 'suid', 'fsuid', 'egid', 'sgid', 'fsgid', 'tty']) addSubjAttr(f, rnum);
        addSession(rnum);
        addSubjAttr('subj', rnum);
        return;
      }
    } while (au.nextRecord() === 1);
  };
  const collectPermObj2 = (syscall: string): void => {
    const v = syscall === 'fchmodat' ? 'a2' : 'a1';
    au.firstRecord();
    if (au.findField(v) !== undefined) D.objPrimary2 = [0, au.fieldNum()];
  };
  const collectOwnObj2 = (syscall: string): void => {
    const v = syscall === 'fchownat' ? 'a2' : 'a1';
    au.firstRecord();
    if (au.findField(v) !== undefined) {
      if (au.fieldInt() === -1 && au.fieldStr() !== undefined) au.nextField();
      D.objPrimary2 = [0, au.fieldNum()];
    }
  };
  const collectIdObj2 = (syscall: string): void => {
    const limits: Record<string, number> = { setuid: 1, setreuid: 2, setresuid: 3, setgid: 1, setregid: 2, setresgid: 3 };
    const limit = limits[syscall];
    if (limit === undefined) return;
    au.firstRecord();
    if (au.findField('a0') !== undefined) {
      let cnt = 1;
      while (cnt <= limit) {
        if (au.interpret() === 'unset') {
          if (cnt < limit) {
            if (au.nextField() === 0) return;
            cnt++;
          } else return;
        } else break;
      }
      D.objPrimary2 = [0, au.fieldNum()];
    }
  };
  const collectPathAttrs = (): void => {
    const rnum = au.recordNum();
    au.firstField();
    if (addObjAttr('mode', rnum)) return;
    while (au.nextField()) D.objAttrs.push([rnum, au.fieldNum()]);
  };
  const simpleFileAttr = (): void => {
    if (!attrs) return;
    let parent = 0;
    au.firstRecord();
    do {
      const type = au.type();
      if (type === PATH) {
        const f = au.findField('nametype');
        if (f === 'PARENT') {
          if (parent === 0) parent = au.recordNum();
          continue;
        }
        collectPathAttrs();
        return;
      } else if (type === CWD) addObjAttr('cwd', au.recordNum());
      else if (type === SOCKADDR) addObjAttr('saddr', au.recordNum());
    } while (au.nextRecord() === 1);
    if (parent) {
      au.gotoRecordNum(parent);
      collectPathAttrs();
    }
  };
  const setFileObject = (adjust: number): void => {
    let parent = 0;
    au.gotoRecordNum(2 + adjust);
    au.firstField();
    let f: string | undefined;
    do {
      f = au.findField('nametype');
      if (f !== undefined) {
        if (f !== 'PARENT') break;
        if (parent === 0) parent = au.recordNum();
      }
    } while (f !== undefined && au.nextRecord() === 1);
    let rnum: number;
    if (f === undefined) {
      if (parent === 0) return;
      au.gotoRecordNum(parent);
      au.firstField();
      rnum = parent;
    } else rnum = au.recordNum();
    if (au.type() === PATH) {
      au.firstField();
      setPrimeObject('name', rnum);
      if (au.findField('inode') !== undefined) D.objSecondary = [rnum, au.fieldNum()];
      const mode = au.findField('mode');
      if (mode !== undefined) {
        const m = Number.parseInt(mode, 8);
        if (!Number.isNaN(m)) {
          const fmt = m & 0o170000;
          if (fmt === 0o100000) D.objKind = W.FILE;
          else if (fmt === 0o040000) D.objKind = W.DIRECTORY;
          else if (fmt === 0o020000) D.objKind = W.CHAR_DEV;
          else if (fmt === 0o060000) D.objKind = W.BLOCK_DEV;
          else if (fmt === 0o010000) D.objKind = W.FIFO;
          else if (fmt === 0o120000) D.objKind = W.LINK;
          else if (fmt === 0o140000) D.objKind = W.SOCKET;
        }
      }
    }
  };
  const setSocketObject = (): void => {
    au.gotoRecordNum(1);
    au.firstField();
    setPrimeObject('saddr', 1);
  };
  const setProgramObj = (): number => {
    au.firstRecord();
    const type = au.type();
    if (type === BPF) {
      if (au.findField('prog-id') !== undefined) D.objPrimary = here();
    } else if (type === EVENT_LISTENER) {
      if (au.findField('nl-mcgrp') !== undefined) D.objPrimary = here();
    } else if (au.findField('exe') !== undefined) {
      const exe = au.interpret() ?? '';
      if (isScriptHost(exe)) {
        const fnum = au.fieldNum();
        if (fnum > 0) au.gotoFieldNum(fnum - 1);
        else au.firstRecord();
        au.findField('comm');
      }
      D.objPrimary = here();
      return 0;
    }
    return 1;
  };
  const setHowFromExe = (): void => {
    const exe = au.interpret() ?? '';
    D.how = exe;
    if (isScriptHost(exe)) {
      let rc = 0;
      const fnum = au.fieldNum();
      if (fnum > 0) rc = au.gotoFieldNum(fnum - 1);
      if (rc === 0) au.firstRecord();
      if (au.findField('comm') !== undefined) D.how = au.interpret();
    }
  };

  const findConfigChangeObject = (): string | undefined => {
    au.firstRecord();
    let f = au.findField('key');
    if (f !== undefined) {
      const str = au.fieldStr();
      if (str && str !== '(null)') return f;
    }
    for (const name of ['audit_enabled', 'audit_pid', 'audit_backlog_limit', 'audit_failure', 'actions']) {
      au.firstRecord();
      f = au.findField(name);
      if (f !== undefined) return f;
    }
    return undefined;
  };

  const findSimpleObject = (type: number): Location => {
    let f: string | undefined;
    au.firstField();
    const is = (...names: string[]): boolean => names.some((n) => num(n) === type && type >= 0);
    if (is('SERVICE_START', 'SERVICE_STOP')) {
      f = au.findField('unit');
      D.objKind = W.SERVICE;
    } else if (is('SYSTEM_RUNLEVEL')) {
      f = au.findField('new-level');
      D.objKind = W.SYSTEM;
    } else if (is('USER_ROLE_CHANGE')) {
      f = au.findField('selected-context');
      D.objKind = W.USER_SESSION;
    } else if (
      is(
        'ROLE_ASSIGN',
        'ROLE_REMOVE',
        'USER_MGMT',
        'ACCT_LOCK',
        'ACCT_UNLOCK',
        'ADD_USER',
        'DEL_USER',
        'ADD_GROUP',
        'DEL_GROUP',
        'GRP_MGMT',
      )
    ) {
      f = au.findField('id');
      if (f === undefined) {
        au.firstRecord();
        f = au.findField('acct');
      }
      D.objKind = W.ACCT;
    } else if (is('USER_START', 'USER_END', 'USER_ERR', 'USER_LOGIN', 'USER_LOGOUT')) {
      f = au.findField('terminal');
      D.objKind = W.USER_SESSION;
    } else if (
      is(
        'USER_AUTH',
        'USER_ACCT',
        'CRED_ACQ',
        'CRED_REFR',
        'CRED_DISP',
        'USER_CHAUTHTOK',
        'GRP_CHAUTHTOK',
        'ANOM_LOGIN_FAILURES',
        'ANOM_LOGIN_TIME',
        'ANOM_LOGIN_SESSIONS',
        'ANOM_LOGIN_LOCATION',
      )
    ) {
      f = au.findField('acct');
      D.objKind = W.USER_SESSION;
    } else if (is('ANOM_EXEC', 'USER_CMD')) {
      f = au.findField('cmd');
      D.objKind = W.PROCESS;
    } else if (is('USER_TTY', 'TTY')) {
      au.firstRecord();
      f = au.findField('data');
      D.objKind = W.KEYSTROKES;
    } else if (is('USER_DEVICE')) {
      au.firstRecord();
      f = au.findField('device');
      D.objKind = W.KEYSTROKES;
    } else if (is('SOFTWARE_UPDATE')) {
      au.firstRecord();
      f = au.findField('sw');
      D.objKind = W.SOFTWARE;
    } else if (is('VIRT_MACHINE_ID')) {
      f = au.findField('vm');
      D.objKind = W.VM;
    } else if (is('VIRT_RESOURCE')) {
      f = au.findField('resrc');
      D.objKind = W.VM;
    } else if (is('VIRT_CONTROL')) {
      f = au.findField('op');
      D.objKind = W.VM;
    } else if (is('LABEL_LEVEL_CHANGE')) {
      f = au.findField('printer');
      D.objKind = W.PRINTER;
    } else if (type === CONFIG_CHANGE) {
      f = findConfigChangeObject();
      D.objKind = W.AUDIT_CONFIG;
    } else if (type === MAC_CONFIG_CHANGE) {
      f = au.findField('bool');
      D.objKind = W.MAC_CONFIG;
    } else if (type === MAC_STATUS) {
      f = au.findField('enforcing');
      D.objKind = W.MAC_CONFIG;
    } else if (
      type === MAC_POLICY_LOAD ||
      is('LABEL_OVERRIDE') ||
      (type >= num('DEV_ALLOC') && type <= num('USER_MAC_CONFIG_CHANGE') && type >= 0)
    ) {
      D.objKind = W.MAC_CONFIG;
    } else if (is('USER')) {
      f = au.findField('addr');
    } else if (is('USYS_CONFIG')) {
      f = au.findField('op');
      if (f !== undefined) {
        D.action = au.interpret();
        f = undefined;
      }
      D.objKind = W.SYSTEM;
    } else if (is('CRYPTO_KEY_USER')) {
      f = au.findField('fp');
      D.objKind = W.USER_SESSION;
    } else if (is('CRYPTO_SESSION')) {
      f = au.findField('addr');
      D.objKind = W.USER_SESSION;
    } else if (is('ANOM_RBAC_INTEGRITY_FAIL')) {
      f = au.findField('hostname');
      D.objKind = W.FILESYSTEM;
    }
    return f !== undefined ? [0, au.fieldNum()] : undefined;
  };
  const findSimpleObjSecondary = (type: number): Location => {
    au.firstField();
    let f: string | undefined;
    if (type === num('CRYPTO_SESSION')) f = au.findField('rport');
    else if (type === SOFTWARE_UPDATE) f = au.findField('sw_type');
    return f !== undefined ? [0, au.fieldNum()] : undefined;
  };
  const findSimpleObjPrimary2 = (type: number): Location => {
    au.firstField();
    let f: string | undefined;
    if (type === num('VIRT_CONTROL') || type === num('VIRT_RESOURCE')) f = au.findField('vm');
    else if (type === SOFTWARE_UPDATE) f = au.findField('root_dir');
    return f !== undefined ? [0, au.fieldNum()] : undefined;
  };

  const normalizeSyscall = (syscall: string | undefined): void => {
    let objtype = 'NORM_UNKNOWN';
    let tmpObjkind = '';
    let ttype = 0;
    let act: string | undefined;
    let rc = au.firstRecord();
    while (rc === 1) {
      ttype = au.type();
      if (ttype === AVC) {
        tmpObjkind = 'NORM_MAC';
        break;
      } else if (ttype === SELINUX_ERR) {
        objtype = 'NORM_MAC_ERR';
        break;
      } else if (ttype === NETFILTER_CFG) {
        objtype = 'NORM_IPTABLES';
        break;
      } else if (ttype === ANOM_PROMISCUOUS) {
        objtype = 'NORM_PROMISCUOUS';
        break;
      } else if (ttype === KERN_MODULE) {
        objtype = 'NORM_FILE_LDMOD';
        break;
      } else if (ttype === MAC_POLICY_LOAD) {
        objtype = 'NORM_MAC_LOAD';
        break;
      } else if (ttype === MAC_STATUS) {
        objtype = 'NORM_MAC_ENFORCE';
        break;
      } else if (ttype === MAC_CONFIG_CHANGE) {
        objtype = 'NORM_MAC_CONFIG';
        break;
      } else if (ttype === FANOTIFY) {
        tmpObjkind = 'NORM_AV';
        break;
      } else if (ttype === TIME_INJOFFSET || ttype === TIME_ADJNTPVAL) {
        objtype = 'NORM_SYSTEM_TIME';
        break;
      } else if (ttype === BPF) {
        objtype = 'NORM_BPF';
        break;
      } else if (ttype === EVENT_LISTENER) {
        objtype = 'NORM_EV_LISTEN';
        break;
      }
      rc = au.nextRecord();
    }
    if (objtype === 'NORM_UNKNOWN' && syscall !== undefined) objtype = SYSCALL_KINDS.get(syscall) ?? objtype;
    const sys = syscall ?? '';
    const fileObj = (a: string, what: number, adjust: number): void => {
      act = a;
      D.objKind = what;
      setFileObject(adjust);
      simpleFileAttr();
    };
    switch (objtype) {
      case 'NORM_FILE':
        act = 'opened-file';
        setFileObject(0);
        D.objKind = W.FILE;
        simpleFileAttr();
        break;
      case 'NORM_FILE_CHATTR':
        fileObj('changed-file-attributes-of', W.FILE, sys === 'fsetxattr' ? -1 : 0);
        break;
      case 'NORM_FILE_CHPERM':
        act = 'changed-file-permissions-of';
        D.objKind = W.FILE;
        collectPermObj2(sys);
        setFileObject(sys === 'fchmod' ? -1 : 0);
        simpleFileAttr();
        break;
      case 'NORM_FILE_CHOWN':
        act = 'changed-file-ownership-of';
        D.objKind = W.FILE;
        collectOwnObj2(sys);
        setFileObject(sys === 'fchown' ? -1 : 0);
        simpleFileAttr();
        break;
      case 'NORM_FILE_LDMOD':
        act = 'loaded-kernel-module';
        D.objKind = W.FILE;
        au.gotoRecordNum(1);
        setPrimeObject('name', 1);
        break;
      case 'NORM_FILE_UNLDMOD':
        act = 'unloaded-kernel-module';
        D.objKind = W.FILE;
        break;
      case 'NORM_FILE_DIR':
        fileObj('created-directory', W.FILE, 1);
        break;
      case 'NORM_FILE_MOUNT':
        act = 'mounted';
        D.objKind = W.FILESYSTEM;
        if (syscallSuccess === 1) setPrimeObject2('name', 0);
        setFileObject(syscallSuccess);
        collectPathAttrs();
        break;
      case 'NORM_FILE_RENAME':
        act = 'renamed';
        D.objKind = W.FILE;
        setPrimeObject2('name', 4);
        setFileObject(2);
        simpleFileAttr();
        break;
      case 'NORM_FILE_STAT':
        fileObj('checked-metadata-of', W.FILE, 0);
        break;
      case 'NORM_FILE_SYS_STAT':
        fileObj('checked-filesystem-metadata-of', W.FILESYSTEM, 0);
        break;
      case 'NORM_FILE_LNK':
        act = 'symlinked';
        D.objKind = W.FILE;
        setPrimeObject2('name', 0);
        setFileObject(2);
        simpleFileAttr();
        break;
      case 'NORM_FILE_UMNT':
        fileObj('unmounted', W.FILESYSTEM, 0);
        break;
      case 'NORM_FILE_DEL':
        fileObj('deleted', W.FILE, 0);
        break;
      case 'NORM_FILE_TIME':
        fileObj('changed-timestamp-of', W.FILE, 0);
        break;
      case 'NORM_EXEC':
        fileObj('executed', W.FILE, 1);
        break;
      case 'NORM_SOCKET_ACCEPT':
        act = 'accepted-connection-from';
        D.objKind = W.SOCKET;
        setSocketObject();
        break;
      case 'NORM_SOCKET_BIND':
        act = 'bound-socket';
        D.objKind = W.SOCKET;
        setSocketObject();
        break;
      case 'NORM_SOCKET_CONN':
        act = 'connected-to';
        D.objKind = W.SOCKET;
        setSocketObject();
        break;
      case 'NORM_SOCKET_RECV':
        act = 'received-from';
        D.objKind = W.SOCKET;
        setSocketObject();
        break;
      case 'NORM_SOCKET_SEND':
        act = 'sent-to';
        D.objKind = W.SOCKET;
        setSocketObject();
        break;
      case 'NORM_PID':
        act = au.numRecords() > 2 ? 'killed-list-of-pids' : 'killed-pid';
        au.gotoRecordNum(1);
        au.firstField();
        if (au.findField('saddr') !== undefined) D.objPrimary = here();
        D.objKind = W.PROCESS;
        break;
      case 'NORM_MAC_LOAD':
        act = RECORD_ACTIONS.get(ttype);
        D.objKind = W.MAC_CONFIG;
        break;
      case 'NORM_MAC_CONFIG':
        act = RECORD_ACTIONS.get(ttype);
        if (au.findField('bool') !== undefined) D.objPrimary = here();
        D.objKind = W.MAC_CONFIG;
        break;
      case 'NORM_MAC_ENFORCE':
        act = RECORD_ACTIONS.get(ttype);
        if (au.findField('enforcing') !== undefined) D.objPrimary = here();
        D.objKind = W.MAC_CONFIG;
        break;
      case 'NORM_MAC_ERR':
        act = 'caused-mac-policy-error';
        D.objKind = W.SYSTEM;
        break;
      case 'NORM_IPTABLES':
        act = 'loaded-firewall-rule-to';
        au.firstRecord();
        if (au.findField('table') !== undefined) D.objPrimary = here();
        D.objKind = W.FIREWALL;
        break;
      case 'NORM_PROMISCUOUS':
        au.firstRecord();
        if (au.findField('dev') !== undefined) D.objPrimary = here();
        if (au.findField('prom') !== undefined) {
          act = au.fieldInt() === 0 ? 'left-promiscuous-mode-on-device' : 'entered-promiscuous-mode-on-device';
        }
        D.objKind = W.SOCKET;
        break;
      case 'NORM_UID':
      case 'NORM_GID':
        act = 'changed-identity-of';
        D.objKind = W.PROCESS;
        setProgramObj();
        if (D.how !== undefined) D.how = sys;
        collectIdObj2(sys);
        break;
      case 'NORM_SYSTEM_TIME':
        act = 'changed-system-time';
        D.objKind = W.SYSTEM;
        break;
      case 'NORM_MAKE_DEV':
        setFileObject(0);
        simpleFileAttr();
        act = D.objKind === W.CHAR_DEV ? 'made-character-device' : D.objKind === W.BLOCK_DEV ? 'made-block-device' : 'make-device';
        break;
      case 'NORM_SYSTEM_NAME':
        act = 'changed-system-name';
        D.objKind = W.SYSTEM;
        break;
      case 'NORM_SYSTEM_MEMORY':
        act = 'allocated-memory';
        if (syscallSuccess === 1) {
          act = 'allocated-memory-in';
          au.firstRecord();
          if (au.findField('comm') !== undefined) D.objPrimary = here();
        }
        D.objKind = W.MEMORY;
        break;
      case 'NORM_SCHEDULER':
        act = 'adjusted-scheduling-policy-of';
        D.objKind = W.PROCESS;
        setProgramObj();
        if (D.how !== undefined) D.how = sys;
        break;
      case 'NORM_BPF': {
        au.firstRecord();
        const f = au.findField('op');
        act = f !== undefined ? (au.fieldStr() === 'LOAD' ? 'loaded-bpf-program' : 'unloaded-bpf-program') : 'bpf-program';
        D.objKind = W.PROCESS;
        setProgramObj();
        break;
      }
      case 'NORM_EV_LISTEN': {
        au.firstRecord();
        const f = au.findField('op');
        act = f !== undefined ? (au.fieldStr() === 'connect' ? 'connected-to' : 'disconnected-from') : 'connected';
        D.objKind = W.SOCKET;
        setProgramObj();
        break;
      }
      default: {
        au.firstRecord();
        const k = au.findField('key');
        if (k !== undefined && k !== '(null)') {
          act = 'triggered-audit-rule';
          D.objPrimary = here();
        } else act = 'triggered-unknown-audit-rule';
        D.objKind = W.AUDIT_RULE;
        break;
      }
    }
    if (tmpObjkind === 'NORM_MAC') act = 'accessed-mac-policy-controlled-object';
    else if (tmpObjkind === 'NORM_AV') act = 'accessed-policy-controlled-file';
    if (act !== undefined) D.action = act;
  };

  const normalizeCompound = (): number => {
    const otype = au.type();
    let type = otype;
    if (type !== SYSCALL) {
      do {
        au.nextRecord();
        type = au.type();
      } while (type && type !== SYSCALL);
    }
    if (!type) return 1;
    D.evkind = eventKind(otype);
    const recno = au.recordNum();
    let syscall: string | undefined;
    if (au.findField('syscall') !== undefined) syscall = au.interpret();
    if (au.findField('success') !== undefined) {
      syscallSuccess = au.fieldStr() === 'no' ? 0 : 1;
      D.results = [recno, au.fieldNum()];
    } else {
      if (au.gotoRecordNum(recno) !== 1) return 1;
      au.firstField();
    }
    if (setPrimeSubject('auid', recno)) {
      if (au.gotoRecordNum(recno) !== 1) return 1;
      au.firstField();
    }
    if (setSecondarySubject('uid', recno)) {
      if (au.gotoRecordNum(recno) !== 1) return 1;
      au.firstField();
    }
    syscallSubjAttr();
    au.firstField();
    if (au.findField('exe') !== undefined) setHowFromExe();
    else {
      if (au.gotoRecordNum(recno) !== 1) return 1;
      au.firstField();
    }
    if (au.findField('key') !== undefined) {
      const k = au.fieldStr();
      if (k !== '(null)') D.key = [recno, au.fieldNum()];
    }
    if (otype === ANOM_LINK) {
      const act = RECORD_ACTIONS.get(otype);
      if (act !== undefined) D.action = act;
    } else if (otype === CONFIG_CHANGE) {
      au.firstRecord();
      if (au.findField('op') !== undefined) {
        D.action = au.interpret();
        D.objPrimary = findSimpleObject(CONFIG_CHANGE);
      }
    } else normalizeSyscall(syscall);
    return 0;
  };

  const collectSimpleSubjAttr = (): void => {
    if (!attrs) return;
    au.firstRecord();
    addSubjAttr('pid', 0);
    addSubjAttr('subj', 0);
  };
  const collectUserspaceSubjAttr = (type: number): void => {
    if (!attrs) return;
    addSubjAttr('hostname', 0);
    addSubjAttr('addr', 0);
    if (type !== USER_START && type !== USER_END && type !== USER_ERR) addSubjAttr('terminal', 0);
  };

  const normalizeSimple = (): number => {
    const type = au.type();
    if (type === SYSCALL) return normalizeCompound();
    D.evkind = eventKind(type);
    let act: string | undefined;
    let f: string | undefined;
    if (type === CONFIG_CHANGE || type === FEATURE_CHANGE || type === SECCOMP || type === ANOM_ABEND || type === ANOM_PROMISCUOUS) {
      setPrimeSubject('auid', 0);
      addSession(0);
      collectSimpleSubjAttr();
      let mapped = true;
      if (type === CONFIG_CHANGE) {
        au.firstField();
        if (au.findField('op') !== undefined) {
          let str = au.interpret() ?? '';
          if (str.charCodeAt(0) === 34) str = str.slice(1);
          if (str.startsWith('add_rule')) {
            D.action = 'added-audit-rule';
            D.objPrimary = findSimpleObject(type);
            mapped = false;
          } else if (str.startsWith('remove_rule')) {
            D.action = 'deleted-audit-rule';
            D.objPrimary = findSimpleObject(type);
            mapped = false;
          }
        }
      }
      if (mapped) {
        act = RECORD_ACTIONS.get(type);
        if (act !== undefined) D.action = act;
        if (type === CONFIG_CHANGE) D.objPrimary = findSimpleObject(type);
        au.firstRecord();
      }
      if (type === FEATURE_CHANGE) {
        au.firstField();
        if (setSecondarySubject('uid', 0)) au.firstRecord();
        if (au.findField('exe') !== undefined) D.how = au.interpret();
        setPrimeObject('feature', 0);
        D.objKind = W.SYSTEM;
      }
      if (type === SECCOMP) {
        au.firstField();
        if (setSecondarySubject('uid', 0)) au.firstRecord();
        if (au.findField('exe') !== undefined) D.how = au.interpret();
        if (setPrimeObject('syscall', 0)) au.firstRecord();
        D.objKind = W.PROCESS;
        if (au.findField('code') !== undefined) D.results = [0, au.fieldNum()];
        return 0;
      }
      if (type === ANOM_ABEND) {
        au.firstField();
        if (setSecondarySubject('uid', 0)) au.firstRecord();
        if (setPrimeObject('exe', 0)) au.firstRecord();
        D.objKind = W.PROCESS;
        if (au.findField('sig') !== undefined) D.how = au.interpret();
      }
      if (type === ANOM_PROMISCUOUS) {
        au.firstField();
        setPrimeObject('dev', 0);
        setSecondarySubject('uid', 0);
        D.objKind = W.SOCKET;
      }
      setResults(0);
      return 0;
    }
    if (type === LOGIN) {
      if (setSecondarySubject('uid', 0)) au.firstRecord();
      collectSimpleSubjAttr();
      if (setPrimeSubject('old-auid', 0)) au.firstRecord();
      if (setPrimeObject('auid', 0)) au.firstRecord();
      D.objKind = W.USER_SESSION;
      addSession(0);
      setResults(0);
      act = RECORD_ACTIONS.get(type);
      if (act !== undefined) D.action = act;
      return 0;
    }
    if (type === NETFILTER_CFG) {
      collectSimpleSubjAttr();
      if (au.findField('comm') !== undefined) D.how = au.interpret();
      D.action = 'loaded-firewall-rule-to';
      au.firstRecord();
      if (au.findField('table') !== undefined) D.objPrimary = here();
      D.subjKind = 'system';
      D.objKind = W.FIREWALL;
      return 0;
    }
    if (type === AVC) {
      if (au.findField('comm') !== undefined) D.how = au.interpret();
      else au.firstRecord();
      setPrimeSubject('scontext', 0);
      D.subjKind = 'unknown-acct';
      au.firstRecord();
      if (attrs) {
        setPrimeObject('tcontext', 0);
        au.firstRecord();
      }
      D.objKind = W.UNKNOWN;
      act = RECORD_ACTIONS.get(type);
      if (act !== undefined) D.action = act;
      au.firstRecord();
      if (au.findField('seresult') !== undefined) D.results = [0, au.fieldNum()];
      return 0;
    }
    if (type >= FIRST_DAEMON && type < LAST_DAEMON) {
      setPrimeSubject('auid', 0);
      if (setSecondarySubject('uid', 0)) au.firstRecord();
      if (addSession(0)) au.firstRecord();
      collectSimpleSubjAttr();
      D.subjKind = 'auditd';
      act = RECORD_ACTIONS.get(type);
      if (act !== undefined) D.action = act;
      D.objKind = W.SERVICE;
      if (type === DAEMON_START) D.how = 'init';
      else if (type < DAEMON_ACCEPT && type !== DAEMON_ABORT) D.how = 'signal';
      setResults(0);
      return 0;
    }
    if (type === BPF) {
      D.subjKind = 'system';
      au.firstRecord();
      f = au.findField('op');
      D.action = f !== undefined ? (au.fieldStr() === 'LOAD' ? 'loaded-bpf-program' : 'unloaded-bpf-program') : 'bpf-program';
      D.objKind = W.PROCESS;
      setProgramObj();
      return 0;
    }
    if (type === EVENT_LISTENER) {
      setPrimeSubject('auid', 0);
      au.firstRecord();
      setSecondarySubject('uid', 0);
      au.firstRecord();
      addSession(0);
      collectSimpleSubjAttr();
      au.firstRecord();
      f = au.findField('op');
      D.action = f !== undefined ? (au.fieldStr() === 'connect' ? 'connected-to' : 'disconnected-from') : 'connected';
      setProgramObj();
      D.objKind = W.SOCKET;
      au.firstRecord();
      if (au.findField('exe') !== undefined) D.how = au.interpret();
      au.firstRecord();
      setResults(0);
      return 0;
    }
    if (type >= MAC_UNLBL_ALLOW && type <= LAST_SELINUX && MAC_UNLBL_ALLOW >= 0) {
      setPrimeSubject('auid', 0);
      setSubjectWhat();
      addSession(0);
      addSubjAttr('subj', 0);
      if (type === MAC_UNLBL_ALLOW) {
        f = au.findField('unlbl_accept');
        if (f !== undefined) {
          act = au.fieldInt() === 1 ? 'is-allowing-unlabeled-network-traffic' : 'is-disallowing-unlabeled-network-traffic';
        } else au.firstRecord();
      } else act = RECORD_ACTIONS.get(type);
      if (act !== undefined) D.action = act;
      if (type === MAC_MAP_ADD || type === MAC_MAP_DEL) {
        if (setPrimeObject('nlbl_domain', 0)) au.firstRecord();
      }
      D.objKind = W.MAC_CONFIG;
      setResults(0);
      return 0;
    }
    if (type === USER_LOGIN) {
      if (setPrimeSubject('id', 0)) {
        au.firstRecord();
        if (setPrimeSubject('acct', 0) === 0) setSubjectWhat();
      } else setSubjectWhat();
      au.firstRecord();
    } else {
      if (setSecondarySubject('uid', 0)) au.firstRecord();
      setPrimeSubject('auid', 0);
    }
    addSession(0);
    collectSimpleSubjAttr();
    if ((type >= 1100 && type < 1199) || (type >= 2100 && type < 2999)) collectUserspaceSubjAttr(type);
    if (type !== USER_AVC) setResults(0);
    else {
      au.firstRecord();
      if (au.findField('seresult') !== undefined) D.results = [0, au.fieldNum()];
      au.firstRecord();
      setPrimeSubject('scontext', 0);
      if (attrs) {
        au.firstRecord();
        setPrimeObject('tcontext', 0);
      }
    }
    if (type === USER_DEVICE) {
      au.firstRecord();
      f = au.findField('op');
      if (f !== undefined) act = f;
    }
    if (act === undefined) act = RECORD_ACTIONS.get(type);
    if (act !== undefined) D.action = act;
    if (type !== USER_AVC) {
      au.firstRecord();
      D.objPrimary = findSimpleObject(type);
      D.objSecondary = findSimpleObjSecondary(type);
      D.objPrimary2 = findSimpleObjPrimary2(type);
      if (attrs) {
        if (type === USER_DEVICE) addObjAttr('uuid', 0);
        else if (type === SOFTWARE_UPDATE) {
          au.firstRecord();
          addObjAttr('key_enforce', 0);
          addObjAttr('gpg_res', 0);
        }
      }
    }
    if (type === SYSTEM_BOOT) {
      D.objKind = W.SYSTEM;
      if (au.findField('exe') !== undefined) D.how = au.interpret();
      return 0;
    } else if (type === SYSTEM_SHUTDOWN) {
      D.objKind = W.SERVICE;
      if (au.findField('exe') !== undefined) D.how = au.interpret();
      return 0;
    }
    au.firstRecord();
    if (type === ANOM_EXEC) {
      if (au.findField('terminal') !== undefined) D.how = au.interpret();
      return 0;
    }
    if (type === TTY) {
      if (au.findField('comm') !== undefined) D.how = au.interpret();
      return 0;
    }
    if (au.findField('exe') !== undefined) setHowFromExe();
    return 0;
  };

  au.firstRecord();
  const rc = au.numRecords() > 1 ? normalizeCompound() : normalizeSimple();
  au.firstRecord();
  D.rc = rc;
  return D;
}

/** Moves the cursor to a location (seek_field); 1 when there, 0 when unset, < 0 when it cannot. */
export function seek(au: AuEvent, loc: Location): number {
  if (loc === undefined) return 0;
  if (au.gotoRecordNum(loc[0]) !== 1) return -1;
  if (au.gotoFieldNum(loc[1]) !== 1) return -2;
  return 1;
}
