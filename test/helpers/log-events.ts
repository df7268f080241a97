// Test input: a log file -> its events' records, as the reading pipeline groups them; a bad line fails the test.

import { readFileSync } from 'node:fs';
import type { AuditRecord } from '../../src/parse/record.js';
import { LogEventReader } from '../../src/pipeline/log-events.js';

export function eventsOfFile(file: string): AuditRecord[][] {
  const events: AuditRecord[][] = [];
  const core = new LogEventReader(
    (e) => events.push(e.records),
    (line) => {
      throw new Error(line);
    },
  );
  core.begin(file);
  core.push(readFileSync(file));
  core.endInput();
  core.finish();
  return events;
}
