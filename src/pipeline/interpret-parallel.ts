// `parse -i` on more than one core. Interpreting an event (lexing the bodies, normalizing, writing JSON,
// YAML or text) costs about ten times what reading it, splitting lines and grouping records into events
// does, and events are independent of each other once grouped. So:
//
//   main thread: reads the inputs and hands every chunk to every worker; writes the workers' output
//   worker k:    the whole LogEventReader (lines -> records -> events, as in-thread), but interprets only the
//                events of batches b with b % N === k, and hands their output back per batch
//   main thread: writes batch 0, 1, 2, … in order, so the output is the in-thread output, byte for byte
//
// Grouping runs in every worker: it is cheap, and it means no event crosses a thread boundary as objects
// (copying them cost more than it saved in a first version that shipped events' lines to workers). All
// workers see the same chunks in the same order, so they agree on events and batch boundaries without
// talking to each other. Worker 0 alone reports bad lines and gives the counts.
//
// Bounded: a worker is at most IN_FLIGHT chunks behind the reader; output waits for stdout (backpressure).
// Memory is reused, not allocated per chunk or batch: the chunks reach the workers through a ring of slots in
// shared memory (one copy in, none per worker), and each batch's buffer goes back to its worker once stdout
// has written it. Fresh buffers cost page faults and memory bandwidth that the threads
// share (figures in docs/performance.md).
// Used only where it pays (workersFor: input size and free CPUs); TSAUDIT_WORKERS sets the number of threads
// (0 or 1: none).

import { fstatSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TsauditError, usageError } from '../errors.js';
import { type ColorLevel, color } from '../format/color.js';
import type { FormatName } from '../format/index.js';
import { Output } from '../format/output.js';
import type { LogCounts } from './log-events.js';
import type { LogDriver } from './read-logs.js';

/** What a worker is started with. */
export interface WorkerSetup {
  format: FormatName;
  ids: boolean;
  utc?: boolean;
  colorLevel: ColorLevel;
  /** this worker's number, and how many there are */
  index: number;
  workers: number;
  /** events per batch */
  batchEvents: number;
  maxReported: number;
  /** The input ring: slot k is bytes [k * slotBytes, (k + 1) * slotBytes). */
  ring: SharedArrayBuffer;
  slotBytes: number;
}

/** Main thread -> worker. */
export type ToWorker =
  | { t: 'begin'; name: string }
  | { t: 'chunk'; bytes: Uint8Array }
  /** A chunk in the input ring (see WorkerSetup). */
  | { t: 'slot'; slot: number; length: number }
  /** A batch buffer stdout is done with, back to the worker that filled it. */
  | { t: 'spare'; buffer: ArrayBuffer }
  | { t: 'idle' }
  | { t: 'endInput' }
  | { t: 'finish' };

/** Worker -> main thread. */
export type FromWorker =
  | { t: 'batch'; seq: number; bytes: Uint8Array; events: number }
  | { t: 'ack' }
  | { t: 'report'; line: string }
  | { t: 'done'; batches: number; counts: LogCounts }
  | { t: 'error'; message: string };

/** Inputs smaller than this are interpreted in-thread. */
export const PARALLEL_MIN_BYTES = 32 << 20;
/** Chunks a worker may be behind the reader. */
const IN_FLIGHT = 4;
const BATCH_EVENTS = 512;
const MAX_WORKERS = 4;
/** Input ring: slots of the read size (readLogs reads 1 MiB); a larger chunk is copied to each worker. */
const SLOT_BYTES = 1 << 20;
const RING_SLOTS = IN_FLIGHT + 2;
const WORKER_URL = new URL('./interpret-worker.js', import.meta.url);

/** The machine as workersFor sees it: CPUs, and the 1-minute load average (runnable threads). */
export interface MachineLoad {
  cpus: number;
  load: number;
}

const machineNow = (): MachineLoad => ({ cpus: availableParallelism(), load: loadavg()[0] ?? 0 });

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
 * How many worker threads `parse -i` should use for these inputs: 0 means in-thread. TSAUDIT_WORKERS, when
 * set, decides alone (tests use it on small inputs). Otherwise threads only where they pay: inputs of known
 * size (regular files, stdin redirected from one) of PARALLEL_MIN_BYTES or more in all, and CPUs free for a
 * reader thread plus at least two workers. Threads cost about 1.7 times the CPU of one thread (every worker
 * groups every event, warms up on its own, and collects garbage on its own), so on cores that are busy with
 * other work they are slower than one thread, never faster (docs/performance.md). A pipe has no size and may
 * be `tail -f`: in-thread.
 */
export function workersFor(
  files: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  machine: MachineLoad = machineNow(),
  stdinSize: () => number | undefined = stdinBytes,
): number {
  const asked = env.TSAUDIT_WORKERS;
  if (asked !== undefined && asked !== '') {
    if (!/^\d+$/.test(asked) || Number(asked) > 64)
      throw usageError(`TSAUDIT_WORKERS: expected a number of threads from 0 to 64, got "${asked}"`, { token: asked });
    const n = Number(asked);
    return n < 2 ? 0 : n;
  }
  const free = Math.floor(machine.cpus - machine.load);
  const workers = Math.min(MAX_WORKERS, free - 1);
  if (workers < 2) return 0;
  let bytes = 0;
  for (const f of files.length === 0 ? ['-'] : files) {
    if (f === '-') {
      const size = stdinSize();
      if (size === undefined) return 0;
      bytes += size;
      continue;
    }
    try {
      const st = statSync(f);
      if (!st.isFile()) return 0;
      bytes += st.size;
    } catch {
      return 0; // the in-thread run reports it
    }
  }
  return bytes >= PARALLEL_MIN_BYTES ? workers : 0;
}

export interface ParallelSetup {
  format: FormatName;
  ids: boolean;
  utc?: boolean;
  workers: number;
  /** Told how many events each batch written holds (a progress line). */
  onEvents?: (n: number) => void;
  maxReported?: number;
  batchEvents?: number;
}

/** A LogDriver that spreads interpretation over `workers` threads (see the header). */
// eslint-disable-next-line max-lines-per-function -- the ring slots, per-worker acks and in-order writes are one state machine
export function parallelDriver(setup: ParallelSetup, report: (line: string) => void, out = new Output()): LogDriver {
  const n = setup.workers;
  const pool: Worker[] = [];
  const behind: number[] = [];
  const pending = new Map<number, { bytes: Uint8Array; from: number }>();
  const ring = new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES);
  /** Per slot: workers that have not yet acknowledged the chunk in it. */
  const slotUsers = new Int32Array(RING_SLOTS);
  /** Per worker: the slots of its unacknowledged chunks, oldest first (-1: a copied chunk). */
  const slotsOf: number[][] = [];
  let nextSlot = 0;
  let stopped = false;
  let nextToWrite = 0;
  let total = -1;
  let counts: LogCounts | undefined;
  let doneCount = 0;
  let failure: Error | undefined;
  let waiters: (() => void)[] = [];
  const notify = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const fail = (message: string) => {
    failure ??= new TsauditError('E_INTERNAL', `interpretation thread failed: ${message}`);
    notify();
  };
  const until = async (ok: () => boolean) => {
    while (failure === undefined && !ok()) await new Promise<void>((resolve) => waiters.push(resolve));
    if (failure) throw failure;
  };
  const writeReady = () => {
    for (let b = pending.get(nextToWrite); b !== undefined; b = pending.get(nextToWrite)) {
      pending.delete(nextToWrite++);
      const { bytes, from } = b;
      out.writeBytes(bytes, () => {
        if (!stopped)
          pool[from]!.postMessage({ t: 'spare', buffer: bytes.buffer as ArrayBuffer } satisfies ToWorker, [bytes.buffer as ArrayBuffer]);
      });
    }
  };
  const base = {
    format: setup.format,
    ids: setup.ids,
    utc: setup.utc,
    colorLevel: color().level as ColorLevel,
    workers: n,
    batchEvents: setup.batchEvents ?? BATCH_EVENTS,
    maxReported: setup.maxReported ?? 1000,
    ring,
    slotBytes: SLOT_BYTES,
  };
  for (let i = 0; i < n; i++) {
    const w = new Worker(WORKER_URL, { workerData: { ...base, index: i } satisfies WorkerSetup });
    w.on('message', (m: FromWorker) => {
      switch (m.t) {
        case 'batch':
          setup.onEvents?.(m.events);
          pending.set(m.seq, { bytes: m.bytes, from: i });
          writeReady();
          break;
        case 'ack': {
          behind[i]!--;
          const slot = slotsOf[i]!.shift()!;
          if (slot >= 0) slotUsers[slot]!--;
          break;
        }
        case 'report':
          report(m.line);
          break;
        case 'done':
          total = m.batches;
          if (i === 0) counts = m.counts;
          // a worker's messages arrive in order and `done` is its last: once all are in, so is every batch
          if (++doneCount === n && nextToWrite < total) fail(`batch ${nextToWrite} of ${total} never came`);
          break;
        case 'error':
          fail(m.message);
          break;
      }
      notify();
    });
    w.on('error', (err) => fail(err.message));
    w.on('exit', (code) => {
      if (doneCount < n) fail(`exited with code ${code}`);
    });
    pool.push(w);
    behind.push(0);
    slotsOf.push([]);
  }
  const post = (m: ToWorker) => {
    for (const w of pool) w.postMessage(m);
  };
  const caughtUp = () => behind.every((b) => b < IN_FLIGHT);

  return {
    begin: (name) => post({ t: 'begin', name }),
    push(chunk) {
      if (failure) throw failure;
      // The reader reuses its buffers, so the bytes are copied: once into the ring, which every worker reads.
      // The slot is free unless the chunk is larger or a worker is further behind than backpressure allows
      // (neither happens with readLogs's reads); then each worker gets its own copy, as postMessage makes.
      const slot = nextSlot;
      const inRing = chunk.length <= SLOT_BYTES && slotUsers[slot] === 0;
      if (inRing) {
        new Uint8Array(ring, slot * SLOT_BYTES, chunk.length).set(chunk);
        slotUsers[slot] = n;
        nextSlot = (slot + 1) % RING_SLOTS;
      }
      for (let i = 0; i < n; i++) {
        behind[i]!++;
        slotsOf[i]!.push(inRing ? slot : -1);
        pool[i]!.postMessage((inRing ? { t: 'slot', slot, length: chunk.length } : { t: 'chunk', bytes: chunk }) satisfies ToWorker);
      }
      return caughtUp() && pending.size < n * IN_FLIGHT;
    },
    idle: () => post({ t: 'idle' }),
    endInput: () => post({ t: 'endInput' }),
    async ready() {
      await until(() => caughtUp());
      await out.ready();
    },
    async finish(aborted) {
      try {
        post({ t: 'finish' });
        await until(() => doneCount === n && nextToWrite >= total);
      } finally {
        stopped = true;
        await Promise.all(pool.map((w) => w.terminate()));
      }
      if (!aborted) await out.end();
      return counts!;
    },
    dispose() {
      stopped = true;
      for (const w of pool) void w.terminate();
    },
  };
}
