// The local-time pieces ausearch prints with strftime in the C locale: %x (MM/DD/YY), %T (HH:MM:SS) and the
// --extra-time columns. Local time is the process's time zone (TZ), as localtime() gives ausearch.
// Consecutive events mostly share their second, so the last second's pieces are kept.

export interface LocalTime {
  /** %x: `11/21/26`. */
  readonly date: string;
  /** %T: `14:39:46`. */
  readonly time: string;
  /** %Y, %m, %d, %u (1 = Monday), %k (hour, space padded). */
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly weekday: string;
  readonly hour: string;
  /** Offset from UTC in seconds (tm_gmtoff). */
  readonly gmtoff: number;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

let lastSec = Number.NaN;
let last: LocalTime | undefined;

/**
 * The local time of `sec` (seconds since the epoch). A TZ changed while running (Node applies it at once)
 * shows from the next second on: comparing process.env.TZ on every call would cost more than the rest.
 */
export function localTime(sec: number): LocalTime {
  if (sec === lastSec && last !== undefined) return last;
  const d = new Date(sec * 1000);
  const y = d.getFullYear();
  const month = pad2(d.getMonth() + 1);
  const day = pad2(d.getDate());
  const h = d.getHours();
  const wd = d.getDay();
  last = {
    date: `${month}/${day}/${pad2(y % 100)}`,
    time: `${pad2(h)}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`,
    year: String(y),
    month,
    day,
    weekday: String(wd === 0 ? 7 : wd),
    hour: h < 10 ? ` ${h}` : String(h),
    gmtoff: -d.getTimezoneOffset() * 60,
  };
  lastSec = sec;
  return last;
}
