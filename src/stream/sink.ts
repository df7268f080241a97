// The stream's raw text/JSON sink: the same bytes as parse's rawSink (the same Output batching and
// the same record JSON writers), but written to an output stream chosen for a live stream.
//
// When stdout is a regular file (`tsaudit stream -format=json > events.ndjson`, the usual way to keep a
// stream), Node's process.stdout writes it synchronously on the main thread, and that write was the largest
// single cost of a burst (18% of the stream's CPU for a 200k-event burst into a file, measured with
// --cpu-prof): time in which the netlink socket is not read. An fs.WriteStream on fd 1 hands the same writes
// to libuv's thread pool instead. Pipes, terminals and /dev/null keep process.stdout (its EPIPE handling and
// backpressure are what the slow-consumer rules rely on).

import { createWriteStream, fstatSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { EventSink } from '../parse/run.js';
import { eventText, writeEventJson } from '../parse/run.js';
import { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';

/** Where stream output goes: an asynchronous file stream on fd 1 when it is a regular file, else stdout. */
export function streamOutput(fd = 1): { stream: Writable; failure: () => Error | undefined; toFile: boolean } {
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

/** Text (each event's lines after `---`) or JSON (one object per record), as parse's rawSink writes them. */
export function rawStreamSink(format: 'text' | 'json', output = streamOutput()): EventSink & { writeText(text: string): boolean; toFile: boolean } {
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
