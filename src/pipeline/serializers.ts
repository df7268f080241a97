// Serializers of raw events: text (each event's lines after a `---` line) and JSON (one object per record).
// The interpreted serializers (-i: text, JSON, YAML of the normalized event) are src/parse/normalize/render.ts;
// YAML of raw records goes through src/format's writer (see sinks.ts).

import type { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { lastRecordJsonAscii, recordJSON, type RecordJsonOptions } from '../parse/record-json.js';

export function eventText(e: AuditEvent): string {
  let s = '---\n';
  for (const r of e.records) s += `${r.line}\n`;
  return s;
}

/**
 * Writes an event's records as JSON lines (one object per record); copied as latin1 while the input and
 * what was decoded from it are ASCII. False when the caller should `await out.ready()`.
 */
export function writeEventJson(out: Output, e: AuditEvent, opts?: RecordJsonOptions): boolean {
  let ok = true;
  for (const r of e.records) {
    const json = recordJSON(r, opts);
    ok = out.put(json, out.ascii && lastRecordJsonAscii()) && ok;
  }
  return ok;
}
