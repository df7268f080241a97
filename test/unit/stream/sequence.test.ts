import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceTracker, serialDistance } from '../../../src/stream/sequence.js';

const MAX = 2 ** 32 - 1;

function tracker(graceMs = 100) {
  let t = 0;
  const tr = new SequenceTracker({ graceMs, now: () => t });
  return { tr, advance: (ms: number) => (t += ms) };
}

describe('serialDistance', () => {
  it('is signed and wraps at 2^32', () => {
    expect(serialDistance(5, 6)).toBe(1);
    expect(serialDistance(6, 5)).toBe(-1);
    expect(serialDistance(MAX, 0)).toBe(1);
    expect(serialDistance(MAX, 1)).toBe(2);
    expect(serialDistance(1, MAX)).toBe(-2);
  });
});

describe('SequenceTracker', () => {
  it('reports nothing for a contiguous stream, with repeats of one serial per record', () => {
    const { tr, advance } = tracker();
    for (let s = 1000; s < 2000; s++) for (let r = 0; r < 3; r++) tr.observe(s);
    advance(10_000);
    expect(tr.expire()).toBeUndefined();
    expect(tr.finish()).toBeUndefined();
    expect(tr.lost).toBe(0);
  });

  it('declares a gap lost only after the grace period', () => {
    const { tr, advance } = tracker(100);
    tr.observe(10);
    tr.observe(11);
    tr.observe(15); // 12, 13, 14 missing
    expect(tr.pending).toBe(3);
    advance(99);
    expect(tr.expire()).toBeUndefined();
    advance(1);
    expect(tr.expire()).toEqual({ count: 3, gaps: 1, firstSerial: 12, lastSerial: 14 });
    expect(tr.lost).toBe(3);
    expect(tr.pending).toBe(0);
  });

  it('late records fill holes and are not loss', () => {
    const { tr, advance } = tracker(100);
    for (const s of [1, 2, 5, 3, 7, 4, 6, 8]) tr.observe(s);
    advance(1000);
    expect(tr.expire()).toBeUndefined();
    expect(tr.late).toBe(3);
  });

  it('splits a hole filled in the middle and reports the rest', () => {
    const { tr, advance } = tracker(100);
    tr.observe(100);
    tr.observe(110); // 101..109
    tr.observe(105);
    advance(100);
    expect(tr.expire()).toEqual({ count: 8, gaps: 2, firstSerial: 101, lastSerial: 109 });
  });

  it('duplicates and records of old events are stale, not loss', () => {
    const { tr, advance } = tracker(100);
    for (const s of [50, 51, 52, 51, 50, 3, 52, 53]) tr.observe(s);
    advance(1000);
    expect(tr.expire()).toBeUndefined();
    expect(tr.stale).toBe(3); // 51, 50, 3 (a repeat of the highest is just another record of it)
  });

  it('wrap-around at 2^32 is not a gap', () => {
    const { tr, advance } = tracker();
    for (const s of [MAX - 2, MAX - 1, MAX, 0, 1, 2]) tr.observe(s);
    advance(1000);
    expect(tr.expire()).toBeUndefined();
  });

  it('a kernel that skips serial 0 on wrap-around gives no false alarm', () => {
    const { tr, advance } = tracker();
    for (const s of [MAX - 1, MAX, 1, 2]) tr.observe(s);
    advance(1000);
    expect(tr.expire()).toBeUndefined();
  });

  it('counts a real gap across the wrap exactly (serial 0 excluded)', () => {
    const { tr, advance } = tracker();
    tr.observe(MAX - 3);
    tr.observe(3); // MAX-2, MAX-1, MAX, (0), 1, 2 missing
    advance(1000);
    const loss = tr.expire();
    expect(loss?.count).toBe(5);
    expect(loss?.gaps).toBe(2);
    expect(loss?.firstSerial).toBe(MAX - 2);
    expect(loss?.lastSerial).toBe(2);
  });

  it('a jump of a million serials is one range', () => {
    const { tr, advance } = tracker();
    tr.observe(1);
    tr.observe(1_000_002);
    advance(1000);
    expect(tr.expire()).toEqual({ count: 1_000_000, gaps: 1, firstSerial: 2, lastSerial: 1_000_001 });
  });

  it('keeps at most maxHoles open, declaring the oldest lost', () => {
    const tr = new SequenceTracker({ graceMs: 1e9, maxHoles: 2, now: () => 0 });
    tr.observe(1);
    expect(tr.observe(3)).toBeUndefined();
    expect(tr.observe(5)).toBeUndefined();
    expect(tr.observe(7)).toEqual({ count: 1, gaps: 1, firstSerial: 2, lastSerial: 2 });
    expect(tr.pending).toBe(2);
  });

  it('finish() reports holes older than its short final grace and forgets the youngest', () => {
    const { tr, advance } = tracker(2000);
    tr.observe(1);
    tr.observe(3); // hole 2, will be 400 ms old
    advance(300);
    tr.observe(6); // holes 4-5, 100 ms old
    advance(100);
    expect(tr.finish()).toEqual({ count: 1, gaps: 1, firstSerial: 2, lastSerial: 2 });
    expect(tr.pending).toBe(0);
  });

  it('property: any reordering within a window loses nothing; removed serials are exactly the loss', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX }),
        fc.integer({ min: 2, max: 300 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (start, n, dropIdx, seed) => {
          // serials start..start+n-1 (mod 2^32, skipping 0 as a kernel might never issue it)
          const serials: number[] = [];
          for (let s = start; serials.length < n; s = (s + 1) % 2 ** 32) if (s !== 0) serials.push(s);
          // drop interior serials only (a missing first/last serial is invisible to any tracker)
          const drop = new Set(dropIdx.map((i) => 1 + (i % (n - 2 || 1))).filter((i) => i < n - 1));
          const kept = serials.filter((_, i) => !drop.has(i));
          // local shuffle: swap neighbours pseudo-randomly
          let r = seed;
          for (let i = 1; i < kept.length; i++) {
            r = (r * 1103515245 + 12345) % 2 ** 31;
            if (r % 3 === 0) [kept[i - 1], kept[i]] = [kept[i]!, kept[i - 1]!];
          }
          const { tr, advance } = tracker(100);
          for (const s of kept) tr.observe(s);
          advance(1000);
          tr.expire();
          // a swap at the very start can hide the first serial's predecessor; a swap at the end the last one's
          // successor; those are the lowest/highest seen, so at most the dropped count is reported
          expect(tr.lost).toBeLessThanOrEqual(drop.size);
          if (kept[0] === serials[0] && kept[kept.length - 1] === serials[n - 1]) expect(tr.lost).toBe(drop.size);
        },
      ),
    );
  });
});
