// Sequence-gap tracking for the live stream.
//
// Every audit event carries a serial from one kernel-wide 32-bit counter (`msg=audit(<time>:<serial>)`), and
// every record of the kernel reaches the audit daemon (unicast) or each multicast listener. A serial that never
// arrives therefore means a lost event. Three things make naive "serial != last + 1" wrong:
//   - records are queued when they are finished, not when their serial is taken, so serials from different
//     CPUs arrive slightly out of order: a missing serial is only a hole until it shows up late;
//   - the counter is 32 bits and wraps to 0 (and then 1) after 2^32 - 1: that is not a gap;
//   - a record may be repeated or belong to an event seen long ago (late, duplicate): not loss either.
// So a hole becomes loss only when it has stayed open for `graceMs`. Holes are kept as ranges, so a jump of a
// million serials costs one entry; at most `maxHoles` ranges are kept (the oldest are declared lost first).

const MOD = 2 ** 32;
const HALF = 2 ** 31;

interface Hole {
  /** first missing serial */
  first: number;
  /** number of missing serials from `first` (modulo 2^32) */
  count: number;
  /** when the hole was opened (ms) */
  openedAt: number;
}

/** Serials declared lost by one `expire()`/`finish()` call. */
export interface GapLoss {
  /** missing serials in total */
  count: number;
  /** number of separate gaps */
  gaps: number;
  /** lowest and highest missing serial (in arrival order of the gaps) */
  firstSerial: number;
  lastSerial: number;
}

export interface SequenceTrackerOptions {
  /** how long a hole may stay open before it counts as loss (default 2000 ms) */
  graceMs?: number;
  /** most open holes kept; beyond that the oldest is declared lost (default 4096) */
  maxHoles?: number;
  now?: () => number;
}

/** Signed distance from `a` to `b` on the 32-bit serial circle: > 0 when b is ahead of a. */
export function serialDistance(a: number, b: number): number {
  const d = (b - a + MOD) % MOD;
  return d >= HALF ? d - MOD : d;
}

export class SequenceTracker {
  private high: number | undefined;
  private holes: Hole[] = [];
  private openMissing = 0;
  private readonly graceMs: number;
  private readonly maxHoles: number;
  private readonly now: () => number;
  /** serials declared lost so far */
  lost = 0;
  /** records seen with a serial behind the highest one that filled a hole */
  late = 0;
  /** records seen with a serial behind the highest one that filled no hole (duplicates, old events) */
  stale = 0;

  constructor(opts: SequenceTrackerOptions = {}) {
    this.graceMs = opts.graceMs ?? 2000;
    this.maxHoles = opts.maxHoles ?? 4096;
    this.now = opts.now ?? Date.now;
  }

  /** The highest serial seen so far. */
  get highest(): number | undefined {
    return this.high;
  }

  /** Serials currently missing but still within their grace period. */
  get pending(): number {
    return this.openMissing;
  }

  /** Records that a record with this serial arrived. Returns the losses forced out by `maxHoles`, if any. */
  observe(serial: number, now?: number): GapLoss | undefined {
    const high = this.high;
    if (high === undefined) {
      this.high = serial;
      return undefined;
    }
    const d = serialDistance(high, serial);
    if (d === 0) return undefined;
    if (d === 1) {
      this.high = serial;
      return undefined;
    }
    if (d > 1) {
      this.high = serial;
      this.open((high + 1) % MOD, d - 1, now ?? this.now());
      if (this.holes.length > this.maxHoles) return this.declare(this.holes.splice(0, this.holes.length - this.maxHoles));
      return undefined;
    }
    this.fill(serial);
    return undefined;
  }

  private open(first: number, count: number, openedAt: number): void {
    // Serial 0 may never be issued (older kernels skip it on wrap-around), so it is never counted missing.
    const end = first + count; // exclusive, may pass 2^32
    if (first === 0) {
      first = 1;
      count--;
    } else if (end > MOD) {
      if (end - 1 === MOD) count--;
      else {
        this.push({ first, count: MOD - first, openedAt });
        first = 1;
        count = end - MOD - 1;
      }
    }
    if (count > 0) this.push({ first, count, openedAt });
  }

  private push(h: Hole): void {
    this.holes.push(h);
    this.openMissing += h.count;
  }

  private fill(serial: number): void {
    // recent holes are the likeliest home of a late serial: search from the newest
    for (let i = this.holes.length - 1; i >= 0; i--) {
      const h = this.holes[i]!;
      const off = (serial - h.first + MOD) % MOD;
      if (off >= h.count) continue;
      this.late++;
      this.openMissing--;
      if (h.count === 1) this.holes.splice(i, 1);
      else if (off === 0) {
        h.first = (h.first + 1) % MOD;
        h.count--;
      } else if (off === h.count - 1) h.count--;
      else {
        const after: Hole = { first: (serial + 1) % MOD, count: h.count - off - 1, openedAt: h.openedAt };
        h.count = off;
        this.holes.splice(i + 1, 0, after);
      }
      return;
    }
    this.stale++;
  }

  /** Declares holes older than the grace period lost. */
  expire(now: number = this.now(), graceMs: number = this.graceMs): GapLoss | undefined {
    let n = 0;
    while (n < this.holes.length && now - this.holes[n]!.openedAt >= graceMs) n++;
    return n === 0 ? undefined : this.declare(this.holes.splice(0, n));
  }

  /**
   * At the end of a stream nothing more will arrive, so the long grace period no longer applies: holes open
   * for `finalGraceMs` (default 250 ms; reordering is a matter of microseconds) are lost, and only the very
   * youngest are forgotten (their records may have been just behind, unread, when the stream stopped).
   */
  finish(now: number = this.now(), finalGraceMs = 250): GapLoss | undefined {
    const loss = this.expire(now, Math.min(finalGraceMs, this.graceMs));
    this.holes = [];
    this.openMissing = 0;
    return loss;
  }

  private declare(holes: Hole[]): GapLoss {
    let count = 0;
    for (const h of holes) count += h.count;
    this.openMissing -= count;
    this.lost += count;
    const last = holes[holes.length - 1]!;
    return { count, gaps: holes.length, firstSerial: holes[0]!.first, lastSerial: (last.first + last.count - 1) % MOD };
  }
}
