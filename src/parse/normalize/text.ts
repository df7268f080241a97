// One readable line per normalized event (`tsaudit parse -i -format text`):
//   TIME SERIAL ACTOR ACTION OBJECT RESULT [how] [keys]
//   2026-11-21T15:04:05.123Z 2791512 labuser as root executed file /bin/echo via /bin/echo: success [exec]
// TIME is local unless --utc (format/time.ts). Colour (green success, red failure, bold action) only when color() is enabled (a TTY, not NO_COLOR).

import { color } from '../../format/color.js';
import type { NormalizedEvent } from './event.js';

/** The name of an id value when the event names the id field holding it (auid 1002 -> labuser2). */
function nameOfId(ev: NormalizedEvent, v: string): string | undefined {
  const ids = ev.user.ids;
  const names = ev.user.names;
  if (!ids || !names) return undefined;
  for (const k in ids) if (ids[k] === v && names[k] !== undefined) return names[k];
  return undefined;
}

function who(ev: NormalizedEvent): string {
  const names = ev.user.names;
  const a = ev.summary.actor;
  // Prefer the name of the id field the actor came from (auid, uid, old-auid, ...) when we have one.
  const name = (v: string | undefined, key: string): string | undefined => {
    if (v === undefined) return undefined;
    const ids = ev.user.ids;
    if (!names || !ids) return v;
    if (ids[key] === v && names[key] !== undefined) return names[key];
    for (const k in ids) if (ids[k] === v && names[k] !== undefined) return names[k];
    return v;
  };
  const primary = name(a.primary, 'auid') ?? '?';
  const secondary = name(a.secondary, 'uid');
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
  if (o.primary !== undefined) {
    // A session's object is a login id (LOGIN: the new auid): show its name when the event has one.
    const named = o.type === 'user-session' && /^\d+$/.test(o.primary) ? nameOfId(ev, o.primary) : undefined;
    obj.push(quoteIfNeeded(named ?? o.primary));
  }
  if (o.secondary !== undefined) obj.push(quoteIfNeeded(o.secondary));
  if (obj.length) parts.push(obj.join(' '));
  if (ev.summary.how !== undefined) parts.push(`via ${quoteIfNeeded(ev.summary.how)}`);
  const res = ev.result === 'success' ? c.green(ev.result) : ev.result === 'fail' ? c.red(ev.result) : ev.result;
  let line = `${parts.join(' ')}: ${res}`;
  if (ev.tags?.length) line += ` ${c.dim(`[${ev.tags.join(',')}]`)}`;
  if (ev.warnings?.length) line += ` ${c.yellow(`(${ev.warnings.length} warning${ev.warnings.length > 1 ? 's' : ''})`)}`;
  return line;
}
