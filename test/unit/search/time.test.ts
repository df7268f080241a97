// -ts/-te as ausearch 3.0.9 reads them (src/ausearch-time.c), checked at a fixed "now" under TZ=UTC.
// The differential tests (search-ausearch.test.ts) check absolute dates against the installed ausearch.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT, inTimeRange, parseEnd, parseStart } from '../../../src/search/time.js';

// Thursday 2026-12-03 10:20:30 UTC
const NOW = Date.UTC(2026, 11, 3, 10, 20, 30, 456);
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);
const opts = { now: NOW, uptime: () => 3600.4 };

let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('parseStart', () => {
  it.each([
    [['now'], at(2026, 12, 3, 10, 20, 30)],
    [['recent'], at(2026, 12, 3, 10, 10, 30)],
    [['this-hour'], at(2026, 12, 3, 10, 0, 0)],
    [['boot'], at(2026, 12, 3, 9, 20, 30)],
    [['today'], at(2026, 12, 3)],
    [['yesterday'], at(2026, 12, 2)],
    [['this-week'], at(2026, 11, 29)],
    [['week-ago'], at(2026, 11, 26)],
    [['this-month'], at(2026, 12, 1)],
    [['this-year'], at(2026, 1, 1)],
    [['today', '08:15'], at(2026, 12, 3, 8, 15)],
    [['now', '00:00:00'], at(2026, 12, 3, 10, 20, 30)],
    [['now', '07:00'], at(2026, 12, 3, 7, 0, 0)],
    [['11/21/26'], at(2026, 11, 21)],
    [['11/21/26', '14:39:46'], at(2026, 11, 21, 14, 39, 46)],
    [['14:39:46', '11/21/26'], at(2026, 11, 21, 14, 39, 46)],
    [['1/2/26', '7:05'], at(2026, 1, 2, 7, 5)],
    [['11/31/26'], at(2026, 12, 1)],
    [['14:39'], at(2026, 12, 3, 14, 39)],
    [['2026-11-21'], at(2026, 11, 21)],
    [['2026-11-21', '14:39:46'], at(2026, 11, 21, 14, 39, 46)],
    [['2026-11-21T14:39:46'], at(2026, 11, 21, 14, 39, 46)],
    [['2026-11-21T14:39:46.999Z'], at(2026, 11, 21, 14, 39, 46)],
    [['2026-11-21T16:39:46+02:00'], at(2026, 11, 21, 14, 39, 46)],
  ])('%j', (args, expected) => {
    expect(parseStart(args, opts)).toBe(expected);
  });

  it.each([
    [['2026-11-21x'], /-ts\/--start: invalid start date "2026-11-21x"/],
    [['11/21/2026'], /cannot parse start date "11\/21\/2026"/],
    [['13/01/26'], /month must be 1\.\.12/],
    [['11/21/03'], /year 2003 is before 2004/],
    [['11/21/26', '25:00'], /invalid start time "25:00"/],
    [['11/21/26', '10:00:00.5'], /cannot parse start time/],
    [['this-hours'], /invalid start date "this-hours"/],
    [['checkpoint'], /"checkpoint" needs --checkpoint FILE/],
    [[], /expected a date and\/or a time/],
  ])('refuses %j', (args, message) => {
    expect(() => parseStart(args, opts)).toThrow(message);
  });

  it('checkpoint, when the caller has one', () => {
    expect(parseStart(['checkpoint'], { ...opts, checkpoint: true })).toBe(CHECKPOINT);
  });

  it('names the flag the caller gives', () => {
    expect(() => parseStart(['x'], { ...opts, flag: '--since' })).toThrow(/flag --since:/);
  });
});

describe('parseEnd', () => {
  const end = (ms: number) => ms + 999;
  it.each([
    [['now'], end(at(2026, 12, 3, 10, 20, 30))],
    [['today'], end(at(2026, 12, 3, 10, 20, 30))],
    [['today', '06:00'], end(at(2026, 12, 3, 6, 0))],
    [['yesterday'], end(at(2026, 12, 2))],
    [['this-month'], end(at(2026, 12, 1))],
    // a date alone: that date at the current time of day
    [['11/21/26'], end(at(2026, 11, 21, 10, 20, 30))],
    [['2026-11-21'], end(at(2026, 11, 21, 10, 20, 30))],
    [['11/21/26', '14:39:46'], end(at(2026, 11, 21, 14, 39, 46))],
    [['14:39:46'], end(at(2026, 12, 3, 14, 39, 46))],
  ])('%j', (args, expected) => {
    expect(parseEnd(args, opts)).toBe(expected);
  });

  it('refuses checkpoint', () => {
    expect(() => parseEnd(['checkpoint'], opts)).toThrow(/-te\/--end: invalid end date "checkpoint"/);
  });
});

describe('inTimeRange', () => {
  it('compares whole seconds at both ends', () => {
    const range = { start: parseStart(['11/21/26', '14:39:46'], opts) as number, end: parseEnd(['11/21/26', '14:39:47'], opts) };
    const sec = at(2026, 11, 21, 14, 39, 46) / 1000;
    expect(inTimeRange(sec - 1, 999, range)).toBe(false);
    expect(inTimeRange(sec, 0, range)).toBe(true);
    expect(inTimeRange(sec + 1, 999, range)).toBe(true);
    expect(inTimeRange(sec + 2, 0, range)).toBe(false);
    expect(inTimeRange(0, 0, {})).toBe(true);
  });
});
