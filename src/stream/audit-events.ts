// The stream's event codec, shared with `tsaudit parse`: netlink messages become the same AuditRecord objects
// (recordFromNetlink), records are grouped by the same EventAssembler, and events go to the same output sinks
// as `parse` (rawSink, or interpretSink for -i), so the output is the same. Loss records are written, in
// JSON/YAML, between events on the same stdout; in text they go to stderr only.

import { isAscii } from 'node:buffer';
import { createWriter, type FormatName, type ItemWriter } from '../format/index.js';
import { type AuditRecord, recordFromNetlink } from '../parse/record.js';
import { type AuditEvent, EventAssembler } from '../parse/reassemble.js';
import { isLossRecord, type LossRecord } from './loss.js';
import { recordFromAsciiPayload } from './decode.js';
import { rawFileSink, type EventSink } from '../pipeline/sinks.js';
import type { EventCodec } from './run.js';

/** An event that saw no new record for this long (wall clock) is complete: a lost EOE must not hold it forever. */
const IDLE_MS = 3000;

export function decodeNetlink(type: number, payload: Buffer | string): AuditRecord | string {
  const r = recordFromNetlink(type, typeof payload === 'string' ? payload : payload.toString('utf8'));
  return r.kind === 'record' ? r : `netlink message type ${type}: ${r.reason}`;
}

/**
 * Records are nearly always ASCII (the kernel hex-encodes untrusted strings). While they are, payloads are
 * decoded as latin1 (cheaper than UTF-8, same characters) and the output sink may copy text byte for byte;
 * the first non-ASCII payload switches both to the general path for good, before any event holding it is
 * written (events are written after their records are decoded).
 */
class AsciiTracker {
  ascii = true;
  private sinks: EventSink[] = [];

  watch(sink: EventSink): void {
    this.sinks.push(sink);
    sink.inputAscii?.(this.ascii);
  }

  decode(type: number, payload: Buffer | string): AuditRecord | string {
    if (typeof payload === 'string') return decodeNetlink(type, payload);
    if (this.ascii && !isAscii(payload)) {
      this.ascii = false;
      for (const sink of this.sinks) sink.inputAscii?.(false);
    }
    if (this.ascii) return recordFromAsciiPayload(type, payload) ?? decodeNetlink(type, payload.toString('latin1'));
    return decodeNetlink(type, payload);
  }
}

export interface StreamOutputOptions {
  /** -i: one normalized event per event (parse's interpretSink) */
  interpret?: boolean;
  /** with -i: resolve uid/gid names (default true) */
  ids?: boolean;
}

/** Events (through parse's sinks, or the stream's own raw sink) and loss records to stdout in the chosen format. */
export async function streamWriter(
  format: FormatName,
  opts: StreamOutputOptions = {},
  ascii?: AsciiTracker,
): Promise<ItemWriter<AuditEvent | LossRecord>> {
  if (!opts.interpret && (format === 'json' || format === 'text')) {
    // raw text/JSON: the stream's sink (asynchronous when stdout is a file, see src/pipeline/sinks.ts); in JSON, loss
    // records go through the same batch, so they land exactly between the events around them
    const sink = rawFileSink(format);
    ascii?.watch(sink);
    return {
      write: (item) => (isLossRecord(item) ? format === 'text' || sink.writeText(`${JSON.stringify(item)}\n`) : sink.write(item)),
      ready: () => sink.ready(),
      end: () => sink.end(),
      waitWhenFull: sink.toFile,
    } as ItemWriter<AuditEvent | LossRecord>;
  }
  let sink: EventSink;
  if (opts.interpret) {
    const { interpretSink } = await import('../pipeline/interpret-sink.js');
    sink = await interpretSink(format, { ids: opts.ids !== false });
  } else {
    const { rawSink } = await import('../pipeline/sinks.js');
    sink = await rawSink(format);
  }
  ascii?.watch(sink);
  const loss = format === 'text' ? null : await createWriter<LossRecord>(format, { text: () => '' });
  return {
    write(item) {
      if (!isLossRecord(item)) return sink.write(item);
      if (loss === null) return true; // text: stderr only
      // hand the events batched so far to stdout first, so the loss record lands after them
      void sink.end();
      const ok = loss.write(item);
      void loss.end();
      return ok;
    },
    ready: async () => {
      await sink.ready();
      await loss?.ready();
    },
    end: async () => {
      await sink.end();
      await loss?.end();
    },
  };
}

export function streamCodec(opts: StreamOutputOptions = {}): EventCodec<AuditRecord, AuditEvent> {
  const ascii = new AsciiTracker();
  return {
    decode: (type, payload) => ascii.decode(type, payload),
    assembler: (emit) => new EventAssembler(emit, { idleMs: IDLE_MS }),
    writer: (format) => streamWriter(format, opts, ascii),
  };
}
