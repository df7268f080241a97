// `tsaudit stream`: live audit events from the kernel, reassembled, in text, JSON or YAML.
//
// A composition of parts, each owning its state: the session (session.ts: register or join multicast, restore
// at exit), the netlink source (src/pipeline/netlink-source.ts), assembly (pipeline.ts: decode, serial gaps,
// events into the bounded queue.ts), the write loop (write-loop.ts), the kernel watch (kernel-watch.ts: lost
// counter, registration) and loss accounting (loss-accounting.ts: totals and stderr notes).
// Three loops share the event loop and never wait for each other:
//   - receive: batches from the netlink client (async poll, then non-blocking recvmmsg drains) go through the
//     pipeline into the bounded OutputQueue; this loop never waits for stdout, so the kernel is never held up
//     by a slow reader (that would fill its backlog and stall every audited process on the machine);
//   - write: takes from the queue and writes through parse's output sinks, honouring stdout's backpressure;
//   - timers: serial-gap expiry (250 ms), the kernel lost-counter poll (1 s), the stderr loss notes (1 s).
// Requests to the kernel other than registering go through the control worker thread (control-worker.ts).
// Stop (SIGINT, SIGTERM, EPIPE via src/runtime.ts, --count reached, or a receive error): records received
// from then on are read and dropped while a last lost reading is taken, open events are completed, the audit
// pid is cleared and settings are restored; then the writer flushes what is queued (bounded in time, since
// stdout may be gone).

import type { FormatName, ItemWriter } from '../format/index.js';
import { type NetlinkReceiver, netlinkSource } from '../pipeline/netlink-source.js';
import { KernelWatch } from './kernel-watch.js';
import type { LossRecord } from './loss.js';
import { LossAccounting } from './loss-accounting.js';
import { type Assembler, StreamPipeline, type StreamRecordLike } from './pipeline.js';
import { OutputQueue } from './queue.js';
import { SequenceTracker } from './sequence.js';
import { type KernelControl, type Session, type SettingChange, startSession } from './session.js';
import { WriteLoop } from './write-loop.js';

/** The part of the netlink AuditClient (src/netlink/client.ts) the stream uses. */
export interface StreamClient extends NetlinkReceiver {
  getStatus(): Promise<{ enabled: number; pid: number; rateLimit: number; backlogLimit: number; backlogWaitTime?: number; lost: number }>;
  setStatus(change: SettingChange): Promise<void>;
  setPid(pid?: number): Promise<void>;
  clearPid(): Promise<void>;
  joinMulticast(): void | Promise<void>;
  setReceiveBuffer(bytes: number): number;
  close(): void;
}

/** How events are decoded, grouped and rendered (supplied by the parse layer). */
export interface EventCodec<R extends StreamRecordLike, E> {
  decode: (type: number, payload: Buffer | string) => R | string;
  assembler: (emit: (event: E) => void) => Assembler<R>;
  /** the output writer for events and loss records (to stdout, batched) */
  writer: (format: FormatName) => Promise<ItemWriter<E | LossRecord>>;
}

export interface StreamOptions {
  format: FormatName;
  multicast?: boolean;
  enable?: boolean;
  backlogLimit?: number;
  rateLimit?: number;
  backlogWaitTime?: number;
  /**
   * socket receive buffer to ask for, bytes (default 256 MiB; the kernel doubles it for its bookkeeping).
   * In unicast mode it is the burst reserve: kauditd gives up on a daemon whose socket stays full for 100 ms,
   * and each queued record costs the kernel well over a kilobyte of that budget, so 64 MiB held only a few
   * tens of thousands of events.
   */
  receiveBuffer?: number;
  /** bounded output queue, events */
  queueSize?: number;
  /** stop after this many events */
  count?: number;
  /** print a start line and a summary on stderr */
  stats?: boolean;
  /** serial-gap grace period, ms */
  gapGraceMs?: number;
  lostPollMs?: number;
  /** how long the writer may take to flush at stop, ms (stdout may be gone) */
  flushTimeoutMs?: number;
}

export interface StreamDeps<R extends StreamRecordLike, E> {
  client: StreamClient;
  codec: EventCodec<R, E>;
  /** aborted to stop (the process-wide shutdownSignal) */
  signal: AbortSignal;
  /** stderr lines (without the newline) */
  note: (line: string) => void;
  /** where events go (default stdout, through the formatter's batched Output) */
  writer?: ItemWriter<E | LossRecord>;
  pid?: number;
  isAlive?: (pid: number) => boolean;
  processName?: (pid: number) => string | undefined;
}

export interface StreamSummary {
  mode: 'unicast' | 'multicast';
  events: number;
  written: number;
  records: number;
  bad: number;
  overruns: number;
  lost: { kernel: number; sequence: number; queue: number };
  /** receive rate over the span between the first and the last event */
  eventsPerSecond: number;
  firstEventAt: number;
  lastEventAt: number;
  receiveBuffer: number;
  problems: string[];
}

const TICK_MS = 250;
const NOTE_MS = 1000;
const FLUSH_TIMEOUT_MS = 2000;
/**
 * Records taken from the socket per step. Small on purpose: in unicast mode the kernel gives up on an audit
 * daemon whose socket stays full for 100 ms (kauditd's send timeout, HZ/10) and unregisters it, so no step of
 * the reader or the writer (write-loop.ts) may keep the other from reading for that long.
 */
const BATCH = 512;
/** queued events above which the reader lets the writer run before taking the next batch */
const YIELD_QUEUE = 256;
const BAD_NOTES = 10;

function control(client: StreamClient): KernelControl {
  return {
    getStatus: async () => {
      const s = await client.getStatus();
      return { ...s, backlogWaitTime: s.backlogWaitTime ?? 0 };
    },
    setStatus: (change) => client.setStatus(change),
    setPid: (pid) => (pid === 0 ? client.clearPid() : client.setPid(pid)),
    joinMulticast: async () => {
      await client.joinMulticast();
    },
  };
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref();
  });

const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

/** Session: sets the receive buffer and registers with the kernel; the socket is closed when that fails. */
async function openSession(
  opts: StreamOptions,
  deps: StreamDeps<StreamRecordLike, unknown>,
): Promise<{ session: Session; receiveBuffer: number }> {
  const { client } = deps;
  try {
    const receiveBuffer = client.setReceiveBuffer(opts.receiveBuffer ?? 256 * 1024 * 1024);
    const session = await startSession(control(client), {
      multicast: opts.multicast,
      enable: opts.enable,
      backlogLimit: opts.backlogLimit,
      rateLimit: opts.rateLimit,
      backlogWaitTime: opts.backlogWaitTime,
      pid: deps.pid,
      isAlive: deps.isAlive,
      processName: deps.processName,
    });
    return { session, receiveBuffer };
  } catch (err) {
    client.close();
    throw err;
  }
}

/** Assembly: netlink messages -> records -> events into the queue; an undecodable message is noted, never dropped silently. */
function assembly<R extends StreamRecordLike, E>(
  deps: StreamDeps<R, E>,
  opts: StreamOptions,
  queue: OutputQueue<E>,
  onLoss: (loss: LossRecord) => void,
  /** records stamped before this (ms) are not gap-tracked */
  since: number,
): StreamPipeline<R, E> {
  let badNoted = 0;
  return new StreamPipeline<R, E>({
    decode: deps.codec.decode,
    assembler: deps.codec.assembler,
    queue,
    tracker: new SequenceTracker({ graceMs: opts.gapGraceMs ?? 2000 }),
    since,
    onLoss,
    // the first few in full, then a count
    onBad: (why) => {
      if (++badNoted <= BAD_NOTES)
        deps.note(`undecodable netlink message: ${why}${badNoted === BAD_NOTES ? ' (further ones are only counted; see --stats)' : ''}`);
    },
  });
}

/** How the receive loop paces itself against the writer. */
interface Flow<E> {
  queue: OutputQueue<E>;
  out: WriteLoop<E>;
  /** the writer goes to a regular file (see src/pipeline/sinks.ts): never a hung consumer, so the reader may wait for it */
  waitForOutput: boolean;
  writing: Promise<void>;
  stopped: Promise<void>;
  /** true from the stop on: batches are then read and dropped */
  stopping: () => boolean;
}

/**
 * Output to a regular file: queued events above which the reader waits for the writer (down to half). Low, so
 * that events are written soon after they were made and die young instead of being promoted to the old
 * generation; the socket buffers the rest.
 */
const FILE_QUEUE_HIGH = 1024;

/** Receive: batches from the netlink source into the assembly until `signal` (aborted once the stop has restored the kernel). */
async function receive<R extends StreamRecordLike, E>(
  client: StreamClient,
  signal: AbortSignal,
  pipeline: StreamPipeline<R, E>,
  flow: Flow<E>,
): Promise<void> {
  const { queue } = flow;
  for await (const batch of netlinkSource(client, { signal, maxBatch: BATCH })) {
    if (flow.stopping()) continue;
    pipeline.handle(batch);
    // output to a regular file: when the disk falls behind, wait for it (the socket buffers meanwhile, as
    // it did while stdout wrote files synchronously) instead of dropping events at the queue
    const high = Math.min(queue.capacity - BATCH, FILE_QUEUE_HIGH);
    if (flow.waitForOutput && queue.length > high) {
      await Promise.race([queue.whenBelow(Math.min(queue.capacity, FILE_QUEUE_HIGH) >> 1), flow.writing, flow.stopped]);
    }
    // give the writer its turn when it can write (not when stdout is full: then the queue drops instead)
    if (queue.length >= YIELD_QUEUE && !flow.out.waiting) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The parts of a running stream, built in order: session first (it may refuse), then what depends on it. */
async function assemble<R extends StreamRecordLike, E>(opts: StreamOptions, deps: StreamDeps<R, E>, local: AbortController) {
  const queue = new OutputQueue<E>(opts.queueSize ?? 10_000);
  const loss = new LossAccounting(queue, deps.note);
  const writer = deps.writer ?? (await deps.codec.writer(opts.format));
  const since = Date.now();
  const { session, receiveBuffer } = await openSession(opts, deps as StreamDeps<StreamRecordLike, unknown>);
  const pipeline = assembly(deps, opts, queue, loss.onLoss, since);
  const watch = new KernelWatch({
    client: deps.client,
    session,
    own: deps.pid ?? process.pid,
    intervalMs: opts.lostPollMs ?? 1000,
    note: deps.note,
    onKernelLoss: (record) => {
      loss.lost.kernel += record.count ?? 0;
      pipeline.loss(record);
    },
    onReplaced: () => local.abort('replaced'),
  });
  const out = new WriteLoop(queue, writer, opts.format, opts.count ?? Infinity, () => local.abort('count'));
  return { queue, loss, writer, session, receiveBuffer, pipeline, watch, out };
}

type Parts<R extends StreamRecordLike, E> = Awaited<ReturnType<typeof assemble<R, E>>>;

/**
 * Stopping keeps draining the socket until the audit pid is cleared and settings are restored: requests to the
 * kernel may sleep while its backlog is full (see control-worker.ts), and the backlog only empties if someone
 * reads. Returns `begin` (idempotent) and `done` (the stop's work; `receiveStop` is aborted after it).
 */
function stopper(p: Parts<StreamRecordLike, unknown>, timers: NodeJS.Timeout[], problems: string[], receiveStop: AbortController) {
  let stopping: Promise<void> | undefined;
  const begin = () => {
    p.watch.stop();
    stopping ??= (async () => {
      for (const t of timers) clearInterval(t);
      if (p.session.statusReadable) await p.watch.poller.stop().catch(() => undefined);
      p.pipeline.finish();
      problems.push(...(await p.session.stop()));
    })().finally(() => receiveStop.abort());
  };
  return { begin, started: () => stopping !== undefined, done: () => stopping };
}

export async function runStream<R extends StreamRecordLike, E>(opts: StreamOptions, deps: StreamDeps<R, E>): Promise<StreamSummary> {
  const { client, note } = deps;
  const local = new AbortController();
  const stop = AbortSignal.any([deps.signal, local.signal]);
  const problems: string[] = [];
  const p = await assemble(opts, deps, local);
  const stopped = untilAborted(stop);
  if (opts.stats) {
    note(
      p.session.mode === 'unicast'
        ? `streaming as the audit daemon (pid ${deps.pid ?? process.pid}); receive buffer ${p.receiveBuffer} bytes`
        : `streaming from the multicast group (read-only); receive buffer ${p.receiveBuffer} bytes`,
    );
  }
  const writing = p.out.run().catch((err) => {
    problems.push(`output failed: ${(err as Error).message}`);
    local.abort('output');
  });
  const timers = [setInterval(() => p.pipeline.tick(), TICK_MS), setInterval(p.loss.noteLosses, NOTE_MS)];
  for (const t of timers) t.unref();
  const receiveStop = new AbortController();
  const stopping = stopper(p as Parts<StreamRecordLike, unknown>, timers, problems, receiveStop);
  if (stop.aborted) stopping.begin();
  else stop.addEventListener('abort', stopping.begin, { once: true });

  let failure: unknown;
  try {
    if (p.session.statusReadable) await p.watch.poller.start(p.session.initial.lost);
    else note("the kernel's lost counter needs CAP_AUDIT_CONTROL to read: only serial gaps and ENOBUFS are reported");
    const waitForOutput = (p.writer as { waitWhenFull?: boolean }).waitWhenFull === true;
    await receive(client, receiveStop.signal, p.pipeline, {
      queue: p.queue,
      out: p.out,
      waitForOutput,
      writing,
      stopped,
      stopping: stopping.started,
    });
  } catch (err) {
    failure = err;
  } finally {
    stop.removeEventListener('abort', stopping.begin);
    stopping.begin();
    await stopping.done();
    p.queue.close();
    await Promise.race([writing, sleep(opts.flushTimeoutMs ?? FLUSH_TIMEOUT_MS)]);
    p.loss.close();
    client.close();
  }

  const summary = summarize(p as Parts<StreamRecordLike, unknown>, problems);
  for (const line of problems) note(line);
  if (opts.stats) note(formatSummary(summary));
  if (failure) throw failure;
  return summary;
}

/** Loss accounting's last word: the summary, from the assembly's counters and the totals per source. */
function summarize(p: Parts<StreamRecordLike, unknown>, problems: string[]): StreamSummary {
  const s = p.pipeline.stats;
  const span = (s.lastEventAt - s.firstEventAt) / 1000;
  return {
    mode: p.session.mode,
    events: s.events,
    written: p.out.written,
    records: s.records,
    bad: s.bad,
    overruns: s.overruns,
    lost: p.loss.lost,
    eventsPerSecond: span > 0 ? Math.round(s.events / span) : 0,
    firstEventAt: s.firstEventAt,
    lastEventAt: s.lastEventAt,
    receiveBuffer: p.receiveBuffer,
    problems,
  };
}

export function formatSummary(s: StreamSummary): string {
  return (
    `stream summary: mode=${s.mode} events=${s.events} written=${s.written} records=${s.records} ` +
    `lost_kernel=${s.lost.kernel} lost_sequence=${s.lost.sequence} dropped_queue=${s.lost.queue} ` +
    `enobufs=${s.overruns} bad=${s.bad} events_per_sec=${s.eventsPerSecond} ` +
    `first_event_ms=${s.firstEventAt} last_event_ms=${s.lastEventAt}`
  );
}
