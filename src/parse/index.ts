// The parsing library in one import: line -> record (parseRecord, recordFromNetlink), records -> events
// (EventAssembler), record-level output (recordToPlain, recordJSON), and the file/stdin runner.

export { type AuditField, AuditRecord, ENRICHED_SEPARATOR, isRecordError, parseRecord, type RecordError, type RecordErrorCode, recordFromNetlink, type TextSegment } from './record.js';
export { type AssemblerOptions, type AssemblerStats, type AuditEvent, EventAssembler, type EventHandler, isSingleRecordType } from './reassemble.js';
export { isoTimestamp, recordJSON, recordResult, recordToPlain } from './record-json.js';
export { DEFAULT_MAX_LINE, type LineHandler, LineSplitter } from './lines.js';
export { type EventSink, type ParseRunOptions, type ParseRunResult, rawSink, runParse } from './run.js';
