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
import { AuditRecord, parseRecord } from '../parse/record.js';
import type { RawRecord } from './extract.js';
import { Block } from './blocks.js';
import type { Marks } from './needle.js';

/** One event: the records of one (node, sec, msec, serial), in arrival order. */
export interface SearchEvent {
  readonly node: string | undefined;
  readonly sec: number;
  readonly msec: number;
  readonly serial: number;
  /** Type of the first record (what ausearch's checkpoint remembers). */
  readonly type: number;
  /** The records, parsed on first use. Valid while the event is being handed out (see HeldEvent). */
  readonly records: AuditRecord[];
}

/** An event as the assembler hands it out: its records also readable without parsing them. */
export interface HeldEvent extends SearchEvent {
  /** Number of records. */
  readonly size: number;
  /** Type of record `i`. */
  typeAt(i: number): number;
  /** Record `i` as the selectors read it: `into` pointed at it, or the record when it is parsed already. */
  raw(i: number, into: LazyRecord): RawRecord;
  /** Record `i`'s line as read (latin1: one char per byte). */
  lineAt(i: number): string;
  /** May record `i` hold what `n` looks for? Answered from the bytes where the record is held as bytes. */
  mayHold(i: number, n: Marks): boolean;
  /**
   * Copies the lines (as read, each with a newline) into `out` at `at`; returns the end, or -1 when they do
   * not fit or a record is not held as bytes.
   */
  copyLines(out: Buffer, at: number): number;
}

const AUDIT_EOE = 1320;
/** Entries per held record in Slot.held: where it is (block or record), start, end, type. */
const STRIDE = 4;

/** A held record as the selectors read it: `line` is made on first use (most record types are never scanned). */
export class LazyRecord implements RawRecord {
  type = 0;
  private event: Slot | undefined = undefined;
  private i = 0;
  private text: string | undefined = undefined;
  private sep = -2;

  /** Points this (reused) object at record `i` of `event`. */
  reset(event: Slot, i: number): this {
    this.event = event;
    this.i = i;
    this.type = event.typeAt(i);
    this.text = undefined;
    this.sep = -2;
    return this;
  }

  get line(): string {
    return (this.text ??= this.event!.lineAt(this.i));
  }

  /** May the record hold the needle? Read from the block's bytes: no text is made for the record. */
  mayHold(n: Marks): boolean {
    return this.text !== undefined ? n.test(this.text) : this.event!.mayHold(this.i, n);
  }

  /** Where parseRecord puts it: the ENRICHED separator, else the end of the text (before a CR). */
  get bodyEnd(): number {
    if (this.sep === -2) {
      const line = this.line;
      const sep = line.indexOf('\x1d');
      this.sep = sep >= 0 ? sep : line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
    }
    return this.sep;
  }
}

class Slot implements HeldEvent {
  complete = false;
  /** Next building slot with the same serial (another node or time). */
  next: Slot | undefined = undefined;
  /** STRIDE entries per record: no object per record while the event waits to complete. */
  readonly held: (Block | AuditRecord | number)[] = [];
  private parsed: AuditRecord[] | undefined = undefined;
  /** Set once the event has been handed out: its blocks may hold other bytes now. */
  released = false;
  constructor(
    readonly node: string | undefined,
    readonly sec: number,
    readonly msec: number,
    readonly serial: number,
    readonly type: number,
  ) {}

  get size(): number {
    return this.held.length / STRIDE;
  }

  typeAt(i: number): number {
    return this.held[i * STRIDE + 3] as number;
  }

  /** Record i's line, as read (latin1: one char per byte). */
  lineAt(i: number): string {
    const where = this.held[i * STRIDE]!;
    if (where instanceof AuditRecord) return where.line;
    if (this.released) throw new Error('search: a held record was read after its event was handed out');
    return (where as Block).buf.toString('latin1', this.held[i * STRIDE + 1] as number, this.held[i * STRIDE + 2] as number);
  }

  mayHold(i: number, n: Marks): boolean {
    const h = this.held;
    const where = h[i * STRIDE]!;
    if (where instanceof AuditRecord) return n.test(where.line);
    if (this.released) throw new Error('search: a held record was read after its event was handed out');
    return (where as Block).mayHold(n, h[i * STRIDE + 1] as number, h[i * STRIDE + 2] as number);
  }

  raw(i: number, into: LazyRecord): RawRecord {
    const where = this.held[i * STRIDE]!;
    return where instanceof AuditRecord ? where : into.reset(this, i);
  }

  copyLines(out: Buffer, at: number): number {
    const h = this.held;
    let i = 0;
    while (i < h.length) {
      const block = h[i];
      if (!(block instanceof Block)) return -1;
      const start = h[i + 1] as number;
      let end = h[i + 2] as number;
      // records that follow each other in the block go in one copy, with the newlines between them
      for (i += STRIDE; i < h.length && h[i] === block && h[i + 1] === end + 1; i += STRIDE) end = h[i + 2] as number;
      if (at + end - start + 1 > out.length) return -1;
      block.buf.copy(out, at, start, end);
      at += end - start;
      out[at++] = 10;
    }
    return at;
  }

  get records(): AuditRecord[] {
    if (this.parsed === undefined) {
      const out: AuditRecord[] = [];
      for (let i = 0; i < this.held.length; i += STRIDE) {
        const where = this.held[i]!;
        if (where instanceof AuditRecord) out.push(where);
        else {
          const r = parseRecord(this.lineAt(i / STRIDE));
          if (r.kind !== 'record') throw new Error(`search: a held line no longer parses: ${r.reason}`);
          out.push(r);
        }
      }
      this.parsed = out;
    }
    return this.parsed;
  }
}

/** One block reference per run of records in the same block (letGo gives back one per run). */
function hold(s: Slot, where: Block | AuditRecord, start: number, end: number, type: number): void {
  const h = s.held;
  if (where instanceof Block && (h.length === 0 || h[h.length - STRIDE] !== where)) where.refs++;
  h.push(where, start, end, type);
}

function before(a: Slot, b: Slot): boolean {
  if (a.sec !== b.sec) return a.sec < b.sec;
  if (a.msec !== b.msec) return a.msec < b.msec;
  return a.serial < b.serial;
}

export class AusearchAssembler {
  /** Events being built, by serial. */
  private readonly building = new Map<number, Slot>();
  /** The event the last record joined or started (most records follow one of their own event). */
  private last: Slot | undefined = undefined;
  /** Every event not yet emitted, in (sec, msec, serial) order, from `head`. */
  private queue: Slot[] = [];
  private head = 0;
  events = 0;

  constructor(
    private readonly onEvent: (event: HeldEvent) => void,
    private readonly timeoutSec = 2,
    /** Gives back a block reference of a record that has gone out. */
    private readonly release: (block: Block) => void = () => {},
  ) {}

  /** Number of events not yet emitted. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Adds a parsed record. */
  push(r: AuditRecord): void {
    this.add(r, 0, 0, r.type, r.node, r.sec, r.msec, r.serial);
  }

  /**
   * Adds a record by its header: `where` is the record itself, or the block holding its line at
   * [start, end) (one reference to the block is taken, and given back once the event has gone out).
   */
  add(
    where: Block | AuditRecord,
    start: number,
    end: number,
    type: number,
    node: string | undefined,
    sec: number,
    msec: number,
    serial: number,
  ): void {
    const last = this.last;
    // an event being built is the only one in `building` with its serial, time and node
    if (last !== undefined && last.serial === serial && last.sec === sec && last.msec === msec && last.node === node && !last.complete) {
      hold(last, where, start, end, type);
      return;
    }
    let slot = this.building.get(serial);
    while (slot !== undefined && (slot.sec !== sec || slot.msec !== msec || slot.node !== node)) slot = slot.next;
    if (slot !== undefined) {
      this.last = slot;
      hold(slot, where, start, end, type);
      return;
    }
    if (type === AUDIT_EOE) return;
    const created = new Slot(node, sec, msec, serial, type);
    this.last = created;
    hold(created, where, start, end, type);
    const head = this.building.get(serial);
    if (head === undefined) this.building.set(serial, created);
    else {
      let tail = head;
      while (tail.next !== undefined) tail = tail.next;
      tail.next = created;
    }
    this.enqueue(created);
    // ausearch's check_events(): time-outs, then the single-record rule for the new event
    const q = this.queue;
    const limit = sec - this.timeoutSec;
    for (let i = this.head; i < q.length && q[i]!.sec <= limit; i++) this.finish(q[i]!);
    if (isSingleRecordType(type)) this.finish(created);
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

  /** The event has gone out: the blocks its records point into may be reused. */
  private letGo(s: Slot): void {
    s.released = true;
    const h = s.held;
    for (let i = 0; i < h.length; i += STRIDE) {
      const where = h[i];
      if (where instanceof Block && (i === 0 || h[i - STRIDE] !== where)) this.release(where);
    }
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
      this.letGo(s);
    }
    if (this.head > 4096 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }
}
