// The stream's event codec, shared with `tsaudit parse`: netlink messages become the same AuditRecord objects
// (recordFromNetlink), records are grouped by the same EventAssembler (which completes an event at its EOE,
// as netlink streams carry it), and the output has the same shape as `parse` output: text prints each
// event's records after `---`, JSON/YAML one object per record (recordToPlain), plus TSAUDIT_LOSS records.

import { createWriter, type FormatName, type ItemWriter, Output } from '../format/index.js';
import { type AuditRecord, recordFromNetlink } from '../parse/record.js';
import { recordJSON, recordToPlain } from '../parse/record-json.js';
import { type AuditEvent, EventAssembler } from '../parse/reassemble.js';
import { eventText } from '../parse/run.js';
import { isLossRecord, type LossRecord } from './loss.js';
import type { EventCodec } from './run.js';

/** An event that saw no new record for this long (wall clock) is complete: a lost EOE must not hold it forever. */
const IDLE_MS = 3000;

export function decodeNetlink(type: number, payload: Buffer | string): AuditRecord | string {
  const r = recordFromNetlink(type, typeof payload === 'string' ? payload : payload.toString('utf8'));
  return r.kind === 'record' ? r : `netlink message type ${type}: ${r.reason}`;
}

/** Events and loss records to stdout in the chosen format. */
export async function streamWriter(format: FormatName): Promise<ItemWriter<AuditEvent | LossRecord>> {
  if (format === 'text') {
    // loss goes to stderr only in text mode
    const w = await createWriter<AuditEvent>('text', { text: eventText });
    return { write: (item) => (isLossRecord(item) ? true : w.write(item)), ready: () => w.ready(), end: () => w.end() };
  }
  if (format === 'json') {
    // parse's hot path: JSON text straight from each record line, no intermediate objects
    const out = new Output();
    return {
      write(item) {
        if (isLossRecord(item)) return out.write(`${JSON.stringify(item)}\n`);
        let ok = true;
        for (const r of item.records) ok = out.write(recordJSON(r)) && ok;
        return ok;
      },
      ready: () => out.ready(),
      end: () => out.end(),
    };
  }
  const w = await createWriter<AuditRecord | LossRecord>(format, {
    text: () => '',
    toPlain: (item) => (isLossRecord(item) ? item : recordToPlain(item)),
  });
  return {
    write(item) {
      if (isLossRecord(item)) return w.write(item);
      let ok = true;
      for (const r of item.records) ok = w.write(r) && ok;
      return ok;
    },
    ready: () => w.ready(),
    end: () => w.end(),
  };
}

export const rawCodec: EventCodec<AuditRecord, AuditEvent> = {
  decode: decodeNetlink,
  assembler: (emit) => new EventAssembler(emit, { idleMs: IDLE_MS }),
  writer: streamWriter,
};
