// Documents -> batches -> every output. Each output has its own queue and sends one batch at a time; a
// batch that fails is sent again after a backoff (so an output that was down gets everything once it is
// back; at most the batch in flight can arrive twice). write() returns false while any queue is full: the
// caller awaits ready(), which holds the reader back instead of growing memory.

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
  readonly queue: string[][] = [];
  readonly stats: OutputStats;
  running = false;
  drained: (() => void)[] = [];
  stop: AbortController = new AbortController();

  constructor(readonly transport: Transport) {
    this.stats = { url: transport.url, sent: 0, acknowledged: 0, retried: 0, spooled: 0, dropped: 0 };
  }
}

export class Shipper {
  readonly #lanes: Lane[];
  readonly #batchDocs: number;
  readonly #batchBytes: number;
  readonly #flushMs: number;
  readonly #maxQueued: number;
  readonly #backoff: readonly [number, number];
  readonly #report: (line: string) => void;
  #batch: string[] = [];
  #bytes = 0;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  constructor(transports: readonly Transport[], opts: ShipperOptions = {}) {
    this.#lanes = transports.map((t) => new Lane(t));
    this.#batchDocs = opts.batchDocs ?? 1024;
    this.#batchBytes = opts.batchBytes ?? 1 << 20;
    this.#flushMs = opts.flushMs ?? 100;
    this.#maxQueued = opts.maxQueued ?? 4;
    this.#backoff = opts.backoffMs ?? [100, 5000];
    this.#report = opts.report ?? ((line) => process.stderr.write(`${line}\n`));
  }

  stats(): OutputStats[] {
    return this.#lanes.map((l) => ({ ...l.stats }));
  }

  /** Queues one document (JSON, no newline). False: await ready() before writing more. */
  write(doc: string): boolean {
    this.#batch.push(doc);
    this.#bytes += doc.length;
    if (this.#batch.length >= this.#batchDocs || this.#bytes >= this.#batchBytes) this.flush();
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
    if (this.#batch.length === 0) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#bytes = 0;
    for (const l of this.#lanes) {
      l.queue.push(batch);
      if (!l.running) void this.#pump(l);
    }
  }

  async #pump(l: Lane): Promise<void> {
    l.running = true;
    let wait = this.#backoff[0];
    let failing = false;
    while (l.queue.length > 0 && !l.stop.signal.aborted) {
      const batch = l.queue[0]!;
      l.stats.sent += batch.length;
      try {
        const r = await l.transport.send(batch);
        const dropped = r?.dropped ?? [];
        for (const why of dropped) this.#report(`tsaudit: output ${l.transport.url}: dropped one event: ${why}`);
        l.stats.dropped += dropped.length;
        l.stats.acknowledged += batch.length - dropped.length;
        if (failing) this.#report(`tsaudit: output ${l.transport.url}: delivering again`);
        failing = false;
        wait = this.#backoff[0];
        l.queue.shift();
        this.#wake();
      } catch (err) {
        if (!failing) {
          this.#report(`tsaudit: output ${l.transport.url}: ${errorText(err)}; retrying (events are held, not dropped)`);
        }
        failing = true;
        l.stats.retried += batch.length;
        await sleep(wait, l.stop.signal);
        wait = Math.min(wait * 2, this.#backoff[1]);
      }
    }
    l.running = false;
    for (const d of l.drained.splice(0)) d();
  }

  #wake(): void {
    if (!this.#roomy()) return;
    for (const w of this.#waiters.splice(0)) w();
  }

  /**
   * Sends what is left and closes every output. With `signal` aborted (SIGTERM, SIGINT), outputs that
   * still hold events stop retrying; those events are reported and counted as dropped.
   */
  async end(signal?: AbortSignal): Promise<void> {
    this.flush();
    const onAbort = () => {
      for (const l of this.#lanes) l.stop.abort();
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    await Promise.all(
      this.#lanes.map((l) => (l.running ? new Promise<void>((resolve) => l.drained.push(resolve)) : Promise.resolve())),
    );
    signal?.removeEventListener('abort', onAbort);
    for (const l of this.#lanes) {
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
