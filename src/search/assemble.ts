// Records -> events in ausearch's order (audit-userspace 3.0.9, src/ausearch-lol.c), so that search prints
// the same events in the same order as ausearch:
//
// - Records of one (serial, msec, sec, node) join the event being built for them. A record whose event has
//   completed, even if that event has not been printed yet, starts a new one; a stray EOE is dropped.
// - When a new event starts at second S, every event still being built that started at S - timeout or
//   before completes, and so does the new one if its first record is of a single-record type.
// - Events leave in time order: the event with the lowest (sec, msec, serial) goes out when it is complete,
//   and holds back the completed events behind it until then.
// - At the end of the input every event completes (except for a checkpointing run, which leaves the
//   unfinished events to the next run, as ausearch does).
//
// Unlike parse's EventAssembler, PROCTITLE does not end an event and EOE only joins one: ausearch waits for
// the timeout, and its order depends on when events complete.

import { isSingleRecordType } from '../parse/reassemble.js';
import type { AuditRecord } from '../parse/record.js';

/** One event: the records of one (node, sec, msec, serial), in arrival order. */
export interface SearchEvent {
  readonly node: string | undefined;
  readonly sec: number;
  readonly msec: number;
  readonly serial: number;
  /** Type of the first record (what ausearch's checkpoint remembers). */
  readonly type: number;
  readonly records: AuditRecord[];
}

const AUDIT_EOE = 1320;

class Slot implements SearchEvent {
  complete = false;
  /** Next building slot with the same serial (another node or time). */
  next: Slot | undefined = undefined;
  readonly records: AuditRecord[];
  constructor(
    readonly node: string | undefined,
    readonly sec: number,
    readonly msec: number,
    readonly serial: number,
    readonly type: number,
    first: AuditRecord,
  ) {
    this.records = [first];
  }
}

function before(a: Slot, b: Slot): boolean {
  if (a.sec !== b.sec) return a.sec < b.sec;
  if (a.msec !== b.msec) return a.msec < b.msec;
  return a.serial < b.serial;
}

export class AusearchAssembler {
  /** Events being built, by serial. */
  private readonly building = new Map<number, Slot>();
  /** Every event not yet emitted, in (sec, msec, serial) order, from `head`. */
  private queue: Slot[] = [];
  private head = 0;
  events = 0;

  constructor(
    private readonly onEvent: (event: SearchEvent) => void,
    private readonly timeoutSec = 2,
  ) {}

  /** Number of events not yet emitted. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  push(r: AuditRecord): void {
    let slot = this.building.get(r.serial);
    while (slot !== undefined && (slot.sec !== r.sec || slot.msec !== r.msec || slot.node !== r.node)) slot = slot.next;
    if (slot !== undefined) {
      slot.records.push(r);
      return;
    }
    if (r.type === AUDIT_EOE) return;
    const created = new Slot(r.node, r.sec, r.msec, r.serial, r.type, r);
    const head = this.building.get(r.serial);
    if (head === undefined) this.building.set(r.serial, created);
    else {
      let tail = head;
      while (tail.next !== undefined) tail = tail.next;
      tail.next = created;
    }
    this.enqueue(created);
    // ausearch's check_events(): time-outs, then the single-record rule for the new event
    const q = this.queue;
    const limit = r.sec - this.timeoutSec;
    for (let i = this.head; i < q.length && q[i]!.sec <= limit; i++) this.finish(q[i]!);
    if (isSingleRecordType(r.type)) this.finish(created);
    this.drain();
  }

  /** End of all input: every event completes and goes out in order. */
  end(): void {
    for (let i = this.head; i < this.queue.length; i++) this.finish(this.queue[i]!);
    this.drain();
  }

  /** End of input without completing: what is unfinished is dropped (ausearch --checkpoint). */
  endKeepingIncomplete(): void {
    this.drain();
  }

  private enqueue(s: Slot): void {
    const q = this.queue;
    let i = q.length;
    while (i > this.head && before(s, q[i - 1]!)) i--;
    if (i === q.length) q.push(s);
    else q.splice(i, 0, s);
  }

  private finish(s: Slot): void {
    if (s.complete) return;
    s.complete = true;
    const head = this.building.get(s.serial);
    if (head === s) {
      if (s.next === undefined) this.building.delete(s.serial);
      else this.building.set(s.serial, s.next);
    } else if (head !== undefined) {
      let prev = head;
      while (prev.next !== undefined && prev.next !== s) prev = prev.next;
      if (prev.next === s) prev.next = s.next;
    }
    s.next = undefined;
  }

  private drain(): void {
    const q = this.queue;
    while (this.head < q.length && q[this.head]!.complete) {
      const s = q[this.head]!;
      q[this.head++] = undefined as unknown as Slot;
      this.events++;
      this.onEvent(s);
    }
    if (this.head > 4096 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }
}
