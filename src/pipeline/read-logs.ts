// Reading audit logs: inputs (files in order, rotated sets, stdin, gzip; see sources.ts) chunk by chunk into
// a driver. The in-thread driver runs lines -> records -> events (log-events.ts), selection, and a sink; the
// threaded renderer of `parse` (event-threads.ts) is another driver with the same calls. Unreadable inputs and bad
// lines are reported as they come and summed up at the end; `strict` makes bad lines fail the run.
// Cancellation: `signal` (the caller passes the process's shutdown signal) stops reading between chunks.

import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { TsauditError } from '../errors.js';
import type { AssemblerOptions } from '../parse/reassemble.js';
import { type LogCounts, LogEventReader } from './log-events.js';
import { type EventSelector, selectEvents } from './select.js';
import type { EventSink } from './sinks.js';
import { expandInputs, inputChunks, inputName, readFailure } from './sources.js';
import { auditLogChunks } from '../parse/not-a-log.js';

export type ReadLogsOptions = ReadLogsCommon &
  (
    | { sink: EventSink; driver?: undefined }
    | {
        sink?: undefined;
        /** Does the work after reading instead of an in-thread reader feeding a sink (see event-threads.ts). */
        driver: (report: (line: string) => void) => LogDriver;
      }
  );

interface ReadLogsCommon {
  /** Files (or directories of rotated logs) in order; `-` is stdin. Empty means stdin. */
  files: string[];
  strict?: boolean;
  assembler?: AssemblerOptions;
  /** With a sink: only the events this accepts are written. */
  select?: EventSelector;
  /** Most bad lines reported one by one (the summary counts all). Default 1000. */
  maxReported?: number;
  /** Read size (default 1 MiB). */
  highWaterMark?: number;
  /** Where reports go (default stderr). */
  report?: (line: string) => void;
  /** Input for `-` (default process.stdin). */
  stdin?: Readable;
  /** Told the size of each chunk read (a progress line). */
  onRead?: (bytes: number) => void;
  /** Aborted: stop reading (what was read is still completed and written unless the driver is told otherwise). */
  signal?: AbortSignal;
}

export type ReadLogsResult = Omit<LogCounts, 'firstBad'> & { unreadable: number };

/** What a run's inputs are fed to: one after another, chunk by chunk. */
export interface LogDriver {
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
  finish(aborted: boolean): Promise<LogCounts>;
  /** Releases what the driver holds (threads) when the run ends, also when it fails. */
  dispose?(): void;
}

/** The in-thread driver: a LogEventReader feeding `sink`. */
function sinkDriver(sink: EventSink, report: (line: string) => void, opts: ReadLogsCommon): LogDriver {
  let blocked = false;
  const target = selectEvents(sink, opts.select);
  const reader = new LogEventReader(
    (e) => {
      if (!target.write(e)) blocked = true;
    },
    report,
    opts.maxReported,
    opts.assembler,
  );
  let ascii = true;
  sink.inputAscii?.(true);
  return {
    begin: (name) => reader.begin(name),
    push(chunk) {
      if (ascii && !isAscii(chunk)) {
        ascii = false;
        sink.inputAscii?.(false);
      }
      reader.push(chunk);
      const ok = !blocked;
      blocked = false;
      return ok;
    },
    idle() {
      reader.release();
      sink.flush?.();
    },
    endInput: () => reader.endInput(),
    ready: () => sink.ready(),
    async finish(aborted) {
      const counts = reader.finish();
      if (!aborted) await sink.end();
      return counts;
    },
  };
}

export async function readLogs(opts: ReadLogsOptions): Promise<ReadLogsResult> {
  const files = expandInputs(opts.files.length > 0 ? opts.files : ['-']);
  const report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const driver = opts.driver !== undefined ? opts.driver(report) : sinkDriver(opts.sink, report, opts);
  const readSize = opts.highWaterMark ?? 1 << 20;
  const aborted = () => opts.signal?.aborted === true;
  let unreadable = 0;

  let done: LogCounts;
  try {
    for (const file of files) {
      if (aborted()) break;
      const name = inputName(file);
      driver.begin(name);
      try {
        for await (const chunk of auditLogChunks(name, inputChunks(file, { readSize, stdin: opts.stdin }), {
          emptyFails: files.length === 1,
        })) {
          opts.onRead?.(chunk.length);
          const ok = driver.push(chunk);
          if (chunk.length < readSize) driver.idle();
          if (!ok) await driver.ready();
          if (aborted()) break;
        }
        driver.endInput();
      } catch (err) {
        const why = readFailure(err);
        if (why === undefined) throw err;
        if (files.length === 1)
          throw new TsauditError('E_INPUT', `cannot read ${name}: ${why}`, { exitCode: 1, context: { file: name }, cause: err });
        unreadable++;
        report(`tsaudit: cannot read ${name}: ${why}`);
        driver.endInput();
      }
    }
    done = await driver.finish(aborted());
  } finally {
    // an input that fails the run (the only one unreadable) must not leave threads holding the process
    driver.dispose?.();
  }
  const { firstBad, ...counts } = done;
  const result: ReadLogsResult = { ...counts, unreadable };

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
