// A progress line for long reads (`parse`, later `search` and `report`): on standard error, only when it
// is a terminal, redrawn in place a few times a second, and only once a read has taken a second and is
// not done, so short runs print nothing:
//
//   tsaudit: 48.2 of 206.2 MB (23%), 52,310 events/s
//
// Never in pipes: not when stderr is not a terminal, not when stdout is a pipe (a reader such as jq may
// print to the same terminal, and a line redrawn under its output would garble both), not with --quiet.
// A verb that streams its output (parse) also shows none when stdout is the terminal, since the output
// itself shows the progress there; a verb that writes only at the end (report) may show it meanwhile.

import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Where the line is drawn (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** What stdout is, as far as the decision to show a line goes. */
export type StdoutKind = 'terminal' | 'pipe' | 'file';

export interface ProgressOptions {
  /** Bytes to read in all, when known (regular files); otherwise only the bytes read are shown. */
  total?: number;
  /** --quiet: never show the line. */
  quiet?: boolean;
  /** The verb writes its output to stdout while it reads (parse), rather than only at the end (report). */
  streaming: boolean;
  /** Default process.stderr. */
  stream?: ProgressStream;
  /** Default: what fd 1 is (fstat). */
  stdout?: StdoutKind;
  /** Milliseconds before the first line (default 1000). */
  delayMs?: number;
  /** Milliseconds between redraws (default 250). */
  intervalMs?: number;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** Start a repeating timer; returns its stop function (default setInterval, unref'd). */
  every?: (ms: number, fn: () => void) => () => void;
}

export interface Progress {
  /** Whether a line can be shown at all (false in pipes, with --quiet, ...). */
  readonly enabled: boolean;
  /** `n` more bytes were read. */
  read(n: number): void;
  /** `n` more events were handled. */
  events(n: number): void;
  /** Erases the line so that a message can be written to stderr; it is drawn again at the next redraw. */
  interrupt(): void;
  /** The read is over: the line, if shown, is erased. Call before writing a final result to the terminal. */
  done(): void;
}

/** What stdout is: a terminal, a pipe or socket, or anything else (a file, /dev/null). */
export function stdoutKind(fd = 1): StdoutKind {
  try {
    const st = fstatSync(fd);
    if (st.isFIFO() || st.isSocket()) return 'pipe';
    if (st.isCharacterDevice() && process.stdout.isTTY) return 'terminal';
    return 'file';
  } catch {
    return 'pipe'; // closed or odd: show nothing
  }
}

/** Whether a progress line may be drawn at all (see the header). */
export function progressAllowed(opts: Pick<ProgressOptions, 'quiet' | 'streaming'>, stream: ProgressStream, stdout: StdoutKind): boolean {
  if (opts.quiet || !stream.isTTY) return false;
  if (stdout === 'pipe') return false;
  return !(stdout === 'terminal' && opts.streaming);
}

/** Whether a file starts with gzip's magic bytes (it is read decompressed, so its size is not what is read). */
function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes in these inputs when all are regular uncompressed files; undefined when any is stdin, a pipe,
 * gzip-compressed or unreadable (the line then shows the bytes read without a total).
 */
export function bytesToRead(files: readonly string[]): number | undefined {
  if (files.length === 0) return undefined;
  let total = 0;
  for (const f of files) {
    if (f === '-') return undefined;
    try {
      const st = statSync(f);
      if (!st.isFile() || isGzip(f)) return undefined;
      total += st.size;
    } catch {
      return undefined;
    }
  }
  return total;
}

const MB = 1e6;

function megabytes(n: number): string {
  return (n / MB).toFixed(1);
}

/** The progress line's text (without the carriage return and erase codes). */
export function progressText(bytes: number, total: number | undefined, events: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0;
  const read =
    total !== undefined && total > 0
      ? `${megabytes(Math.min(bytes, total))} of ${megabytes(total)} MB (${Math.min(100, Math.floor((bytes * 100) / total))}%)`
      : `${megabytes(bytes)} MB`;
  return `tsaudit: ${read}, ${rate.toLocaleString('en-US')} events/s`;
}

const NO_PROGRESS: Progress = { enabled: false, read() {}, events() {}, interrupt() {}, done() {} };

const defaultEvery = (ms: number, fn: () => void): (() => void) => {
  const t = setInterval(fn, ms);
  t.unref(); // never keeps the process alive
  return () => clearInterval(t);
};

export function startProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  if (!progressAllowed(opts, stream, opts.stdout ?? stdoutKind())) return NO_PROGRESS;
  const now = opts.now ?? Date.now;
  const delay = opts.delayMs ?? 1000;
  const started = now();
  let bytes = 0;
  let events = 0;
  let shown = false;
  let finished = false;
  const erase = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  // a run cut short (`| head`, Ctrl-C) still leaves a clean line behind
  const onExit = () => erase();
  process.once('exit', onExit);
  const draw = () => {
    const elapsed = now() - started;
    if (finished || elapsed < delay) return;
    let text = progressText(bytes, opts.total, events, elapsed);
    const width = stream.columns || 80; // a pty without a size says 0
    if (text.length >= width) text = text.slice(0, Math.max(0, width - 1));
    stream.write(`\r${text}\x1b[K`);
    shown = true;
  };
  const stop = (opts.every ?? defaultEvery)(opts.intervalMs ?? 250, draw);
  return {
    enabled: true,
    read(n) {
      bytes += n;
    },
    events(n) {
      events += n;
    },
    interrupt: erase,
    done() {
      if (finished) return;
      finished = true;
      stop();
      erase();
      process.removeListener('exit', onExit);
    },
  };
}
