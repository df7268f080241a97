// The data of auparse 3.0.9's normalizer (auparse/normalize.c) that ./normalize.ts walks with: record types
// by number, object kinds (NORM_WHAT_*), the kind of event by its first record, which record types decide a
// syscall event's kind, and which field is the object of a record that comes alone.

import {
  NORMALIZE_EVENT_KINDS,
  NORMALIZE_OBJECT_KINDS,
  NORMALIZE_RECORD_ACTIONS,
  NORMALIZE_SYSCALL_KINDS,
} from '../../tables/auparse-normalize.js';
import { messageTypeNumber } from '../../tables/message-types.js';

export const num = (name: string): number => messageTypeNumber(name) ?? -1;

export const SYSCALL = num('SYSCALL');
export const PATH = num('PATH');
export const CWD = num('CWD');
export const SOCKADDR = num('SOCKADDR');
export const AVC = num('AVC');
export const USER_AVC = num('USER_AVC');
export const CONFIG_CHANGE = num('CONFIG_CHANGE');
export const FEATURE_CHANGE = num('FEATURE_CHANGE');
export const SECCOMP = num('SECCOMP');
export const ANOM_ABEND = num('ANOM_ABEND');
export const ANOM_PROMISCUOUS = num('ANOM_PROMISCUOUS');
export const ANOM_LINK = num('ANOM_LINK');
export const LOGIN = num('LOGIN');
export const NETFILTER_CFG = num('NETFILTER_CFG');
export const BPF = num('BPF');
export const EVENT_LISTENER = num('EVENT_LISTENER');
export const USER_LOGIN = num('USER_LOGIN');
export const USER_DEVICE = num('USER_DEVICE');
export const SOFTWARE_UPDATE = num('SOFTWARE_UPDATE');
export const SYSTEM_BOOT = num('SYSTEM_BOOT');
export const SYSTEM_SHUTDOWN = num('SYSTEM_SHUTDOWN');
export const ANOM_EXEC = num('ANOM_EXEC');
export const TTY = num('TTY');
export const USER_START = num('USER_START');
export const USER_END = num('USER_END');
export const USER_ERR = num('USER_ERR');
export const DAEMON_START = num('DAEMON_START');
export const DAEMON_ABORT = num('DAEMON_ABORT');
export const DAEMON_ACCEPT = 1207;
export const FIRST_DAEMON = 1200;
export const LAST_DAEMON = 1299;
export const MAC_UNLBL_ALLOW = num('MAC_UNLBL_ALLOW');
export const MAC_MAP_ADD = num('MAC_MAP_ADD');
export const MAC_MAP_DEL = num('MAC_MAP_DEL');
export const LAST_SELINUX = 1499;
const SELINUX_ERR = num('SELINUX_ERR');
const KERN_MODULE = num('KERN_MODULE');
export const MAC_POLICY_LOAD = num('MAC_POLICY_LOAD');
export const MAC_STATUS = num('MAC_STATUS');
export const MAC_CONFIG_CHANGE = num('MAC_CONFIG_CHANGE');
const FANOTIFY = num('FANOTIFY');
const TIME_INJOFFSET = num('TIME_INJOFFSET');
const TIME_ADJNTPVAL = num('TIME_ADJNTPVAL');
export const CRYPTO_SESSION = num('CRYPTO_SESSION');
export const VIRT_CONTROL = num('VIRT_CONTROL');
export const VIRT_RESOURCE = num('VIRT_RESOURCE');
export const USYS_CONFIG = num('USYS_CONFIG');

/** Object kinds (NORM_WHAT_*), in normalize-internal.h's numbering. */
export const W = {
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

/** The object kind of a file by its mode's S_IFMT bits. */
export const FILE_KINDS = new Map<number, number>([
  [0o100000, W.FILE],
  [0o040000, W.DIRECTORY],
  [0o020000, W.CHAR_DEV],
  [0o060000, W.BLOCK_DEV],
  [0o010000, W.FIFO],
  [0o120000, W.LINK],
  [0o140000, W.SOCKET],
]);

const OBJ_KIND_NAMES = new Map<number, string>();
for (const [what, name] of NORMALIZE_OBJECT_KINDS) {
  const k = (W as Record<string, number>)[what.replace(/^NORM_WHAT_/, '')];
  if (k !== undefined && !OBJ_KIND_NAMES.has(k)) OBJ_KIND_NAMES.set(k, name);
}

/** OBJ_KIND: the name of the object's kind. */
export function objectKindName(what: number): string {
  return OBJ_KIND_NAMES.get(what) ?? 'unknown';
}

/** The action of an event by its record type (normalize_record_map.h). */
export const RECORD_ACTIONS = new Map<number, string>();
for (const [type, act] of NORMALIZE_RECORD_ACTIONS) {
  const n = num(type.replace(/^AUDIT_/, ''));
  if (n >= 0 && !RECORD_ACTIONS.has(n)) RECORD_ACTIONS.set(n, act);
}

/** The kind of a syscall event by its syscall's name (normalize_syscall_map.h). */
export const SYSCALL_KINDS = new Map<string, string>();
for (const [kind, sys] of NORMALIZE_SYSCALL_KINDS) if (!SYSCALL_KINDS.has(sys)) SYSCALL_KINDS.set(sys, kind);

const EVENT_KIND_NAMES = new Map<string, string>(NORMALIZE_EVENT_KINDS);

/** normalize_syscall's first loop: a record of one of these types anywhere in the event sets its kind... */
export const RECORD_SYSCALL_KINDS = new Map<number, string>(
  (
    [
      [SELINUX_ERR, 'NORM_MAC_ERR'],
      [NETFILTER_CFG, 'NORM_IPTABLES'],
      [ANOM_PROMISCUOUS, 'NORM_PROMISCUOUS'],
      [KERN_MODULE, 'NORM_FILE_LDMOD'],
      [MAC_POLICY_LOAD, 'NORM_MAC_LOAD'],
      [MAC_STATUS, 'NORM_MAC_ENFORCE'],
      [MAC_CONFIG_CHANGE, 'NORM_MAC_CONFIG'],
      [TIME_INJOFFSET, 'NORM_SYSTEM_TIME'],
      [TIME_ADJNTPVAL, 'NORM_SYSTEM_TIME'],
      [BPF, 'NORM_BPF'],
      [EVENT_LISTENER, 'NORM_EV_LISTEN'],
    ] as const
  ).filter(([t]) => t >= 0),
);

/** ...or, for these, keeps the syscall's kind but names the action in the end. */
export const RECORD_ACTION_OVERRIDES = new Map<number, string>(
  (
    [
      [AVC, 'accessed-mac-policy-controlled-object'],
      [FANOTIFY, 'accessed-policy-controlled-file'],
    ] as const
  ).filter(([t]) => t >= 0),
);

/** Where the object of a record that comes alone is (normalize.c's find_simple_object). */
export interface SimpleObject {
  /** The field to find, from the record's first field (or from the event's start with `rewind`). */
  field?: string;
  /** When `field` is missing: this one, searched from the event's start. */
  fallback?: string;
  rewind?: boolean;
  what?: number;
}

const SIMPLE_OBJECT_LIST: [string[], SimpleObject][] = [
  [['SERVICE_START', 'SERVICE_STOP'], { field: 'unit', what: W.SERVICE }],
  [['SYSTEM_RUNLEVEL'], { field: 'new-level', what: W.SYSTEM }],
  [['USER_ROLE_CHANGE'], { field: 'selected-context', what: W.USER_SESSION }],
  [
    ['ROLE_ASSIGN', 'ROLE_REMOVE', 'USER_MGMT', 'ACCT_LOCK', 'ACCT_UNLOCK', 'ADD_USER', 'DEL_USER', 'ADD_GROUP', 'DEL_GROUP', 'GRP_MGMT'],
    { field: 'id', fallback: 'acct', what: W.ACCT },
  ],
  [['USER_START', 'USER_END', 'USER_ERR', 'USER_LOGIN', 'USER_LOGOUT'], { field: 'terminal', what: W.USER_SESSION }],
  [
    [
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
    ],
    { field: 'acct', what: W.USER_SESSION },
  ],
  [['ANOM_EXEC', 'USER_CMD'], { field: 'cmd', what: W.PROCESS }],
  [['USER_TTY', 'TTY'], { field: 'data', rewind: true, what: W.KEYSTROKES }],
  [['USER_DEVICE'], { field: 'device', rewind: true, what: W.KEYSTROKES }],
  [['SOFTWARE_UPDATE'], { field: 'sw', rewind: true, what: W.SOFTWARE }],
  [['VIRT_MACHINE_ID'], { field: 'vm', what: W.VM }],
  [['VIRT_RESOURCE'], { field: 'resrc', what: W.VM }],
  [['VIRT_CONTROL'], { field: 'op', what: W.VM }],
  [['LABEL_LEVEL_CHANGE'], { field: 'printer', what: W.PRINTER }],
  [['MAC_CONFIG_CHANGE'], { field: 'bool', what: W.MAC_CONFIG }],
  [['MAC_STATUS'], { field: 'enforcing', what: W.MAC_CONFIG }],
  [['MAC_POLICY_LOAD', 'LABEL_OVERRIDE'], { what: W.MAC_CONFIG }],
  [['USER'], { field: 'addr' }],
  [['CRYPTO_KEY_USER'], { field: 'fp', what: W.USER_SESSION }],
  [['CRYPTO_SESSION'], { field: 'addr', what: W.USER_SESSION }],
  [['ANOM_RBAC_INTEGRITY_FAIL'], { field: 'hostname', what: W.FILESYSTEM }],
];

const SIMPLE_OBJECTS = new Map<number, SimpleObject>();
for (const [names, spec] of SIMPLE_OBJECT_LIST) {
  for (const name of names) if (num(name) >= 0 && !SIMPLE_OBJECTS.has(num(name))) SIMPLE_OBJECTS.set(num(name), spec);
}
const MAC_LABEL_OBJECT: SimpleObject = { what: W.MAC_CONFIG };

/** find_simple_object's table; CONFIG_CHANGE and USYS_CONFIG are handled by the walk. */
export function simpleObject(type: number): SimpleObject | undefined {
  const spec = SIMPLE_OBJECTS.get(type);
  if (spec !== undefined) return spec;
  const first = num('DEV_ALLOC');
  return first >= 0 && type >= first && type <= num('USER_MAC_CONFIG_CHANGE') ? MAC_LABEL_OBJECT : undefined;
}

/** normalize_determine_evkind: the kind of event, by its first record's type. */
export function eventKind(t: number): string | undefined {
  return EVENT_KIND_NAMES.get(`NORM_EVTYPE_${eventKindKey(t)}`);
}

const between = (t: number, a: string, b: string): boolean => t >= num(a) && t <= num(b) && num(a) >= 0;
const oneOf = (t: number, ...names: string[]): boolean => names.some((n) => num(n) === t);

// One chain of ranges, in normalize.c's order: earlier ranges win where they overlap.
function eventKindKey(t: number): string {
  if (isLoginKind(t)) return 'USER_LOGIN';
  if (oneOf(t, 'GRP_AUTH', 'CHGRP_ID')) return 'GROUP_CHANGE';
  if (
    oneOf(t, 'USER_MGMT') ||
    between(t, 'ADD_USER', 'DEL_GROUP') ||
    between(t, 'GRP_MGMT', 'GRP_CHAUTHTOK') ||
    between(t, 'ACCT_LOCK', 'ACCT_UNLOCK')
  )
    return 'USER_ACCT';
  if (oneOf(t, 'KERNEL') || between(t, 'SYSTEM_BOOT', 'SERVICE_STOP')) return 'SYSTEM_SERVICES';
  if (
    oneOf(
      t,
      'USYS_CONFIG',
      'CONFIG_CHANGE',
      'NETFILTER_CFG',
      'FEATURE_CHANGE',
      'TIME_INJOFFSET',
      'TIME_ADJNTPVAL',
      'USER_DEVICE',
      'SOFTWARE_UPDATE',
    )
  )
    return 'CONFIG';
  if (t === SECCOMP) return 'DAC_DECISION';
  if (between(t, 'TEST', 'TRUSTED_APP') || oneOf(t, 'USER_CMD', 'CHUSER_ID')) return 'USERSPACE';
  if (oneOf(t, 'USER_TTY', 'TTY')) return 'TTY';
  if (t === EVENT_LISTENER || (t >= FIRST_DAEMON && t <= LAST_DAEMON)) return 'AUDIT_DAEMON';
  if (
    oneOf(t, 'USER_SELINUX_ERR', 'USER_AVC', 'APPARMOR_ERROR') ||
    between(t, 'APPARMOR_ALLOWED', 'APPARMOR_DENIED') ||
    between(t, 'AVC', 'AVC_PATH')
  )
    return 'MAC_DECISION';
  return numberedKindKey(t);
}

function isLoginKind(t: number): boolean {
  return (
    between(t, 'USER_AUTH', 'USER_ACCT') ||
    between(t, 'CRED_ACQ', 'USER_END') ||
    between(t, 'USER_CHAUTHTOK', 'CRED_REFR') ||
    between(t, 'USER_LOGIN', 'USER_LOGOUT') ||
    t === LOGIN
  );
}

function numberedKindKey(t: number): string {
  if ((t >= 1800 && t <= 1899) || t === num('ANOM_RBAC_INTEGRITY_FAIL')) return 'INTEGRITY';
  if ((t >= 1700 && t <= 1799) || (t >= 2100 && t <= 2108) || (t >= 2110 && t <= 2199)) return 'ANOMALY';
  if (t >= 2200 && t <= 2299) return 'ANOMALY_RESP';
  if ((t >= MAC_POLICY_LOAD && t <= LAST_SELINUX) || (t >= 1500 && t <= 1501) || (t >= 1504 && t <= 1505) || (t >= 2300 && t <= 2399))
    return 'MAC';
  if ((t >= 1600 && t <= 1699) || (t >= 2400 && t <= 2499)) return 'CRYPTO';
  if (t >= 2500 && t <= 2599) return 'VIRT';
  if (
    between(t, 'SYSCALL', 'SOCKETCALL') ||
    between(t, 'SOCKADDR', 'MQ_GETSETATTR') ||
    between(t, 'FD_PAIR', 'OBJ_PID') ||
    between(t, 'BPRM_FCAPS', 'NETFILTER_PKT')
  )
    return 'AUDIT_RULE';
  if (t === FANOTIFY) return 'AV_DECISION';
  if (t === BPF) return 'BPF';
  return 'UNKNOWN';
}
