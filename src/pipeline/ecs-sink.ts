// Sinks of JSON documents, one per event: the `ecs` format on stdout (src/ecs/), and --output, which ships
// ECS documents (or -i's normalized events) to files, Redis, syslog or Elasticsearch (src/ship/). Thin
// adapters: the documents are made in src/ecs and src/parse/normalize, the delivery is src/ship's.

import { jsonText } from '../ecs/json-out.js';
import { type EcsSerializerOptions, ecsSerializer } from '../ecs/serialize.js';
import { Output } from '../format/output.js';
import { IdResolver } from '../ids.js';
import { JsonBytes } from '../parse/json-bytes.js';
import { TABLE_LOOKUPS } from '../parse/interpret/lookups.js';
import { normalizeEvent } from '../parse/normalize/event.js';
import type { AuditEvent } from '../parse/reassemble.js';
import type { AuditRecord } from '../parse/record.js';
import { createShipSink, type ShipSink } from '../ship/sink.js';
import type { OutputSpec } from '../ship/url.js';
import type { BatchOutput } from './event-threads.js';
import type { EventSink } from './sinks.js';

/**
 * One event's records -> its document as UTF-8 JSON without a newline: a view of a buffer that the next call
 * writes over (events in, bytes out; the caller copies them into a batch or an output buffer).
 */
export type DocumentRenderer = (records: readonly AuditRecord[]) => Buffer;

/** ECS documents, or with `interpret` the normalized events of -i -format=json. */
export function documentRenderer(kind: 'ecs' | 'normalized', opts: EcsSerializerOptions): DocumentRenderer {
  if (kind === 'ecs') return ecsSerializer(opts);
  const nopts = { lookups: TABLE_LOOKUPS, ids: opts.ids ? new IdResolver() : null };
  const out = new JsonBytes();
  return (records) => {
    out.reset();
    jsonText(out, JSON.stringify(normalizeEvent(records, nopts)));
    return out.buf.subarray(0, out.pos);
  };
}

const NEWLINE = Buffer.from('\n');

/** A document's bytes and a newline. */
function writeLine(out: Output, doc: Buffer): boolean {
  out.copy(doc, doc.length);
  return out.copy(NEWLINE, 1);
}

/** A loss report's document (JSON.stringify's, so without lone surrogates: UTF-8 with no scan) and a newline. */
function writeTextLine(out: Output, doc: string): boolean {
  out.writeUtf8(doc);
  return out.writeUtf8('\n');
}

/** `-format=ecs` on stdout: one JSON line per event. */
export function ecsSink(opts: EcsSerializerOptions): EventSink {
  const render = ecsSerializer(opts);
  const out = new Output();
  return {
    write: (e) => writeLine(out, render(e.records)),
    ready: () => out.ready(),
    end: () => out.end(),
    flush: () => out.flush(),
  };
}

export interface ShipEventsOptions {
  /** Parsed --output URLs (validated before any input is read). */
  outputs: readonly OutputSpec[];
  /** --spool DIR and its bound per output in bytes. */
  spool?: { dir: string; maxBytes?: number };
  /** --stats: counters every `statsMs` and at the end. */
  statsMs?: number;
  /** Stops retrying (with a spool, what is left stays there) when aborted. */
  signal?: AbortSignal;
}

/** --output: every event's document to every output. */
export function shipEventSink(render: DocumentRenderer, opts: ShipEventsOptions): EventSink & { ship: ShipSink } {
  const ship = createShipSink({
    outputs: opts.outputs,
    ...(opts.spool ? { spool: opts.spool } : {}),
    ...(opts.statsMs ? { statsMs: opts.statsMs } : {}),
  });
  return {
    ship,
    write: (e) => ship.write(render(e.records)),
    ready: () => ship.ready(),
    flush: () => ship.flush(),
    end: async () => void (await ship.end(opts.signal)),
  };
}

/**
 * The outputs of `--output` as where a render thread's batches go (event-threads.ts): each batch is NDJSON,
 * one document per line (JSON has no raw newline), handed on as bytes with its documents' ends.
 */
export function shipBatchOutput(sink: EventSink & { ship: ShipSink }): BatchOutput {
  const ends: number[] = [];
  return {
    writeBytes(bytes, written) {
      const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      ends.length = 0;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) ends.push(i);
      const ok = sink.ship.writeBatch(b, ends);
      written?.();
      return ok;
    },
    ready: () => sink.ship.ready(),
    end: () => sink.end(),
  };
}

/** How a verb's own loss reports (stream's TSAUDIT_LOSS records) travel with the events. */
export interface LossItems<L> {
  is(item: unknown): item is L;
  /** The report as one JSON document (no newline). */
  document(loss: L): string;
}

/** An item writer for a live stream: `end()` only hands on what is batched (the stream calls it whenever it
 * is idle); `close()` delivers what is left and closes the outputs, once, when the stream is over. */
export interface StreamItemWriter<L> {
  write(item: AuditEvent | L): boolean;
  ready(): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

/** `stream -format=ecs` to stdout: ECS lines, loss reports as their JSON documents between them. */
export function ecsItemWriter<L>(opts: EcsSerializerOptions, loss: LossItems<L>): StreamItemWriter<L> {
  const render = ecsSerializer(opts);
  const out = new Output();
  return {
    write: (item) => (loss.is(item) ? writeTextLine(out, loss.document(item)) : writeLine(out, render((item as AuditEvent).records))),
    ready: () => out.ready(),
    end: () => out.end(),
    close: () => out.end(),
  };
}

/** `stream --output`: events and loss reports as documents to every output. */
export function shipItemWriter<L>(
  render: DocumentRenderer,
  opts: ShipEventsOptions,
  loss: LossItems<L>,
): StreamItemWriter<L> & { ship: ShipSink } {
  const sink = shipEventSink(render, opts);
  return {
    ship: sink.ship,
    write: (item) => (loss.is(item) ? sink.ship.write(loss.document(item)) : sink.write(item as AuditEvent)),
    ready: () => sink.ready(),
    end: async () => sink.ship.flush(),
    close: () => sink.end(),
  };
}
