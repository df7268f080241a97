// `http(s)://HOST:PORT[/INDEX]`: documents indexed through the `_bulk` API with the official client
// (@elastic/elasticsearch), one `create` action per document. INDEX may hold a date pattern, %{+yyyy.MM.dd},
// filled from each document's @timestamp (UTC), as Beats name their daily indices.
//
// Failures, as the _bulk API documents them: a whole request answered 429 or 5xx (or not answered) rejects,
// and the shipper sends the batch again after a backoff. Within a 200 answer each item has its own status:
// 429 and 5xx items are sent again here (only those, so the others are not duplicated); any other item
// error (a mapping conflict, say) will never succeed and is reported and counted as dropped.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DocBatch } from './batch.js';
import type { SendResult, Transport } from './transport.js';

// Loaded when first used, outside the CLI bundle (a require esbuild does not follow): start-up stays small.
const load = createRequire(import.meta.url);

export const DEFAULT_INDEX = 'tsaudit-%{+yyyy.MM.dd}';

export interface ElasticsearchTransportOptions {
  url: string;
  /** Scheme, host and port (and credentials), without the index. */
  node: string;
  index: string;
  ca?: string;
  /** First and longest wait between attempts of items answered 429/5xx (default 100 ms, 5 s). */
  backoffMs?: readonly [number, number];
}

interface BulkItem {
  status: number;
  error?: { type?: string; reason?: string };
}

type BulkResponse = { errors: boolean; items: Record<string, BulkItem>[] };

interface EsClient {
  bulk(req: { operations: unknown[] }): Promise<BulkResponse>;
  close(): Promise<void>;
}

/** The index of one document: the pattern's %{+...} parts from its @timestamp. */
export function indexName(pattern: string, timestamp: string | undefined): string {
  if (!pattern.includes('%{+')) return pattern;
  const d = timestamp === undefined ? new Date() : new Date(timestamp);
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  const two = (n: number) => String(n).padStart(2, '0');
  return pattern.replace(/%\{\+([^}]*)\}/g, (_, fmt: string) =>
    fmt
      .replace(/yyyy/g, String(t.getUTCFullYear()))
      .replace(/MM/g, two(t.getUTCMonth() + 1))
      .replace(/dd/g, two(t.getUTCDate()))
      .replace(/HH/g, two(t.getUTCHours())),
  );
}

const TIMESTAMP = /^\{"@timestamp":"([^"]*)"/;

export class ElasticsearchTransport implements Transport {
  readonly url: string;
  #client: EsClient | undefined;

  constructor(private readonly opts: ElasticsearchTransportOptions) {
    this.url = opts.url;
  }

  async #connect(): Promise<EsClient> {
    if (this.#client) return this.#client;
    const { Client } = load('@elastic/elasticsearch') as typeof import('@elastic/elasticsearch');
    this.#client = new Client({
      node: this.opts.node,
      // Retries are ours: whole batches in the shipper, failed items below.
      maxRetries: 0,
      requestTimeout: 30_000,
      ...(this.opts.ca ? { tls: { ca: readFileSync(this.opts.ca) } } : {}),
    }) as unknown as EsClient;
    return this.#client;
  }

  async send(batch: DocBatch | readonly string[]): Promise<SendResult> {
    const client = await this.#connect();
    const dropped: string[] = [];
    const docs = batch instanceof DocBatch ? batch.texts() : batch;
    let pending = docs.map((d, i) => ({ d, i }));
    let wait = this.opts.backoffMs?.[0] ?? 100;
    for (;;) {
      const operations: unknown[] = [];
      for (const { d } of pending) operations.push({ create: { _index: indexName(this.opts.index, TIMESTAMP.exec(d)?.[1]) } }, d);
      const res = await client.bulk({ operations });
      if (!res.errors) return { dropped };
      const again: typeof pending = [];
      res.items.forEach((item, k) => {
        const r = Object.values(item)[0];
        if (!r || r.status < 300) return;
        if (r.status === 429 || r.status >= 500) again.push(pending[k]!);
        else
          dropped.push(
            `document ${pending[k]!.i + 1} of its batch: ${r.status} ${r.error?.type ?? 'error'}: ${r.error?.reason ?? ''}`.trimEnd(),
          );
      });
      if (again.length === 0) return { dropped };
      pending = again;
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, this.opts.backoffMs?.[1] ?? 5000);
    }
  }

  async close(): Promise<void> {
    const c = this.#client;
    this.#client = undefined;
    await c?.close();
  }
}
