// `--checkpoint FILE`: resume after the last complete event of the previous run, in ausearch 3.0.9's file
// format and with its exit codes (src/ausearch-checkpt.c, src/ausearch.c):
//
//   dev=0x803            the log file the last run ended in (st_dev in hex, st_ino in decimal)
//   inode=1234567
//   output=- 1795271990.725:4070 0x4B9     node ("-" for none), time:serial and first record type
//
// Exit 10: the checkpoint file cannot be read or parsed, or its log file is no longer among the logs.
// Exit 11: the checkpoint cannot be written (or the log file cannot be stat'ed).
// Exit 12: the logs do not fit the checkpoint (a complete event newer than it came before it).

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { TsauditError } from '../errors.js';
import type { SearchEvent } from './assemble.js';

/** How far past the checkpointed event a complete event may lie before the checkpoint is corrupt. */
const MAX_EVENT_DELTA_SECS = 2;

export const CHECKPOINT_EXIT = { BAD: 10, SAVE: 11, CORRUPT: 12 } as const;

export interface CheckpointEvent {
  node: string | undefined;
  sec: number;
  msec: number;
  serial: number;
  type: number;
}

export interface Checkpoint {
  dev: number;
  ino: number;
  /** The last event the run saw; undefined when it saw none (then everything is output). */
  last: CheckpointEvent | undefined;
}

const fail = (code: number, message: string) => new TsauditError('E_CHECKPOINT', message, { exitCode: code });

/** Reads a checkpoint. Undefined when the file does not exist (a first run). */
export function loadCheckpoint(file: string): Checkpoint | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fail(CHECKPOINT_EXIT.BAD, `cannot read checkpoint file ${file}: ${(err as Error).message}`);
  }
  let dev = 0;
  let ino = 0;
  let last: CheckpointEvent | undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.startsWith('dev=')) dev = Number.parseInt(line.slice(4).replace(/^0x/i, ''), 16) || 0;
    else if (line.startsWith('inode=')) ino = Number(line.slice(6)) || 0;
    else if (line.startsWith('output=')) {
      const m = /^output=(\S+) (\d+)\.(\d{1,3}):(\d+) 0x([0-9A-Fa-f]+)/.exec(line);
      if (!m) throw fail(CHECKPOINT_EXIT.BAD, `${where}: malformed checkpoint line: got ${JSON.stringify(line)}`);
      last = { node: m[1] === '-' ? undefined : m[1], sec: +m[2]!, msec: +m[3]!, serial: +m[4]!, type: Number.parseInt(m[5]!, 16) };
    } else throw fail(CHECKPOINT_EXIT.BAD, `${where}: unknown checkpoint line: got ${JSON.stringify(line)}`);
  });
  if (dev === 0 || ino === 0) throw fail(CHECKPOINT_EXIT.BAD, `${file}: missing dev= or inode= line`);
  // ausearch treats "no event" (sec 0) as no event
  if (last !== undefined && last.sec === 0) last = undefined;
  return { dev, ino, last };
}

export function saveCheckpoint(file: string, logFile: string, last: CheckpointEvent | undefined): void {
  let st;
  try {
    st = statSync(logFile);
  } catch (err) {
    throw fail(CHECKPOINT_EXIT.SAVE, `cannot stat ${logFile} for the checkpoint: ${(err as Error).message}`);
  }
  const e = last ?? { node: undefined, sec: 0, msec: 0, serial: 0, type: 0 };
  // ausearch writes dev and inode truncated to 32 bits
  const text =
    `dev=0x${(Number(st.dev) >>> 0).toString(16).toUpperCase()}\ninode=${Number(st.ino) >>> 0}\n` +
    `output=${e.node ?? '-'} ${e.sec}.${String(e.msec).padStart(3, '0')}:${e.serial} 0x${(e.type >>> 0).toString(16).toUpperCase()}\n`;
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw fail(CHECKPOINT_EXIT.SAVE, `cannot write checkpoint file ${file}: ${(err as Error).message}`);
  }
}

/** True when the file is the checkpoint's log file (same device and inode, as ausearch compares them). */
export function isCheckpointFile(file: string, cp: Checkpoint): boolean {
  try {
    const st = statSync(file);
    return Number(st.dev) >>> 0 === cp.dev >>> 0 && Number(st.ino) >>> 0 === cp.ino >>> 0;
  } catch {
    return false;
  }
}

/**
 * Decides, event by event, whether output may start (ausearch's chkpt_output_decision): after the
 * checkpointed event, or (timeOnly, `-ts checkpoint`) from its time on. Throws exit 12 when a complete
 * event more than 2 s newer than the checkpoint comes first.
 */
export class CheckpointGate {
  private open: boolean;

  constructor(
    private readonly cp: Checkpoint | undefined,
    private readonly timeOnly: boolean,
  ) {
    this.open = cp === undefined || cp.last === undefined;
  }

  /** True when `e` may be output; false for events up to the checkpointed one. */
  pass(e: SearchEvent): boolean {
    if (this.open) return true;
    const c = this.cp!.last!;
    if (this.timeOnly && (c.sec < e.sec || (c.sec === e.sec && c.msec <= e.msec))) {
      this.open = true;
      return true;
    }
    if (c.sec === e.sec && c.msec === e.msec && c.serial === e.serial && c.type === e.type && c.node === e.node) {
      this.open = true;
      return false; // output starts after this one
    }
    if (c.sec < e.sec && e.sec - c.sec > MAX_EVENT_DELTA_SECS) {
      throw fail(
        CHECKPOINT_EXIT.CORRUPT,
        `corrupted checkpoint: a newer complete event (${e.sec}.${String(e.msec).padStart(3, '0')}:${e.serial}) came before the checkpointed ${c.sec}.${String(c.msec).padStart(3, '0')}:${c.serial}`,
      );
    }
    return false;
  }
}
