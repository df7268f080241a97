// `stream -format=ecs --output redis://…`: a captured netlink stream (live-stream.log) replayed through
// runStream with a fake kernel client and the writer `tsaudit stream` builds for --output; every event
// reaches a real redis-server exactly once, with no loss reported.

import { readFileSync } from 'node:fs';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRenderer, shipItemWriter } from '../../../src/pipeline/ecs-sink.js';
import { lossEventDocument } from '../../../src/ship/shipper.js';
import { parseOutputUrl } from '../../../src/ship/url.js';
import { streamCodec } from '../../../src/stream/audit-events.js';
import { formatLoss, isLossRecord, type LossRecord } from '../../../src/stream/loss.js';
import type { StreamItem } from '../../../src/stream/pipeline.js';
import { runStream, type StreamClient } from '../../../src/stream/run.js';
import { messageTypeNumber } from '../../../src/tables/message-types.js';
import { corpusDocuments, delivery } from './corpus.js';
import { redisServer, type Server, tempDir, which } from './servers.js';

const LIVE = 'test/fixtures/corpus/live-stream.log';

function replayClient(file: string, stop: AbortController): StreamClient {
  const items: StreamItem[] = [];
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    const m = /^type=(\S+) msg=(audit\(.*)$/s.exec(line);
    if (m) items.push({ kind: 'message', type: messageTypeNumber(m[1]!)!, payload: Buffer.from(m[2]!, 'latin1') });
  }
  return {
    getStatus: async () => ({ enabled: 1, pid: 0, rateLimit: 0, backlogLimit: 8192, backlogWaitTime: 0, lost: 0 }),
    setStatus: async () => undefined,
    setPid: async () => undefined,
    clearPid: async () => undefined,
    joinMulticast: () => undefined,
    setReceiveBuffer: (bytes) => bytes,
    async *receive({ signal }) {
      for (let i = 0; i < items.length; i += 64) yield items.slice(i, i + 64);
      // the fake kernel has said everything: stop as Ctrl-C would, after the stream's grace for late records
      setTimeout(() => stop.abort('SIGINT'), 200);
      if (!signal?.aborted) await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    },
    close: () => undefined,
  };
}

const missing = which('redis-server') ? undefined : 'redis-server is not installed (apt-get install redis-server)';
if (missing) console.log(`SKIPPED stream --output tests: ${missing}`);

describe.skipIf(missing)('stream -format=ecs --output redis:// (replayed netlink, real redis-server)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: Server;
  beforeAll(async () => {
    tmp = tempDir('tsaudit-stream-ship-');
    server = await redisServer(tmp.dir);
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  it('every event of the stream arrives once, and no loss is reported', async () => {
    const url = `redis://127.0.0.1:${server.port}/stream`;
    const ship = { outputs: [parseOutputUrl(url)], spool: { dir: `${tmp.dir}/spool` } };
    const writer = shipItemWriter(documentRenderer('ecs', { ids: false }), ship, {
      is: isLossRecord,
      document: (l: LossRecord) => lossEventDocument(formatLoss(l), l, l.time),
    });
    const stop = new AbortController();
    const notes: string[] = [];
    await runStream(
      { format: 'json', multicast: true },
      { client: replayClient(LIVE, stop), codec: streamCodec({ ids: false }), signal: stop.signal, note: (l) => notes.push(l), writer },
    );
    await writer.close();

    const c = createClient({ url: `redis://127.0.0.1:${server.port}` });
    await c.connect();
    const got = await c.lRange('stream', 0, -1);
    await c.close();
    const expected = corpusDocuments(LIVE);
    expect(expected.length).toBeGreaterThan(100);
    expect(got.filter((d) => d.includes('"tsaudit_loss"'))).toEqual([]);
    expect(delivery(expected, got)).toEqual({ missing: [], extra: [] });
    expect(notes.filter((n) => /lost|dropped/.test(n))).toEqual([]);
    expect(writer.ship.stats()[0]).toMatchObject({ acknowledged: expected.length, dropped: 0 });
  });
});
