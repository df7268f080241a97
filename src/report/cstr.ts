// C library behaviours that aureport's output depends on: int conversion of 32-bit fields and snprintf's
// truncation. The field parsing itself (strtoul, hex decoding) is src/audit-fields/cstr.ts.

/** A 32-bit unsigned value seen as C's int (what printf "%d" shows). */
export const asInt = (u: number) => u | 0;

/** A C string of at most size-1 characters (snprintf into a buffer of `size`). */
export const clip = (s: string, size: number) => (s.length < size ? s : s.slice(0, size - 1));
