// One interpreted event -> its output text (a JSON line, a YAML document, or a readable line), shared by
// the in-thread `-i` sink and the interpretation worker threads, so both write the same bytes.

import { type FormatName, jsonSerializer, yamlSerializer } from '../../format/index.js';
import { textTimeFormatter } from '../../format/time.js';
import { IdResolver } from '../../ids.js';
import { TABLE_LOOKUPS } from '../interpret/lookups.js';
import type { AuditRecord } from '../record.js';
import { type NormalizeOptions, normalizeEvent } from './event.js';
import { eventLine } from './text.js';

export interface InterpretOptions {
  /** Resolve uid/gid names from this host's passwd/group (`--no-id` / `-id=false` turns it off). */
  ids: boolean;
  /** Text times in UTC rather than local time (`--utc`). */
  utc?: boolean;
}

export function normalizeOptions(opts: InterpretOptions): NormalizeOptions {
  return { lookups: TABLE_LOOKUPS, ids: opts.ids ? new IdResolver() : null };
}

/** The records of one event -> the text written for it, newline included. */
export type EventRenderer = (records: AuditRecord[]) => string;

export async function eventRenderer(format: FormatName, opts: InterpretOptions): Promise<EventRenderer> {
  const nopts = normalizeOptions(opts);
  if (format === 'text') {
    const time = textTimeFormatter({ utc: opts.utc });
    return (records) => `${eventLine(normalizeEvent(records, nopts), time)}\n`;
  }
  const serialize = format === 'json' ? jsonSerializer : await yamlSerializer();
  return (records) => serialize(normalizeEvent(records, nopts));
}
