// The `ecs` output format: one ECS document per event as one JSON line. Shared by the stdout writer of
// parse/stream and by the network outputs (src/ship/), which take the same text without its newline.

import { hostname } from 'node:os';
import type { AuditRecord } from '../parse/record.js';
import { TABLE_LOOKUPS } from '../parse/interpret/lookups.js';
import { ecsDocument, type EcsOptions } from './document.js';
import { readEcsIds } from './ids.js';

/** The ECS version whose field set these documents follow (Auditbeat 8.x writes the same). */
export const ECS_VERSION = '8.0.0';

export interface EcsSerializerOptions {
  /** Resolve uid/gid names from /etc/passwd and /etc/group (`--no-id` turns it off). */
  ids: boolean;
  /** event.original (default true). */
  original?: boolean;
}

/** The records of one event -> its ECS document as JSON, without a newline. */
export type EcsSerializer = (records: readonly AuditRecord[]) => string;

export function ecsSerializer(opts: EcsSerializerOptions): EcsSerializer {
  const eopts: EcsOptions = {
    lookups: TABLE_LOOKUPS,
    ids: opts.ids ? readEcsIds() : null,
    original: opts.original ?? true,
    hostName: hostname(),
    ecsVersion: ECS_VERSION,
  };
  return (records) => JSON.stringify(ecsDocument(records, eopts));
}
