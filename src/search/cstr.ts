// ausearch's C library behaviour lives with the shared extraction (src/audit-fields/cstr.ts); the selectors
// parse their numbers with the same strtoul.
export { hexOverflows, i32, isAlpha, isDigit, isXdigit, strto, u32, unescape, type CNumber } from '../audit-fields/cstr.js';
