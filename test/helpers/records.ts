// Test input: an audit log line -> its AuditRecord, failing the test when the line is not a record.

import { type AuditRecord, parseRecord } from '../../src/parse/record.js';

export function recordOf(line: string): AuditRecord {
  const r = parseRecord(line);
  if (r.kind !== 'record') throw new Error(`expected a record, got error: ${r.reason}`);
  return r;
}
