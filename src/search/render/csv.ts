// `ausearch --format csv` (audit 3.0.9) for one event: one line of auparse's normalized event (see
// ./normalize.ts), columns as ausearch's csv_event prints them. The header line is printed once, before the
// first event: csvHeader().

import type { AuditRecord } from '../../parse/record.js';
import { NOT_IN_AUSEARCH, messageTypeName } from '../../tables/message-types.js';
import { AuEvent } from './auparse-event.js';
import { type IdNames, T } from './auparse-values.js';
import { normalize, objectKindName, seek } from './normalize.js';
import { localTime } from './time.js';

export interface CsvOptions {
  ids: IdNames;
  /** --extra-keys: a KEY column. */
  extraKeys?: boolean;
  /** --extra-labels: SUBJ_LABEL and OBJ_LABEL columns (and auparse's attribute-collecting normalization). */
  extraLabels?: boolean;
  /** --extra-obj2: an OBJ2 column. */
  extraObj2?: boolean;
  /** --extra-time: YEAR, MONTH, DAY, WEEKDAY, HOUR, MILLI, GMT_OFFSET columns. */
  extraTime?: boolean;
}

/** The header line (with its newline). */
export function csvHeader(opts: Omit<CsvOptions, 'ids'>): string {
  return (
    `NODE,EVENT,DATE,TIME,${opts.extraTime ? 'YEAR,MONTH,DAY,WEEKDAY,HOUR,MILLI,GMT_OFFSET,' : ''}SERIAL_NUM,EVENT_KIND,` +
    `SESSION,SUBJ_PRIME,SUBJ_SEC,SUBJ_KIND,${opts.extraLabels ? 'SUBJ_LABEL,' : ''}ACTION,` +
    `RESULT,OBJ_PRIME,OBJ_SEC,${opts.extraObj2 ? 'OBJ2,' : ''}${opts.extraLabels ? 'OBJ_LABEL,' : ''}OBJ_KIND,HOW${opts.extraKeys ? ',KEY' : ''}\n`
  );
}

/** The name ausearch 3.0.9 prints for a record type; '' for types it does not know. */
export function ausearchTypeName(type: number): string {
  if (type < 0 || NOT_IN_AUSEARCH.has(type)) return '';
  const name = messageTypeName(type);
  return name.startsWith('UNKNOWN[') ? '' : name;
}

/**
 * Offset from UTC as +HH:MM. ausearch 3.0.9 computes the minutes as (seconds % 60) of what is left after the
 * hours, which is always 0 for whole-minute zones: +05:30 comes out +05:00. That loses the half hour, so the
 * minutes here are the real ones.
 */
export function gmtOffset(gmtoff: number): string {
  const total = Math.abs(gmtoff);
  const hour = Math.floor(total / 3600);
  const min = Math.floor((total - hour * 3600) / 60);
  return `${gmtoff >= 0 ? '+' : '-'}${hour < 10 ? '0' : ''}${hour}:${min < 10 ? '0' : ''}${min}`;
}

/** Is a RESULT field's interpretation a success (yes, suc…, or a SECCOMP `allow`)? */
export function isSuccess(au: AuEvent, item: string | undefined): boolean {
  if (item === undefined) return false;
  return item === 'yes' || item.startsWith('suc') || (au.fieldType() === T.SECCOMP && item === 'allow');
}

/** One CSV line for the event (records in received order), with its newline. */
export function renderCsv(records: readonly AuditRecord[], opts: CsvOptions): string {
  const au = new AuEvent(records, opts.ids);
  const first = records[0]!;
  let out = '';
  au.firstRecord();
  if (first.node !== undefined) out += au.interpret() ?? '';
  out += `,${ausearchTypeName(au.type())},`;
  const d = normalize(au, opts.extraLabels === true, (n) => opts.ids.userId?.(n));
  const tm = localTime(first.sec);
  out += `${tm.date},${tm.time},`;
  if (opts.extraTime) out += `${tm.year},${tm.month},${tm.day},${tm.weekday},${tm.hour},${first.msec},${gmtOffset(tm.gmtoff)},`;
  out += `${first.serial},`;
  if (d.rc) return `${out},,,,,,,,,${opts.extraLabels ? ',,' : ''}${opts.extraKeys ? ',' : ''}\n`;
  out += `${d.evkind ?? 'unknown'},`;
  if (seek(au, d.session) === 1) out += au.interpret() ?? '(null)';
  out += ',';
  if (seek(au, d.subjPrimary) === 1) {
    const subj = au.interpret() ?? '(null)';
    out += subj === 'unset' ? 'system' : subj;
  }
  out += ',';
  if (seek(au, d.subjSecondary) === 1) out += au.interpret() ?? '(null)';
  out += `,${d.subjKind ?? ''},`;
  if (opts.extraLabels) out += `${label(au, d.subjAttrs, 'subj')},`;
  out += `${d.action ?? 'did-unknown'},`;
  if (seek(au, d.results) === 1) out += isSuccess(au, au.interpret()) ? 'success' : 'failed';
  out += ',';
  if (seek(au, d.objPrimary) === 1) {
    let val: string | undefined;
    if (au.fieldType() === T.ESCAPED_FILE) val = au.interpretRealpath();
    else if (au.type() === CONFIG_CHANGE) {
      val = d.action === 'set' || d.action === 'seccomp-logging' ? au.fieldName() : au.interpret();
    } else val = au.interpret();
    out += val ?? '(null)';
  }
  out += ',';
  if (seek(au, d.objSecondary) === 1) out += au.interpret() ?? '(null)';
  out += ',';
  if (opts.extraObj2) {
    if (seek(au, d.objPrimary2) === 1) out += (au.fieldType() === T.ESCAPED_FILE ? au.interpretRealpath() : au.interpret()) ?? '(null)';
    out += ',';
  }
  if (opts.extraLabels) out += `${label(au, d.objAttrs, 'obj')},`;
  out += `${objectKindName(d.objKind)},${d.how ?? ''}`;
  if (opts.extraKeys) {
    out += ',';
    if (seek(au, d.key) === 1) out += au.interpret() ?? '(null)';
  }
  return `${out}\n`;
}

const CONFIG_CHANGE = 1305;

/** SUBJ_LABEL / OBJ_LABEL: the first attribute named `subj` / `obj`. */
function label(au: AuEvent, attrs: readonly [number, number][], name: string): string {
  for (const loc of attrs) {
    if (seek(au, loc) === 1 && au.fieldName() === name) return au.interpret() ?? '(null)';
  }
  return '';
}
