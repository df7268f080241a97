// ausearch's output formats for one event: -i, --format csv, --format text (audit 3.0.9, byte for byte).
export { type InterpretOptions, renderInterpreted } from './interpreted.js';
export type { IdNames } from './auparse-values.js';
