// Which logs a search reads, as ausearch 3.0.9 decides (src/ausearch.c main() and process_logs()):
//
//   -if FILE       that file            -if DIR      DIR/audit.log and its rotations, oldest first
//   --input-logs   auditd.conf's log_file and its rotations (also when stdin is a pipe)
//   (none)         stdin when it is a pipe or a file; else the system's logs, as --input-logs
//
// `-if` may be given more than once (ausearch takes one): the inputs are read one after another, as one
// stream. Rotations are LOG.N ... LOG.2, LOG.1, LOG: ausearch counts up from LOG.1 while they are readable.

import { accessSync, constants, fstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TsauditError } from '../errors.js';

export const AUDITD_CONF = '/etc/audit/auditd.conf';

export interface InputPlan {
  /** Files in reading order; '-' is stdin. */
  files: string[];
  /** The log sets that were expanded (for --checkpoint: the files it may resume in, newest last). */
  rotated: boolean;
  /** A note for stderr (ausearch prints "NOTE - using logs in ..."), or undefined. */
  note?: string;
}

export interface AuditdConf {
  logFile: string;
  /** end_of_event_timeout (seconds) */
  eoeTimeout: number;
}

/** The settings search needs from auditd.conf (defaults as auditd's when the file or a key is missing). */
export function readAuditdConf(file = AUDITD_CONF): AuditdConf {
  const conf: AuditdConf = { logFile: '/var/log/audit/audit.log', eoeTimeout: 2 };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return conf;
  }
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'log_file' && value !== '') conf.logFile = value;
    else if (key === 'end_of_event_timeout' && /^\d+$/.test(value) && Number(value) > 0) conf.eoeTimeout = Number(value);
  }
  return conf;
}

const readable = (f: string): boolean => {
  try {
    accessSync(f, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/** LOG and its rotations LOG.1, LOG.2, ... that are readable, oldest first. Empty when LOG is not readable. */
export function rotatedLogs(log: string): string[] {
  if (!readable(log)) return [];
  const files = [log];
  for (let n = 1; readable(`${log}.${n}`); n++) files.push(`${log}.${n}`);
  return files.reverse();
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

export function planInputs(flags: InputFlags, conf: AuditdConf, stdin: () => boolean = stdinHasData): InputPlan {
  const inputs = flags.input ?? [];
  if (inputs.length > 0) {
    const files: string[] = [];
    let rotated = false;
    const notes: string[] = [];
    for (const input of inputs) {
      let st;
      try {
        st = statSync(input);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
        throw new TsauditError('E_INPUT', `-if ${input}: ${why}`, { exitCode: 1, context: { file: input } });
      }
      if (st.isDirectory()) {
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
