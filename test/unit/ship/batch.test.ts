// Shipper.writeBatch: documents a renderer hands over as NDJSON bytes with their end offsets go out as the
// same documents, in order, in batches within the shipper's bounds, mixed freely with write().

import { describe, expect, it } from 'vitest';
import type { DocBatch } from '../../../src/ship/batch.js';
import { Shipper } from '../../../src/ship/shipper.js';
import type { Transport } from '../../../src/ship/transport.js';

/** A transport that keeps what each send got (the shipper is what is tested here). */
function recorder(): Transport & { batches: string[][] } {
  const batches: string[][] = [];
  return { url: 'memory:', batches, send: async (b) => void batches.push((b as DocBatch).texts()), close: async () => undefined };
}

/** NDJSON bytes and the offsets of the newlines, as a renderer thread would hand them over. */
function ndjson(docs: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const bytes = Buffer.from(docs.map((d) => `${d}\n`).join(''));
  const ends: number[] = [];
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) ends.push(i);
  return { bytes, ends: Uint32Array.from(ends) };
}

const docs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ n: from + i, pad: 'é'.repeat((from + i) % 37) }));

describe('Shipper.writeBatch', () => {
  it('every document once, in order, mixed with write(); no batch over batchDocs, nor over batchBytes by more than its last document', async () => {
    const t = recorder();
    const sh = new Shipper([t], { batchDocs: 7, batchBytes: 300 });
    const all: string[] = [];
    for (let round = 0; round < 20; round++) {
      const some = docs(round * 3, all.length);
      const { bytes, ends } = ndjson(some);
      // a view into a larger buffer, as a transferred one may be
      const padded = new Uint8Array(bytes.length + 10);
      padded.set(bytes, 5);
      if (!sh.writeBatch(padded.subarray(5, 5 + bytes.length), ends)) await sh.ready();
      all.push(...some);
      const one = docs(1, all.length)[0]!;
      if (!sh.write(one)) await sh.ready();
      all.push(one);
    }
    await sh.end();
    expect(t.batches.flat()).toEqual(all);
    for (const b of t.batches) {
      expect(b.length).toBeLessThanOrEqual(7);
      // write() closes a batch once it is full, so its last document may take it past the bound
      const before = Buffer.byteLength(
        b
          .slice(0, -1)
          .map((d) => `${d}\n`)
          .join(''),
      );
      expect(before).toBeLessThan(300);
    }
    expect(sh.stats()[0]).toMatchObject({ sent: all.length, acknowledged: all.length, dropped: 0 });
  });

  it('a document larger than a batch goes in a batch of its own', async () => {
    const t = recorder();
    const sh = new Shipper([t], { batchDocs: 100, batchBytes: 64 });
    const big = JSON.stringify({ big: 'x'.repeat(500) });
    const { bytes, ends } = ndjson(['{"a":1}', big, '{"b":2}']);
    sh.writeBatch(bytes, ends);
    await sh.end();
    expect(t.batches).toEqual([['{"a":1}'], [big], ['{"b":2}']]);
  });
});
