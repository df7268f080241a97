// The events of a corpus file as ECS documents, and their identities (sequence@time), to check that each
// one arrives exactly once.

import { readFileSync } from 'node:fs';
import { ecsDocument } from '../../../src/ecs/document.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { type AuditEvent, EventAssembler } from '../../../src/parse/reassemble.js';
import { isRecordError, parseRecord } from '../../../src/parse/record.js';

export const CORPUS = 'test/fixtures/corpus/real-small.log';

/** The events of a log file, in the order they complete. */
export function corpusEvents(file = CORPUS): AuditEvent[] {
  const events: AuditEvent[] = [];
  const asm = new EventAssembler((e) => events.push(e));
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = parseRecord(line);
    if (!isRecordError(r)) asm.push(r);
  }
  asm.flush();
  return events;
}

export function corpusDocuments(file = CORPUS): string[] {
  return corpusEvents(file).map((e) => JSON.stringify(ecsDocument(e.records, { lookups: TABLE_LOOKUPS, ids: null })));
}

/** sequence@@timestamp of a document: unique per event of a log. */
export function identity(doc: string): string {
  const d = JSON.parse(doc) as { '@timestamp': string; auditd: { sequence: number } };
  return `${d.auditd.sequence}@${d['@timestamp']}`;
}

/**
 * Compares what arrived with what was sent, by identity (a log may hold one sequence number twice, so this
 * counts): `missing` were sent and never arrived, `extra` arrived more often than they were sent.
 */
export function delivery(sent: readonly string[], got: readonly string[]): { missing: string[]; extra: string[] } {
  const n = new Map<string, number>();
  for (const d of sent) n.set(identity(d), (n.get(identity(d)) ?? 0) + 1);
  const extra: string[] = [];
  for (const d of got) {
    const id = identity(d);
    const left = n.get(id) ?? 0;
    if (left > 0) n.set(id, left - 1);
    else extra.push(id);
  }
  const missing: string[] = [];
  for (const [id, left] of n) for (let i = 0; i < left; i++) missing.push(id);
  return { missing, extra };
}
