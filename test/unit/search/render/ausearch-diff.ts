// Shared by the renderer differential tests: runs the installed ausearch on a corpus file, splits its output
// into one text per event, and groups the same file's records into events with tsaudit's own parser.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type AuditEvent, EventAssembler } from '../../../../src/parse/reassemble.js';
import { isRecordError, parseRecord } from '../../../../src/parse/record.js';
import { ausearchTypeName } from '../../../../src/search/render/csv.js';

export const AUSEARCH = ['/usr/sbin/ausearch', '/sbin/ausearch'].find((p) => existsSync(p));

/** Why the differential tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (AUSEARCH === undefined) return 'ausearch is not installed (Debian package auditd 3.0.9 expected)';
  const v = spawnSync(AUSEARCH, ['-v'], { encoding: 'utf8' });
  const text = `${v.stdout}${v.stderr}`;
  if (!text.includes('3.0.9')) return `ausearch is not version 3.0.9 (says ${JSON.stringify(text.trim())})`;
  return undefined;
}

const CORPUS = 'test/fixtures/corpus';
let cutDir: string | undefined;

/** Lines of real-medium.log kept for the test: enough for variety, small enough to keep the test fast. */
export const MEDIUM_CUT_LINES = 30000;

/** The corpus files, as paths ausearch can read (real-medium.log.gz is cut and written to a temporary file). */
export function corpusFiles(): { label: string; path: string }[] {
  if (cutDir === undefined) {
    cutDir = mkdtempSync(join(tmpdir(), 'tsaudit-render-'));
    const lines = gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz')))
      .toString('latin1')
      .split('\n');
    writeFileSync(join(cutDir, 'real-medium-cut.log'), `${lines.slice(0, MEDIUM_CUT_LINES).join('\n')}\n`, 'latin1');
  }
  return [
    { label: 'real-small.log', path: join(CORPUS, 'real-small.log') },
    { label: 'real-small-raw.log', path: join(CORPUS, 'real-small-raw.log') },
    { label: 'live-stream.log', path: join(CORPUS, 'live-stream.log') },
    { label: `real-medium.log (first ${MEDIUM_CUT_LINES} lines)`, path: join(cutDir, 'real-medium-cut.log') },
  ];
}

/** ausearch's stdout for `-if file ARGS`, in UTC (or `tz`) and the C locale; empty when nothing matched (exit 1). */
export function ausearch(file: string, args: string[], tz = 'UTC'): Buffer {
  const r = spawnSync(AUSEARCH!, ['-if', file, ...args], { env: { ...process.env, TZ: tz, LC_ALL: 'C' }, maxBuffer: 1 << 30 });
  if (r.status !== 0 && !(r.status === 1 && r.stdout.length === 0)) {
    throw new Error(`ausearch -if ${file} ${args.join(' ')}: exit ${r.status}: ${r.stderr.toString()}`);
  }
  return r.stdout;
}

/** Splits `----`-separated output (ausearch -i, default) into one string per event, each with its `----\n`. */
export function splitDashed(out: string): string[] {
  const parts = out.split('----\n');
  const events: string[] = [];
  for (let i = 1; i < parts.length; i++) events.push(`----\n${parts[i]}`);
  return events;
}

/** The file's events as tsaudit groups them (records in received order). */
export function eventsOf(path: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  const asm = new EventAssembler((e) => events.push(e), { proctitleEnds: false });
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = parseRecord(line);
    if (!isRecordError(r)) asm.push(r);
  }
  asm.flush();
  return events;
}

/** The key of an event as ausearch -i shows it first: its serial and the type of its last record. */
export function eventKey(e: AuditEvent): string {
  const last = e.records[e.records.length - 1]!;
  return `${e.serial} ${ausearchTypeName(last.type) || last.typeName}`; // UNKNOWN[1334] is BPF to ausearch
}

/** The same key of an event in ausearch -i's text. */
export function textKey(t: string): string {
  const m = /^(?:node=\S+ )?type=(\S+) msg=audit\([^)]*:(\d+)\)/m.exec(t);
  return m ? `${m[2]} ${m[1]}` : t;
}

/**
 * The file's events in the order ausearch prints them (its csv and text lines carry no serial to pair them
 * by): ausearch -i's events, each matched to ours by key. Undefined where we have no such event.
 */
export function eventsInAusearchOrder(path: string, tz = 'UTC'): (AuditEvent | undefined)[] {
  const byKey = new Map<string, AuditEvent[]>();
  for (const e of eventsOf(path)) {
    const list = byKey.get(eventKey(e));
    if (list) list.push(e);
    else byKey.set(eventKey(e), [e]);
  }
  return splitDashed(ausearch(path, ['-i'], tz).toString('latin1')).map((t) => byKey.get(textKey(t))?.shift());
}

export interface Comparison {
  ausearchEvents: number;
  ourEvents: number;
  matched: number;
  /** Events that differ for a listed reason: reason -> count. */
  deviations: Map<string, number>;
  /** The first differences that no listed reason explains. */
  diffs: string[];
}

/**
 * Pairs ausearch's event texts with ours by a key (the serial and first line, say) and compares them byte for
 * byte. `deviation(ours, theirs)` names a listed reason for a difference, or undefined.
 */
export function compareEvents(
  theirs: string[],
  ours: string[],
  keyOf: (text: string) => string,
  deviation: (ours: string, theirs: string) => string | undefined,
): Comparison {
  const pending = new Map<string, string[]>();
  for (const t of theirs) {
    const k = keyOf(t);
    const list = pending.get(k);
    if (list) list.push(t);
    else pending.set(k, [t]);
  }
  const res: Comparison = { ausearchEvents: theirs.length, ourEvents: ours.length, matched: 0, deviations: new Map(), diffs: [] };
  for (const o of ours) {
    const list = pending.get(keyOf(o));
    if (!list || list.length === 0) {
      if (res.diffs.length < 8) res.diffs.push(`ours only:\n${o}`);
      continue;
    }
    let i = list.indexOf(o);
    if (i >= 0) {
      res.matched++;
      list.splice(i, 1);
      continue;
    }
    i = 0;
    const t = list.splice(i, 1)[0]!;
    const why = deviation(o, t);
    if (why !== undefined) {
      res.deviations.set(why, (res.deviations.get(why) ?? 0) + 1);
      continue;
    }
    if (res.diffs.length < 8) res.diffs.push(firstDifference(o, t));
  }
  for (const list of pending.values()) {
    for (const t of list) if (res.diffs.length < 8) res.diffs.push(`ausearch only:\n${t}`);
  }
  return res;
}

/** The first line where two texts differ, both sides shown. */
export function firstDifference(ours: string, theirs: string): string {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  ours:     ${JSON.stringify(a[i])}\n  ausearch: ${JSON.stringify(b[i])}`;
  }
  return 'equal';
}
