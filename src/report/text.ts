// aureport's text output, byte for byte: titles, rows, --summary lists, the Summary Report, the Log Time
// Range Report. Strings are latin1 (one char per input byte), so writing them as latin1 gives back the
// input's bytes.

import { ttyDataText } from '../audit-fields/tty-data.js';
import {
  type Cell,
  type CellMode,
  cellModes,
  type DetailRow,
  type SummaryCounters,
  type SummaryEntry,
  type SummaryStyle,
} from './engine.js';
import { type EscapeMode, KINDS, type ReportKind } from './kinds.js';

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

let cachedSec = Number.NaN;
let cachedDate = '';

/** strftime "%x %T" in the C locale, local time: `11/21/26 14:39:46`. */
export function cDate(sec: number): string {
  if (sec === cachedSec) return cachedDate;
  const d = new Date(sec * 1000);
  cachedSec = sec;
  cachedDate = `${pad2(d.getMonth() + 1)}/${pad2(d.getDate())}/${pad2(d.getFullYear() % 100)} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  return cachedDate;
}

export const cDateMs = (sec: number, milli: number) => `${cDate(sec)}.${pad3(milli)}`;

/** Characters shell mode puts a backslash before; shell_quote adds the glob, redirection and list ones. */
const SHELL_SET = '"\'`$\\!()| ';
const SHELL_QUOTE_SET = `${SHELL_SET};#&*?[]<>{}`;
/** MAX_AUDIT_MESSAGE_LENGTH: the escaping path writes at most this many bytes of a value; a value needing none is printed whole. */
const ESCAPE_LIMIT = 8970;

/** Whether safe_print_string takes its escaping path for `s` in `mode`. */
function needsEscape(s: string, mode: EscapeMode): boolean {
  if (mode === 'raw') return false;
  const set = mode === 'shell' ? SHELL_SET : mode === 'shell_quote' ? SHELL_QUOTE_SET : '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // shell mode tests a signed char: bytes from 0x80 count too (they are then printed as they are)
    if (c < 32 || (mode === 'shell' && c >= 128) || (set !== '' && set.includes(s[i]!))) return true;
  }
  return false;
}

/** safe_print_string: `s` escaped for `mode` (controls as \ooo, shell characters after a backslash), NULL as "(null)". */
export function safe(s: string | undefined, mode: EscapeMode = 'tty'): string {
  if (s === undefined) return '(null)';
  if (!needsEscape(s, mode)) return s;
  const set = mode === 'shell' ? SHELL_SET : mode === 'shell_quote' ? SHELL_QUOTE_SET : '';
  const n = Math.min(s.length, ESCAPE_LIMIT);
  let out = '';
  for (let j = 0; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 32) out += `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}`;
    else if (set !== '' && set.includes(s[j]!)) out += `\\${s[j]}`;
    else out += s[j];
  }
  return out;
}

const plain = (v: Cell) => (v === undefined ? '(null)' : String(v));

/** print_tty_data: hex TTY input as quoted printable runs and <named keys>. */
export function ttyData(val: string): string {
  if (!/^[0-9A-Fa-f]*$/.test(val)) return val;
  if (val.length < 2) return `conversion error(${val})`;
  return ttyDataText(Buffer.from(val, 'hex'));
}

export interface TitleOptions {
  kind: ReportKind;
  summary: boolean;
  failed: boolean;
  success: boolean;
}

/** The title block print_title() writes before reading any input; undefined title = aureport's "Unimplemented option". */
export function titleText(o: TitleOptions): { text: string; unimplemented: boolean } {
  let t = '\n';
  if (o.summary) {
    if (o.failed) t += 'Failed ';
    else if (o.success) t += 'Success ';
    if (o.kind === 'summary') return { text: `${t}Summary Report\n======================\n`, unimplemented: false };
    const s = KINDS[o.kind].summary;
    if (s === undefined) return { text: t, unimplemented: true };
    const rule = '='.repeat(s.rule);
    return { text: `${t}${s.title}\n${rule}\ntotal  ${s.column}\n${rule}\n`, unimplemented: false };
  }
  if (o.kind === 'time') return { text: `${t}Log Time Range Report\n=====================\n`, unimplemented: false };
  const d = KINDS[o.kind].detail!;
  return {
    text: `${t}${d.title}\n${'='.repeat(d.rule)}\n# date time ${d.columns.join(' ')}\n${'='.repeat(d.ruleAfter ?? d.rule)}\n`,
    unimplemented: false,
  };
}

/** One detailed row as aureport prints it. */
export function rowText(kind: ReportKind, row: DetailRow, escape: EscapeMode = 'tty'): string {
  const modes: readonly CellMode[] = cellModes(kind);
  let s = `${row.n}. ${cDate(row.sec)} `;
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    const m = modes[i];
    s +=
      (i === 0 ? '' : ' ') +
      (m === 'safe' ? safe(v === undefined ? undefined : String(v), escape) : m === 'tty' ? ttyData(String(v)) : plain(v));
  }
  return cells.length === 0 ? s : `${s}\n`;
}

export const NO_EVENTS = '<no events of interest were found>\n\n';

/** A --summary list as aureport prints it. */
export function summaryText(style: SummaryStyle | undefined, entries: SummaryEntry[], escape: EscapeMode = 'tty'): string {
  if (entries.length === 0) return NO_EVENTS;
  let s = '';
  for (const e of entries) {
    const v =
      style === 'string' || style === 'int' || style === 'type'
        ? plain(e.value)
        : safe(e.value === undefined ? undefined : String(e.value), escape);
    s += `${e.total}  ${v}\n`;
  }
  return s;
}

/** The Summary Report's body (after its title). */
export function countersText(c: SummaryCounters): string {
  const { first, last } = c.range;
  const selStart = c.selected.start !== undefined ? cDate(c.selected.start) : cDate(first[0]);
  const selEnd = c.selected.end !== undefined ? cDate(c.selected.end) : cDateMs(last[0], last[1]);
  return (
    `Range of time in logs: ${cDateMs(first[0], first[1])} - ${cDateMs(last[0], last[1])}\n` +
    `Selected time for report: ${selStart} - ${selEnd}\n` +
    `Number of changes in configuration: ${c.changes}\n` +
    `Number of changes to accounts, groups, or roles: ${c.account_changes}\n` +
    `Number of logins: ${c.logins}\n` +
    `Number of failed logins: ${c.failed_logins}\n` +
    `Number of authentications: ${c.authentications}\n` +
    `Number of failed authentications: ${c.failed_authentications}\n` +
    `Number of users: ${c.users}\n` +
    `Number of terminals: ${c.terminals}\n` +
    `Number of host names: ${c.host_names}\n` +
    `Number of executables: ${c.executables}\n` +
    `Number of commands: ${c.commands}\n` +
    `Number of files: ${c.files}\n` +
    `Number of AVC's: ${c.avcs}\n` +
    `Number of MAC events: ${c.mac_events}\n` +
    `Number of failed syscalls: ${c.failed_syscalls}\n` +
    `Number of anomaly events: ${c.anomaly_events}\n` +
    `Number of responses to anomaly events: ${c.anomaly_responses}\n` +
    `Number of crypto events: ${c.crypto_events}\n` +
    `Number of integrity events: ${c.integrity_events}\n` +
    `Number of virt events: ${c.virt_events}\n` +
    `Number of keys: ${c.keys}\n` +
    `Number of process IDs: ${c.process_ids}\n` +
    `Number of events: ${c.events}\n\n`
  );
}

/** One line of the Log Time Range Report. */
export function timeRangeText(name: string, first: [number, number] | undefined, last: [number, number] | undefined): string {
  if (first === undefined || last === undefined) return `${name}: no records\n`;
  return `${name}: ${cDateMs(first[0], first[1])} - ${cDateMs(last[0], last[1])}\n`;
}
