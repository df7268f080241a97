// Serializers of raw events: text (each event's lines after a `---` line) and JSON (one object per record).
// The interpreted serializers (-i: text, JSON, YAML of the normalized event) are src/parse/normalize/render.ts;
// YAML of raw records goes through src/format's writer (see sinks.ts).

import type { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { jsonBound, recordJSONInto } from '../parse/record-json-bytes.js';
import { recordJSON } from '../parse/record-json.js';

export function eventText(e: AuditEvent): string {
  let s = '---\n';
  for (const r of e.records) s += `${r.line}\n`;
  return s;
}

/**
 * Writes an event's records as JSON lines (one object per record): for ASCII input as bytes straight into
 * the batch (recordJSONInto), else through recordJSON(). False when the caller should `await out.ready()`.
 */
export function writeEventJson(out: Output, e: AuditEvent): boolean {
  let ok = true;
  for (const r of e.records) {
    if (out.ascii && out.reserve(jsonBound(r))) {
      const end = recordJSONInto(r, out.buffer, out.offset);
      if (end >= 0) {
        ok = out.commit(end) && ok;
        continue;
      }
    }
    ok = out.write(recordJSON(r)) && ok;
  }
  return ok;
}
