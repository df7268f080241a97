// The system's audit logs, found as ausearch and aureport find them when given no input: the `log_file` of
// auditd.conf (default /var/log/audit/audit.log) and its rotations audit.log.1, audit.log.2, ..., read
// oldest first so that events come out in time order. A verb that reads logs uses this when it was given
// no file and stdin is a terminal, instead of waiting silently for input that will never come. The auditd.conf
// reader and the rotated-set walk here are the ones parse, search and report share; each verb keeps its own
// rules for what it does with them (search's default timeout, report's note, an unreadable log).

import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { TsauditError } from '../errors.js';

export const AUDITD_CONF = '/etc/audit/auditd.conf';
export const DEFAULT_LOG_FILE = '/var/log/audit/audit.log';

export interface SystemLogOptions {
  /** auditd's configuration file (default /etc/audit/auditd.conf). */
  conf?: string;
}

/** What the reading verbs take from auditd.conf. */
export interface AuditdConf {
  /** `log_file`; DEFAULT_LOG_FILE when the file or the setting is missing. */
  logFile: string;
  /** `end_of_event_timeout` in seconds as written (0 included); undefined when missing or not a whole number. */
  eoeTimeout: number | undefined;
  /** False when the file could not be read (absent, or not root): every value is auditd's built-in one. */
  read: boolean;
}

/**
 * The settings of an auditd.conf text, key -> value. auditd reads `key = value` lines; `#` starts a comment;
 * the last setting of a key wins.
 */
export function auditdConfSettings(confText: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of confText.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S.*)$/.exec(raw.replace(/#.*/, '').trim());
    if (m) settings.set(m[1]!, m[2]!.trim());
  }
  return settings;
}

/** auditd.conf's settings the reading verbs use, or auditd's defaults when it cannot be read. */
export function readAuditdConf(file = AUDITD_CONF): AuditdConf {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // unreadable or absent (not root, auditd not installed): auditd itself would use the defaults
    return { logFile: DEFAULT_LOG_FILE, eoeTimeout: undefined, read: false };
  }
  const settings = auditdConfSettings(text);
  const timeout = settings.get('end_of_event_timeout');
  return {
    logFile: settings.get('log_file') ?? DEFAULT_LOG_FILE,
    eoeTimeout: timeout !== undefined && /^\d+$/.test(timeout) ? Number(timeout) : undefined,
    read: true,
  };
}

/** Where auditd writes its log: auditd.conf's log_file, or the default when the file or setting is missing. */
export function systemLogFile(opts: SystemLogOptions = {}): string {
  return readAuditdConf(opts.conf).logFile;
}

/** Whether a file is there. One we may not even stat (EACCES: not root) counts as absent. */
const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/** Whether we may read a file. */
export const readable = (path: string): boolean => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * LOG's rotated set, oldest first: LOG.N ... LOG.1, LOG. Rotations are counted up from LOG.1 while `present`
 * says they are there, so a gap ends them (as ausearch and aureport count). LOG itself is always last.
 */
export function rotatedSet(log: string, present: (path: string) => boolean = readable): string[] {
  const rotations: string[] = [];
  for (let n = 1; present(`${log}.${n}`); n++) rotations.push(`${log}.${n}`);
  return [...rotations.reverse(), log];
}

/**
 * Whether a named input (-if) is a directory, which stands for the rotated set of the audit.log in it. A path
 * that cannot be looked at is a one-line E_INPUT error naming it, in the verb's words (`why`).
 */
export function isLogDirectory(path: string, why: (err: NodeJS.ErrnoException) => string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (err) {
    throw new TsauditError('E_INPUT', why(err as NodeJS.ErrnoException), { exitCode: 1, context: { file: path } });
  }
}

/**
 * The system's audit log and its rotations, oldest first: audit.log.N ... audit.log.1, audit.log. Like
 * ausearch, rotations are taken while they are numbered without a gap; one that is there but cannot be read
 * is not skipped: this throws a one-line E_INPUT error naming the file (absent, or not root).
 */
export function systemLogFiles(opts: SystemLogOptions = {}): string[] {
  const files = rotatedSet(systemLogFile(opts), exists);
  for (const file of files) {
    try {
      accessSync(file, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied (run as root)' : String(code);
      throw new TsauditError(
        'E_INPUT',
        `no input given and cannot read the system's audit log ${file}: ${why}; name a log file or pipe one in`,
        { exitCode: 1, context: { file } },
      );
    }
  }
  return files;
}
