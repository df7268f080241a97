// Lines -> events the way aureport 3.0.9 groups them (ausearch-lol.c), because its reports count, number
// and order rows by its events:
//
// - A record joins the still-building event with the same (sec, msec, serial, node); a stray EOE is eaten.
// - A new event completes every building event whose first record is eoe_timeout (2 s) or more older, and
//   itself at once when its first record is of a single-record type.
// - Events leave in timestamp order: the oldest pending event goes out only once it is complete, so a
//   complete event waits behind an older one still building (aureport's get_ready_event).
// - Records outside -ts/-te are dropped before grouping; the first record seen (before -ts, or any when no
//   -ts is given) is the start of the Summary Report's "Range of time in logs".
//
// Unlike aureport's array scans, building events are found through a Map by serial and completed through
// two heaps, so the cost per record does not grow with the number of open events.

import { messageTypeNumber, NOT_IN_AUSEARCH } from '../tables/message-types.js';
import { T } from './types.js';
import type { RawRecord } from './extract.js';

export interface ReportEvent {
  readonly sec: number;
  readonly milli: number;
  readonly serial: number;
  readonly node: string | undefined;
  /** Type of the first record. */
  readonly type: number;
  readonly records: RawRecord[];
  /** ENRICHED interpretations of the first record (after \x1d), if any. */
  readonly interp: string | undefined;
  /** What the grouper's fold made of the records, when it was given one. */
  acc: unknown;
}

class Pending implements ReportEvent {
  complete = false;
  acc: unknown = undefined;
  /** With GrouperOptions.pick: a record has made the event one the report may take. */
  picked = false;
  /** With GrouperOptions.pick: texts kept until the event is picked (then folded) or complete (then dropped). */
  deferred: RawRecord[] | undefined = undefined;
  constructor(
    readonly sec: number,
    readonly milli: number,
    readonly serial: number,
    readonly node: string | undefined,
    readonly type: number,
    readonly records: RawRecord[],
    readonly interp: string | undefined,
    readonly seq: number,
  ) {}
}

/** A binary min-heap. */
class Heap<V> {
  private readonly a: V[] = [];
  constructor(private readonly less: (x: V, y: V) => boolean) {}
  get size(): number {
    return this.a.length;
  }
  peek(): V | undefined {
    return this.a[0];
  }
  push(v: V): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): V | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A priority queue for values that mostly arrive in order (log records do): in-order values go to a FIFO,
 * the few out-of-order ones to a heap; the minimum is the smaller of the two heads.
 */
class MostlySorted<V> {
  private readonly fifo: V[] = [];
  private head = 0;
  private readonly heap: Heap<V>;
  constructor(private readonly less: (x: V, y: V) => boolean) {
    this.heap = new Heap(less);
  }
  push(v: V): void {
    const n = this.fifo.length;
    if (n === this.head || !this.less(v, this.fifo[n - 1]!)) this.fifo.push(v);
    else this.heap.push(v);
  }
  peek(): V | undefined {
    const f = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
    const h = this.heap.peek();
    if (f === undefined) return h;
    if (h === undefined) return f;
    return this.less(h, f) ? h : f;
  }
  pop(): V | undefined {
    const f = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
    const h = this.heap.peek();
    if (f !== undefined && (h === undefined || !this.less(h, f))) {
      this.fifo[this.head++] = undefined as V;
      if (this.head > 4096 && this.head * 2 > this.fifo.length) {
        this.fifo.splice(0, this.head);
        this.head = 0;
      }
      return f;
    }
    return this.heap.pop();
  }
}

const byTime = (x: Pending, y: Pending) =>
  x.sec !== y.sec ? x.sec < y.sec : x.milli !== y.milli ? x.milli < y.milli : x.serial !== y.serial ? x.serial < y.serial : x.seq < y.seq;

/**
 * Record types whose text no report reads (ausearch-parse.c's "nothing to parse" types): only their type
 * is kept. EXECVE and PROCTITLE are the longest records of a log.
 */
const NO_TEXT = new Set<number>([
  T.EXECVE,
  T.PROCTITLE,
  T.BPRM_FCAPS,
  T.KERNEL,
  T.SELINUX_ERR,
  T.IPC_SET_PERM,
  T.MQ_OPEN,
  T.MQ_SENDRECV,
  T.MQ_NOTIFY,
  T.MQ_GETSETATTR,
  T.FD_PAIR,
  T.CAPSET,
  T.MMAP,
  1329,
  1330,
  1331,
  1332,
  1333,
  T.BPF,
  T.OPENAT2,
  T.EOE,
]);

/** One shared text-less record per type: folded events keep only their records' types. */
const TYPE_ONLY = new Map<number, RawRecord>();
function typeOnly(type: number): RawRecord {
  let r = TYPE_ONLY.get(type);
  if (r === undefined) TYPE_ONLY.set(type, (r = Object.freeze({ type, msg: '' })));
  return r;
}

/** ausearch-lol.c's test for an event complete with its first record. */
function isSingle(type: number): boolean {
  return (
    type === T.PROCTITLE ||
    type < T.FIRST_EVENT ||
    type >= T.FIRST_ANOM_MSG ||
    type === T.KERNEL ||
    (type >= T.MAC_UNLBL_ALLOW && type <= T.MAC_CALIPSO_DEL)
  );
}

/** Type names seen so far -> number (a log has a few dozen). */
const TYPE_CACHE = new Map<string, number>();

/** libaudit 3.0.9's audit_name_to_msg_type: its table's names, UNKNOWN[n], or a leading number; else -1. */
function typeOf(b: Buffer, start: number, end: number): number {
  const name = b.toString('latin1', start, end);
  let n = TYPE_CACHE.get(name);
  if (n === undefined) {
    n = typeOfName(name);
    if (TYPE_CACHE.size < 4096) TYPE_CACHE.set(name, n);
  }
  return n;
}

function typeOfName(name: string): number {
  if (name.startsWith('UNKNOWN[')) {
    const end = name.indexOf(']', 8);
    if (end < 0) return -1;
    return parseInt(name.slice(8, Math.min(end, 15)), 10) || 0;
  }
  const c = name.charCodeAt(0);
  if (c >= 48 && c <= 57) return parseInt(name, 10);
  const n = messageTypeNumber(name);
  if (n === undefined || NOT_IN_AUSEARCH.has(n) || name !== name.toUpperCase() || name.startsWith('AUDIT_')) return -1;
  return n;
}

export interface Header {
  node: string | undefined;
  type: number;
  sec: number;
  milli: number;
  serial: number;
}

// parseHeader's results, in module fields: no object per line on the hot path.
let hNode: string | undefined;
let hType = 0;
let hSec = 0;
let hMilli = 0;
let hSerial = 0;

/** The next space-separated token of bytes `at`..`limit` (audit_strsplit): its start, or -1; tokEnd is its end. */
let tokEnd = 0;
function nextToken(b: Uint8Array, at: number, limit: number): number {
  while (at < limit && b[at] === 32) at++;
  if (at >= limit) return -1;
  let end = at;
  while (end < limit && b[end] !== 32) end++;
  tokEnd = end;
  return at;
}

function find(b: Uint8Array, c: number, at: number, end: number): number {
  for (let i = at; i < end; i++) if (b[i] === c) return i;
  return -1;
}

/**
 * Reads the header of the line in bytes `start`..`end` as aureport's extract_timestamp does (from its first
 * 80 bytes, 340 with a node= prefix) into the h* fields; false for a line it would skip.
 */
function readHeader(b: Buffer, start: number, end: number): boolean {
  const limit = Math.min(end, start + (b[start] === 110 /* n */ ? 340 : 80));
  let t = nextToken(b, start, limit);
  if (t < 0) return false;
  hNode = undefined;
  if (b[t] === 110) {
    hNode = b.toString('latin1', t + 5, tokEnd);
    t = nextToken(b, tokEnd, limit);
    if (t < 0) return false;
  }
  const typeStart = t + 5;
  const typeEnd = tokEnd;
  const m = nextToken(b, tokEnd, limit);
  if (m < 0) return false;
  const mEnd = tokEnd;
  if (mEnd - m <= 18) return false;
  let open = b[m + 9] === 40 ? m + 9 : find(b, 40, m, mEnd);
  if (open < 0) return false;
  open++;
  let close = find(b, 41, open, mEnd);
  if (close < 0) close = mEnd;
  hSec = leadingNumber(b, open, close);
  const dot = find(b, 46, open, close);
  hMilli = 0;
  let rest = open;
  if (dot >= 0) {
    hMilli = leadingNumber(b, dot + 1, close);
    if (hMilli > 999) return false;
    rest = dot + 1;
  }
  const colon = find(b, 58, rest, close);
  hSerial = colon >= 0 ? leadingNumber(b, colon + 1, close) : 0;
  hType = typeOf(b, typeStart, typeEnd);
  return true;
}

/** The header of a log line (see readHeader); undefined for a line aureport would skip. */
export function parseHeader(line: string): Header | undefined {
  const b = Buffer.from(line, 'latin1');
  if (!readHeader(b, 0, b.length)) return undefined;
  return { node: hNode, type: hType, sec: hSec, milli: hMilli, serial: hSerial };
}

function leadingNumber(b: Uint8Array, at: number, end: number): number {
  let v = 0;
  for (let i = at; i < end; i++) {
    const c = b[i]! - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  return v;
}

/** Told of each record as it joins its event, in order (with the record's text, which is then dropped). */
export type RecordFold = (event: ReportEvent, type: number, text: string) => void;

export interface GrouperOptions {
  /** When given, record texts are folded as they arrive and not kept (`records` keeps their types). */
  fold?: RecordFold;
  /** With a fold: keep the text of an event's first record anyway (aureport's --tty prints it). */
  keepHeadText?: boolean;
  /**
   * With a fold: the record types that can make the report take an event. Records of other events are not
   * decoded or folded (their texts wait, until the event completes, for a record that picks it).
   */
  pick?: (type: number) => boolean;
  /** Keep each event's ENRICHED interpretations (only -i reads them). */
  keepInterp?: boolean;
  /** -ts as epoch seconds (0: none). */
  start: number;
  /** -te as epoch seconds (0: none). */
  end: number;
  /** end_of_event_timeout (seconds). */
  timeout: number;
}

export class Grouper {
  /** The first record's time, for "Range of time in logs" (sec 0 until one is seen). */
  firstSec = 0;
  firstMilli = 0;
  /** Lines that are not audit records (aureport skips them silently; we count them). */
  bad = 0;
  private readonly building = new Map<number, Pending[]>();
  private readonly byStart = new MostlySorted<Pending>((x, y) => x.sec < y.sec);
  private readonly pending = new MostlySorted<Pending>(byTime);
  /** Where the next \x1d is in the current chunk (one search per chunk, not per line). */
  private sepBuf: Buffer | undefined;
  private sepAt = -1;
  private seq = 0;

  constructor(
    private readonly opts: GrouperOptions,
    private readonly onEvent: (e: ReportEvent) => void,
  ) {}

  /** One line (without its newline, latin1). */
  add(line: string): void {
    const b = Buffer.from(line, 'latin1');
    this.addBytes(b, 0, b.length);
  }

  /**
   * One line: bytes `start` to `end` of `buf` (no newline). Only the header is decoded first; the raw part
   * is decoded only for record types whose text a report reads, and the ENRICHED part only for an
   * event's first record (whose interpretations -i uses): open events then hold little memory.
   */
  addBytes(buf: Buffer, start: number, end: number): void {
    if (!readHeader(buf, start, end)) {
      if (end > start) this.bad++;
      return;
    }
    const { start: from, end: to } = this.opts;
    if ((from && hSec < from) || (to && hSec > to)) {
      if (this.firstSec === 0) {
        this.firstSec = hSec;
        this.firstMilli = hMilli;
      }
      return;
    }
    if (this.firstSec === 0 && from === 0) {
      this.firstSec = hSec;
      this.firstMilli = hMilli;
    }
    if (this.sepBuf !== buf || (this.sepAt >= 0 && this.sepAt < start)) {
      this.sepBuf = buf;
      this.sepAt = buf.indexOf(0x1d, start);
    }
    const sep = this.sepAt >= 0 && this.sepAt < end ? this.sepAt : -1;
    const textEnd = sep < 0 ? end : sep;
    const type = hType;
    const chain = this.building.get(hSerial);
    if (chain !== undefined) {
      for (const ev of chain) {
        if (ev.sec === hSec && ev.milli === hMilli && ev.node === hNode) {
          this.take(ev, type, buf, start, textEnd, false, false);
          this.drain();
          return;
        }
      }
    }
    if (type === T.EOE) return;
    const interp = sep < 0 || this.opts.keepInterp === false ? undefined : buf.toString('latin1', sep + 1, end);
    const ev = new Pending(hSec, hMilli, hSerial, hNode, type, [], interp, this.seq++);
    const single = isSingle(type);
    this.take(ev, type, buf, start, textEnd, true, single);
    if (chain === undefined) this.building.set(ev.serial, [ev]);
    else chain.push(ev);
    this.pending.push(ev);
    if (!single) this.byStart.push(ev);
    // check_events: old enough events complete, and the new one if it is a single-record event
    const limit = ev.sec - this.opts.timeout;
    for (let top = this.byStart.peek(); top !== undefined && top.sec <= limit; top = this.byStart.peek()) {
      this.byStart.pop();
      this.finish(top);
    }
    if (single) this.finish(ev);
    this.drain();
  }

  /** A record joins its event: kept with its text, folded, or (opts.pick) held back until the event matters. */
  private take(ev: Pending, type: number, buf: Buffer, from: number, to: number, head: boolean, single: boolean): void {
    const fold = this.opts.fold;
    const noText = NO_TEXT.has(type);
    if (fold === undefined) {
      ev.records.push({ type, msg: noText ? '' : buf.toString('latin1', from, to) });
      return;
    }
    const keepText = head && this.opts.keepHeadText === true;
    const pick = this.opts.pick;
    if (pick !== undefined && !ev.picked) {
      if (pick(type)) {
        ev.picked = true;
        if (ev.deferred !== undefined) for (const r of ev.deferred) fold(ev, r.type, r.msg);
        ev.deferred = undefined;
      } else {
        ev.records.push(typeOnly(type));
        // an event complete with this record can never be picked: its text is not needed at all
        if (!noText && !(head && single)) (ev.deferred ??= []).push({ type, msg: buf.toString('latin1', from, to) });
        return;
      }
    }
    const text = noText ? '' : buf.toString('latin1', from, to);
    ev.records.push(keepText ? { type, msg: text } : typeOnly(type));
    if (text !== '') fold(ev, type, text);
  }

  /** End of the last input: everything completes and goes out. */
  end(): void {
    for (const chain of this.building.values())
      for (const ev of chain) {
        ev.complete = true;
        ev.deferred = undefined;
      }
    this.building.clear();
    this.drain();
  }

  private finish(ev: Pending): void {
    if (ev.complete) return;
    ev.complete = true;
    ev.deferred = undefined;
    const chain = this.building.get(ev.serial)!;
    if (chain.length === 1) this.building.delete(ev.serial);
    else chain.splice(chain.indexOf(ev), 1);
  }

  private drain(): void {
    for (let top = this.pending.peek(); top !== undefined && top.complete; top = this.pending.peek()) {
      this.pending.pop();
      this.onEvent(top);
    }
  }
}
