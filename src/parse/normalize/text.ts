// One readable line per normalized event (`tsaudit parse -i -format text`):
//   TIME SERIAL ACTOR ACTION OBJECT RESULT [how] [keys]
//   2026-11-21T15:04:05.123Z 2791512 labuser as root executed file /bin/echo via /bin/echo: success [exec]
// TIME is local unless --utc (format/time.ts). Colour (green success, red failure, bold action) only when color() is enabled (a TTY, not NO_COLOR).

import { color } from '../../format/color.js';
import type { NormalizedEvent } from './event.js';

/**
 * The actor as the event's summary gives it: names where the ids were named (`--id`, or the log's ENRICHED
 * names when the summary took them), numbers with `--no-id`. The text says what the JSON says.
 */
function who(ev: NormalizedEvent): string {
  const a = ev.summary.actor;
  const primary = a.primary ?? '?';
  const secondary = a.secondary;
  return secondary !== undefined && secondary !== primary ? `${primary} as ${secondary}` : primary;
}

function quoteIfNeeded(s: string): string {
  return /[\s"\\\x00-\x1f]/.test(s) ? JSON.stringify(s) : s;
}

/** The text line of one normalized event (no trailing newline). */
export function eventLine(ev: NormalizedEvent, time: (iso: string) => string = (iso) => iso): string {
  const c = color();
  const o = ev.summary.object;
  const parts: string[] = [time(ev['@timestamp']), String(ev.sequence), who(ev), c.bold(ev.summary.action ?? '?')];
  const obj: string[] = [];
  if (o.type) obj.push(o.type);
  if (o.primary !== undefined) obj.push(quoteIfNeeded(o.primary));
  if (o.secondary !== undefined) obj.push(quoteIfNeeded(o.secondary));
  if (obj.length) parts.push(obj.join(' '));
  if (ev.summary.how !== undefined) parts.push(`via ${quoteIfNeeded(ev.summary.how)}`);
  const res = ev.result === 'success' ? c.green(ev.result) : ev.result === 'fail' ? c.red(ev.result) : ev.result;
  let line = `${parts.join(' ')}: ${res}`;
  if (ev.tags?.length) line += ` ${c.dim(`[${ev.tags.join(',')}]`)}`;
  if (ev.warnings?.length) line += ` ${c.yellow(`(${ev.warnings.length} warning${ev.warnings.length > 1 ? 's' : ''})`)}`;
  return line;
}
