// Stage: event selection. A reading verb may keep only the events a predicate accepts (the search verb's
// selectors plug in here); the others are dropped before interpretation and output.

import type { AuditEvent } from '../parse/reassemble.js';
import type { EventSink } from './sinks.js';

export type EventSelector = (event: AuditEvent) => boolean;

/** `sink`, seeing only the events `select` accepts (`sink` itself when there is no selector). */
export function selectEvents(sink: EventSink, select?: EventSelector): EventSink {
  if (select === undefined) return sink;
  return { ...sink, write: (e) => !select(e) || sink.write(e) };
}
