// `parse` on more than one core. Reading, splitting lines, parsing headers and grouping records into events
// is a small part of the work; rendering the events (record JSON, -i's normalized events, ECS documents)
// is the rest, and events are independent once grouped. So:
//
//   main thread: reads, groups (LogEventReader, as in-thread: the same events, bad-line reports and counts),
//                and cuts the events into batches of about BATCH_BYTES of log text. A batch goes to a worker
//                when one has room (fewer than DEPTH batches queued), as bytes (event-lines.ts); otherwise
//                the main thread renders it itself, so a worker that is slow (a busy core, still loading)
//                costs nothing but its own start.
//   worker:      parses the batch's lines again and renders them with the same renderer (batch-render.ts)
//   main thread: writes batch 0, 1, 2, … in order: the in-thread output, byte for byte.
//
// The CPU is about that of one thread: no work is done twice except the header parse of the worker's lines
// and a copy of their bytes (an earlier design, every worker grouping every event, cost far more).
// Memory is reused: input and output buffers go back and forth instead of being allocated per batch.
// When threads are used at all is decided by threadPlan (input size, CPUs free now); TSAUDIT_WORKERS overrides.

import { isAscii } from 'node:buffer';
import { fstatSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { TsauditError, usageError } from '../errors.js';
import { type ColorLevel, color } from '../format/color.js';
import { Output } from '../format/output.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { BatchBytes, type BatchRenderer, type RenderJob, sharedBytes } from './batch-render.js';
import { EventLineWriter } from './event-lines.js';
import { LogEventReader } from './log-events.js';
import type { LogDriver } from './read-logs.js';

/** What a worker is started with. */
export interface WorkerSetup {
  job: RenderJob;
  colorLevel: ColorLevel;
  /** Bytes of the output buffer a batch starts with. */
  outBytes: number;
  /** Output buffers kept for reuse (POOLED). */
  pooled: number;
  /** Int32 [0]: batches this worker has rendered, counted before its message is sent (see RenderWorker.room). */
  rendered: SharedArrayBuffer;
}

/** Main thread -> worker. Memory goes back and forth shared, never transferred (see sharedBytes). */
export type ToWorker =
  | { t: 'batch'; seq: number; input: SharedArrayBuffer; end: number; ascii: boolean }
  /** An output buffer stdout is done with, back to the worker that filled it. */
  | { t: 'spare'; buffer: SharedArrayBuffer };

/** Worker -> main thread: a batch's bytes out[0, end), and its input buffer back. */
export type FromWorker =
  | { t: 'ready' }
  | { t: 'out'; seq: number; out: SharedArrayBuffer; end: number; events: number; input: SharedArrayBuffer }
  | { t: 'error'; message: string };

/** Log text per batch. */
const BATCH_BYTES = 128 << 10;
/** A batch's output buffer to start with, as a multiple of its log text (it grows when not enough). */
const OUT_PER_BATCH = 4;
/** Batches a worker may have queued; beyond that the main thread renders the next one itself. */
const DEPTH = 2;
/**
 * Batches cut and not yet written (queued, rendered, waiting for an earlier one) before the reader is held
 * back. Counted from the cut, not from the messages taken: a worker's output waits in its message queue
 * until the main thread takes it, holding memory all the same.
 */
const MAX_PENDING = 4;
const MAX_WORKERS = 4;
/**
 * Buffers of each kind kept for reuse (inputs, the main thread's outputs, each worker's outputs): enough for
 * every batch in flight, so that none is allocated after the first few. With fewer, a new one was made for
 * about every third batch, and the discarded ones, shared with another thread, waited for both threads'
 * collectors, raising peak RSS (docs/performance.md).
 */
const POOLED = 8;
/** Inputs smaller than this are rendered in-thread: below it a worker's start costs more than it saves. */
export const THREADS_MIN_BYTES = 64 << 20;
const WORKER_MODULE = new URL('./event-worker.js', import.meta.url);
/** The build's one-file worker (scripts/bundle.mjs): loads in a fraction of the modules' time. */
const WORKER_BUNDLE = new URL('../event-worker.cjs', import.meta.url);

/** The bundle, unless tsc alone has built dist/ since (as bin/tsaudit decides for the CLI). */
function workerUrl(): URL {
  const mtime = (u: URL) => statSync(u, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return mtime(WORKER_BUNDLE) >= mtime(WORKER_MODULE) ? WORKER_BUNDLE : WORKER_MODULE;
}

export interface ThreadSetup {
  job: RenderJob;
  /** The main thread's own renderer for `job` (batchRenderer). */
  render: BatchRenderer;
  workers: number;
  /** Told how many events each batch written holds (a progress line). */
  onEvents?: (n: number) => void;
  maxReported?: number;
  batchBytes?: number;
  /** Hold the reader until every worker has started (tests: so that small inputs reach the workers too). */
  awaitWorkers?: boolean;
}

/** Batches rendered by the main thread and by the workers (tests, measurements). */
export interface ThreadStats {
  main: number;
  workers: number;
}

/** Where the rendered batches go, in order: stdout (Output), or the outputs of `--output` (ecs-sink.ts). */
export type BatchOutput = Pick<Output, 'writeBytes' | 'ready' | 'end'>;

interface Pending {
  bytes: Uint8Array;
  events: number;
  /** Called once stdout is done with the bytes. */
  done: () => void;
}

class RenderWorker {
  ready = false;
  sent = 0;
  private readonly rendered: Int32Array;
  constructor(
    readonly thread: Worker,
    rendered: SharedArrayBuffer,
  ) {
    this.rendered = new Int32Array(rendered);
  }

  /**
   * Batches sent and not yet rendered. Read from shared memory, not counted from its messages: the main
   * thread reads a 1 MiB chunk (several batches) in one go without taking messages, and a count from them
   * would see a worker that is long done as full and render the rest itself.
   */
  queued(): number {
    return this.sent - Atomics.load(this.rendered, 0);
  }
}

/** A LogDriver that renders batches of events on the main thread and `workers` worker threads (see the header). */
// eslint-disable-next-line max-lines-per-function -- one state machine: batches out, results in, writes in order
export function threadedDriver(
  setup: ThreadSetup,
  report: (line: string) => void,
  out: BatchOutput = new Output(),
): LogDriver & { stats: ThreadStats } {
  const batchBytes = setup.batchBytes ?? BATCH_BYTES;
  const pool: RenderWorker[] = [];
  const pending = new Map<number, Pending>();
  const inputs: SharedArrayBuffer[] = [];
  const mainSpares: Buffer[] = [];
  const lines = new EventLineWriter(Buffer.alloc(0), sharedBytes);
  let batch: AuditEvent[] = [];
  let batchSize = 0;
  let ascii = true;
  let stopped = false;
  let nextSeq = 0;
  let nextToWrite = 0;
  let blocked = false;
  let failure: Error | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const stats: ThreadStats = { main: 0, workers: 0 };
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const fail = (message: string) => {
    failure ??= new TsauditError('E_INTERNAL', `render thread failed: ${message}`);
    notify();
  };
  const until = async (ok: () => boolean) => {
    while (failure === undefined && !ok()) await new Promise<void>((resolve) => waiters.push(resolve));
    if (failure) throw failure;
  };

  const writeReady = () => {
    for (let p = pending.get(nextToWrite); p !== undefined; p = pending.get(nextToWrite)) {
      pending.delete(nextToWrite++);
      setup.onEvents?.(p.events);
      if (!out.writeBytes(p.bytes, p.done)) blocked = true;
    }
    notify();
  };

  const startWorkers = () => {
    const colorLevel = color().level as ColorLevel;
    const url = workerUrl();
    for (let i = 0; i < setup.workers; i++) {
      const rendered = new SharedArrayBuffer(4);
      const workerData: WorkerSetup = { job: setup.job, colorLevel, outBytes: batchBytes * OUT_PER_BATCH, pooled: POOLED, rendered };
      const w = new RenderWorker(new Worker(url, { workerData }), rendered);
      w.thread.on('message', (m: FromWorker) => {
        if (m.t === 'ready') {
          w.ready = true;
          notify();
        } else if (m.t === 'error') fail(m.message);
        else {
          if (inputs.length < POOLED) inputs.push(m.input);
          const done = () => {
            if (!stopped) w.thread.postMessage({ t: 'spare', buffer: m.out } satisfies ToWorker);
          };
          pending.set(m.seq, { bytes: Buffer.from(m.out, 0, m.end), events: m.events, done });
          writeReady();
        }
      });
      w.thread.on('error', (err) => fail(err.message));
      w.thread.on('exit', (code) => {
        if (!stopped) fail(`exited with code ${code}`);
      });
      pool.push(w);
    }
  };

  /** A worker with room for a batch (the least busy), or undefined. */
  const freeWorker = (): RenderWorker | undefined => {
    let best: RenderWorker | undefined;
    let least = DEPTH;
    for (const w of pool) {
      const q = w.ready ? w.queued() : DEPTH;
      if (q < least) [best, least] = [w, q];
    }
    return best;
  };

  const dispatch = () => {
    if (idleTimer !== undefined) {
      clearTimeout(idleTimer);
      idleTimer = undefined;
    }
    if (batch.length === 0) return;
    const seq = nextSeq++;
    const events = batch;
    batch = [];
    batchSize = 0;
    const w = freeWorker();
    if (w !== undefined) {
      const spare = inputs.pop();
      lines.reset(spare === undefined ? sharedBytes(batchBytes * 2) : Buffer.from(spare));
      for (const e of events) lines.add(e, ascii);
      w.sent++;
      stats.workers++;
      const input = lines.buf.buffer as SharedArrayBuffer;
      w.thread.postMessage({ t: 'batch', seq, input, end: lines.pos, ascii } satisfies ToWorker);
      return;
    }
    stats.main++;
    const own = new BatchBytes(mainSpares.pop(), undefined, batchBytes * OUT_PER_BATCH);
    for (const e of events) setup.render(e, own);
    const buf = own.buf;
    pending.set(seq, {
      bytes: buf.subarray(0, own.pos),
      events: events.length,
      done: () => void (mainSpares.length < POOLED && mainSpares.push(buf)),
    });
    writeReady();
  };

  const reader = new LogEventReader(
    (e) => {
      batch.push(e);
      for (const r of e.records) batchSize += r.line.length;
      if (batchSize >= batchBytes) dispatch();
    },
    report,
    setup.maxReported ?? 1000,
  );
  if (setup.workers > 0) startWorkers();
  const inFlight = () => nextSeq - nextToWrite;
  const held = () => setup.awaitWorkers === true && !pool.every((w) => w.ready);

  return {
    stats,
    begin: (name) => reader.begin(name),
    push(chunk) {
      if (failure) throw failure;
      if (ascii && !isAscii(chunk)) ascii = false;
      reader.push(chunk);
      const ok = !blocked && inFlight() < MAX_PENDING && !held();
      blocked = false;
      return ok;
    },
    idle() {
      reader.release();
      // a pipe read short: what is grouped goes out soon, unless more input fills the batch first
      // a failure here has no caller: it is reported by the next push, ready or finish
      idleTimer ??= setTimeout(() => {
        try {
          dispatch();
        } catch (err) {
          fail((err as Error).message);
        }
      }, 10);
    },
    endInput: () => reader.endInput(),
    async ready() {
      await until(() => inFlight() < MAX_PENDING && !held());
      await out.ready();
    },
    async finish(aborted) {
      const counts = reader.finish();
      dispatch();
      try {
        await until(() => inFlight() === 0);
      } finally {
        stopped = true;
        await Promise.all(pool.map((w) => w.thread.terminate()));
      }
      if (!aborted) await out.end();
      return counts;
    },
    dispose() {
      stopped = true;
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      for (const w of pool) void w.thread.terminate();
    },
  };
}

/** The machine now: CPUs, and threads waiting for or running on one besides this process's (/proc/stat). */
export interface MachineLoad {
  cpus: number;
  busy: number;
}

/** procs_running of /proc/stat (runnable threads, this one included), or undefined where there is none. */
function procsRunning(): number | undefined {
  try {
    const m = /^procs_running (\d+)$/m.exec(readFileSync('/proc/stat', 'latin1'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How busy the CPUs are now: the count of runnable threads, averaged over `samples` reads 1 ms apart (one read
 * catches a moment; the 1-minute load average lags a minute behind), less this thread. No /proc: idle.
 */
export async function machineNow(samples = 5): Promise<MachineLoad> {
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1);
    const n = procsRunning();
    if (n === undefined) return { cpus: availableParallelism(), busy: 0 };
    sum += n - 1;
  }
  return { cpus: availableParallelism(), busy: sum / samples };
}

/** How many worker threads. */
export interface ThreadPlan {
  workers: number;
}

const IN_THREAD: ThreadPlan = { workers: 0 };

/** The size of the input behind `-`: stdin redirected from a regular file has one; a pipe or a terminal does not. */
function stdinBytes(): number | undefined {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `parse` renders on worker threads. TSAUDIT_WORKERS, when set, is the number of workers (0: none)
 * whatever the input (tests use it on small inputs). Otherwise: a core free now for each worker besides the
 * one this thread runs on, and inputs of THREADS_MIN_BYTES or more. A pipe has no size and runs in-thread
 * (stdin redirected from a file has one): workers started once that much had been read raised peak RSS over
 * the 150 MB bound (cause not found; docs/performance.md), and starting them at once costs every small piped
 * run a worker's start. A gzipped input counts by its compressed size.
 */
export async function threadPlan(
  files: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  machine: () => Promise<MachineLoad> = machineNow,
  stdinSize: () => number | undefined = stdinBytes,
): Promise<ThreadPlan> {
  const asked = env.TSAUDIT_WORKERS;
  if (asked !== undefined && asked !== '') {
    if (!/^\d+$/.test(asked) || Number(asked) > 64)
      throw usageError(`TSAUDIT_WORKERS: expected a number of worker threads from 0 to 64, got "${asked}"`, { token: asked });
    return { workers: Number(asked) };
  }
  let bytes = 0;
  for (const f of files.length === 0 ? ['-'] : files) bytes += (f === '-' ? stdinSize() : fileBytes(f)) ?? 0;
  if (bytes < THREADS_MIN_BYTES) return IN_THREAD; // small files and pipes: no need to look at the CPUs
  const m = await machine();
  const workers = Math.min(MAX_WORKERS, Math.floor(m.cpus - m.busy + 0.5) - 1);
  if (workers < 1) return IN_THREAD;
  return { workers };
}

/** A regular file's size; 0 for what is not one or cannot be read (the run reports it). */
function fileBytes(f: string): number | undefined {
  try {
    const st = statSync(f);
    return st.isFile() ? st.size : st.isFIFO() || st.isCharacterDevice() ? undefined : 0;
  } catch {
    return 0;
  }
}
