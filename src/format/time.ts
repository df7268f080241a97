// The one time formatter of text output. Text is for people at this machine, so times are local, as
// ausearch and aureport print them; `--utc` prints UTC. Both are RFC 3339 with milliseconds and the offset
// (`2026-11-21T15:39:47.142+01:00`; UTC and a UTC local zone end in `Z`), so a line still names its
// instant exactly. JSON and YAML always carry `@timestamp` in UTC (`...Z`) whatever the choice here.

export interface TimeOptions {
  /** Print UTC instead of the local time zone (TZ). */
  utc?: boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `+01:00`, `-05:30`; `Z` for no offset. `minutesEast` is the zone's offset from UTC. */
function offsetText(minutesEast: number): string {
  if (minutesEast === 0) return 'Z';
  const sign = minutesEast > 0 ? '+' : '-';
  const m = Math.abs(minutesEast);
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** Milliseconds since the epoch -> RFC 3339 text, local (with its offset) or UTC. */
export function formatTime(ms: number, opts: TimeOptions = {}): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const east = opts.utc ? 0 : -d.getTimezoneOffset();
  if (east === 0) return d.toISOString();
  // the wall-clock fields of the zone are the UTC fields of the instant moved by its offset
  return `${new Date(ms + east * 60_000).toISOString().slice(0, -1)}${offsetText(east)}`;
}

/**
 * A formatter for RFC 3339 UTC timestamps (the `@timestamp` of records and events) as text output shows
 * them. With `utc` it returns its input unchanged, so UTC output is the bytes it always was.
 */
export function textTimeFormatter(opts: TimeOptions = {}): (isoUtc: string) => string {
  if (opts.utc) return (iso) => iso;
  return (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : formatTime(ms, opts);
  };
}
