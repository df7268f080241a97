// Time bounds for `-ts/--start` and `-te/--end`, as ausearch 3.0.9 reads them (src/ausearch-time.c and
// the S_TIME_START/S_TIME_END cases of src/ausearch-options.c), plus ISO 8601 and `this-hour`.
//
//   -ts DATE [TIME] | TIME [DATE] | KEYWORD [TIME] | checkpoint
//
// DATE is the C locale's %x, `MM/DD/YY` (years 69..99 are 19xx, 00..68 are 20xx; before 2004 is refused,
// as ausearch does), or ISO 8601 `YYYY-MM-DD`. TIME is `HH:MM[:SS]`. One ISO token may carry both:
// `2026-11-21T14:39:46`, with an optional `Z` or `±HH:MM` offset (else it is local time). Keywords:
// now, recent (10 minutes ago), this-hour, boot, today, yesterday, this-week (last Sunday), week-ago,
// this-month, this-year; `checkpoint` (start only) means the time of the checkpointed event.
//
// What is left out, as in ausearch: a start DATE alone means its midnight; an end DATE alone means that
// date at the current time of day; `-te today` means now; a TIME alone means today at that time. Keywords
// that name a day (today, yesterday, this-week, ...) mean its midnight unless a TIME is given; now, recent,
// boot and this-hour mean their own instant unless a TIME other than 00:00:00 replaces the time of day.
//
// Bounds are epoch milliseconds, both inclusive, whole seconds wide as ausearch compares seconds: an event
// at sec.msec is inside when start <= sec*1000+msec <= end (start = S*1000, end = E*1000+999).

import { readFileSync } from 'node:fs';
import { usageError } from '../errors.js';

export const TIME_KEYWORDS = [
  'now',
  'recent',
  'this-hour',
  'boot',
  'today',
  'yesterday',
  'this-week',
  'week-ago',
  'this-month',
  'this-year',
] as const;
export type TimeKeyword = (typeof TIME_KEYWORDS)[number];

/** `-ts checkpoint`: start after the event recorded in the --checkpoint file, by its time only. */
export const CHECKPOINT = 'checkpoint' as const;

export interface TimeOptions {
  /** The current time, epoch ms (default Date.now()). */
  now?: number;
  /** Seconds since boot (default: read from /proc/uptime). */
  uptime?: () => number;
  /** Accept `checkpoint` (start only; the caller must then have a checkpoint). Default false. */
  checkpoint?: boolean;
  /** The flag named in errors (default `-ts/--start` or `-te/--end`). */
  flag?: string;
}

/** An inclusive range of epoch ms; undefined ends are open. */
export interface TimeRange {
  start?: number;
  end?: number;
}

/**
 * The start bound of `-ts ARGS` (one or two tokens), epoch ms, inclusive. Returns CHECKPOINT for
 * `-ts checkpoint` when `opts.checkpoint` allows it. Throws a usage error naming the flag.
 */
export function parseStart(args: readonly string[], opts: TimeOptions = {}): number | typeof CHECKPOINT {
  const flag = opts.flag ?? '-ts/--start';
  if (args.length === 1 && args[0] === CHECKPOINT) {
    if (opts.checkpoint) return CHECKPOINT;
    throw usageError(`flag ${flag}: "checkpoint" needs --checkpoint FILE`, { token: args[0] });
  }
  return resolve(args, 'start', flag, opts) * 1000;
}

/** The end bound of `-te ARGS` (one or two tokens), epoch ms, inclusive (the last ms of its second). */
export function parseEnd(args: readonly string[], opts: TimeOptions = {}): number {
  return resolve(args, 'end', opts.flag ?? '-te/--end', opts) * 1000 + 999;
}

/** True when an event at `sec`.`msec` lies in the range (ausearch compares seconds; so does this). */
export function inTimeRange(sec: number, msec: number, range: TimeRange): boolean {
  const t = sec * 1000 + msec;
  return (range.start === undefined || t >= range.start) && (range.end === undefined || t <= range.end);
}

// ---------------------------------------------------------------------------------------------------

/** A broken-down local time, month 0..11 as in struct tm. */
interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
}

interface Clock {
  nowSec: number;
  uptime: () => number;
}

function resolve(args: readonly string[], which: 'start' | 'end', flag: string, opts: TimeOptions): number {
  if (args.length === 0 || args.length > 2) {
    throw usageError(`flag ${flag}: expected a date and/or a time (1 or 2 values), got ${args.length}`);
  }
  const clock: Clock = { nowSec: Math.floor((opts.now ?? Date.now()) / 1000), uptime: opts.uptime ?? readUptime };
  let date: string | undefined;
  let time: string | undefined;
  if (args.length === 2) {
    // ausearch takes the two in either order: the one with a ':' is the time
    [date, time] = args[0]!.includes(':') && !isIsoDateTime(args[0]!) ? [args[1]!, args[0]!] : [args[0]!, args[1]!];
  } else if (isIsoDateTime(args[0]!)) {
    return isoDateTime(args[0]!, flag);
  } else if (isKeyword(args[0]!)) {
    date = args[0];
    time = '00:00:00';
  } else if (!args[0]!.includes(':')) {
    date = args[0];
    time = which === 'start' ? '00:00:00' : undefined;
  } else {
    time = args[0];
  }

  const d: Tm = date === undefined ? localTm(clock.nowSec) : dateTm(date, which, flag, clock);
  if (date !== undefined && isKeyword(date)) {
    const kw = date;
    const instant = kw === 'now' || kw === 'recent' || kw === 'boot' || kw === 'this-hour';
    if (instant && (time === undefined || time === '00:00:00')) return mktime(d);
    if (which === 'end' && kw === 'today') {
      Object.assign(d, localTm(clock.nowSec));
      if (time === undefined || time === '00:00:00') return mktime(d);
    }
  }
  if (time !== undefined) {
    const t = parseClock(time, which, flag);
    d.hour = t.hour;
    d.min = t.min;
    d.sec = t.sec;
  } else {
    // an end date alone: that date at the current time of day
    const n = localTm(clock.nowSec);
    d.hour = n.hour;
    d.min = n.min;
    d.sec = n.sec;
  }
  if (d.year < 2004) throw usageError(`flag ${flag}: year ${d.year} is before 2004 (ausearch refuses it too)`, { token: date });
  return mktime(d);
}

const isKeyword = (s: string): s is TimeKeyword => (TIME_KEYWORDS as readonly string[]).includes(s);

function dateTm(date: string, which: 'start' | 'end', flag: string, clock: Clock): Tm {
  if (isKeyword(date)) return keywordTm(date, clock);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (iso) return checkedDate(+iso[1]!, +iso[2]!, +iso[3]!, date, flag);
  const m = /^ *(\d{1,2})\/ *(\d{1,2})\/ *(\d{1,2})(.*)$/s.exec(date);
  if (!m) {
    throw usageError(
      `flag ${flag}: invalid ${which} date "${date}": expected MM/DD/YY (C locale), YYYY-MM-DD or a keyword (${TIME_KEYWORDS.join(', ')})`,
      {
        token: date,
      },
    );
  }
  if (m[4] !== '')
    throw usageError(`flag ${flag}: cannot parse ${which} date "${date}": unexpected "${m[4]}" (the year has 2 digits: MM/DD/YY)`, {
      token: date,
    });
  const yy = +m[3]!;
  return checkedDate(yy >= 69 ? 1900 + yy : 2000 + yy, +m[1]!, +m[2]!, date, flag);
}

function checkedDate(year: number, month: number, mday: number, token: string, flag: string): Tm {
  // as strptime: any day 1..31 in any month (mktime then carries 11/31 over to 12/01)
  if (month < 1 || month > 12 || mday < 1 || mday > 31) {
    throw usageError(`flag ${flag}: invalid date "${token}": month must be 1..12 and day 1..31`, { token });
  }
  return { year, mon: month - 1, mday, hour: 0, min: 0, sec: 0 };
}

function keywordTm(kw: TimeKeyword, clock: Clock): Tm {
  const now = clock.nowSec;
  const midnight = (t: Tm): Tm => ({ ...t, hour: 0, min: 0, sec: 0 });
  switch (kw) {
    case 'now':
      return localTm(now);
    case 'recent':
      return localTm(now - 10 * 60);
    case 'this-hour':
      return { ...localTm(now), min: 0, sec: 0 };
    case 'boot':
      return localTm(now - Math.floor(clock.uptime() + 0.5));
    case 'today':
      return midnight(localTm(now));
    case 'yesterday':
      return midnight(localTm(now - 86400));
    case 'this-week':
      return midnight(localTm(now - new Date(now * 1000).getDay() * 86400));
    case 'week-ago':
      return midnight(localTm(now - 7 * 86400));
    case 'this-month':
      return { ...midnight(localTm(now)), mday: 1 };
    case 'this-year':
      return { ...midnight(localTm(now)), mday: 1, mon: 0 };
  }
}

/** `HH:MM` or `HH:MM:SS` (strptime's %X in the C locale after ausearch appends `:00` to short values). */
function parseClock(time: string, which: 'start' | 'end', flag: string): { hour: number; min: number; sec: number } {
  const full = time.length <= 5 ? `${time}:00` : time;
  const m = /^ *(\d{1,2}): *(\d{1,2}): *(\d{1,2})(.*)$/s.exec(full);
  if (!m || +m[1]! > 23 || +m[2]! > 59 || +m[3]! > 61) {
    throw usageError(`flag ${flag}: invalid ${which} time "${time}": expected HH:MM or HH:MM:SS`, { token: time });
  }
  if (m[4] !== '') throw usageError(`flag ${flag}: cannot parse ${which} time "${time}": unexpected "${m[4]}"`, { token: time });
  return { hour: +m[1]!, min: +m[2]!, sec: +m[3]! };
}

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function isIsoDateTime(s: string): boolean {
  return ISO_DATETIME.test(s);
}

/** One ISO 8601 token, seconds since the epoch (fractions dropped: bounds are whole seconds). */
function isoDateTime(s: string, flag: string): number {
  const m = ISO_DATETIME.exec(s)!;
  const d = checkedDate(+m[1]!, +m[2]!, +m[3]!, s, flag);
  const hour = +m[4]!;
  const min = +m[5]!;
  const sec = m[6] === undefined ? 0 : +m[6];
  if (hour > 23 || min > 59 || sec > 60) throw usageError(`flag ${flag}: invalid time in "${s}"`, { token: s });
  const zone = m[7];
  if (zone === undefined) return mktime({ ...d, hour, min, sec });
  let offsetMin = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    offsetMin = (z[1] === '-' ? -1 : 1) * (+z[2]! * 60 + +(z[3] ?? 0));
  }
  return Date.UTC(d.year, d.mon, d.mday, hour, min, sec) / 1000 - offsetMin * 60;
}

/** Broken-down local time of an epoch second (localtime(3); the zone is the process's TZ). */
function localTm(sec: number): Tm {
  const t = new Date(sec * 1000);
  return { year: t.getFullYear(), mon: t.getMonth(), mday: t.getDate(), hour: t.getHours(), min: t.getMinutes(), sec: t.getSeconds() };
}

/** Epoch seconds of a local time (mktime(3): out-of-range days carry over). */
function mktime(d: Tm): number {
  const t = new Date(d.year, d.mon, d.mday, d.hour, d.min, d.sec);
  if (d.year < 100) t.setFullYear(d.year); // Date() maps years 0..99 to 1900..1999
  return Math.floor(t.getTime() / 1000);
}

function readUptime(): number {
  try {
    return Number.parseFloat(readFileSync('/proc/uptime', 'latin1').split(' ')[0]!);
  } catch (err) {
    throw usageError(`cannot read /proc/uptime for "boot": ${(err as Error).message}`);
  }
}
