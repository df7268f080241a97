// Which logs a search reads, as ausearch 3.0.9 decides (src/ausearch.c main() and process_logs()):
//
//   -if FILE       that file            -if DIR      DIR/audit.log and its rotations, oldest first
//   --input-logs   auditd.conf's log_file and its rotations (also when stdin is a pipe)
//   (none)         stdin when it is a pipe or a file; else the system's logs, as --input-logs
//
// `-if` may be given more than once (ausearch takes one): the inputs are read one after another, as one
// stream. Rotations are LOG.N ... LOG.2, LOG.1, LOG: ausearch counts up from LOG.1 while they are readable.

import { fstatSync } from 'node:fs';
import { join } from 'node:path';
import { AUDITD_CONF, isLogDirectory, readAuditdConf, readable, rotatedSet } from '../pipeline/system-logs.js';

export interface InputPlan {
  /** Files in reading order; '-' is stdin. */
  files: string[];
  /** The log sets that were expanded (for --checkpoint: the files it may resume in, newest last). */
  rotated: boolean;
  /** A note for stderr (ausearch prints "NOTE - using logs in ..."), or undefined. */
  note?: string;
}

export interface SearchConf {
  logFile: string;
  /** end_of_event_timeout (seconds) */
  eoeTimeout: number;
}

/** ausearch's end_of_event_timeout when auditd.conf gives none (or 0). */
const DEFAULT_EOE_TIMEOUT = 2;

/** The settings search needs from auditd.conf (defaults as auditd's when the file or a key is missing). */
export function searchConf(file = AUDITD_CONF): SearchConf {
  const { logFile, eoeTimeout } = readAuditdConf(file);
  return { logFile, eoeTimeout: eoeTimeout !== undefined && eoeTimeout > 0 ? eoeTimeout : DEFAULT_EOE_TIMEOUT };
}

/** LOG and its rotations LOG.1, LOG.2, ... that are readable, oldest first. Empty when LOG is not readable. */
export function rotatedLogs(log: string): string[] {
  return readable(log) ? rotatedSet(log) : [];
}

/** True when stdin is a pipe, a socket or a regular file (not a terminal, not /dev/null). */
export function stdinHasData(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isSocket() || (st.isFile() && !process.stdin.isTTY);
  } catch {
    return false;
  }
}

export interface InputFlags {
  input?: string[];
  inputLogs?: boolean;
}

/** ausearch's words for an -if it cannot look at. */
const inputError =
  (input: string) =>
  ({ code, message }: NodeJS.ErrnoException): string =>
    `-if ${input}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : message}`;

export function planInputs(flags: InputFlags, conf: SearchConf, stdin: () => boolean = stdinHasData): InputPlan {
  const inputs = flags.input ?? [];
  if (inputs.length > 0) {
    const files: string[] = [];
    let rotated = false;
    const notes: string[] = [];
    for (const input of inputs) {
      if (isLogDirectory(input, inputError(input))) {
        const log = join(input, 'audit.log');
        notes.push(`NOTE - using logs in ${log}`);
        files.push(...rotatedLogs(log));
        rotated = true;
      } else files.push(input);
    }
    return { files, rotated, note: notes.length > 0 ? notes.join('\n') : undefined };
  }
  if (!flags.inputLogs && stdin()) return { files: ['-'], rotated: false };
  return { files: rotatedLogs(conf.logFile), rotated: true };
}
