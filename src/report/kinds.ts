// The report kinds of aureport 3.0.9: the option that selects each, what its parsers look for, and its
// titles. Facts from src/aureport-options.c (which event_* settings each option makes) and
// src/aureport-output.c (titles and column headers).

import type { Want } from './extract.js';

export const REPORT_KINDS = [
  'summary',
  'time',
  'avc',
  'mac',
  'config',
  'event',
  'file',
  'host',
  'login',
  'mods',
  'pid',
  'syscall',
  'terminal',
  'user',
  'executable',
  'anomaly',
  'response',
  'crypto',
  'auth',
  'key',
  'tty',
  'comm',
  'virt',
  'integrity',
] as const;

export type ReportKind = (typeof REPORT_KINDS)[number];

/** aureport's --escape modes (auparse's), from none to most: each escapes what the one before it does, and more. */
export const ESCAPE_MODES = ['raw', 'tty', 'shell', 'shell_quote'] as const;
export type EscapeMode = (typeof ESCAPE_MODES)[number];

type WantKey = Exclude<keyof Want, 'interpret'>;

export interface KindSpec {
  /** The event_* items this report asks the parsers for. */
  want: readonly WantKey[];
  /** Detailed report: title and the column names after "date time" (the `# …` header line). */
  detail?: { title: string; rule: number; columns: readonly string[]; ruleAfter?: number };
  /** --summary: title, rule length, and the column after "total". */
  summary?: { title: string; rule: number; column: string };
}

const LOGIN_UID: WantKey[] = ['loginuid'];

export const KINDS: Record<ReportKind, KindSpec> = {
  summary: { want: ['filename', 'hostname', 'terminal', 'exe', 'comm', 'key', 'loginuid'] },
  time: { want: [] },
  avc: {
    want: ['comm', 'subject', 'object'],
    detail: { title: 'AVC Report', rule: 63, columns: ['comm', 'subj', 'syscall', 'class', 'permission', 'obj', 'result', 'event'] },
    summary: { title: 'Avc Object Summary Report', rule: 33, column: 'obj' },
  },
  mac: {
    want: LOGIN_UID,
    detail: { title: 'MAC Report', rule: 35, columns: ['auid', 'type', 'success', 'event'] },
    summary: { title: 'MAC Summary Report', rule: 18, column: 'type' },
  },
  config: {
    want: LOGIN_UID,
    detail: { title: 'Config Change Report', rule: 35, columns: ['type', 'auid', 'success', 'event'] },
    summary: { title: 'Config Change Summary Report', rule: 28, column: 'type' },
  },
  event: {
    want: LOGIN_UID,
    detail: { title: 'Event Report', rule: 35, columns: ['event', 'type', 'auid', 'success'] },
    summary: { title: 'Event Summary Report', rule: 22, column: 'type' },
  },
  file: {
    want: ['filename', 'exe', 'loginuid'],
    detail: { title: 'File Report', rule: 47, columns: ['file', 'syscall', 'success', 'exe', 'auid', 'event'] },
    summary: { title: 'File Summary Report', rule: 27, column: 'file' },
  },
  host: {
    want: ['hostname', 'loginuid'],
    detail: { title: 'Host Report', rule: 35, columns: ['host', 'syscall', 'auid', 'event'] },
    summary: { title: 'Host Summary Report', rule: 27, column: 'host' },
  },
  login: {
    want: ['exe', 'hostname', 'terminal', 'loginuid'],
    detail: { title: 'Login Report', rule: 44, columns: ['auid', 'host', 'term', 'exe', 'success', 'event'] },
    summary: { title: 'Login Summary Report', rule: 28, column: 'auid' },
  },
  mods: {
    want: ['exe', 'hostname', 'terminal', 'loginuid'],
    detail: { title: 'Account Modifications Report', rule: 49, columns: ['auid', 'addr', 'term', 'exe', 'acct', 'success', 'event'] },
    summary: { title: 'Acct Modification Summary Report', rule: 32, column: 'type' },
  },
  pid: {
    want: ['exe', 'loginuid'],
    detail: { title: 'Process ID Report', rule: 38, columns: ['pid', 'exe', 'syscall', 'auid', 'event'] },
    summary: { title: 'Pid Summary Report', rule: 26, column: 'pid' },
  },
  syscall: {
    want: ['comm', 'loginuid'],
    detail: { title: 'Syscall Report', rule: 39, columns: ['syscall', 'pid', 'comm', 'auid', 'event'] },
    summary: { title: 'Syscall Summary Report', rule: 26, column: 'syscall' },
  },
  terminal: {
    want: ['terminal', 'hostname', 'exe', 'loginuid'],
    detail: { title: 'Terminal Report', rule: 36, columns: ['term', 'host', 'exe', 'auid', 'event'] },
    summary: { title: 'Terminal Summary Report', rule: 31, column: 'terminal' },
  },
  user: {
    want: ['terminal', 'hostname', 'exe', 'uid', 'loginuid'],
    detail: { title: 'User ID Report', rule: 36, columns: ['auid', 'term', 'host', 'exe', 'event'] },
    summary: { title: 'User Summary Report', rule: 27, column: 'auid' },
  },
  executable: {
    want: ['terminal', 'hostname', 'exe', 'loginuid'],
    detail: { title: 'Executable Report', rule: 36, columns: ['exe', 'term', 'host', 'auid', 'event'] },
    summary: { title: 'Executable Summary Report', rule: 33, column: 'file' },
  },
  anomaly: {
    want: ['terminal', 'hostname', 'exe', 'comm', 'loginuid'],
    detail: { title: 'Anomaly Report', rule: 41, columns: ['type', 'exe', 'term', 'host', 'auid', 'event'] },
    summary: { title: 'Anomaly Summary Report', rule: 22, column: 'type' },
  },
  response: {
    want: [],
    detail: { title: 'Response to Anomaly Report', rule: 30, columns: ['type', 'success', 'event'] },
    summary: { title: 'Anomaly Response Summary Report', rule: 31, column: 'type' },
  },
  crypto: {
    want: LOGIN_UID,
    detail: { title: 'Crypto Report', rule: 35, columns: ['auid', 'type', 'success', 'event'] },
    summary: { title: 'Crypto Summary Report', rule: 21, column: 'type' },
  },
  auth: {
    want: ['exe', 'hostname', 'terminal', 'uid'],
    detail: { title: 'Authentication Report', rule: 44, columns: ['acct', 'host', 'term', 'exe', 'success', 'event'] },
    summary: { title: 'Authentication Summary Report', rule: 29, column: 'acct' },
  },
  key: {
    want: ['exe', 'key', 'loginuid'],
    detail: { title: 'Key Report', rule: 47, columns: ['key', 'success', 'exe', 'auid', 'event'] },
    summary: { title: 'Key Summary Report', rule: 27, column: 'key' },
  },
  tty: {
    want: ['session', 'loginuid', 'terminal', 'comm'],
    detail: { title: 'TTY Report', rule: 47, columns: ['event', 'auid', 'term', 'sess', 'comm', 'data'] },
  },
  comm: {
    want: ['terminal', 'hostname', 'comm', 'loginuid'],
    // aureport's rule under this header is one '=' longer than the one above it
    detail: { title: 'Command Report', rule: 36, columns: ['comm', 'term', 'host', 'auid', 'event'], ruleAfter: 37 },
    summary: { title: 'Command Summary Report', rule: 33, column: 'command' },
  },
  virt: {
    want: [],
    detail: { title: 'Virtualization Report', rule: 30, columns: ['type', 'success', 'event'] },
    summary: { title: 'Virtualization Summary Report', rule: 29, column: 'type' },
  },
  integrity: {
    want: LOGIN_UID,
    detail: { title: 'Integrity Report', rule: 30, columns: ['type', 'success', 'event'] },
    summary: { title: 'Integrity Summary Report', rule: 24, column: 'type' },
  },
};

export function wantOf(kind: ReportKind, interpret: boolean): Want {
  const w: Want = {
    exe: false,
    hostname: false,
    terminal: false,
    comm: false,
    filename: false,
    key: false,
    subject: false,
    object: false,
    uid: false,
    loginuid: false,
    session: false,
    interpret,
  };
  for (const k of KINDS[kind].want) w[k] = true;
  return w;
}
