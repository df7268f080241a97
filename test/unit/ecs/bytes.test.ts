// ECS documents are written as bytes (src/ecs/document.ts, json-out.ts) with entity bytes kept across events
// (user.ts): the bytes must be exactly what JSON.stringify writes for the same document, the kept bytes must
// equal freshly made ones, and the normalized event must come out unchanged (its objects may be shared).

import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcsWriter, type EcsOptions } from '../../../src/ecs/document.js';
import { readEcsIds } from '../../../src/ecs/ids.js';
import { jsonValue, stringValue } from '../../../src/ecs/json-out.js';
import { JsonBytes } from '../../../src/parse/json-bytes.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import type { AuditEvent } from '../../../src/parse/reassemble.js';
import { corpusEvents } from '../ship/corpus.js';

const events = corpusEvents;

const AUDITBEAT = 'test/fixtures/auditbeat';
const LOGS = [
  'test/fixtures/corpus/real-small.log',
  'test/fixtures/corpus/real-small-raw.log',
  ...readdirSync(AUDITBEAT)
    .filter((f) => f.endsWith('.log'))
    .map((f) => `${AUDITBEAT}/${f}`),
];
const IDS = readEcsIds({ passwdFile: `${AUDITBEAT}/passwd`, groupFile: `${AUDITBEAT}/group` });

function written(writer: EcsWriter, e: AuditEvent, freeze = false): string {
  const opts = writer.opts;
  const ev = normalizeEvent(e.records, { lookups: opts.lookups, ids: opts.ids?.resolver ?? null });
  if (freeze) deepFreeze(ev);
  const out = new JsonBytes(256);
  writer.write(out, ev, e.records);
  return out.buf.toString('utf8', 0, out.pos);
}

function deepFreeze(o: object): void {
  Object.freeze(o);
  for (const v of Object.values(o)) if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v as object);
}

describe('ECS documents as bytes', () => {
  for (const ids of [null, IDS]) {
    const opts: EcsOptions = { lookups: TABLE_LOOKUPS, ids, original: true, hostName: 'h', ecsVersion: '8.0.0' };
    it(`are JSON.stringify's bytes, and kept entity bytes equal fresh ones (ids ${ids ? 'resolved' : 'off'})`, () => {
      const warm = new EcsWriter(opts);
      let n = 0;
      for (const log of LOGS) {
        for (const e of events(log)) {
          const doc = written(warm, e);
          // what JSON.stringify writes for the parsed document: same key order, escapes and numbers
          expect(JSON.stringify(JSON.parse(doc))).toBe(doc);
          expect(written(new EcsWriter(opts), e)).toBe(doc);
          n++;
        }
      }
      expect(n).toBeGreaterThan(1000);
    });
  }

  it('never changes the normalized event (frozen, it writes the same bytes without a TypeError)', () => {
    const opts: EcsOptions = { lookups: TABLE_LOOKUPS, ids: IDS };
    const writer = new EcsWriter(opts);
    for (const log of LOGS) for (const e of events(log)) expect(written(writer, e, true)).toBe(written(new EcsWriter(opts), e));
  });

  it('any string or plain JSON value comes out as JSON.stringify writes it', () => {
    const out = new JsonBytes(16);
    const same = (v: unknown) => {
      out.reset();
      jsonValue(out, v);
      return out.buf.toString('utf8', 0, out.pos) === JSON.stringify(v);
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        out.reset();
        stringValue(out, s);
        return out.buf.toString('utf8', 0, out.pos) === JSON.stringify(s);
      }),
    );
    fc.assert(fc.property(fc.jsonValue(), same));
    // values repeated often enough to be kept as bytes, then changed by one character
    const long = 'x'.repeat(60);
    for (let i = 0; i < 2000; i++) expect(same({ a: long, b: `${long}"${i % 3}` })).toBe(true);
    expect(same({ 2: 'two', 1: 'one', b: undefined, c: [undefined, 1.5, -0, 1e21, true, null] })).toBe(true);
  });
});
