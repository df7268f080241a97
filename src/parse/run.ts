// `tsaudit parse`: files (or stdin) -> lines -> records -> events -> a sink that prints them.
//
//   LineSplitter -> parseRecord -> EventAssembler -> EventSink
//
// The sink is the seam for output stages: rawSink() prints records as they are (text / record-level JSON /
// YAML); an interpreting stage (`-i`) only has to supply another EventSink. Bad lines are reported on stderr
// as `FILE:LINE: reason`, counted, and summarized at the end; with `strict` they make the run fail.

import { isAscii } from 'node:buffer';
import { read } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TsauditError } from '../errors.js';
import { createWriter, type FormatName } from '../format/index.js';
import { shutdownSignal } from '../runtime.js';
import { LineSplitter } from './lines.js';
import { Output } from '../format/output.js';
import { parseRecord, type AuditRecord } from './record.js';
import { type AuditEvent, EventAssembler, type AssemblerOptions } from './reassemble.js';
import { jsonBound, recordJSONInto } from './record-json-bytes.js';
import { recordJSON, recordToPlain } from './record-json.js';

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
export async function rawSink(format: FormatName): Promise<EventSink> {
  if (format === 'text' || format === 'json') {
    // The hot paths. Text: the lines themselves, batched into reused buffers. JSON: for ASCII input, each
    // record's JSON is written as bytes straight into the batch (recordJSONInto); else recordJSON().
    const out = new Output();
    const writeJson = (e: AuditEvent): boolean => {
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
    };
    return {
      write: format === 'text' ? (e) => out.write(eventText(e)) : writeJson,
      ready: () => out.ready(),
      end: () => out.end(),
      flush: () => out.flush(),
      inputAscii: (ascii) => {
        out.ascii = ascii;
      },
    };
  }
  const w = await createWriter<AuditRecord>(format, { text: (r) => r.line, toPlain: recordToPlain });
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

export function eventText(e: AuditEvent): string {
  let s = '---\n';
  for (const r of e.records) s += `${r.line}\n`;
  return s;
}

export interface ParseRunOptions {
  /** Files in order; `-` is stdin. Empty means stdin. */
  files: string[];
  sink: EventSink;
  strict?: boolean;
  assembler?: AssemblerOptions;
  /** Most bad lines reported one by one (the summary counts all). Default 1000. */
  maxReported?: number;
  /** Read size (default 1 MiB). */
  highWaterMark?: number;
  /** Where reports go (default stderr). */
  report?: (line: string) => void;
  /** Input for `-` (default process.stdin). */
  stdin?: Readable;
}

export interface ParseRunResult {
  lines: number;
  records: number;
  events: number;
  bad: number;
  /** `---` (tsaudit's text output) and `----` (ausearch's) event separators: known, and skipped */
  separators: number;
  unreadable: number;
}

const isSeparator = (line: string) => line === '---' || line === '----';

export async function runParse(opts: ParseRunOptions): Promise<ParseRunResult> {
  const files = opts.files.length > 0 ? opts.files : ['-'];
  const report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const maxReported = opts.maxReported ?? 1000;
  const sink = opts.sink;
  let blocked = false;
  const asm = new EventAssembler((e) => {
    if (!sink.write(e)) blocked = true;
  }, opts.assembler);
  const result: ParseRunResult = { lines: 0, records: 0, events: 0, bad: 0, separators: 0, unreadable: 0 };
  const readSize = opts.highWaterMark ?? 1 << 20;
  let ascii = true;
  sink.inputAscii?.(true);
  let firstBad = '';

  for (const file of files) {
    if (shutdownSignal.aborted) break;
    const name = file === '-' ? '<stdin>' : file;
    const splitter = new LineSplitter((line, lineNo, overlong) => {
      if (!overlong && isSeparator(line)) {
        // the text output of tsaudit parse/stream (and ausearch's) can be read back: `tsaudit stream | tsaudit parse -i`
        result.separators++;
        return;
      }
      const r = overlong ? undefined : parseRecord(line);
      if (r !== undefined && r.kind === 'record') {
        result.records++;
        asm.push(r);
        return;
      }
      const reason = overlong ? `line too long (${overlong.bytes} bytes), skipped` : r!.reason;
      result.bad++;
      if (result.bad === 1) firstBad = `${name}:${lineNo}`;
      if (result.bad <= maxReported) report(`${name}:${lineNo}: ${reason}`);
      else if (result.bad === maxReported + 1) report(`tsaudit: more bad lines follow; only the first ${maxReported} are shown`);
    });
    try {
      const chunks = file === '-' && (opts.stdin !== undefined || process.stdin.isTTY) ? streamChunks(opts.stdin ?? process.stdin) : fileChunks(file, readSize);
      for await (const chunk of chunks) {
        if (ascii && !isAscii(chunk)) {
          ascii = false;
          sink.inputAscii?.(false);
        }
        splitter.push(chunk);
        if (chunk.length < readSize) {
          // The input had no more for now (a pipe being written to): let what is complete go out.
          asm.release();
          sink.flush?.();
        }
        if (blocked) {
          blocked = false;
          await sink.ready();
        }
        if (shutdownSignal.aborted) break;
      }
      splitter.end();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (typeof e?.code !== 'string' || typeof e?.syscall !== 'string') throw err; // not a read error
      const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
      if (files.length === 1) throw new TsauditError('E_INPUT', `cannot read ${name}: ${why}`, { exitCode: 1, context: { file: name }, cause: err });
      result.unreadable++;
      report(`tsaudit: cannot read ${name}: ${why}`);
      splitter.end();
    }
    result.lines += splitter.lines;
  }
  asm.flush();
  result.events = asm.stats.events;
  if (!shutdownSignal.aborted) await sink.end();

  if (result.unreadable > 0) {
    throw new TsauditError('E_INPUT', `${result.unreadable} of ${files.length} inputs could not be read`, { exitCode: 1 });
  }
  if (result.bad > 0) {
    const summary = `${result.bad} of ${result.lines} lines were not audit records (first at ${firstBad})`;
    if (opts.strict) throw new TsauditError('E_PARSE_INPUT', `${summary}; failing because of --strict`, { exitCode: 1 });
    report(`tsaudit: ${summary}`);
  }
  return result;
}

/**
 * Reads a file (or `-`: fd 0, a pipe or a redirected file) through two reused buffers of `size` bytes: the
 * next read runs while the caller processes the current chunk. The splitter copies out what it keeps, so a
 * buffer is free again once the caller asks for the next chunk, and the loop allocates nothing per chunk
 * (fresh 1 MiB buffers per read pile up as external memory until a GC frees them).
 */
async function* fileChunks(file: string, size = 1 << 20): AsyncGenerator<Buffer> {
  const handle = file === '-' ? undefined : await open(file, 'r');
  const bufs = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const;
  const readInto = (buf: Buffer): Promise<number> => (handle ? handle.read(buf, 0, size, null).then((r) => r.bytesRead) : readFd(0, buf));
  let cur = 0;
  let pending: Promise<number> | undefined = readInto(bufs[0]);
  try {
    for (;;) {
      const n = await pending;
      pending = undefined;
      if (n === 0) return;
      const buf = bufs[cur]!;
      cur ^= 1;
      pending = readInto(bufs[cur]!);
      yield buf.subarray(0, n);
    }
  } finally {
    await pending?.catch(() => 0);
    await handle?.close();
  }
}

function readFd(fd: number, buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buf, 0, buf.length, null, (err, n) => {
      if (err && err.code === 'EAGAIN') setTimeout(() => readFd(fd, buf).then(resolve, reject), 5);
      else if (err) reject(err);
      else resolve(n);
    });
  });
}

/** A terminal on stdin, or an injected stream (tests): read as a stream. */
async function* streamChunks(input: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
}

