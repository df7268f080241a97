// ausearch's output formats for one event, byte for byte as audit 3.0.9 prints them: -i (renderInterpreted),
// --format csv (csvHeader once, then renderCsv per event) and --format text (renderText). Each takes the
// event's records in the order they were received (AuditEvent.records).
export { type InterpretOptions, renderInterpreted } from './interpreted.js';
export { type CsvOptions, csvHeader, renderCsv } from './csv.js';
export { type TextOptions, renderText } from './text.js';
export type { IdNames } from './auparse-values.js';
export { hostIdNames } from './ids.js';
