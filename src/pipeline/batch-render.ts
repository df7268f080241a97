// What `parse` writes for a run of events, as bytes in one buffer: the same bytes its in-thread sinks write
// (sinks.ts, interpret-sink.ts, ecs-sink.ts), made by the same serializers. Shared by the main thread and the
// worker threads of event-threads.ts, so that a batch is the same bytes whichever thread renders it.

import type { FormatName } from '../format/index.js';
import { JsonBytes } from '../parse/json-bytes.js';
import { encodeLossless, hasEscapedBytes } from '../parse/lossless.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { type RecordJsonOptions, writeRecordJson } from '../parse/record-json.js';

/** What is rendered: records as read (text, JSON, YAML), interpreted events (-i), or ECS documents. */
export type RenderJob =
  | { kind: 'records'; format: FormatName; rawValues: boolean }
  | { kind: 'interpret'; format: FormatName; ids: boolean; utc?: boolean }
  | { kind: 'ecs'; ids: boolean };

/** Memory for `bytes` bytes: its own, or shared with other threads (sharedBytes). */
export type Alloc = (bytes: number) => Buffer;

/**
 * Memory that threads share. Handing a SharedArrayBuffer to another thread detaches nothing; transferring an
 * ArrayBuffer detaches it, and the first detach in a thread makes V8 throw away and compile again all the
 * optimized code that reads typed arrays (docs/performance.md, issues 17/20).
 */
export const sharedBytes: Alloc = (bytes) => Buffer.from(new SharedArrayBuffer(bytes));

/** A growing byte buffer that a batch is written into; its memory can be handed on and reused. */
export class BatchBytes {
  buf: Buffer;
  pos = 0;

  constructor(
    buf?: Buffer,
    private readonly alloc: Alloc = Buffer.allocUnsafeSlow,
    size = 1 << 20,
  ) {
    this.buf = buf ?? alloc(size);
  }

  /** Starts over in `buf` (memory given back), or in the current buffer. */
  reset(buf?: Buffer): void {
    if (buf !== undefined) this.buf = buf;
    this.pos = 0;
  }

  private room(n: number): void {
    const need = this.pos + n;
    if (need > this.buf.length) this.moveTo(this.alloc(Math.max(this.buf.length * 2, need)));
  }

  private moveTo(next: Buffer): void {
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Text known to be ASCII: a plain copy. */
  latin1(s: string): void {
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /** Text as Output.write writes it: the escapes of input bytes that were not UTF-8 become those bytes. */
  text(s: string): void {
    if (hasEscapedBytes(s)) {
      const b = encodeLossless(s);
      this.copy(b, b.length);
      return;
    }
    this.utf8(s);
  }

  /** Text without such escapes (JSON.stringify's output), as UTF-8. */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** bytes[0, end) */
  copy(bytes: Uint8Array, end: number): void {
    this.room(end);
    this.buf.set(end === bytes.length ? bytes : bytes.subarray(0, end), this.pos);
    this.pos += end;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.pos++] = c;
  }
}

/** Writes one event into a batch. */
export type BatchRenderer = (event: AuditEvent, out: BatchBytes) => void;

export async function batchRenderer(job: RenderJob): Promise<BatchRenderer> {
  if (job.kind === 'records') return recordsRenderer(job.format, { rawValues: job.rawValues });
  if (job.kind === 'ecs') {
    const { ecsSerializer } = await import('../ecs/serialize.js');
    const render = ecsSerializer({ ids: job.ids });
    return (e, out) => {
      const doc = render(e.records);
      out.copy(doc, doc.length);
      out.byte(10);
    };
  }
  const { eventBodyRenderer } = await import('../parse/normalize/render.js');
  const { render, newline, mayHoldEscapes } = await eventBodyRenderer(job.format, { ids: job.ids, utc: job.utc });
  return (e, out) => {
    if (mayHoldEscapes) out.text(render(e.records));
    else out.utf8(render(e.records));
    if (newline) out.byte(10);
  };
}

/** Records as rawSink writes them: text (each event after a `---` line), JSON lines, YAML documents. */
async function recordsRenderer(format: FormatName, opts: RecordJsonOptions): Promise<BatchRenderer> {
  if (format === 'json') {
    const j = new JsonBytes();
    return (e, out) => {
      j.reset();
      for (const r of e.records) writeRecordJson(j, r, opts);
      out.copy(j.buf, j.pos);
    };
  }
  if (format === 'text') {
    const { eventText } = await import('./serializers.js');
    return (e, out) => out.text(eventText(e));
  }
  const [{ yamlSerializer }, { recordToPlain }] = await Promise.all([import('../format/index.js'), import('../parse/record-json.js')]);
  const serialize = await yamlSerializer();
  return (e, out) => {
    for (const r of e.records) out.text(serialize(recordToPlain(r, opts)));
  };
}
