// redis://HOST:PORT/KEY against a real redis-server (Debian's), started here on a port of its own.

import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisTransport } from '../../../src/ship/redis.js';
import { Shipper } from '../../../src/ship/shipper.js';
import { corpusDocuments, delivery } from './corpus.js';
import { redisServer, type Server, tempDir, which } from './servers.js';

const missing = which('redis-server') ? undefined : 'redis-server is not installed (apt-get install redis-server)';
if (missing) console.log(`SKIPPED redis output tests: ${missing}`);

describe.skipIf(missing)('redis output (real redis-server)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: Server;

  beforeAll(async () => {
    tmp = tempDir('tsaudit-redis-');
    server = await redisServer(tmp.dir);
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  async function list(key: string): Promise<string[]> {
    const c = createClient({ url: `redis://127.0.0.1:${server.port}` });
    await c.connect();
    try {
      return await c.lRange(key, 0, -1);
    } finally {
      await c.close();
    }
  }

  it('RPUSHes every event of a corpus file onto the list, each exactly once, in order', async () => {
    const docs = corpusDocuments();
    expect(docs.length).toBeGreaterThan(500);
    const url = `redis://127.0.0.1:${server.port}/auditbeat`;
    const lines: string[] = [];
    const shipper = new Shipper([new RedisTransport({ url, redisUrl: `redis://127.0.0.1:${server.port}`, key: 'auditbeat' })], {
      batchDocs: 100,
      report: (l) => lines.push(l),
    });
    for (const d of docs) if (!shipper.write(d)) await shipper.ready();
    await shipper.end();
    const got = await list('auditbeat');
    expect(got.length).toBe(docs.length);
    expect(delivery(docs, got)).toEqual({ missing: [], extra: [] });
    expect(got).toEqual(docs); // byte for byte, in order
    expect(shipper.stats()[0]).toMatchObject({ sent: docs.length, acknowledged: docs.length, retried: 0, dropped: 0 });
    expect(lines).toEqual([]);
  });

  it('sends AUTH when the URL has a password: the right one delivers, a wrong one fails with the answer of the server', async () => {
    const tmp2 = tempDir('tsaudit-redis-auth-');
    const locked = await redisServer(tmp2.dir, false, undefined, ['--requirepass', 'pa ss']);
    try {
      await locked.start();
      const at = (pass: string) =>
        new RedisTransport({
          url: 'redis://x',
          redisUrl: `redis://:${encodeURIComponent(pass)}@127.0.0.1:${locked.port}`,
          key: 'k',
        });
      const good = at('pa ss');
      await good.send(['{"a":1}', '{"b":"\u00e9"}']);
      await good.close();
      const bad = at('nope');
      await expect(bad.send(['{"a":2}'])).rejects.toThrow(/WRONGPASS/);
      await bad.close();
      const c = createClient({ url: `redis://:${encodeURIComponent('pa ss')}@127.0.0.1:${locked.port}` });
      await c.connect();
      try {
        expect(await c.lRange('k', 0, -1)).toEqual(['{"a":1}', '{"b":"\u00e9"}']);
      } finally {
        await c.close();
      }
    } finally {
      await locked.stop();
      tmp2.remove();
    }
  });

  it('a server that answers RPUSH with an error (the key holds a string) fails the batch, which is then retried', async () => {
    const c = createClient({ url: `redis://127.0.0.1:${server.port}` });
    await c.connect();
    try {
      await c.set('notalist', 'x');
      const t = new RedisTransport({ url: 'redis://x', redisUrl: `redis://127.0.0.1:${server.port}`, key: 'notalist' });
      await expect(t.send(['{"a":1}'])).rejects.toThrow(/^WRONGTYPE/);
      await c.del('notalist');
      await t.send(['{"a":1}']); // same connection, still usable
      expect(await c.lRange('notalist', 0, -1)).toEqual(['{"a":1}']);
      await t.close();
    } finally {
      await c.del('notalist');
      await c.close();
    }
  });

  it.each([
    ['in memory', false],
    ['through a --spool', true],
  ])(
    'kill -9 of redis mid-run, started again (%s): every event arrives; duplicates only from the batch in flight',
    async (_, withSpool) => {
      const tmp2 = tempDir('tsaudit-redis-kill-');
      const durable = await redisServer(tmp2.dir, true);
      try {
        await durable.start();
        const docs = corpusDocuments();
        const batch = 20;
        const url = `redis://127.0.0.1:${durable.port}/events`;
        const lines: string[] = [];
        const shipper = new Shipper([new RedisTransport({ url, redisUrl: `redis://127.0.0.1:${durable.port}`, key: 'events' })], {
          batchDocs: batch,
          backoffMs: [20, 200],
          report: (l) => lines.push(l),
          ...(withSpool ? { spool: { dir: `${tmp2.dir}/spool` } } : {}),
        });
        // Kill when a third has been taken, whatever the writer is doing (with a spool it never waits).
        let killed = false;
        let restart: Promise<void> | undefined;
        const watch = setInterval(() => {
          if (killed || shipper.stats()[0]!.acknowledged < docs.length / 3) return;
          killed = true;
          restart = (async () => {
            await durable.stop('SIGKILL');
            await new Promise((r) => setTimeout(r, 300));
            await durable.start();
          })();
        }, 1);
        for (const [i, d] of docs.entries()) {
          if (!shipper.write(d)) await shipper.ready();
          if (i % batch === 0) await new Promise((r) => setTimeout(r, 2)); // a steady feed, not one burst
        }
        await new Promise<void>((resolve) => {
          const t = setInterval(() => {
            if (killed) {
              clearInterval(t);
              resolve();
            }
          }, 5);
        });
        clearInterval(watch);
        await restart;
        await shipper.end();
        expect(killed).toBe(true);
        const got = await (async () => {
          const c = createClient({ url: `redis://127.0.0.1:${durable.port}` });
          await c.connect();
          try {
            return await c.lRange('events', 0, -1);
          } finally {
            await c.close();
          }
        })();
        const { missing, extra } = delivery(docs, got);
        console.log(
          `redis kill -9 mid-run (${withSpool ? 'spool' : 'memory'}): ${docs.length} events sent, ${got.length} arrived, ${missing.length} missing, ${extra.length} duplicates, ${shipper.stats()[0]!.retried} retried`,
        );
        expect(missing).toEqual([]);
        expect(extra.length).toBeLessThanOrEqual(batch);
        expect(shipper.stats()[0]!.retried).toBeGreaterThan(0);
        expect(lines.some((l) => l.includes('retrying'))).toBe(true);
        expect(lines.at(-1)).toMatch(/delivering again$/);
      } finally {
        await durable.stop();
        tmp2.remove();
      }
    },
  );
});
