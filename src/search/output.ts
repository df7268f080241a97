// ausearch's two plain outputs (src/ausearch-report.c, 3.0.9), over events whose lines are byte strings:
//
//   --raw     each record's line as it was read, in the event's record order
//   default   "----", "time->" and ctime(3) of the event's second, then the records LAST FIRST, each cut
//             at the ENRICHED separator, control bytes written as \ooo (--escape tty); a daemon event
//             (types 1200-1299) prints its last record only
//
// ausearch --raw appends a \x1d to the records of an ENRICHED event that have none (PROCTITLE, ...):
// it restores its separator by writing over the string's end. tsaudit writes the lines as read.

import type { Output } from '../format/output.js';
import { type HeldEvent, LazyRecord } from './assemble.js';

export type EscapeMode = 'raw' | 'tty' | 'shell' | 'shell_quote';

const DAEMON_START = 1200;
const SYSCALL = 1300;

/** --raw straight from the bytes read (no string per line); an event that does not fit a batch goes as text. */
export function writeRawEvent(out: Output, e: HeldEvent): boolean {
  const at = out.reserve(MAX_COPY) ? e.copyLines(out.buffer, out.offset) : -1;
  if (at >= 0) return out.commit(at);
  let ok = true;
  for (const r of e.records) ok = out.write(`${r.line}\n`) && ok;
  return ok;
}

/** Room reserved per event copied: most events fit, a longer one is written as text. */
const MAX_COPY = 64 * 1024;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** ctime(3) of an epoch second in the process's time zone: `Sat Nov 21 14:39:46 2026\n`. */
export function ctime(sec: number): string {
  const d = new Date(sec * 1000);
  const day = d.getDate();
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${day < 10 ? ` ${day}` : day} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} ${d.getFullYear()}\n`;
}

const SHELL_SET = new Set('"\'`$\\!()| ');
const QUOTE_SET = new Set('"\'`$\\!()| ;#&*?[]<>{}');
/** What each mode escapes, as one test over the text (most records need nothing). */
const NEEDS_ESCAPE: Record<Exclude<EscapeMode, 'raw'>, RegExp> = {
  tty: /[\x00-\x1f]/,
  shell: /[\x00-\x1f"'`$\\!()| ]/,
  shell_quote: /[\x00-\x1f"'`$\\!()| ;#&*?[\]<>{}]/,
};

function octal(c: number): string {
  return `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}`;
}

/** A record's text as ausearch's safe_print_string_n() writes it under an --escape mode. */
export function escapeText(s: string, mode: EscapeMode): string {
  if (mode === 'raw' || !NEEDS_ESCAPE[mode].test(s)) return s;
  const set = mode === 'shell' ? SHELL_SET : mode === 'shell_quote' ? QUOTE_SET : null;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32) out += octal(c);
    else if (set !== null && set.has(s[i]!)) out += `\\${s[i]}`;
    else out += s[i];
  }
  return out;
}

/** The record's text up to its ENRICHED separator (what ausearch keeps as the message). */
function message(line: string, bodyEnd: number): string {
  return bodyEnd < line.length ? line.slice(0, bodyEnd) : line;
}

/** The default layout for one run, from the lines as read (no record is parsed for it). */
export function defaultEventText(mode: EscapeMode = 'tty'): (e: HeldEvent) => string {
  // reused view of the record being written (an event is written before the next one is formed)
  const lazy = new LazyRecord();
  // events come in time order: most have the second of the one before
  let sec = NaN;
  let time = '';
  return (e) => {
    if (e.sec !== sec) {
      sec = e.sec;
      time = ctime(sec);
    }
    return eventText(e, `----\ntime->${time}`, lazy, mode);
  };
}

function eventText(e: HeldEvent, head: string, lazy: LazyRecord, mode: EscapeMode): string {
  let s = head;
  const n = e.size;
  const lastType = e.typeAt(n - 1);
  if (lastType >= DAEMON_START && lastType < SYSCALL) {
    const last = e.raw(n - 1, lazy);
    return `${s}${message(last.line, last.bodyEnd)}\n`;
  }
  for (let i = n - 1; i >= 0; i--) {
    const r = e.raw(i, lazy);
    s += `${escapeText(message(r.line, r.bodyEnd), mode)}\n`;
  }
  return s;
}
