// http(s)://HOST:PORT/INDEX against a local HTTP stand-in that answers POST /_bulk as the Elasticsearch
// _bulk API documents it: whole-request 429 and 503 answers, and 200 answers whose items carry their own
// status (201 created, 429 rejected, 400 mapper_parsing_exception). Elasticsearch itself cannot be installed
// from the registries these machines reach, so this output is tested at the protocol level.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ElasticsearchTransport, indexName } from '../../../src/ship/elasticsearch.js';
import { Shipper } from '../../../src/ship/shipper.js';
import { parseOutputUrl } from '../../../src/ship/url.js';
import { corpusDocuments, delivery } from './corpus.js';

interface StandIn {
  server: Server;
  port: number;
  /** Documents stored, by index. */
  indices: Map<string, string[]>;
  requests: number;
  /** What the next whole requests get instead of a 200, in order. */
  failNext: number[];
  /** Documents (by a substring) rejected with 400 on every attempt. */
  poison: string[];
  /** Every nth item of a request is answered 429 the first time it is seen. */
  rejectEvery: number;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
  });
}

function answer(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' });
  res.end(JSON.stringify(value));
}

async function standIn(): Promise<StandIn> {
  const seen = new Set<string>();
  const s: StandIn = {
    server: undefined as unknown as Server,
    port: 0,
    indices: new Map(),
    requests: 0,
    failNext: [],
    poison: [],
    rejectEvery: 0,
  };
  s.server = createServer(async (req, res) => {
    const text = await body(req);
    if (req.method !== 'POST' || !req.url?.startsWith('/_bulk')) return answer(res, 404, { error: 'not a _bulk request' });
    s.requests++;
    const fail = s.failNext.shift();
    if (fail !== undefined) {
      const type = fail === 429 ? 'es_rejected_execution_exception' : 'unavailable_shards_exception';
      return answer(res, fail, { error: { type, reason: 'stand-in says no' }, status: fail });
    }
    const lines = text.split('\n').filter((l) => l !== '');
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const action = JSON.parse(lines[i]!) as { create?: { _index: string } };
      const doc = lines[i + 1]!;
      const index = action.create!._index;
      if (s.poison.some((p) => doc.includes(p))) {
        errors = true;
        items.push({
          create: { _index: index, status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [x]' } },
        });
      } else if (s.rejectEvery && (i / 2) % s.rejectEvery === 0 && !seen.has(doc)) {
        seen.add(doc);
        errors = true;
        items.push({ create: { _index: index, status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } } });
      } else {
        const list = s.indices.get(index) ?? [];
        list.push(doc);
        s.indices.set(index, list);
        items.push({ create: { _index: index, _id: String(list.length), status: 201, result: 'created' } });
      }
    }
    answer(res, 200, { took: 1, errors, items });
  });
  await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
  s.port = (s.server.address() as { port: number }).port;
  return s;
}

describe('index names', () => {
  it('fills %{+yyyy.MM.dd} from the document time, in UTC', () => {
    expect(indexName('audit-%{+yyyy.MM.dd}', '2021-01-19T21:24:24.740Z')).toBe('audit-2021.01.19');
    expect(indexName('audit-%{+yyyy.MM}-x', '2021-12-31T23:59:59.000Z')).toBe('audit-2021.12-x');
    expect(indexName('plain', '2021-01-19T21:24:24.740Z')).toBe('plain');
  });
});

describe('Elasticsearch _bulk output (HTTP stand-in)', () => {
  let es: StandIn;
  beforeAll(async () => {
    es = await standIn();
  });
  afterAll(async () => {
    await new Promise((r) => es?.server.close(r));
  });

  it('delivers a corpus file through 429 and 503 answers and rejected items, each event once; item errors are dropped and reported', async () => {
    const docs = corpusDocuments();
    const poison = `"sequence":${(JSON.parse(docs[5]!) as { auditd: { sequence: number } }).auditd.sequence},`;
    es.failNext = [429, 503];
    es.poison = [poison];
    es.rejectEvery = 7;
    const spec = parseOutputUrl(`http://127.0.0.1:${es.port}/audit-%{+yyyy.MM.dd}`);
    if (spec.kind !== 'elasticsearch') throw new Error('spec');
    const lines: string[] = [];
    const shipper = new Shipper([new ElasticsearchTransport({ ...spec, backoffMs: [5, 20] })], {
      batchDocs: 100,
      backoffMs: [10, 50],
      report: (l) => lines.push(l),
    });
    for (const d of docs) if (!shipper.write(d)) await shipper.ready();
    await shipper.end();

    const stored = [...es.indices.values()].flat();
    const poisoned = docs.filter((d) => d.includes(poison));
    const expected = docs.filter((d) => !d.includes(poison));
    expect(poisoned.length).toBeGreaterThan(0);
    expect(delivery(expected, stored)).toEqual({ missing: [], extra: [] });
    for (const [index, list] of es.indices) {
      for (const d of list)
        expect(indexName('audit-%{+yyyy.MM.dd}', (JSON.parse(d) as { '@timestamp': string })['@timestamp'])).toBe(index);
    }
    const st = shipper.stats()[0]!;
    expect(st).toMatchObject({ acknowledged: expected.length, dropped: poisoned.length });
    expect(st.retried).toBeGreaterThanOrEqual(200); // the first two batches, answered 429 then 503
    expect(lines.filter((l) => l.includes('dropped one event'))).toEqual(
      poisoned.map(() =>
        expect.stringMatching(/: dropped one event: document \d+ of its batch: 400 mapper_parsing_exception: failed to parse field \[x\]$/),
      ),
    );
    expect(lines.some((l) => /retrying/.test(l) && /429|Too Many|es_rejected/i.test(l))).toBe(true);
  });
});
