// Documents -> batches -> every output. Each output has its own queue and sends one batch at a time; a
// batch that fails is sent again after a backoff (so an output that was down gets everything once it is
// back; at most the batch in flight can arrive twice). Without a spool, write() returns false while any
// queue is full: the caller awaits ready(), which holds the reader back instead of growing memory. With a
// spool (spool.ts) the queue is on disk: a slow or absent output never holds the reader back, and what it
// has not taken survives a restart.

import { join } from 'node:path';
import { BatchBuilder, type DocBatch } from './batch.js';
import { Spool, spoolName } from './spool.js';
import type { Transport } from './transport.js';

export interface OutputStats {
  url: string;
  /** Documents handed to the transport, every attempt counted. */
  sent: number;
  /** Documents the output has taken. */
  acknowledged: number;
  /** Documents sent again after a failed attempt. */
  retried: number;
  /** Documents written to the spool instead of the output (see spool.ts). */
  spooled: number;
  /** Documents given up on, each reported on stderr. */
  dropped: number;
}

export interface ShipperOptions {
  /** Most documents in one batch (default 1024). */
  batchDocs?: number;
  /** Most bytes in one batch, about (default 1 MiB). */
  batchBytes?: number;
  /** A partial batch goes out after this many ms without a full one (default 100). */
  flushMs?: number;
  /** Batches queued per output before write() says wait (default 4). */
  maxQueued?: number;
  /** First and longest wait between attempts (default 100 ms, 5 s). */
  backoffMs?: readonly [number, number];
  /** Where problems are reported, one line each (default stderr). */
  report?: (line: string) => void;
  /** An on-disk queue per output in DIR/<output>/, bounded by maxBytes each. */
  spool?: { dir: string; maxBytes?: number; segmentBytes?: number };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

class Lane {
  /** Batches waiting in memory (no spool) or waiting to be appended to the spool. */
  readonly queue: DocBatch[] = [];
  readonly stats: OutputStats;
  running = false;
  appending = false;
  /** Documents this output has taken for good: acknowledged (or rejected for good), or written to its spool. */
  taken = 0;
  /** When the current run of failures began (0: not failing). */
  failingSince = 0;
  drained: (() => void)[] = [];
  stop: AbortController = new AbortController();

  constructor(
    readonly transport: Transport,
    readonly spool: Spool | undefined,
    readonly spoolDir: string | undefined,
  ) {
    this.stats = { url: transport.url, sent: 0, acknowledged: 0, retried: 0, spooled: 0, dropped: 0 };
  }
}

/**
 * A TSAUDIT_LOSS document: events that will never reach a store, reported in the stream the store receives
 * (`auditd.message_type: tsaudit_loss`), so the loss is seen where the events are looked for.
 */
export function lossEventDocument(message: string, details: object, time: string = new Date().toISOString()): string {
  return JSON.stringify({
    '@timestamp': time,
    event: { kind: 'event', module: 'auditd', action: 'lost-events', outcome: 'failure' },
    auditd: { message_type: 'tsaudit_loss' },
    message: `TSAUDIT_LOSS ${message}`,
    tsaudit: { loss: details },
    service: { type: 'auditd' },
  });
}

/** The spool's own loss: `events` dropped for output `url`. */
export function lossDocument(url: string, events: number, reason: string, now = new Date()): string {
  return lossEventDocument(`${events} events for ${url}: ${reason}`, { events, output: url, reason }, now.toISOString());
}

export class Shipper {
  readonly #lanes: Lane[];
  readonly #batchDocs: number;
  readonly #batchBytes: number;
  readonly #flushMs: number;
  readonly #maxQueued: number;
  readonly #backoff: readonly [number, number];
  readonly #report: (line: string) => void;
  readonly #batch: BatchBuilder;
  /** Outputs that have yet to finish with a batch (send it, or append it to their spool). */
  readonly #holders = new Map<DocBatch, number>();
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  constructor(transports: readonly Transport[], opts: ShipperOptions = {}) {
    const spool = opts.spool;
    this.#lanes = transports.map((t) => {
      if (!spool) return new Lane(t, undefined, undefined);
      const dir = join(spool.dir, spoolName(t.url));
      return new Lane(t, Spool.open(dir, { maxBytes: spool.maxBytes, segmentBytes: spool.segmentBytes }), dir);
    });
    this.#batchDocs = opts.batchDocs ?? 1024;
    this.#batchBytes = opts.batchBytes ?? 1 << 20;
    this.#batch = new BatchBuilder(this.#batchBytes);
    this.#flushMs = opts.flushMs ?? 100;
    this.#maxQueued = opts.maxQueued ?? 4;
    this.#backoff = opts.backoffMs ?? [100, 5000];
    this.#report = opts.report ?? ((line) => process.stderr.write(`${line}\n`));
    // What a previous run left in the spool goes out first.
    for (const l of this.#lanes) if (l.spool && !l.spool.empty) void this.#pump(l);
  }

  stats(): OutputStats[] {
    return this.#lanes.map((l) => ({ ...l.stats }));
  }

  /** Documents every output has taken for good (see Lane.taken): what a follower's registry may move past. */
  taken(): number {
    let min = Infinity;
    for (const l of this.#lanes) min = Math.min(min, l.taken);
    return min === Infinity ? 0 : min;
  }

  /** Queues one document (JSON, no newline; bytes are UTF-8 and copied at once). False: await ready() before writing more. */
  write(doc: string | Uint8Array): boolean {
    this.#batch.add(doc);
    if (this.#batch.docs >= this.#batchDocs || this.#batch.bytes >= this.#batchBytes) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#flushMs);
    return this.#roomy();
  }

  #roomy(): boolean {
    for (const l of this.#lanes) if (l.queue.length >= this.#maxQueued) return false;
    return true;
  }

  ready(): Promise<void> {
    if (this.#roomy()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the partial batch on now. */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const batch = this.#batch.take();
    if (!batch) return;
    this.#holders.set(batch, this.#lanes.length);
    for (const l of this.#lanes) {
      l.queue.push(batch);
      if (l.spool) {
        if (!l.appending) void this.#append(l, l.spool);
      } else if (!l.running) void this.#pump(l);
    }
  }

  /** Moves queued batches to the spool, in order, then lets the output read them from there. */
  async #append(l: Lane, spool: Spool): Promise<void> {
    l.appending = true;
    while (l.queue.length > 0) {
      const batch = l.queue[0]!;
      let dropped = 0;
      try {
        dropped = await spool.append(batch);
      } catch (err) {
        // The disk refuses (full, gone): these events cannot be kept. Counted and reported, never silent.
        this.#done(l);
        l.stats.dropped += batch.length;
        l.taken += batch.length; // reported as lost just here: nothing waits for them
        this.#report(`tsaudit: output ${l.transport.url}: spool ${l.spoolDir}: ${errorText(err)}; ${batch.length} events dropped`);
        this.#wake();
        continue;
      }
      this.#done(l);
      l.stats.spooled += batch.length;
      l.taken += batch.length;
      if (dropped > 0) {
        const reason = `spool ${l.spoolDir} reached its bound; the oldest events were dropped`;
        try {
          // The loss document can push out more old events: they count too (and are in the next line).
          dropped += await spool.append([lossDocument(l.transport.url, dropped, reason)]);
        } catch {
          // the line below still reports the loss
        }
        l.stats.dropped += dropped;
        this.#report(`tsaudit: output ${l.transport.url}: ${dropped} events lost: ${reason}`);
      }
      this.#wake();
      if (!l.running) void this.#pump(l);
    }
    l.appending = false;
    if (!l.running) for (const d of l.drained.splice(0)) d();
  }

  /** Lane `l` is done with the first batch of its queue; once every lane is, its memory is used again. */
  #done(l: Lane): void {
    const batch = l.queue.shift();
    if (!batch) return;
    const left = (this.#holders.get(batch) ?? 1) - 1;
    if (left > 0) this.#holders.set(batch, left);
    else {
      this.#holders.delete(batch);
      this.#batch.recycle(batch);
    }
  }

  /** The next batch for an output: from memory, or from the spool's acknowledged position. */
  async #nextBatch(l: Lane): Promise<{ docs: DocBatch; done: () => Promise<void> } | undefined> {
    if (!l.spool) {
      const docs = l.queue[0];
      return docs && { docs, done: async () => this.#done(l) };
    }
    const spool = l.spool;
    const r = await spool.nextBatch(this.#batchDocs, this.#batchBytes);
    return r && { docs: r.docs, done: () => spool.ack(r.end) };
  }

  async #pump(l: Lane): Promise<void> {
    if (l.running) return;
    l.running = true;
    let wait = this.#backoff[0];
    let failing = false;
    while (!l.stop.signal.aborted) {
      const next = await this.#nextBatch(l);
      if (!next) break;
      const batch = next.docs;
      l.stats.sent += batch.length;
      try {
        const r = await l.transport.send(batch);
        const dropped = r?.dropped ?? [];
        for (const why of dropped) this.#report(`tsaudit: output ${l.transport.url}: dropped one event: ${why}`);
        l.stats.dropped += dropped.length;
        l.stats.acknowledged += batch.length - dropped.length;
        if (!l.spool) l.taken += batch.length;
        if (failing) this.#report(`tsaudit: output ${l.transport.url}: delivering again`);
        failing = false;
        l.failingSince = 0;
        wait = this.#backoff[0];
        await next.done();
        this.#wake();
      } catch (err) {
        if (!failing) {
          this.#report(`tsaudit: output ${l.transport.url}: ${errorText(err)}; retrying (events are held, not dropped)`);
        }
        failing = true;
        l.failingSince ||= Date.now();
        l.stats.retried += batch.length;
        await sleep(wait, l.stop.signal);
        wait = Math.min(wait * 2, this.#backoff[1]);
      }
    }
    l.running = false;
    if (!l.appending) for (const d of l.drained.splice(0)) d();
  }

  #wake(): void {
    if (!this.#roomy()) return;
    for (const w of this.#waiters.splice(0)) w();
  }

  /**
   * Sends what is left and closes every output. With `signal` aborted (SIGTERM, SIGINT), outputs that
   * still hold events stop retrying; those events are reported and counted as dropped.
   */
  async end(signal?: AbortSignal, opts: { spoolGraceMs?: number } = {}): Promise<void> {
    this.flush();
    const onAbort = () => {
      for (const l of this.#lanes) l.stop.abort();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    // With a spool nothing is lost by stopping: an output that has been failing this long is left for the
    // next run instead of holding the exit.
    const grace = opts.spoolGraceMs;
    const giveUp =
      grace === undefined
        ? undefined
        : setInterval(
            () => {
              for (const l of this.#lanes) if (l.spool && l.failingSince && Date.now() - l.failingSince >= grace) l.stop.abort();
            },
            Math.min(100, grace),
          );
    await Promise.all(
      this.#lanes.map((l) => (l.running || l.appending ? new Promise<void>((resolve) => l.drained.push(resolve)) : Promise.resolve())),
    );
    signal?.removeEventListener('abort', onAbort);
    if (giveUp) clearInterval(giveUp);
    for (const l of this.#lanes) {
      if (l.spool && !l.spool.empty) {
        this.#report(`tsaudit: output ${l.transport.url}: events not yet delivered are kept in ${l.spoolDir} for the next run`);
      }
      let left = 0;
      for (const b of l.queue.splice(0)) left += b.length;
      if (left > 0) {
        l.stats.dropped += left;
        this.#report(`tsaudit: output ${l.transport.url}: ${left} events not delivered (stopped while the output was failing)`);
      }
    }
    await Promise.all(this.#lanes.map((l) => l.transport.close().catch(() => undefined)));
    this.#wake();
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

/** `--stats` line of one output. */
export function statsLine(s: OutputStats): string {
  return `tsaudit: output ${s.url}: sent ${s.sent}, acknowledged ${s.acknowledged}, retried ${s.retried}, spooled ${s.spooled}, dropped ${s.dropped}`;
}
