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
import { auditLogChunks } from './not-a-log.js';
import { Output } from '../format/output.js';
import { parseRecord, type AuditRecord } from './record.js';
import { type AuditEvent, EventAssembler, type AssemblerOptions } from './reassemble.js';
import { lastRecordJsonAscii, recordJSON, type RecordJsonOptions, recordToPlain } from './record-json.js';

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

/** Writes an event's records as JSON lines (one object per record). False when the caller should `await out.ready()`. */
export function writeEventJson(out: Output, e: AuditEvent, opts?: RecordJsonOptions): boolean {
  let ok = true;
  for (const r of e.records) {
    const json = recordJSON(r, opts);
    ok = out.put(json, out.ascii && lastRecordJsonAscii()) && ok;
  }
  return ok;
}

export function eventText(e: AuditEvent): string {
  let s = '---\n';
  for (const r of e.records) s += `${r.line}\n`;
  return s;
}

export type ParseRunOptions = ParseRunCommon &
  (
    | { sink: EventSink; driver?: undefined }
    | {
        sink?: undefined;
        /**
         * Does the work after reading instead of an in-thread ParseCore feeding a sink (see
         * normalize/parallel.ts). It gets the same calls runParse would make on its core.
         */
        driver: (report: (line: string) => void) => ParseDriver;
      }
  );

interface ParseRunCommon {
  /** Files in order; `-` is stdin. Empty means stdin. */
  files: string[];
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

/** What a run's inputs are fed to: one after another, chunk by chunk. */
export interface ParseDriver {
  /** A new input starts (line numbers restart). */
  begin(name: string): void;
  /** Bytes of the current input. Returns false when the caller should `await ready()`. */
  push(chunk: Buffer): boolean;
  /** The input had no more for now (a pipe being written to): let what is complete go out. */
  idle(): void;
  /** The current input ended (a last line without a newline still counts). */
  endInput(): void;
  ready(): Promise<void>;
  /** End of all input: completes what is open, ends the output, and gives the counts. */
  finish(aborted: boolean): Promise<ParseCounts>;
  /** Releases what the driver holds (threads) when the run ends, also when it fails. */
  dispose?(): void;
}

export type ParseCounts = Omit<ParseRunResult, 'unreadable'> & { firstBad: string };

const isSeparator = (line: string) => line === '---' || line === '----';
/** ausearch's `time->Sat Nov 21 14:39:47 2026` line after each `----` */
const isTimeLine = (line: string) => line.startsWith('time->');

/**
 * Lines -> records -> events, for one input after another, in this thread. Bad lines are reported (the
 * first `maxReported` one by one) and counted. Also the core of each interpretation worker.
 */
export class ParseCore {
  readonly counts: ParseCounts = { lines: 0, records: 0, events: 0, bad: 0, separators: 0, firstBad: '' };
  private readonly asm: EventAssembler;
  private splitter: LineSplitter | undefined;

  constructor(
    onEvent: (event: AuditEvent) => void,
    private readonly report: (line: string) => void,
    private readonly maxReported = 1000,
    assembler?: AssemblerOptions,
  ) {
    this.asm = new EventAssembler(onEvent, assembler);
  }

  begin(name: string): void {
    const c = this.counts;
    this.splitter = new LineSplitter((line, lineNo, overlong) => {
      if (!overlong && (isSeparator(line) || isTimeLine(line))) {
        // the text output of tsaudit parse/stream (and ausearch's) can be read back: `tsaudit stream | tsaudit parse -i`
        c.separators++;
        if (line.charCodeAt(0) === 45) this.asm.boundary();
        return;
      }
      const r = overlong ? undefined : parseRecord(line);
      if (r !== undefined && r.kind === 'record') {
        c.records++;
        this.asm.push(r);
        return;
      }
      const reason = overlong ? `line too long (${overlong.bytes} bytes), skipped` : r!.reason;
      c.bad++;
      if (c.bad === 1) c.firstBad = `${name}:${lineNo}`;
      if (c.bad <= this.maxReported) this.report(`${name}:${lineNo}: ${reason}`);
      else if (c.bad === this.maxReported + 1) this.report(`tsaudit: more bad lines follow; only the first ${this.maxReported} are shown`);
    });
  }

  push(chunk: Buffer): void {
    this.splitter!.push(chunk);
  }

  /** Lets complete events that wait only for more input go out (see EventAssembler.release). */
  release(): void {
    this.asm.release();
  }

  endInput(): void {
    const sp = this.splitter!;
    sp.end();
    this.counts.lines += sp.lines;
    this.splitter = undefined;
  }

  /** End of all input: every open event completes. */
  finish(): ParseCounts {
    this.asm.flush();
    this.counts.events = this.asm.stats.events;
    return this.counts;
  }
}

/** The in-thread driver: a ParseCore feeding `sink`. */
function sinkDriver(sink: EventSink, report: (line: string) => void, opts: ParseRunCommon): ParseDriver {
  let blocked = false;
  const core = new ParseCore(
    (e) => {
      if (!sink.write(e)) blocked = true;
    },
    report,
    opts.maxReported,
    opts.assembler,
  );
  let ascii = true;
  sink.inputAscii?.(true);
  return {
    begin: (name) => core.begin(name),
    push(chunk) {
      if (ascii && !isAscii(chunk)) {
        ascii = false;
        sink.inputAscii?.(false);
      }
      core.push(chunk);
      const ok = !blocked;
      blocked = false;
      return ok;
    },
    idle() {
      core.release();
      sink.flush?.();
    },
    endInput: () => core.endInput(),
    ready: () => sink.ready(),
    async finish(aborted) {
      const counts = core.finish();
      if (!aborted) await sink.end();
      return counts;
    },
  };
}

export async function runParse(opts: ParseRunOptions): Promise<ParseRunResult> {
  const files = opts.files.length > 0 ? opts.files : ['-'];
  const report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const driver = opts.driver !== undefined ? opts.driver(report) : sinkDriver(opts.sink, report, opts);
  const readSize = opts.highWaterMark ?? 1 << 20;
  let unreadable = 0;

  let done: ParseCounts;
  try {
    for (const file of files) {
      if (shutdownSignal.aborted) break;
      const name = file === '-' ? '<stdin>' : file;
      driver.begin(name);
      try {
        const chunks = auditLogChunks(name, file === '-' && (opts.stdin !== undefined || process.stdin.isTTY) ? streamChunks(opts.stdin ?? process.stdin) : fileChunks(file, readSize));
        for await (const chunk of chunks) {
          const ok = driver.push(chunk);
          if (chunk.length < readSize) driver.idle();
          if (!ok) await driver.ready();
          if (shutdownSignal.aborted) break;
        }
        driver.endInput();
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (typeof e?.code !== 'string' || typeof e?.syscall !== 'string') throw err; // not a read error
        const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
        if (files.length === 1) throw new TsauditError('E_INPUT', `cannot read ${name}: ${why}`, { exitCode: 1, context: { file: name }, cause: err });
        unreadable++;
        report(`tsaudit: cannot read ${name}: ${why}`);
        driver.endInput();
      }
    }
    done = await driver.finish(shutdownSignal.aborted);
  } finally {
    // an input that fails the run (the only one unreadable) must not leave threads holding the process
    driver.dispose?.();
  }
  const { firstBad, ...counts } = done;
  const result: ParseRunResult = { ...counts, unreadable };

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

