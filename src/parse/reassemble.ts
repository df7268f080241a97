// Records -> events. Records that share (node, sec, msec, serial) form one event; events are emitted in the
// order they complete. The rules are ausearch's (audit-userspace 3.0.9, src/ausearch-lol.c), so that event
// counts equal ausearch's on the same input, plus EOE and an optional wall-clock timeout for live streams:
//
// - An event whose FIRST record is of a single-record type completes at once: types below 1300 (user space
//   messages, LOGIN, …), 2100 and above (user-space anomalies and responses, …), KERNEL (2000), the
//   NetLabel MAC types 1406–1419, and names no table knows. (ausearch also counts PROCTITLE as single; it
//   never comes first in a log, but it does in ausearch's own output, which prints an event's records
//   last to first, and in shuffled input: there it opens the event like any other record.) Kernel anomalies (17xx, e.g.
//   ANOM_PROMISCUOUS) are NOT single: their SYSCALL follows. A later record with the same serial starts a new event (this is why
//   a LOGIN and the SYSCALL of the write to /proc/self/loginuid are two events, as in ausearch).
// - EOE completes its event (netlink streams carry it; auditd does not write it to disk). An EOE whose event
//   has already completed is absorbed (counted in stats.strayEoe).
// - PROCTITLE completes its event too (unless `proctitleEnds: false`). ausearch instead waits for its 2 s
//   window, but the kernel writes PROCTITLE as the last record of a syscall event (only EOE follows), so
//   the grouping is the same, and events leave memory at once instead of 2 s (of log time) later. The
//   event is held while records of its own arrive: its EOE (netlink), or the rest of an event whose records
//   come in another order; the first record of another event lets it go.
// - Separator lines between events (`----` of ausearch's output, `---` of tsaudit's text output) are
//   boundaries: boundary() completes every open event, and from the first one on, an event is exactly the
//   records of its key between two boundaries, whatever their types and order (ausearch prints an EOE first).
// - Otherwise an event stays open while records of other events arrive in between, and completes when a NEW
//   event starts whose log time is `timeoutSec` (2, as ausearch) or more after the open event's first record.
//   Records arriving late but within that window join their event, however many other events came between.
// - Caps: when more than `maxOpen` events are open, the oldest completes (bounds memory on logs whose clock
//   stands still); an event that reaches `maxRecords` records completes (a flood of one serial).
// - Live streams may also call `expire(nowMs)` to complete events that have seen no record for `idleMs`
//   of wall-clock time (off unless `idleMs` is set).
// - `flush()` completes everything still open, oldest first (end of input).
//
// No sequence-gap "loss" accounting here: in a file, gaps are filtered events, not losses. A live stream
// that wants gap detection can watch the serials it pushes.

import type { AuditRecord } from './record.js';
import { AUDIT_MESSAGE } from '../tables/message-types.js';

const {
  EOE: AUDIT_EOE,
  PROCTITLE: AUDIT_PROCTITLE,
  MAC_UNLBL_ALLOW: AUDIT_MAC_UNLBL_ALLOW,
  MAC_CALIPSO_DEL: AUDIT_MAC_CALIPSO_DEL,
  KERNEL: AUDIT_KERNEL,
} = AUDIT_MESSAGE;

/** One event: the records of one (node, sec, msec, serial), in arrival order. */
export interface AuditEvent {
  readonly node: string | undefined;
  readonly sec: number;
  readonly msec: number;
  readonly serial: number;
  readonly records: AuditRecord[];
}

export interface AssemblerOptions {
  /** Log-time seconds after which a new event completes older open ones (ausearch's end_of_event_timeout). Default 2. */
  timeoutSec?: number;
  /** Most events held open at once; beyond it the oldest completes. Default 16384. */
  maxOpen?: number;
  /** Most records in one event; an event reaching it completes (bounds memory on a flood of one serial). Default 65536. */
  maxRecords?: number;
  /** Wall-clock idle time (ms) after which `expire()` completes an open event. Off by default (files). */
  idleMs?: number;
  /**
   * Complete an event at its PROCTITLE record (default true). The kernel writes PROCTITLE last in every
   * syscall event (only EOE follows), so nothing is split, and events close at once instead of waiting for
   * the 2 s window: far less memory held. `false` waits like ausearch does.
   */
  proctitleEnds?: boolean;
}

export interface AssemblerStats {
  records: number;
  events: number;
  /** EOE records whose event had already completed (absorbed, as ausearch does). */
  strayEoe: number;
  /** Events completed by a cap (maxOpen, maxRecords) rather than by their own rules. */
  evicted: number;
}

const AUDIT_FIRST_EVENT = 1300;
/** libaudit.h's first user-space anomaly message (the kernel's own anomalies, 1700-1799, carry a SYSCALL). */
const AUDIT_FIRST_ANOM_MSG = 2100;

/** True when an event that starts with a record of this type is complete at once (ausearch's rule). */
export function isSingleRecordType(type: number): boolean {
  return (
    type < AUDIT_FIRST_EVENT ||
    type >= AUDIT_FIRST_ANOM_MSG ||
    type === AUDIT_KERNEL ||
    type === AUDIT_PROCTITLE ||
    (type >= AUDIT_MAC_UNLBL_ALLOW && type <= AUDIT_MAC_CALIPSO_DEL)
  );
}

class OpenEvent implements AuditEvent {
  /** Another open event with the same serial but a different time or node (rare: rollover, several nodes). */
  next: OpenEvent | undefined = undefined;
  lastSeen = 0;
  constructor(
    readonly node: string | undefined,
    readonly sec: number,
    readonly msec: number,
    readonly serial: number,
    readonly records: AuditRecord[],
  ) {}

  matches(r: AuditRecord): boolean {
    return this.sec === r.sec && this.msec === r.msec && this.node === r.node;
  }
}

export type EventHandler = (event: AuditEvent) => void;

/**
 * Groups records into events. Feed records with push(); complete events are passed to the handler given
 * to the constructor, in completion order. Call flush() at end of input.
 */
export class EventAssembler {
  readonly stats: AssemblerStats = { records: 0, events: 0, strayEoe: 0, evicted: 0 };
  private readonly timeoutSec: number;
  private readonly maxOpen: number;
  private readonly maxRecords: number;
  private readonly idleMs: number;
  private readonly proctitleEnds: boolean;
  /** Open events by serial; Map iteration order is creation order. */
  private readonly open = new Map<number, OpenEvent>();
  private openCount = 0;
  /** An event that ended at its PROCTITLE, held while its own records (its EOE) follow. */
  private held: OpenEvent | undefined = undefined;
  /** The input has boundaries (boundary() was called): events end only at them (and at EOE, caps, time). */
  private blocks = false;
  /** No open event has a first-record time below this (a lower bound, refreshed on each timeout scan). */
  private lowWater = Infinity;

  constructor(
    private readonly onEvent: EventHandler,
    options: AssemblerOptions = {},
  ) {
    this.timeoutSec = options.timeoutSec ?? 2;
    this.maxOpen = Math.max(1, options.maxOpen ?? 16384);
    this.maxRecords = Math.max(1, options.maxRecords ?? 65536);
    this.idleMs = options.idleMs ?? 0;
    this.proctitleEnds = options.proctitleEnds ?? true;
  }

  /** Number of events currently open (or ended and held for their EOE). */
  get pending(): number {
    return this.openCount + (this.held === undefined ? 0 : 1);
  }

  push(record: AuditRecord): void {
    this.stats.records++;
    const held = this.held;
    if (held !== undefined) {
      // The event that ended at PROCTITLE takes the records of its own that follow it (its EOE, which ends
      // it; the rest of a shuffled event); the first record of another event lets it go.
      if (record.serial === held.serial && held.matches(record)) {
        held.records.push(record);
        if (record.type === AUDIT_EOE || held.records.length >= this.maxRecords) {
          this.held = undefined;
          this.emit(held);
        }
        return;
      }
      this.held = undefined;
      this.emit(held);
    }
    const head = this.open.get(record.serial);
    let ev = head;
    while (ev !== undefined && !ev.matches(record)) ev = ev.next;
    if (ev !== undefined) {
      ev.records.push(record);
      if (this.idleMs > 0) ev.lastSeen = Date.now();
      if (record.type === AUDIT_EOE && !this.blocks) this.complete(ev);
      else if (record.type === AUDIT_PROCTITLE && this.proctitleEnds && !this.blocks && this.remove(ev)) this.held = ev;
      else if (ev.records.length >= this.maxRecords) {
        this.stats.evicted++;
        this.complete(ev);
      }
      return;
    }
    if (record.type === AUDIT_EOE && !this.blocks) {
      this.stats.strayEoe++;
      return;
    }
    const created = new OpenEvent(record.node, record.sec, record.msec, record.serial, [record]);
    if (this.idleMs > 0) created.lastSeen = Date.now();
    if (head === undefined) {
      this.open.set(record.serial, created);
    } else {
      let tail = head;
      while (tail.next !== undefined) tail = tail.next;
      tail.next = created;
    }
    this.openCount++;
    if (record.sec < this.lowWater) this.lowWater = record.sec;
    // ausearch checks every open event when a new one starts: old enough ones complete, and so does the new
    // one when its first record is of a single-record type.
    if (record.sec - this.timeoutSec >= this.lowWater) this.expireByLogTime(record.sec);
    if (!this.blocks && record.type !== AUDIT_PROCTITLE && isSingleRecordType(record.type)) this.complete(created);
    while (this.openCount > this.maxOpen) {
      const oldest = this.open.values().next().value as OpenEvent;
      this.stats.evicted++;
      this.complete(oldest);
    }
  }

  /** Completes events idle for `idleMs` of wall-clock time (live streams). Returns how many completed. */
  expire(nowMs: number = Date.now()): number {
    if (this.idleMs <= 0) return 0;
    let n = 0;
    if (this.held !== undefined) {
      const h = this.held;
      this.held = undefined;
      this.emit(h);
      n++;
    }
    if (this.openCount === 0) return n;
    const due: OpenEvent[] = [];
    for (const head of this.open.values()) {
      for (let ev: OpenEvent | undefined = head; ev !== undefined; ev = ev.next) {
        if (nowMs - ev.lastSeen >= this.idleMs) due.push(ev);
      }
    }
    for (const ev of due) this.complete(ev);
    return n + due.length;
  }

  /**
   * Emits the event held at its PROCTITLE for a possible EOE, if any, without waiting for the next record
   * (the input is idle, e.g. a pipe fed by `tail -f`). An EOE arriving later is then absorbed.
   */
  release(): void {
    if (this.held !== undefined) {
      const h = this.held;
      this.held = undefined;
      this.emit(h);
    }
  }

  /**
   * A separator line between events (`----`, `---`): every open event completes, and from now on events
   * end only at boundaries (and at EOE, the caps and the log-time window), so the records of one event
   * in ausearch's order (PROCTITLE first) stay together.
   */
  boundary(): void {
    this.blocks = true;
    this.flush();
  }

  /** Completes every open event, oldest first. */
  flush(): void {
    if (this.held !== undefined) {
      const h = this.held;
      this.held = undefined;
      this.emit(h);
    }
    const all: OpenEvent[] = [];
    for (const head of this.open.values()) {
      for (let ev: OpenEvent | undefined = head; ev !== undefined; ev = ev.next) all.push(ev);
    }
    for (const ev of all) this.complete(ev);
    this.lowWater = Infinity;
  }

  private expireByLogTime(nowSec: number): void {
    const due: OpenEvent[] = [];
    let low = Infinity;
    for (const head of this.open.values()) {
      for (let ev: OpenEvent | undefined = head; ev !== undefined; ev = ev.next) {
        if (ev.sec + this.timeoutSec <= nowSec) due.push(ev);
        else if (ev.sec < low) low = ev.sec;
      }
    }
    this.lowWater = low;
    for (const ev of due) this.complete(ev);
  }

  private complete(ev: OpenEvent): void {
    if (this.remove(ev)) this.emit(ev);
  }

  /** Takes an event out of the open set; false when it was not open. */
  private remove(ev: OpenEvent): boolean {
    const head = this.open.get(ev.serial);
    if (head === ev) {
      if (ev.next === undefined) this.open.delete(ev.serial);
      else this.open.set(ev.serial, ev.next); // keeps the head's place in creation order
    } else if (head !== undefined) {
      let prev = head;
      while (prev.next !== undefined && prev.next !== ev) prev = prev.next;
      if (prev.next !== ev) return false; // not open (already completed)
      prev.next = ev.next;
    } else {
      return false;
    }
    ev.next = undefined;
    this.openCount--;
    return true;
  }

  private emit(ev: OpenEvent): void {
    this.stats.events++;
    this.onEvent(ev);
  }
}
