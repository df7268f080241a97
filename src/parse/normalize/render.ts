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

/**
 * What the `-i` writers use: the text of an event without the newline that ends it when `newline` is set
 * (JSON: the writer adds it, since appending it to the string makes a rope that is copied once more when
 * written), and whether the text may hold the escapes of input bytes that were not UTF-8 (parse/lossless.ts).
 * JSON.stringify writes lone surrogates as `\udcNN` text, so JSON never does.
 */
export interface EventBodyRenderer {
  render: (records: AuditRecord[]) => string;
  newline: boolean;
  mayHoldEscapes: boolean;
}

export async function eventBodyRenderer(format: FormatName, opts: InterpretOptions): Promise<EventBodyRenderer> {
  if (format === 'json') {
    const nopts = normalizeOptions(opts);
    return { render: (records) => JSON.stringify(normalizeEvent(records, nopts)), newline: true, mayHoldEscapes: false };
  }
  return { render: await eventRenderer(format, opts), newline: false, mayHoldEscapes: true };
}

export async function eventRenderer(format: FormatName, opts: InterpretOptions): Promise<EventRenderer> {
  const nopts = normalizeOptions(opts);
  if (format === 'text') {
    const time = textTimeFormatter({ utc: opts.utc });
    return (records) => `${eventLine(normalizeEvent(records, nopts), time)}\n`;
  }
  const serialize = format === 'json' ? jsonSerializer : await yamlSerializer();
  return (records) => serialize(normalizeEvent(records, nopts));
}
