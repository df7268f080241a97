// Value parsers shared by the verbs' options, so the same mistake gets the same message everywhere:
// `flag --backlog-limit: expected a whole number 0..4294967295, got "abc"` (exit 2).

import { usageError } from '../errors.js';

/** A whole number from `min` to `max` (default: an unsigned 32-bit kernel setting). */
export function wholeNumber(flag: string, max = 0xffffffff, min = 0): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max || n < min) {
      throw usageError(`flag ${flag}: expected a whole number ${min}..${max}, got "${value}"`, { token: value });
    }
    return n;
  };
}
