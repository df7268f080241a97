// Serializers of raw events: text (each event's lines after a `---` line) and JSON (one object per record).
// The interpreted serializers (-i: text, JSON, YAML of the normalized event) are src/parse/normalize/render.ts;
// YAML of raw records goes through src/format's writer (see sinks.ts).

import type { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { JsonBytes } from '../parse/json-bytes.js';
import { type RecordJsonOptions, writeRecordJson } from '../parse/record-json.js';

export function eventText(e: AuditEvent): string {
  let s = '---\n';
  for (const r of e.records) s += `${r.line}\n`;
  return s;
}

/** Records are written into this and copied to the output about 64 KiB at a time. */
const scratch = new JsonBytes();
const BATCH = 64 * 1024;

/** Writes an event's records as JSON lines (one object per record). False when the caller should `await out.ready()`. */
export function writeEventJson(out: Output, e: AuditEvent, opts?: RecordJsonOptions): boolean {
  const j = scratch;
  j.reset();
  let ok = true;
  for (const r of e.records) {
    writeRecordJson(j, r, opts);
    if (j.pos >= BATCH) {
      ok = out.copy(j.buf, j.pos) && ok;
      j.reset();
    }
  }
  if (j.pos > 0) ok = out.copy(j.buf, j.pos) && ok;
  return ok;
}
