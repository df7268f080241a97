// Events as bytes, to hand them to another thread: each record's line as read and a newline, and an empty
// line after each event (a record line is never empty). The receiving thread parses the lines again (cheap:
// the header, and the body only when its renderer asks) and gets records equal to the sender's, so what it
// renders is the same bytes.

import type { AuditEvent } from '../parse/reassemble.js';
import { decodeLossless, encodeLossless } from '../parse/lossless.js';
import { BatchBytes } from './batch-render.js';
import { type AuditRecord, parseRecord } from '../parse/record.js';

/** Appends events' lines to a growing buffer. `ascii`: every line is ASCII (written as latin1, a plain copy). */
export class EventLineWriter extends BatchBytes {
  add(e: AuditEvent, ascii: boolean): void {
    for (const r of e.records) {
      if (ascii) this.latin1(r.line);
      else {
        const b = encodeLossless(r.line);
        this.copy(b, b.length);
      }
      this.byte(10);
    }
    this.byte(10);
  }
}

/** Reads back what EventLineWriter wrote (bytes[0, end)), event by event. */
export function readEventLines(bytes: Buffer, end: number, ascii: boolean, onEvent: (e: AuditEvent) => void): void {
  let records: AuditRecord[] = [];
  let from = 0;
  while (from < end) {
    const nl = bytes.indexOf(10, from);
    if (nl === from) {
      const first = records[0]!;
      onEvent({ node: first.node, sec: first.sec, msec: first.msec, serial: first.serial, records });
      records = [];
    } else {
      const line = ascii ? bytes.toString('latin1', from, nl) : decodeLossless(bytes, from, nl);
      const r = parseRecord(line);
      if (r.kind !== 'record') throw new Error(`a record line that no longer parses: ${r.reason}`);
      records.push(r);
    }
    from = nl + 1;
  }
}
