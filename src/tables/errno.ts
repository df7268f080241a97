// Linux errno lookups: number <-> name, strerror() text. The data is generated (errno-data.ts).
//
// Hand-written: the generator (scripts/gen-tables/errno.mjs) writes only the data module.

import { ERRNOS, ERRNO_ALIASES } from './errno-data.js';

export { ERRNOS, ERRNO_ALIASES } from './errno-data.js';

const NAMES: (string | undefined)[] = [];
const MESSAGES: (string | undefined)[] = [];
const NUMBERS = new Map<string, number>(ERRNO_ALIASES);
for (const [n, name, message] of ERRNOS) {
  NAMES[n] = name;
  MESSAGES[n] = message;
  NUMBERS.set(name, n);
}

/** Name of errno `n` (13 -> "EACCES"); negative numbers (syscall exit values) count as their absolute value. */
export function errnoName(n: number): string | undefined {
  return NAMES[n < 0 ? -n : n];
}

/** Number of an errno name or alias (EACCES -> 13, EWOULDBLOCK -> 11), case-insensitive. */
export function errnoNumber(name: string): number | undefined {
  return NUMBERS.get(name) ?? NUMBERS.get(name.toUpperCase());
}

/** strerror() text of errno `n` (17 -> "File exists"); "Unknown error n" like the C library otherwise. */
export function errnoMessage(n: number): string {
  const abs = n < 0 ? -n : n;
  return MESSAGES[abs] ?? `Unknown error ${abs}`;
}
