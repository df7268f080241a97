// The search selectors as an event predicate for other verbs (`tsaudit stream -k passwd`): the pipeline's
// selection stage takes it. Same Selection and Matcher as search; time bounds apply to the event's time.
// Records there are decoded text rather than byte strings, so string selectors are compared as given.

import type { AuditEvent } from '../parse/reassemble.js';
import type { AuditRecord } from '../parse/record.js';
import { readIdTable, type IdTable } from '../ids.js';
import type { UidNamer } from './extract.js';
import { Matcher } from './match.js';
import { SELECTORS, selectionFromFlags, type SelectorFlags } from './selectors.js';
import { inTimeRange, parseEnd, parseStart, type TimeRange } from './time.js';

/** True when any selector option is among the flags. */
export function hasSelectors(flags: SelectorFlags): boolean {
  return SELECTORS.some((s) => s.key !== 'word' && flags[s.key] !== undefined);
}

/** The predicate the flags' selectors make, or undefined when none is given. */
export function eventSelector(flags: SelectorFlags, now = Date.now()): ((e: AuditEvent) => boolean) | undefined {
  if (!hasSelectors(flags)) return undefined;
  const matcher = new Matcher(selectionFromFlags(flags, { textual: true }));
  const range: TimeRange = {};
  const args = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [String(v)]);
  if (flags.start !== undefined) range.start = parseStart(args(flags.start), { now }) as number;
  if (flags.end !== undefined) range.end = parseEnd(args(flags.end), { now });
  const timed = range.start !== undefined || range.end !== undefined;
  let users: IdTable | undefined;
  let interp: AuditRecord | undefined;
  const namer: UidNamer = (field, uid) => {
    const v = interp?.enriched()[field.toUpperCase()];
    if (v !== undefined) return v;
    if (uid === 0) return 'root';
    if (uid === 0xffffffff) return 'unset';
    users ??= readIdTable('/etc/passwd');
    return users.byId.get(uid) ?? null;
  };
  return (e) => {
    if (timed && !inTimeRange(e.sec, e.msec, range)) return false;
    const head = e.records[0];
    interp = head !== undefined && head.isEnriched && (e.records.length === 1 || head.type === 1300) ? head : undefined;
    return matcher.match(e, namer);
  };
}
