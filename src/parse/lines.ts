// Bytes -> lines, in constant memory. Each chunk is searched for newlines with Buffer.indexOf(10); every
// complete line is decoded on its own (latin1 when the chunk is ASCII, else UTF-8 with every invalid byte kept
// as an escape: see lossless.ts, so that output can give back the bytes as read), and only the
// unfinished tail is kept (copied) for the next chunk. A line longer than `maxLine` bytes is not buffered: its bytes are
// counted and skipped, and it is reported as an overlong line (so a newline-free binary file cannot grow
// memory). Lines are numbered from 1; a last line without a newline is still a line.

import { isAscii, isUtf8 } from 'node:buffer';
import { decodeLossless } from './lossless.js';

/** Called for every complete line (without its newline). `overlong` is set for skipped overlong lines. */
export type LineHandler = (line: string, lineNo: number, overlong?: { bytes: number }) => void;

export const DEFAULT_MAX_LINE = 8 * 1024 * 1024;

const ASCII = 0;
const UTF8 = 1;
const LOSSLESS = 2;
type Decoding = typeof ASCII | typeof UTF8 | typeof LOSSLESS;

/** How the lines of a run of bytes decode: a check of the whole run saves one per line. */
function lineDecoding(bytes: Buffer): Decoding {
  return isAscii(bytes) ? ASCII : isUtf8(bytes) ? UTF8 : LOSSLESS;
}

export class LineSplitter {
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private skipping = false;
  private skipped = 0;
  private lineNo = 0;

  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLine: number = DEFAULT_MAX_LINE,
  ) {}

  /** Lines seen so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): void {
    let start = 0;
    const first = chunk.indexOf(10);
    if (first < 0) {
      this.keep(chunk, 0, chunk.length);
      return;
    }
    if (this.skipping || this.tailBytes > 0) {
      this.keep(chunk, 0, first);
      this.finishTail();
      start = first + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) this.splitBytes(chunk, start, last, lineDecoding(chunk.subarray(start, last)));
    if (last + 1 < chunk.length) this.keep(chunk, last + 1, chunk.length);
  }

  /** End of input: a last line without a newline is emitted. */
  end(): void {
    if (this.skipping || this.tailBytes > 0) this.finishTail();
  }

  private splitBytes(chunk: Buffer, start: number, last: number, decoding: Decoding): void {
    // Each line is decoded on its own: a line string then holds only its own bytes, so a record kept
    // waiting for its event does not pin a whole decoded chunk (1 MiB strings go straight to V8's old
    // generation and only a full GC frees them).
    let from = start;
    while (from <= last) {
      let end = chunk.indexOf(10, from);
      if (end < 0 || end > last) end = last;
      if (end - from > this.maxLine) this.onLine('', ++this.lineNo, { bytes: end - from });
      // ASCII bytes decode the same as latin1, which is a plain copy (about twice as fast as UTF-8).
      else
        this.onLine(
          decoding === ASCII
            ? chunk.toString('latin1', from, end)
            : decoding === UTF8
              ? chunk.toString('utf8', from, end)
              : decodeLossless(chunk, from, end),
          ++this.lineNo,
        );
      from = end + 1;
    }
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.skipping) {
      this.skipped += to - from;
      return;
    }
    if (this.tailBytes + (to - from) > this.maxLine) {
      this.skipping = true;
      this.skipped = this.tailBytes + (to - from);
      this.tail = [];
      this.tailBytes = 0;
      return;
    }
    // Copy: the tail must not pin the whole (1 MiB) chunk.
    this.tail.push(Buffer.from(chunk.subarray(from, to)));
    this.tailBytes += to - from;
  }

  private finishTail(): void {
    if (this.skipping) {
      this.onLine('', ++this.lineNo, { bytes: this.skipped });
      this.skipping = false;
      this.skipped = 0;
      return;
    }
    const buf = this.tail.length === 1 ? this.tail[0]! : Buffer.concat(this.tail, this.tailBytes);
    this.tail = [];
    this.tailBytes = 0;
    this.onLine(decodeLossless(buf), ++this.lineNo);
  }
}
