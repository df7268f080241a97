// Audit message type lookups: number <-> name, O(1) on the parser's hot path. The data is generated
// (message-types-data.ts).
//
// Hand-written: the generator (scripts/gen-tables/message-types.mjs) writes only the data module.

import { MESSAGE_TYPES } from './message-types-data.js';

export { AUDIT_MESSAGE, MESSAGE_TYPES, NOT_IN_AUSEARCH } from './message-types-data.js';

// MESSAGE_TYPES is in ascending order.
const NUMBERS = [...MESSAGE_TYPES.keys()];
const FIRST = NUMBERS[0]!;
const LAST = NUMBERS[NUMBERS.length - 1]!;

// Dense array for the parser's hot path: index = number - FIRST.
const NAME_BY_INDEX: (string | undefined)[] = new Array(LAST - FIRST + 1);
const NUMBER_BY_NAME = new Map<string, number>();
for (const [n, name] of MESSAGE_TYPES) {
  NAME_BY_INDEX[n - FIRST] = name;
  NUMBER_BY_NAME.set(name, n);
}

/** Name of message type `n` (e.g. 1300 -> "SYSCALL"); `UNKNOWN[n]` when the number has no name. */
export function messageTypeName(n: number): string {
  const name = n >= FIRST && n <= LAST ? NAME_BY_INDEX[n - FIRST] : undefined;
  return name ?? `UNKNOWN[${n}]`;
}

/**
 * Number of a message type name ("SYSCALL" -> 1300). Case-insensitive; accepts `UNKNOWN[n]` (and a
 * leading AUDIT_). Returns undefined for names it does not know.
 */
export function messageTypeNumber(name: string): number | undefined {
  const n = NUMBER_BY_NAME.get(name);
  if (n !== undefined) return n;
  let upper = name.toUpperCase();
  if (upper.startsWith('AUDIT_')) upper = upper.slice(6);
  const m = /^UNKNOWN\[(\d{1,10})\]$/.exec(upper);
  if (m) {
    const v = Number(m[1]);
    return v <= 0xffffffff ? v : undefined;
  }
  return NUMBER_BY_NAME.get(upper);
}
