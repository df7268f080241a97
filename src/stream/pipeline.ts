// The stream's core, free of I/O: netlink messages in, complete events and loss records out (into the bounded
// OutputQueue). The caller feeds it batches from the netlink receive path and calls tick() on a timer.
//
//   message --decode--> record --SequenceTracker (serial gaps)
//                              --assembler (EOE-aware, shared with `parse`)--> event --> OutputQueue
//   overrun (ENOBUFS) --> loss record `enobufs` (the records it cost show up as serial gaps)
//
// Records stamped before the stream started are not used for gap tracking: they were generated while nobody
// (or someone else) was listening, so a jump from them to the first live serial is not our loss.

import type { NetlinkItem } from '../pipeline/netlink-source.js';
import { AUDIT_MESSAGE } from '../tables/message-types-data.js';
import type { LossRecord } from './loss.js';
import type { OutputQueue } from './queue.js';
import type { GapLoss, SequenceTracker } from './sequence.js';

/** The kernel pings a registered audit daemon with this type when someone else tries to register. */
export const AUDIT_REPLACE = AUDIT_MESSAGE.REPLACE;

/** A netlink item as the receive path hands it over (src/pipeline/netlink-source.ts). */
export type StreamItem = NetlinkItem;

export interface StreamRecordLike {
  readonly type: number;
  readonly serial: number;
  /** record time, ms since the epoch */
  readonly timeMs: number;
}

/** The event assembler's shape (src/parse/reassemble.ts EventAssembler). */
export interface Assembler<R> {
  push(record: R): void;
  expire(nowMs?: number): number;
  flush(): void;
}

export interface PipelineOptions<R extends StreamRecordLike, E> {
  /** netlink message -> record, or an error message when it is not a record */
  decode: (type: number, payload: Buffer | string) => R | string;
  /** builds the assembler that hands complete events to `emit` */
  assembler: (emit: (event: E) => void) => Assembler<R>;
  queue: OutputQueue<E>;
  tracker: SequenceTracker;
  /** ms since the epoch at which the stream started (see the header) */
  since: number;
  /** called for each loss, besides queueing it (e.g. a note on stderr) */
  onLoss?: (loss: LossRecord) => void;
  /** called for a message that is not a record */
  onBad?: (message: string) => void;
  now?: () => number;
}

export interface PipelineStats {
  messages: number;
  records: number;
  events: number;
  /** messages that were not records */
  bad: number;
  overruns: number;
  /** Date.now() of the first and last complete event */
  firstEventAt: number;
  lastEventAt: number;
}

export function lossFromGap(gap: GapLoss, time: string): LossRecord {
  return {
    type: 'TSAUDIT_LOSS',
    source: 'sequence',
    count: gap.count,
    time,
    first_serial: gap.firstSerial,
    last_serial: gap.lastSerial,
    gaps: gap.gaps,
  };
}

export class StreamPipeline<R extends StreamRecordLike, E> {
  readonly stats: PipelineStats = { messages: 0, records: 0, events: 0, bad: 0, overruns: 0, firstEventAt: 0, lastEventAt: 0 };
  private readonly assembler: Assembler<R>;
  private readonly now: () => number;
  private recordsAtTick = -1;

  constructor(private readonly o: PipelineOptions<R, E>) {
    this.now = o.now ?? Date.now;
    this.assembler = o.assembler((event) => this.emit(event));
  }

  private emit(event: E): void {
    const s = this.stats;
    s.events++;
    const t = this.now();
    if (s.firstEventAt === 0) s.firstEventAt = t;
    s.lastEventAt = t;
    this.o.queue.push(event);
  }

  loss(loss: LossRecord): void {
    this.o.queue.addLoss(loss);
    this.o.onLoss?.(loss);
  }

  /** Takes one batch from the receive path. */
  handle(batch: readonly StreamItem[]): void {
    const { decode, tracker, since } = this.o;
    const s = this.stats;
    let overruns = 0;
    for (const item of batch) {
      if (item.kind === 'overrun') {
        overruns++;
        continue;
      }
      s.messages++;
      if (item.type === AUDIT_REPLACE) continue;
      const rec = decode(item.type, item.payload);
      if (typeof rec === 'string') {
        s.bad++;
        this.o.onBad?.(rec);
        continue;
      }
      s.records++;
      if (rec.timeMs >= since) {
        const forced = tracker.observe(rec.serial);
        if (forced) this.loss(lossFromGap(forced, new Date(this.now()).toISOString()));
      }
      this.assembler.push(rec);
    }
    if (overruns > 0) {
      s.overruns += overruns;
      this.loss({ type: 'TSAUDIT_LOSS', source: 'enobufs', count: null, time: new Date(this.now()).toISOString(), overflows: overruns });
    }
  }

  /**
   * Periodic work: serial gaps past their grace period become loss; idle events complete. Events are only
   * expired when no record arrived since the previous tick: the assembler's expire() also releases the event
   * held at its PROCTITLE for its EOE, and during a burst the tick often fell between the batch holding a
   * PROCTITLE and the batch holding its EOE, which then arrived stray and was dropped (4 EOEs in 200k events
   * in the synthetic bench). While records flow, events complete by EOE and by the log-time window anyway.
   */
  tick(): void {
    const now = this.now();
    const gap = this.o.tracker.expire(now);
    if (gap) this.loss(lossFromGap(gap, new Date(now).toISOString()));
    const records = this.stats.records;
    if (records === this.recordsAtTick) this.assembler.expire(now);
    this.recordsAtTick = records;
  }

  /** End of stream: every open event completes; old serial gaps are reported, young ones forgotten. */
  finish(): void {
    this.assembler.flush();
    const now = this.now();
    const gap = this.o.tracker.finish(now);
    if (gap) this.loss(lossFromGap(gap, new Date(now).toISOString()));
  }
}
