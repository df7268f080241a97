// The `ecs` output format: one ECS document per event as JSON bytes. Shared by the stdout writer of
// parse/stream and by the network outputs (src/ship/), which take the same bytes.

import { hostname } from 'node:os';
import { JsonBytes } from '../parse/json-bytes.js';
import type { AuditRecord } from '../parse/record.js';
import { TABLE_LOOKUPS } from '../parse/interpret/lookups.js';
import { normalizeEvent } from '../parse/normalize/event.js';
import { type EcsOptions, EcsWriter } from './document.js';
import { readEcsIds } from './ids.js';

/** The ECS version whose field set these documents follow (Auditbeat 8.x writes the same). */
export const ECS_VERSION = '8.0.0';

export interface EcsSerializerOptions {
  /** Resolve uid/gid names from /etc/passwd and /etc/group (`--no-id` turns it off). */
  ids: boolean;
  /** event.original (default true). */
  original?: boolean;
}

/**
 * The records of one event -> its ECS document as UTF-8 JSON without a newline: a view of a buffer that the
 * next call writes over, so the caller copies it (into a batch, an output buffer) before rendering again.
 */
export type EcsSerializer = (records: readonly AuditRecord[]) => Buffer;

export function ecsOptions(opts: EcsSerializerOptions): EcsOptions {
  return {
    lookups: TABLE_LOOKUPS,
    ids: opts.ids ? readEcsIds() : null,
    original: opts.original ?? true,
    hostName: hostname(),
    ecsVersion: ECS_VERSION,
  };
}

export function ecsSerializer(opts: EcsSerializerOptions): EcsSerializer {
  const eopts = ecsOptions(opts);
  const nopts = { lookups: eopts.lookups, ids: eopts.ids?.resolver ?? null };
  const writer = new EcsWriter(eopts);
  const out = new JsonBytes();
  return (records) => {
    out.reset();
    writer.write(out, normalizeEvent(records, nopts), records);
    return out.buf.subarray(0, out.pos);
  };
}
