// --spool DIR: at-least-once delivery across an output outage and a restart of tsaudit, and a bound that
// drops the oldest events with a count and a TSAUDIT_LOSS document, never silently. Real redis-server.

import { renameSync } from 'node:fs';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisTransport } from '../../../src/ship/redis.js';
import { Shipper, type ShipperOptions } from '../../../src/ship/shipper.js';
import { Spool } from '../../../src/ship/spool.js';
import { corpusDocuments, delivery } from './corpus.js';
import { freePort, redisServer, type Server, tempDir, which } from './servers.js';

describe('Spool on disk', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('tsaudit-spool-');
  });
  afterEach(() => tmp.remove());

  it('gives back what was appended, from the acknowledged position, across a reopen', async () => {
    const s = Spool.open(tmp.dir, { segmentBytes: 64 });
    await s.append(['{"a":1}', '{"a":2}', '{"a":3}']);
    await s.append(['{"a":4}']);
    const first = await s.next(2);
    expect(first?.docs).toEqual(['{"a":1}', '{"a":2}']);
    await s.ack(first!.end);
    const again = Spool.open(tmp.dir, { segmentBytes: 64 });
    const rest: string[] = [];
    for (let b = await again.next(10); b; b = await again.next(10)) {
      rest.push(...b.docs);
      await again.ack(b.end);
    }
    expect(rest).toEqual(['{"a":3}', '{"a":4}']);
    expect(again.empty).toBe(true);
  });

  it('drops whole segments, oldest first, past its bound and says how many events', async () => {
    const s = Spool.open(tmp.dir, { maxBytes: 100, segmentBytes: 40 });
    let dropped = 0;
    for (let i = 0; i < 20; i++) dropped += await s.append([`{"i":${String(i).padStart(2, '0')}}`]); // 10 bytes a line
    expect(s.bytes).toBeLessThanOrEqual(100);
    const left: string[] = [];
    for (let b = await s.next(100); b; b = await s.next(100)) {
      left.push(...b.docs);
      await s.ack(b.end);
    }
    expect(dropped + left.length).toBe(20);
    expect(dropped).toBeGreaterThan(0);
    expect(left.at(-1)).toBe('{"i":19}');
    expect(left).toEqual(Array.from({ length: left.length }, (_, k) => `{"i":${String(20 - left.length + k).padStart(2, '0')}}`));
  });
});

const missing = which('redis-server') ? undefined : 'redis-server is not installed (apt-get install redis-server)';
if (missing) console.log(`SKIPPED spool tests with redis: ${missing}`);

describe.skipIf(missing)('spool with a real redis-server', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: Server | undefined;

  beforeAll(() => {
    tmp = tempDir('tsaudit-spool-redis-');
  });
  afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  async function list(port: number, key: string): Promise<string[]> {
    const c = createClient({ url: `redis://127.0.0.1:${port}` });
    await c.connect();
    try {
      return await c.lRange(key, 0, -1);
    } finally {
      await c.close();
    }
  }

  function shipper(port: number, key: string, spoolDir: string, lines: string[], extra: Partial<ShipperOptions> = {}): Shipper {
    const url = `redis://127.0.0.1:${port}/${key}`;
    return new Shipper([new RedisTransport({ url, redisUrl: `redis://127.0.0.1:${port}`, key })], {
      batchDocs: 50,
      backoffMs: [20, 100],
      report: (l) => lines.push(l),
      spool: { dir: spoolDir },
      ...extra,
    });
  }

  it('keeps events while the store is down, across a restart of tsaudit, and delivers each once when it is back', async () => {
    const port = await freePort(); // nothing listens yet
    const docs = corpusDocuments();
    const spoolDir = `${tmp.dir}/spool-a`;
    const lines: string[] = [];
    const first = shipper(port, 'a', spoolDir, lines);
    // The absent store never holds the writer back: waits are only for the disk.
    const t0 = Date.now();
    for (const d of docs) if (!first.write(d)) await first.ready();
    expect(Date.now() - t0).toBeLessThan(5000);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    await first.end(stop.signal);
    expect(first.stats()[0]).toMatchObject({ spooled: docs.length, acknowledged: 0, dropped: 0 });
    expect(lines.some((l) => /ECONNREFUSED/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/events not yet delivered are kept in .*spool-a\/redis___127\.0\.0\.1_\d+_a for the next run$/);

    server = await redisServer(tmp.dir, false, port); // the store comes back where tsaudit expects it
    await server.start();
    const second = shipper(port, 'a', spoolDir, []);
    await second.end();
    const got = await list(port, 'a');
    expect(delivery(docs, got)).toEqual({ missing: [], extra: [] });
    expect(got).toEqual(docs);
    expect(second.stats()[0]).toMatchObject({ acknowledged: docs.length, dropped: 0 });
  });

  it('past its bound drops the oldest events, counts them, and sends a TSAUDIT_LOSS document', async () => {
    const port = server!.port;
    const dead = await freePort();
    const docs = corpusDocuments();
    const spoolDir = `${tmp.dir}/spool-b`;
    const lines: string[] = [];
    const bound = { maxBytes: 256 * 1024, segmentBytes: 32 * 1024 };
    const first = shipper(dead, 'b', spoolDir, lines, { spool: { dir: spoolDir, ...bound } });
    for (const d of docs) first.write(d);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    await first.end(stop.signal);
    const dropped = first.stats()[0]!.dropped;
    expect(dropped).toBeGreaterThan(0);
    const lossLines = lines.filter((l) => / events lost: spool .* reached its bound; the oldest events were dropped$/.test(l));
    expect(lossLines.length).toBeGreaterThan(0);
    expect(lossLines.reduce((n, l) => n + Number(/: (\d+) events lost/.exec(l)![1]), 0)).toBe(dropped);

    // The same spool, now pointed at a live store (its directory is named by the URL: move it over).
    renameSync(`${spoolDir}/redis___127.0.0.1_${dead}_b`, `${spoolDir}/redis___127.0.0.1_${port}_b`);
    const second = shipper(port, 'b', spoolDir, [], { spool: { dir: spoolDir, ...bound } });
    await second.end();
    const got = await list(port, 'b');
    const losses = got.filter((d) => d.includes('"message_type":"tsaudit_loss"'));
    const events = got.filter((d) => !d.includes('"message_type":"tsaudit_loss"'));
    const lost = losses.reduce((n, d) => n + (JSON.parse(d) as { tsaudit: { loss: { events: number } } }).tsaudit.loss.events, 0);
    // Loss documents themselves can be dropped with the oldest segments; the count they carry never exceeds
    // what was dropped, and what arrived is the newest events, in order, each once.
    expect(losses.length).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(dropped);
    expect(events).toEqual(docs.slice(docs.length - events.length));
    // Exact accounting: every event either arrived or was counted as dropped; dropped also counts the loss
    // documents that later losses pushed out (one written per loss line, `losses` of them arrived).
    expect(events.length + dropped).toBe(docs.length + (lossLines.length - losses.length));
  });
});
