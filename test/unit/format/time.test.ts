import { afterEach, describe, expect, it } from 'vitest';
import { formatTime, textTimeFormatter } from '../../../src/format/time.js';

// Node reads TZ again whenever it changes, so one process can check several zones.
const savedTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = savedTz;
});

const T = Date.UTC(2026, 10, 21, 14, 39, 47, 142); // 2026-11-21T14:39:47.142Z
const SUMMER = Date.UTC(2026, 6, 1, 23, 30, 0, 5); // 2026-07-01T23:30:00.005Z

describe('formatTime', () => {
  it.each([
    ['UTC', T, '2026-11-21T14:39:47.142Z'],
    ['Europe/Berlin', T, '2026-11-21T15:39:47.142+01:00'],
    ['Europe/Berlin', SUMMER, '2026-07-02T01:30:00.005+02:00'],
    ['America/New_York', T, '2026-11-21T09:39:47.142-05:00'],
    ['Asia/Kolkata', T, '2026-11-21T20:09:47.142+05:30'],
    ['America/St_Johns', T, '2026-11-21T11:09:47.142-03:30'],
    ['Pacific/Kiritimati', T, '2026-11-22T04:39:47.142+14:00'],
  ])('in %s, %d is %s', (tz, ms, expected) => {
    process.env.TZ = tz;
    expect(formatTime(ms)).toBe(expected);
  });

  it('--utc is UTC in any zone', () => {
    process.env.TZ = 'Asia/Kolkata';
    expect(formatTime(T, { utc: true })).toBe('2026-11-21T14:39:47.142Z');
  });

  it('names the same instant in every zone', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      process.env.TZ = tz;
      for (const ms of [T, SUMMER, 0, 1795271986032]) expect(Date.parse(formatTime(ms))).toBe(ms);
    }
  });
});

describe('textTimeFormatter', () => {
  it('with utc returns the record time unchanged', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(textTimeFormatter({ utc: true })('2026-11-21T14:39:47.142Z')).toBe('2026-11-21T14:39:47.142Z');
  });
  it('otherwise gives local time', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(textTimeFormatter()('2026-11-21T14:39:47.142Z')).toBe('2026-11-21T15:39:47.142+01:00');
  });
  it('leaves text that is not a time as it is', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(textTimeFormatter()('?')).toBe('?');
  });
});
