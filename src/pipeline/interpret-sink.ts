// Stages interpretation + normalization + serialization + sink, in this thread (`-i` of `parse` and
// `stream`): each event is normalized and written as one JSON line, one YAML document, or one readable text
// line (src/parse/normalize/render.ts). Large inputs of `parse` are interpreted on worker threads instead
// (event-threads.ts), with the same bytes out.

import type { FormatName } from '../format/index.js';
import { Output } from '../format/output.js';
import { eventBodyRenderer, type InterpretOptions } from '../parse/normalize/render.js';
import type { AuditEvent } from '../parse/reassemble.js';
import type { EventSink } from './sinks.js';

export type { InterpretOptions } from '../parse/normalize/render.js';

export async function interpretSink(format: FormatName, opts: InterpretOptions): Promise<EventSink> {
  const { render, newline, mayHoldEscapes } = await eventBodyRenderer(format, opts);
  const out = new Output();
  // JSON holds no escapes (see EventBodyRenderer): it skips Output.write's scan for them.
  const write = mayHoldEscapes
    ? (e: AuditEvent) => out.write(render(e.records))
    : (e: AuditEvent) => {
        const ok = out.put(render(e.records), false);
        return newline ? out.put('\n', true) : ok;
      };
  return {
    write,
    ready: () => out.ready(),
    end: () => out.end(),
    flush: () => out.flush(),
  };
}
