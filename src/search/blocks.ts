// Lines as byte ranges of read blocks. ausearch completes an event only when a record two seconds (of log
// time) newer arrives, so thousands of records wait at any time; holding each as a string and a parsed
// record made the garbage collector a third of a search. Here the bytes read are copied once into a block,
// a waiting record is four entries of its event's array (block, start, end, type), and a record becomes a
// string only when a selector scans it or an output prints it. A block goes back to a small pool when the
// splitter has moved on and no waiting record points into it, so memory stays a few blocks however long
// the log is.

import type { Marks } from './needle.js';

/** Bytes read, holding whole lines only (an unfinished line moves on to the next block). */
export class Block {
  /** Held records pointing into the block, plus one while the splitter reads it. */
  refs = 0;
  /** Bytes of `buf` in use. */
  used = 0;
  /**
   * Where a test's marks may start in the bytes, found once for the block (a selective search asks per record).
   * Two tests at most (-k is one): fields rather than arrays, whose first push would change their kind and
   * make V8 drop the compiled code that reads them.
   */
  private marks0: Marks | undefined = undefined;
  private places0: number[] = NONE;
  private marks1: Marks | undefined = undefined;
  private places1: number[] = NONE;
  constructor(readonly buf: Buffer) {}

  /** Taken again from the pool: other bytes now. */
  reset(): void {
    this.refs = 1;
    this.used = 0;
    this.marks0 = this.marks1 = undefined;
    this.places0 = this.places1 = NONE;
  }

  /** True when the line at [start, end) may hold what `n` looks for (see needle.ts). */
  mayHold(n: Marks, start: number, end: number): boolean {
    const p = n === this.marks0 ? this.places0 : n === this.marks1 ? this.places1 : this.placesOf(n);
    // the first place at or after start
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < p.length && p[lo]! < end;
  }

  private placesOf(n: Marks): number[] {
    const p = n.places(this.buf, this.used);
    if (this.marks0 === undefined) {
      this.marks0 = n;
      this.places0 = p;
    } else {
      // a third test takes the second one's place (there are two)
      this.marks1 = n;
      this.places1 = p;
    }
    return p;
  }
}

const NONE: number[] = [];

const BLOCK_SIZE = 2 << 20;
const POOLED = 4;

/** Blocks of BLOCK_SIZE bytes, reused once released. */
export class BlockPool {
  private readonly free: Block[] = [];

  /** A block for at least `bytes` bytes, holding one reference (the taker's). */
  take(bytes: number): Block {
    const b =
      bytes <= BLOCK_SIZE ? (this.free.pop() ?? new Block(Buffer.allocUnsafeSlow(BLOCK_SIZE))) : new Block(Buffer.allocUnsafeSlow(bytes));
    b.reset();
    return b;
  }

  release(b: Block): void {
    if (--b.refs === 0 && b.buf.length === BLOCK_SIZE && this.free.length < POOLED) this.free.push(b);
  }
}

/**
 * Splits input chunks into lines without copying them out: `onLine(block, start, end)` for each line
 * (without its newline). The chunk is copied into a block behind the previous block's unfinished line.
 */
export class BlockLines {
  private block: Block | undefined;
  /** Start and end of the unfinished line in `block`. */
  private tailStart = 0;
  private tailEnd = 0;

  constructor(
    private readonly pool: BlockPool,
    private readonly onLine: (block: Block, start: number, end: number) => void,
  ) {}

  push(chunk: Buffer): void {
    const prev = this.block;
    const tail = this.tailEnd - this.tailStart;
    const block = this.pool.take(tail + chunk.length);
    if (prev !== undefined) {
      if (tail > 0) prev.buf.copy(block.buf, 0, this.tailStart, this.tailEnd);
      this.pool.release(prev);
    }
    chunk.copy(block.buf, tail);
    this.block = block;
    const buf = block.buf;
    const end = tail + chunk.length;
    block.used = end;
    let start = 0;
    // the unfinished line cannot hold a newline: search from the new bytes on
    let nl = buf.indexOf(10, tail);
    while (nl >= 0 && nl < end) {
      this.onLine(block, start, nl);
      start = nl + 1;
      nl = start < end ? buf.indexOf(10, start) : -1;
    }
    this.tailStart = start;
    this.tailEnd = end;
  }

  /** End of input: an unfinished last line is a line too. */
  end(): void {
    const b = this.block;
    if (b === undefined) return;
    if (this.tailEnd > this.tailStart) this.onLine(b, this.tailStart, this.tailEnd);
    this.pool.release(b);
    this.block = undefined;
    this.tailStart = this.tailEnd = 0;
  }
}
