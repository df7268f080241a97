// The matcher's prefilter tests (-k, -sv no) run as the lines are read, so that deciding whether an event can
// match costs little per line instead of a walk over the event's records later. A test with places (-k) is
// one search of each read block (a sorted list of offsets); lines come in order within a block, so a cursor per
// test moves along its list, `next` is the nearest place of any test, and a line that ends before it costs one
// comparison. A test without places (-sv no) reads the text of each line of a type that counts. The events
// collect their records' hits (assemble.ts); Matcher.mayMatch reads them.

import type { Block } from './blocks.js';
import type { LineTest } from './needle.js';

const NONE: number[] = [];

export class LineScans {
  /** The nearest place not yet passed in the block, of any test with places (Infinity when there is none). */
  next = Infinity;
  /** Bits of the tests that read each line's text. */
  readonly byText: number;
  private readonly places: number[][];
  private readonly at: number[];

  constructor(private readonly tests: readonly LineTest[]) {
    this.places = tests.map(() => NONE);
    this.at = tests.map(() => 0);
    this.byText = tests.reduce((bits, t, i) => (t.places === undefined ? bits | (1 << i) : bits), 0);
  }

  /** A new block: its lines come next. */
  load(block: Block): void {
    for (let t = 0; t < this.tests.length; t++) {
      const test = this.tests[t]!;
      if (test.places !== undefined) this.places[t] = test.places(block.buf, block.used);
      this.at[t] = 0;
    }
    this.next = this.nearest();
  }

  /** Bit i set when the line [start, end), a record of `type`, has a place of test i. Call when next < end. */
  hits(start: number, end: number, type: number): number {
    let hits = 0;
    for (let t = 0; t < this.tests.length; t++) {
      const p = this.places[t]!;
      let i = this.at[t]!;
      while (i < p.length && p[i]! < start) i++;
      if (i < p.length && p[i]! < end) {
        if (this.tests[t]!.counts(type)) hits |= 1 << t;
        while (i < p.length && p[i]! < end) i++;
      }
      this.at[t] = i;
    }
    this.next = this.nearest();
    return hits;
  }

  /** Bits of the tests without places that the line passes (its text made only for a type that counts). */
  textHitsAt(buf: Buffer, start: number, end: number, type: number): number {
    let hits = 0;
    let text: string | undefined;
    for (let t = 0; t < this.tests.length; t++) {
      const test = this.tests[t]!;
      if (test.places !== undefined || !test.counts(type)) continue;
      text ??= buf.toString('latin1', start, end);
      if (test.test(text)) hits |= 1 << t;
    }
    return hits;
  }

  /** Every test on a line read as text (parseRecord took it: not in the common shape). */
  textHits(line: string, type: number): number {
    let hits = 0;
    for (let t = 0; t < this.tests.length; t++) if (this.tests[t]!.counts(type) && this.tests[t]!.test(line)) hits |= 1 << t;
    return hits;
  }

  private nearest(): number {
    let next = Infinity;
    for (let t = 0; t < this.tests.length; t++) {
      const p = this.places[t]!;
      const i = this.at[t]!;
      if (i < p.length && p[i]! < next) next = p[i]!;
    }
    return next;
  }
}
