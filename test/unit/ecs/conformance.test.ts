// ECS conformance with Auditbeat: for every input log in test/fixtures/auditbeat/, the documents tsaudit builds
// equal the documents Auditbeat's auditd module produced (NAME.log-expected.json), field by field, except the
// fields that come from the host at run time (host.*, agent.*, ecs.version) and the deviations in the ONE
// table below. The table is exact: a listed deviation that no longer happens, or a new difference, fails.
// Names are resolved from passwd/group files holding the users and groups Auditbeat's golden test injects.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EcsDocument, ecsDocument } from '../../../src/ecs/document.js';
import { readEcsIds } from '../../../src/ecs/ids.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { type AuditEvent, EventAssembler } from '../../../src/parse/reassemble.js';
import { isRecordError, parseRecord } from '../../../src/parse/record.js';

const DIR = 'test/fixtures/auditbeat';
const HOST_FIELDS = /^(host|agent)\.|^ecs\.version$/;
const ABSENT = Symbol('absent');
type Value = unknown;

interface Deviation {
  /** Log file (without .log), or '*' for all. */
  log: string;
  /** auditd.sequence of the document, or '*' for all. */
  seq: number | '*';
  /** Flattened field (arrays of scalars are one field; arrays of objects are indexed). */
  field: string;
  expected: Value;
  ours: Value;
  reason: string;
}

const R_TIMESTAMP = 'the golden test compares only the event fields; Auditbeat publishes the event time as @timestamp';
const R_MODULE = 'Auditbeat adds event.module at publish time (not in the golden files); Kibana dashboards filter on it';
const R_PARENT_PID = 'older Auditbeat (this golden) wrote process.ppid; current Auditbeat and ECS write process.parent.pid';
const R_UNSET = 'auid/ses 4294967295 is printed "unset", as ausearch -i and the normalized event (-i) print it';
const R_RDEV = 'file.device is the device holding the file (dev=), not rdev (go-libaudit copies rdev, 00:00 for any regular file)';
const R_GROUP = 'older Auditbeat (this golden) wrote the group entity as group.target; current Auditbeat writes group';

/** Every difference from Auditbeat's documents, with its reason. */
const DEVIATIONS: Deviation[] = [
  { log: '*', seq: '*', field: '@timestamp', expected: ABSENT, ours: '(any)', reason: R_TIMESTAMP },
  { log: '*', seq: '*', field: 'event.module', expected: ABSENT, ours: 'auditd', reason: R_MODULE },
  { log: 'chown', seq: 263, field: 'process.ppid', expected: 9492, ours: ABSENT, reason: R_PARENT_PID },
  { log: 'chown', seq: 263, field: 'process.parent.pid', expected: ABSENT, ours: 9492, reason: R_PARENT_PID },
  { log: 'chown', seq: 263, field: 'file.device', expected: '00:00', ours: 'fd:02', reason: R_RDEV },
  { log: 'setuid', seq: '*', field: 'process.ppid', expected: 1541, ours: ABSENT, reason: R_PARENT_PID },
  { log: 'setuid', seq: '*', field: 'process.parent.pid', expected: ABSENT, ours: 1541, reason: R_PARENT_PID },
  { log: 'auditlogin', seq: 1414, field: 'auditd.data.old-ses', expected: '4294967295', ours: 'unset', reason: R_UNSET },
  { log: 'auditlogin', seq: 7734, field: 'auditd.data.old_ses', expected: '4294967295', ours: 'unset', reason: R_UNSET },
  { log: 'auditlogin', seq: 7734, field: 'auditd.summary.actor.primary', expected: '4294967295', ours: 'unset', reason: R_UNSET },
  { log: 'auditlogin', seq: 7734, field: 'user.old_auid.id', expected: '4294967295', ours: ABSENT, reason: R_UNSET },
  { log: 'centos7', seq: 463, field: 'group.target.id', expected: '9999', ours: ABSENT, reason: R_GROUP },
  { log: 'centos7', seq: 463, field: 'group.target.name', expected: 'bob', ours: ABSENT, reason: R_GROUP },
  { log: 'centos7', seq: 463, field: 'group.id', expected: ABSENT, ours: '9999', reason: R_GROUP },
  { log: 'centos7', seq: 463, field: 'group.name', expected: ABSENT, ours: 'bob', reason: R_GROUP },
];

function flatten(v: unknown, prefix: string, out: Map<string, Value>): void {
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
    out.set(prefix, JSON.stringify(v));
  } else if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (v !== undefined) {
    out.set(prefix, v);
  }
}

function show(v: Value): string {
  return v === ABSENT ? '(absent)' : JSON.stringify(v);
}

interface Difference {
  log: string;
  seq: number;
  field: string;
  expected: Value;
  ours: Value;
}

interface Tally {
  fields: number;
  equal: number;
  differences: Difference[];
  documents: number;
}

function eventsOf(file: string): AuditEvent[] {
  const events: AuditEvent[] = [];
  const asm = new EventAssembler((e) => events.push(e));
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = parseRecord(line);
    if (isRecordError(r)) throw new Error(`${file}: not a record: ${line}`);
    asm.push(r);
  }
  asm.flush();
  return events;
}

const ids = readEcsIds({ passwdFile: join(DIR, 'passwd'), groupFile: join(DIR, 'group') });
const logs = readdirSync(DIR)
  .filter((f) => f.endsWith('.log'))
  .map((f) => f.slice(0, -4))
  .sort();

function compare(log: string, tally: Tally): { ours: EcsDocument[]; expected: EcsDocument[] } {
  const expected = JSON.parse(readFileSync(join(DIR, `${log}.log-expected.json`), 'utf8')) as EcsDocument[];
  const ours = eventsOf(join(DIR, `${log}.log`)).map((e) => ecsDocument(e.records, { lookups: TABLE_LOOKUPS, ids }));
  for (const exp of expected) {
    const seq = (exp.auditd as { sequence: number }).sequence;
    const mine = ours.find((d) => (d.auditd as { sequence: number }).sequence === seq);
    const a = new Map<string, Value>();
    const b = new Map<string, Value>();
    flatten(mine ?? {}, '', a);
    flatten(exp, '', b);
    tally.documents++;
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      if (HOST_FIELDS.test(field)) continue;
      tally.fields++;
      const x = b.has(field) ? b.get(field) : ABSENT;
      const y = a.has(field) ? a.get(field) : ABSENT;
      if (x === y) tally.equal++;
      else tally.differences.push({ log, seq, field, expected: x, ours: y });
    }
  }
  return { ours, expected };
}

function listed(d: Difference): Deviation | undefined {
  return DEVIATIONS.find(
    (v) =>
      (v.log === '*' || v.log === d.log) &&
      (v.seq === '*' || v.seq === d.seq) &&
      v.field === d.field &&
      v.expected === d.expected &&
      (v.ours === '(any)' || v.ours === d.ours),
  );
}

describe('ECS documents against Auditbeat (test/fixtures/auditbeat)', () => {
  const tally: Tally = { fields: 0, equal: 0, differences: [], documents: 0 };
  const results = new Map<string, { ours: EcsDocument[]; expected: EcsDocument[] }>();
  for (const log of logs) results.set(log, compare(log, tally));

  it('has every input log with its expected documents', () => {
    expect(logs).toEqual(['auditlogin', 'centos7', 'chown', 'passwd', 'setuid', 'sudo']);
  });

  it('gives one document per expected document, in the same order', () => {
    for (const [log, { ours, expected }] of results) {
      const seqs = (docs: EcsDocument[]) => docs.map((d) => (d.auditd as { sequence: number }).sequence);
      expect(seqs(ours), log).toEqual(seqs(expected));
    }
  });

  it('differs only where the deviation table says, and every listed deviation happens', () => {
    const unlisted = tally.differences.filter((d) => !listed(d));
    const unused = DEVIATIONS.filter((v) => !tally.differences.some((d) => listed(d) === v));
    const pct = (n: number) => ((100 * n) / tally.fields).toFixed(1);
    const deviating = tally.differences.length - unlisted.length;
    console.log(
      `ECS conformance: ${tally.documents} documents, ${tally.fields} fields compared; ` +
        `${tally.equal} equal (${pct(tally.equal)}%), ${deviating} listed deviations (${pct(deviating)}%), ` +
        `${unlisted.length} unexplained; equal or listed: ${pct(tally.equal + deviating)}%`,
    );
    for (const d of unlisted) console.log(`  ${d.log} ${d.seq} ${d.field}: expected ${show(d.expected)}, ours ${show(d.ours)}`);
    expect(unlisted).toEqual([]);
    expect(unused.map((v) => `${v.log} ${v.seq} ${v.field}`)).toEqual([]);
  });

  it('counts a missing field and a wrong value as differences (the comparison can fail)', () => {
    const t: Tally = { fields: 0, equal: 0, differences: [], documents: 0 };
    const a = new Map<string, Value>();
    flatten({ user: { id: '1', name: 'x' }, tags: ['a'] }, '', a);
    const b = new Map<string, Value>();
    flatten({ user: { id: '2' }, tags: ['a', 'b'] }, '', b);
    for (const f of new Set([...a.keys(), ...b.keys()])) {
      t.fields++;
      if (a.get(f) === b.get(f)) t.equal++;
    }
    expect(t).toMatchObject({ fields: 3, equal: 0 });
  });
});
