// The system's audit logs, found as ausearch and aureport find them when given no input: the `log_file` of
// auditd.conf (default /var/log/audit/audit.log) and its rotations audit.log.1, audit.log.2, ..., read
// oldest first so that events come out in time order. A verb that reads logs uses this when it was given
// no file and stdin is a terminal, instead of waiting silently for input that will never come.

import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { TsauditError } from '../errors.js';

export const AUDITD_CONF = '/etc/audit/auditd.conf';
export const DEFAULT_LOG_FILE = '/var/log/audit/audit.log';

export interface SystemLogOptions {
  /** auditd's configuration file (default /etc/audit/auditd.conf). */
  conf?: string;
}

/**
 * The `log_file` setting of an auditd.conf text (`log_file = /var/log/audit/audit.log`), or undefined.
 * auditd reads `key = value` lines and ignores `#` comments; the last setting wins.
 */
export function logFileSetting(confText: string): string | undefined {
  let found: string | undefined;
  for (const raw of confText.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^log_file\s*=\s*(\S.*)$/.exec(line);
    if (m) found = m[1]!.trim();
  }
  return found;
}

/** Where auditd writes its log: auditd.conf's log_file, or the default when the file or setting is missing. */
export function systemLogFile(opts: SystemLogOptions = {}): string {
  const conf = opts.conf ?? AUDITD_CONF;
  let text: string;
  try {
    text = readFileSync(conf, 'utf8');
  } catch {
    // unreadable or absent (not root, auditd not installed): auditd itself would use the default
    return DEFAULT_LOG_FILE;
  }
  return logFileSetting(text) ?? DEFAULT_LOG_FILE;
}

/** Whether a rotation is there. One we may not even stat (EACCES: not root) counts as absent, since the
 * log itself then cannot be read either, and the check below names it. */
const exists = (path: string): boolean => {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * The system's audit log and its rotations, oldest first: audit.log.N ... audit.log.1, audit.log. Like
 * ausearch, rotations are taken while they are numbered without a gap. Throws a one-line E_INPUT error
 * naming the file when one of them cannot be read (absent, or not root).
 */
export function systemLogFiles(opts: SystemLogOptions = {}): string[] {
  const log = systemLogFile(opts);
  const rotations: string[] = [];
  for (let n = 1; exists(`${log}.${n}`); n++) rotations.push(`${log}.${n}`);
  const files = [...rotations.reverse(), log];
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
