// --timeline: the report's events over time. Counts are kept per minute (memory grows with the minutes the
// log covers, not with its events); at the end the bucket (minute, hour or day) is the finest that fits
// the range in at most MAX_ROWS lines, and the buckets are drawn as bars, optionally split by a key.

import { color } from '../format/color.js';

export type TimelineSplit = 'key' | 'type' | 'result';
export type BucketUnit = 'minute' | 'hour' | 'day';

const UNIT_SEC: Record<BucketUnit, number> = { minute: 60, hour: 3600, day: 86400 };
export const MAX_ROWS = 60;
const BAR_WIDTH = 50;
const TOP_KEYS = 6;
const GLYPHS = ['█', '▓', '▒', '░', '#', '+', '='];

export interface Bucket {
  start: number;
  total: number;
  by: Map<string, number>;
}

export class Timeline {
  private readonly minutes = new Map<number, Map<string, number>>();

  add(sec: number, key: string): void {
    const m = Math.floor(sec / 60) * 60;
    let by = this.minutes.get(m);
    if (by === undefined) this.minutes.set(m, (by = new Map()));
    by.set(key, (by.get(key) ?? 0) + 1);
  }

  /** The bucket unit that shows the whole range in at most MAX_ROWS rows (day when nothing does). */
  unit(): BucketUnit {
    if (this.minutes.size === 0) return 'minute';
    const keys = [...this.minutes.keys()];
    const span = Math.max(...keys) - Math.min(...keys);
    for (const u of ['minute', 'hour'] as const) if (Math.floor(span / UNIT_SEC[u]) + 1 <= MAX_ROWS) return u;
    return 'day';
  }

  /** Every bucket from the first to the last (empty ones included), in time order. Buckets are UTC-aligned. */
  buckets(unit = this.unit()): Bucket[] {
    if (this.minutes.size === 0) return [];
    const size = UNIT_SEC[unit];
    const map = new Map<number, Bucket>();
    for (const [m, by] of this.minutes) {
      const start = Math.floor(m / size) * size;
      let b = map.get(start);
      if (b === undefined) map.set(start, (b = { start, total: 0, by: new Map() }));
      for (const [k, n] of by) {
        b.total += n;
        b.by.set(k, (b.by.get(k) ?? 0) + n);
      }
    }
    const starts = [...map.keys()];
    const first = Math.min(...starts);
    const last = Math.max(...starts);
    const out: Bucket[] = [];
    for (let t = first; t <= last; t += size) out.push(map.get(t) ?? { start: t, total: 0, by: new Map() });
    return out;
  }
}

function label(sec: number, unit: BucketUnit): string {
  const iso = new Date(sec * 1000).toISOString();
  return unit === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The chart as text lines: one bar per bucket, split keys as glyphs with a legend. */
export function timelineText(t: Timeline, split: TimelineSplit | undefined): string {
  const unit = t.unit();
  const buckets = t.buckets(unit);
  if (buckets.length === 0) return 'no events\n';
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [k, n] of b.by) totals.set(k, (totals.get(k) ?? 0) + n);
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const shown = ranked.slice(0, TOP_KEYS);
  const glyphOf = (k: string) => {
    const i = shown.indexOf(k);
    return i < 0 ? GLYPHS[GLYPHS.length - 1]! : GLYPHS[i]!;
  };
  const c = color();
  const paint = [c.cyan, c.yellow, c.green, c.magenta, c.blue, c.red, c.gray];
  const max = Math.max(...buckets.map((b) => b.total));
  let s = `events per ${unit} (UTC), ${buckets.reduce((a, b) => a + b.total, 0)} in all\n`;
  if (split !== undefined) {
    s += `${shown.map((k, i) => paint[i]!(`${GLYPHS[i]} ${k}`)).join('  ')}${ranked.length > TOP_KEYS ? `  ${GLYPHS[GLYPHS.length - 1]} other` : ''}\n`;
  }
  for (const b of buckets) {
    let bar = '';
    if (b.total > 0) {
      const width = Math.max(1, Math.round((b.total / max) * BAR_WIDTH));
      if (split === undefined) bar = c.cyan('█'.repeat(width));
      else {
        // segments in legend order, each at least one cell when present
        let used = 0;
        const parts = [...b.by].sort((x, y) => ranked.indexOf(x[0]) - ranked.indexOf(y[0]));
        for (const [k, n] of parts) {
          const w = Math.max(1, Math.round((n / b.total) * width));
          const i = shown.indexOf(k);
          bar += (i < 0 ? paint[paint.length - 1]! : paint[i]!)(glyphOf(k).repeat(w));
          used += w;
        }
        void used;
      }
    }
    s += `${label(b.start, unit)}  ${bar}${b.total > 0 ? ' ' : ''}${b.total}\n`;
  }
  return s;
}

/** The buckets as plain objects (JSON lines / YAML / CSV). */
export function timelineObjects(t: Timeline, split: TimelineSplit | undefined): Record<string, unknown>[] {
  const unit = t.unit();
  return t.buckets(unit).map((b) => {
    const o: Record<string, unknown> = { unit, start: new Date(b.start * 1000).toISOString(), total: b.total };
    if (split !== undefined) o.by = Object.fromEntries([...b.by].sort((x, y) => y[1] - x[1]));
    return o;
  });
}
