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

/** A kind's spec from [title, rule, columns, rule after the header] and [title, rule, column]. */
function spec(
  want: readonly WantKey[],
  detail?: readonly [string, number, readonly string[], number?],
  summary?: readonly [string, number, string],
): KindSpec {
  return {
    want,
    detail: detail && { title: detail[0], rule: detail[1], columns: detail[2], ruleAfter: detail[3] },
    summary: summary && { title: summary[0], rule: summary[1], column: summary[2] },
  };
}

// one line per report: a table (prettier would fold the long ones over three lines each)
// prettier-ignore
export const KINDS: Record<ReportKind, KindSpec> = {
  summary: spec(['filename', 'hostname', 'terminal', 'exe', 'comm', 'key', 'loginuid']),
  time: spec([]),
  avc: spec(['comm', 'subject', 'object'], ['AVC Report', 63, ['comm', 'subj', 'syscall', 'class', 'permission', 'obj', 'result', 'event']], ['Avc Object Summary Report', 33, 'obj']),
  mac: spec(LOGIN_UID, ['MAC Report', 35, ['auid', 'type', 'success', 'event']], ['MAC Summary Report', 18, 'type']),
  config: spec(LOGIN_UID, ['Config Change Report', 35, ['type', 'auid', 'success', 'event']], ['Config Change Summary Report', 28, 'type']),
  event: spec(LOGIN_UID, ['Event Report', 35, ['event', 'type', 'auid', 'success']], ['Event Summary Report', 22, 'type']),
  file: spec(['filename', 'exe', 'loginuid'], ['File Report', 47, ['file', 'syscall', 'success', 'exe', 'auid', 'event']], ['File Summary Report', 27, 'file']),
  host: spec(['hostname', 'loginuid'], ['Host Report', 35, ['host', 'syscall', 'auid', 'event']], ['Host Summary Report', 27, 'host']),
  login: spec(['exe', 'hostname', 'terminal', 'loginuid'], ['Login Report', 44, ['auid', 'host', 'term', 'exe', 'success', 'event']], ['Login Summary Report', 28, 'auid']),
  mods: spec(['exe', 'hostname', 'terminal', 'loginuid'], ['Account Modifications Report', 49, ['auid', 'addr', 'term', 'exe', 'acct', 'success', 'event']], ['Acct Modification Summary Report', 32, 'type']),
  pid: spec(['exe', 'loginuid'], ['Process ID Report', 38, ['pid', 'exe', 'syscall', 'auid', 'event']], ['Pid Summary Report', 26, 'pid']),
  syscall: spec(['comm', 'loginuid'], ['Syscall Report', 39, ['syscall', 'pid', 'comm', 'auid', 'event']], ['Syscall Summary Report', 26, 'syscall']),
  terminal: spec(['terminal', 'hostname', 'exe', 'loginuid'], ['Terminal Report', 36, ['term', 'host', 'exe', 'auid', 'event']], ['Terminal Summary Report', 31, 'terminal']),
  user: spec(['terminal', 'hostname', 'exe', 'uid', 'loginuid'], ['User ID Report', 36, ['auid', 'term', 'host', 'exe', 'event']], ['User Summary Report', 27, 'auid']),
  executable: spec(['terminal', 'hostname', 'exe', 'loginuid'], ['Executable Report', 36, ['exe', 'term', 'host', 'auid', 'event']], ['Executable Summary Report', 33, 'file']),
  anomaly: spec(['terminal', 'hostname', 'exe', 'comm', 'loginuid'], ['Anomaly Report', 41, ['type', 'exe', 'term', 'host', 'auid', 'event']], ['Anomaly Summary Report', 22, 'type']),
  response: spec([], ['Response to Anomaly Report', 30, ['type', 'success', 'event']], ['Anomaly Response Summary Report', 31, 'type']),
  crypto: spec(LOGIN_UID, ['Crypto Report', 35, ['auid', 'type', 'success', 'event']], ['Crypto Summary Report', 21, 'type']),
  auth: spec(['exe', 'hostname', 'terminal', 'uid'], ['Authentication Report', 44, ['acct', 'host', 'term', 'exe', 'success', 'event']], ['Authentication Summary Report', 29, 'acct']),
  key: spec(['exe', 'key', 'loginuid'], ['Key Report', 47, ['key', 'success', 'exe', 'auid', 'event']], ['Key Summary Report', 27, 'key']),
  tty: spec(['session', 'loginuid', 'terminal', 'comm'], ['TTY Report', 47, ['event', 'auid', 'term', 'sess', 'comm', 'data']]),
  // aureport's rule under this header is one '=' longer than the one above it
  comm: spec(['terminal', 'hostname', 'comm', 'loginuid'], ['Command Report', 36, ['comm', 'term', 'host', 'auid', 'event'], 37], ['Command Summary Report', 33, 'command']),
  virt: spec([], ['Virtualization Report', 30, ['type', 'success', 'event']], ['Virtualization Summary Report', 29, 'type']),
  integrity: spec(LOGIN_UID, ['Integrity Report', 30, ['type', 'success', 'event']], ['Integrity Summary Report', 24, 'type']),
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
