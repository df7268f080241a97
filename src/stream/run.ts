// `tsaudit stream`: live audit events from the kernel, reassembled, in text, JSON or YAML.
//
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
import { isLossRecord, type LossRecord, formatLoss, mergeLoss } from './loss.js';
import { LostPoller } from './lost-poller.js';
import { type Assembler, StreamPipeline, type StreamItem, type StreamRecordLike } from './pipeline.js';
import { OutputQueue } from './queue.js';
import { SequenceTracker } from './sequence.js';
import { type KernelControl, type Session, type SettingChange, startSession } from './session.js';

/** The part of the netlink AuditClient (src/netlink/client.ts) the stream uses. */
export interface StreamClient {
  getStatus(): Promise<{ enabled: number; pid: number; rateLimit: number; backlogLimit: number; backlogWaitTime?: number; lost: number }>;
  setStatus(change: SettingChange): Promise<void>;
  setPid(pid?: number): Promise<void>;
  clearPid(): Promise<void>;
  joinMulticast(): void | Promise<void>;
  setReceiveBuffer(bytes: number): number;
  receive(opts: { signal?: AbortSignal; maxBatch?: number }): AsyncIterable<StreamItem[]>;
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
 * Records taken from the socket per step, and events written per step. Small on purpose: in unicast mode the
 * kernel gives up on an audit daemon whose socket stays full for 100 ms (kauditd's send timeout, HZ/10) and
 * unregisters it, so no step of the reader or the writer may keep the other from reading for that long.
 */
const BATCH = 512;
const YIELD_EVERY = 512;
/** queued events above which the reader lets the writer run before taking the next batch */
const YIELD_QUEUE = 256;

function control(client: StreamClient): KernelControl {
  return {
    getStatus: async () => {
      const s = await client.getStatus();
      return {
        enabled: s.enabled,
        pid: s.pid,
        rateLimit: s.rateLimit,
        backlogLimit: s.backlogLimit,
        backlogWaitTime: s.backlogWaitTime ?? 0,
        lost: s.lost,
      };
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

const BAD_NOTES = 10;

export async function runStream<R extends StreamRecordLike, E>(opts: StreamOptions, deps: StreamDeps<R, E>): Promise<StreamSummary> {
  const { client, codec, note } = deps;
  const local = new AbortController();
  const stop = AbortSignal.any([deps.signal, local.signal]);
  const queue = new OutputQueue<E>(opts.queueSize ?? 10_000);
  const tracker = new SequenceTracker({ graceMs: opts.gapGraceMs ?? 2000 });
  const lost = { kernel: 0, sequence: 0, queue: 0 };
  const problems: string[] = [];

  // stderr notes: merged per source and printed at most once a second
  const unreported = new Map<string, LossRecord>();
  let droppedNoted = 0;
  const noteLosses = () => {
    // queue drops are noted here, not when the writer reaches them: the writer may be the one that is stuck
    const dropped = queue.dropped - droppedNoted;
    droppedNoted = queue.dropped;
    if (dropped > 0) onLoss({ type: 'TSAUDIT_LOSS', source: 'queue', count: dropped, time: new Date().toISOString() });
    for (const loss of unreported.values()) note(formatLoss(loss));
    unreported.clear();
  };
  const onLoss = (loss: LossRecord) => {
    if (loss.source === 'sequence') lost.sequence += loss.count ?? 0;
    const prev = unreported.get(loss.source);
    unreported.set(loss.source, prev ? mergeLoss(prev, loss) : loss);
  };

  const writer = deps.writer ?? (await codec.writer(opts.format));
  /** the writer goes to a regular file (see src/pipeline/sinks.ts): never a hung consumer, so the reader may wait for it */
  const waitForOutput = (writer as { waitWhenFull?: boolean }).waitWhenFull === true;
  const stopped = new Promise<void>((resolve) => {
    if (stop.aborted) resolve();
    else stop.addEventListener('abort', () => resolve(), { once: true });
  });
  let receiveBuffer: number;
  const since = Date.now();
  let session: Session;
  try {
    receiveBuffer = client.setReceiveBuffer(opts.receiveBuffer ?? 256 * 1024 * 1024);
    session = await startSession(control(client), {
      multicast: opts.multicast,
      enable: opts.enable,
      backlogLimit: opts.backlogLimit,
      rateLimit: opts.rateLimit,
      backlogWaitTime: opts.backlogWaitTime,
      pid: deps.pid,
      isAlive: deps.isAlive,
      processName: deps.processName,
    });
  } catch (err) {
    client.close();
    throw err;
  }

  let badNoted = 0;
  const pipeline = new StreamPipeline<R, E>({
    decode: codec.decode,
    assembler: codec.assembler,
    queue,
    tracker,
    since,
    onLoss,
    // a message that does not decode is reported, never dropped silently (the first few in full, then a count)
    onBad: (why) => {
      if (++badNoted <= BAD_NOTES)
        note(`undecodable netlink message: ${why}${badNoted === BAD_NOTES ? ' (further ones are only counted; see --stats)' : ''}`);
    },
  });

  // The kernel's lost counter. In multicast mode with no audit daemon registered, a kernel booted with audit=1
  // counts records it could not hold for a future daemon; multicast listeners got those, so they are not
  // this stream's loss and are only counted in the summary.
  let daemonPid = session.initial.pid;
  const own = deps.pid ?? process.pid;
  let stopRequested = false;
  let reregistering = false;
  // Unicast: kauditd drops an audit daemon whose socket it could not write to (a send that timed out too
  // often); records then go nowhere. The status poll notices that the pid is no longer ours and registers
  // again, unless someone else took it meanwhile.
  const checkRegistration = (pid: number) => {
    if (session.mode !== 'unicast' || stopRequested || reregistering || pid === own) return;
    if (pid !== 0) {
      note(`the kernel's audit pid is now held by process ${pid}: this stream no longer receives events`);
      session.lostRegistration();
      local.abort('replaced');
      return;
    }
    reregistering = true;
    note('the kernel unregistered tsaudit as the audit daemon (its socket stayed full); registering again');
    client
      .setPid(own)
      .catch((err) => note(`could not register again: ${(err as Error).message}`))
      .finally(() => {
        reregistering = false;
      });
  };
  const poller = new LostPoller({
    read: async () => {
      const s = await client.getStatus();
      daemonPid = s.pid;
      checkRegistration(s.pid);
      return s.lost;
    },
    intervalMs: opts.lostPollMs ?? 1000,
    onLoss: (delta, total) => {
      if (session.mode === 'multicast' && daemonPid === 0) return;
      lost.kernel += delta;
      pipeline.loss({ type: 'TSAUDIT_LOSS', source: 'kernel', count: delta, time: new Date().toISOString(), kernel_lost: total });
    },
    onError: (err) => note(`cannot read the kernel's lost counter: ${(err as Error).message}`),
    onReset: (from, to) => note(`the kernel's lost counter was reset by another process (${from} -> ${to}); not counted as loss`),
  });

  let written = 0;
  let writerWaiting = false;
  const limit = opts.count ?? Infinity;
  const writeLoop = async () => {
    let n = 0;
    for (;;) {
      const item = queue.shift();
      if (item === undefined) {
        if (queue.isClosed) break;
        // nothing more for now: hand what is batched to stdout (a live stream must not sit on 64 KiB)
        await writer.end();
        await queue.wait();
        continue;
      }
      let ok = true;
      if (isLossRecord(item)) {
        if (opts.format !== 'text') ok = writer.write(item);
      } else if (written < limit) {
        ok = writer.write(item);
        written++;
        if (written === limit) local.abort('count');
      }
      if (!ok) {
        writerWaiting = true;
        await writer.ready();
        writerWaiting = false;
      } else if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await writer.end();
  };

  if (opts.stats) {
    note(
      session.mode === 'unicast'
        ? `streaming as the audit daemon (pid ${deps.pid ?? process.pid}); receive buffer ${receiveBuffer} bytes`
        : `streaming from the multicast group (read-only); receive buffer ${receiveBuffer} bytes`,
    );
  }

  const writing = writeLoop().catch((err) => {
    problems.push(`output failed: ${(err as Error).message}`);
    local.abort('output');
  });
  const ticker = setInterval(() => pipeline.tick(), TICK_MS);
  const noter = setInterval(noteLosses, NOTE_MS);
  ticker.unref();
  noter.unref();

  // Stopping keeps draining the socket until the audit pid is cleared and settings are restored: requests to
  // the kernel may sleep while its backlog is full (see control-worker.ts), and the backlog only empties if
  // someone reads. Records arriving after the stop are read and dropped.
  const receiveStop = new AbortController();
  let stopping: Promise<void> | undefined;
  const beginStop = () => {
    stopRequested = true;
    stopping ??= (async () => {
      clearInterval(ticker);
      clearInterval(noter);
      if (session.statusReadable) await poller.stop().catch(() => undefined);
      pipeline.finish();
      problems.push(...(await session.stop()));
    })().finally(() => receiveStop.abort());
  };
  if (stop.aborted) beginStop();
  else stop.addEventListener('abort', beginStop, { once: true });

  let failure: unknown;
  try {
    if (session.statusReadable) await poller.start(session.initial.lost);
    else note("the kernel's lost counter needs CAP_AUDIT_CONTROL to read: only serial gaps and ENOBUFS are reported");
    for await (const batch of client.receive({ signal: receiveStop.signal, maxBatch: BATCH })) {
      if (stopping) continue;
      pipeline.handle(batch);
      // output to a regular file: when the disk falls behind, wait for it (the socket buffers meanwhile, as
      // it did while stdout wrote files synchronously) instead of dropping events at the queue
      if (waitForOutput && queue.length > queue.capacity - BATCH) {
        await Promise.race([queue.whenBelow(queue.capacity >> 1), writing, stopped]);
      }
      // give the writer its turn when it can write (not when stdout is full: then the queue drops instead)
      if (queue.length >= YIELD_QUEUE && !writerWaiting) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    failure = err;
  } finally {
    stop.removeEventListener('abort', beginStop);
    beginStop();
    await stopping;
    queue.close();
    await Promise.race([writing, sleep(opts.flushTimeoutMs ?? FLUSH_TIMEOUT_MS)]);
    lost.queue = queue.dropped;
    noteLosses();
    client.close();
  }

  const s = pipeline.stats;
  const span = (s.lastEventAt - s.firstEventAt) / 1000;
  const summary: StreamSummary = {
    mode: session.mode,
    events: s.events,
    written,
    records: s.records,
    bad: s.bad,
    overruns: s.overruns,
    lost,
    eventsPerSecond: span > 0 ? Math.round(s.events / span) : 0,
    firstEventAt: s.firstEventAt,
    lastEventAt: s.lastEventAt,
    receiveBuffer,
    problems,
  };
  for (const p of problems) note(p);
  if (opts.stats) note(formatSummary(summary));
  if (failure) throw failure;
  return summary;
}

export function formatSummary(s: StreamSummary): string {
  return (
    `stream summary: mode=${s.mode} events=${s.events} written=${s.written} records=${s.records} ` +
    `lost_kernel=${s.lost.kernel} lost_sequence=${s.lost.sequence} dropped_queue=${s.lost.queue} ` +
    `enobufs=${s.overruns} bad=${s.bad} events_per_sec=${s.eventsPerSecond} ` +
    `first_event_ms=${s.firstEventAt} last_event_ms=${s.lastEventAt}`
  );
}
