// The bounded queue between the netlink reader and the output writer.
//
// The reader must never wait for stdout: in unicast mode a reader that stops makes the kernel's backlog fill
// and then every audited process on the machine waits (backlog_wait_time) or loses records. So when the
// consumer is slow, new events are dropped and counted instead of growing memory without bound, and the
// drop comes out as a `queue` loss record. Loss records themselves are never dropped: unreported losses of
// the same source are merged into one record, so they take constant space too.

import { type LossRecord, mergeLoss } from './loss.js';

export class OutputQueue<T> {
  private ring: (T | undefined)[];
  private head = 0;
  private size = 0;
  private losses = new Map<string, LossRecord>();
  private unreportedDrops = 0;
  private waiter: (() => void) | null = null;
  private room: { below: number; resolve: () => void } | null = null;
  private closed = false;
  /** events dropped so far */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`queue capacity must be a positive integer, got ${capacity}`);
    this.ring = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Queues an event. Returns false when it was dropped because the queue is full. */
  push(item: T): boolean {
    if (this.closed) return false;
    if (this.size === this.capacity) {
      this.dropped++;
      this.unreportedDrops++; // turned into a loss record when the consumer next asks (cheap when dropping fast)
      return false;
    }
    this.ring[(this.head + this.size) % this.capacity] = item;
    this.size++;
    this.wake();
    return true;
  }

  /** Queues a loss record; merged with an unreported one of the same source. */
  addLoss(loss: LossRecord): void {
    const prev = this.losses.get(loss.source);
    this.losses.set(loss.source, prev ? mergeLoss(prev, loss) : loss);
    this.wake();
  }

  /** The next item: pending loss records first (they are news), then events in arrival order. */
  shift(): T | LossRecord | undefined {
    if (this.unreportedDrops > 0) {
      this.addLoss({ type: 'TSAUDIT_LOSS', source: 'queue', count: this.unreportedDrops, time: new Date().toISOString() });
      this.unreportedDrops = 0;
    }
    if (this.losses.size > 0) {
      const [key, loss] = this.losses.entries().next().value as [string, LossRecord];
      this.losses.delete(key);
      return loss;
    }
    if (this.size === 0) return undefined;
    const item = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    if (this.room !== null && this.size <= this.room.below) {
      const r = this.room;
      this.room = null;
      r.resolve();
    }
    return item;
  }

  get empty(): boolean {
    return this.size === 0 && this.losses.size === 0 && this.unreportedDrops === 0;
  }

  /** Resolves when something is queued or the queue is closed. */
  wait(): Promise<void> {
    if (!this.empty || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Resolves when at most `below` events are queued, or the queue is closed (one waiter at a time). */
  whenBelow(below: number): Promise<void> {
    if (this.size <= below || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.room = { below, resolve };
    });
  }

  /** No more items will come; a waiting consumer (and a producer waiting for room) wakes up. */
  close(): void {
    this.closed = true;
    this.wake();
    const r = this.room;
    this.room = null;
    r?.resolve();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private wake(): void {
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      w();
    }
  }
}
