// The `-i` output stage of `tsaudit parse` (and of any event stream): each event is normalized and written
// as one JSON line, one YAML document, or one readable text line.

import { createWriter, type FormatName, Output } from '../../format/index.js';
import { IdResolver } from '../../ids.js';
import { TABLE_LOOKUPS } from '../interpret/lookups.js';
import type { AuditEvent } from '../reassemble.js';
import type { EventSink } from '../run.js';
import { type NormalizedEvent, type NormalizeOptions, normalizeEvent } from './event.js';
import { eventLine } from './text.js';

export interface InterpretOptions {
  /** Resolve uid/gid names from this host's passwd/group (`--no-id` / `-id=false` turns it off). */
  ids: boolean;
}

export function normalizeOptions(opts: InterpretOptions): NormalizeOptions {
  return { lookups: TABLE_LOOKUPS, ids: opts.ids ? new IdResolver() : null };
}

export async function interpretSink(format: FormatName, opts: InterpretOptions): Promise<EventSink> {
  const nopts = normalizeOptions(opts);
  const normalize = (e: AuditEvent): NormalizedEvent => normalizeEvent(e.records, nopts);
  if (format === 'json') {
    const out = new Output();
    return {
      write: (e) => out.write(`${JSON.stringify(normalize(e))}\n`),
      ready: () => out.ready(),
      end: () => out.end(),
    };
  }
  const w = await createWriter<NormalizedEvent>(format, { text: eventLine });
  return {
    write: (e) => w.write(normalize(e)),
    ready: () => w.ready(),
    end: () => w.end(),
  };
}
