// Sinks: where complete events go. Every sink batches into src/format/output.ts's Output (about 64 KiB per
// write, honouring 'drain'; EPIPE on stdout is handled in src/cli.ts as "the reader left").
//   rawSink       raw events to stdout: text, JSON, YAML
//   rawFileSink   raw text/JSON to stdout or, when stdout is a regular file, to an asynchronous file stream
// The interpreting sink (-i) is interpret-sink.ts, loaded only when asked for.

import { createWriteStream, fstatSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { createWriter, type FormatName } from '../format/index.js';
import { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';
import type { AuditRecord } from '../parse/record.js';
import { type RecordJsonOptions, recordToPlain } from '../parse/record-json.js';
import { eventText, writeEventJson } from './serializers.js';

/** Where complete events go. `write` returns false when the caller should await `ready()`. */
export interface EventSink {
  write(event: AuditEvent): boolean;
  ready(): Promise<void>;
  end(): Promise<void>;
  /** Told whether all input so far was ASCII (a sink may then write its text as latin1: faster, same bytes). */
  inputAscii?(ascii: boolean): void;
  /** Hands on what is batched: called when the input is idle (a short read from a pipe, `tail -f | …`). */
  flush?(): void;
}

/** Text: each event's raw lines after a `---` line. JSON/YAML: one object per record (see recordToPlain). */
export async function rawSink(format: FormatName, records: RecordJsonOptions = {}): Promise<EventSink> {
  if (format === 'text' || format === 'json') {
    // The hot paths: text and JSON lines batched into reused buffers.
    const out = new Output();
    return {
      write: format === 'text' ? (e) => out.write(eventText(e)) : (e) => writeEventJson(out, e, records),
      ready: () => out.ready(),
      end: () => out.end(),
      flush: () => out.flush(),
      inputAscii: (ascii) => {
        out.ascii = ascii;
      },
    };
  }
  const w = await createWriter<AuditRecord>(format, { text: (r) => r.line, toPlain: (r) => recordToPlain(r, records) });
  return {
    write(e) {
      let ok = true;
      for (const r of e.records) ok = w.write(r) && ok;
      return ok;
    },
    ready: () => w.ready(),
    end: () => w.end(),
  };
}

// When stdout is a regular file (`tsaudit stream -format=json > events.ndjson`, the usual way to keep a
// stream), Node's process.stdout writes it synchronously on the main thread: time in which a live source is
// not read. An fs.WriteStream on fd 1 hands the same writes to libuv's thread pool instead. Pipes, terminals
// and /dev/null keep process.stdout (its EPIPE handling and backpressure are what the slow-consumer rules
// rely on).

/** Where output goes: an asynchronous file stream on `fd` when it is a regular file, else stdout. */
export function outputStream(fd = 1): { stream: Writable; failure: () => Error | undefined; toFile: boolean } {
  let isFile = false;
  try {
    isFile = fstatSync(fd).isFile();
  } catch {
    // not a descriptor we can look at: stdout as usual
  }
  if (!isFile) return { stream: process.stdout, failure: () => undefined, toFile: false };
  let failed: Error | undefined;
  const stream = createWriteStream('', { fd, autoClose: false });
  stream.on('error', (err) => {
    failed ??= err;
  });
  return { stream, failure: () => failed, toFile: true };
}

/** Text or JSON as rawSink writes them, to `output` (see outputStream); `writeText` adds other lines in order. */
export function rawFileSink(
  format: 'text' | 'json',
  output = outputStream(),
): EventSink & { writeText(text: string): boolean; toFile: boolean } {
  const out = new Output(output.stream);
  const check = () => {
    const err = output.failure();
    if (err) throw err;
  };
  const write = format === 'text' ? (e: AuditEvent) => out.write(eventText(e)) : (e: AuditEvent) => writeEventJson(out, e);
  return {
    // a failed output makes the writer wait, and ready() then reports the failure
    write: (e) => write(e) && output.failure() === undefined,
    ready: async () => {
      check();
      await out.ready();
      check();
    },
    end: async () => {
      check();
      await out.end();
      check();
    },
    toFile: output.toFile,
    writeText: (text) => out.write(text) && output.failure() === undefined,
    flush: () => out.flush(),
    inputAscii: (ascii) => {
      out.ascii = ascii;
    },
  };
}
