// `redis://HOST:PORT/KEY`: each document RPUSHed onto the list KEY, as Auditbeat's Redis output does for
// Logstash's redis input (data_type => "list"). A batch is one RPUSH; its reply (the list's new length) is
// the acknowledgement. node-redis (@redis/client) reconnects by itself; a command that was in flight when
// the connection dropped rejects, and the shipper sends its batch again.

import { createRequire } from 'node:module';
import { DocBatch } from './batch.js';
import type { Transport } from './transport.js';

// Loaded when first used, outside the CLI bundle (a require esbuild does not follow): start-up stays small.
const load = createRequire(import.meta.url);

type RedisClient = {
  connect(): Promise<unknown>;
  rPush(key: string, values: Buffer[]): Promise<number>;
  close?(): Promise<void>;
  quit?(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  isOpen: boolean;
  isReady: boolean;
};

export interface RedisTransportOptions {
  url: string;
  redisUrl: string;
  key: string;
  /** Called with connection errors (the client keeps reconnecting). */
  onError?: (err: Error) => void;
}

export class RedisTransport implements Transport {
  readonly url: string;
  #client: RedisClient | undefined;
  #connecting: Promise<RedisClient> | undefined;
  #connected = false;

  constructor(private readonly opts: RedisTransportOptions) {
    this.url = opts.url;
  }

  #connect(): Promise<RedisClient> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const { createClient } = load('@redis/client') as typeof import('@redis/client');
      const client = createClient({
        url: this.opts.redisUrl,
        // Commands are not queued while disconnected: a batch fails fast and the shipper retries it.
        disableOfflineQueue: true,
        // The first connection fails at once (the shipper retries with its own backoff and can be stopped);
        // a connection that dropped later is re-made in the background.
        socket: {
          connectTimeout: 5000,
          reconnectStrategy: (retries: number, cause: Error) => (this.#connected ? Math.min(100 * 2 ** retries, 2000) : cause),
        },
      }) as unknown as RedisClient;
      client.on('error', (err) => this.opts.onError?.(err));
      try {
        await client.connect();
      } catch (err) {
        client.destroy();
        throw err;
      }
      this.#client = client;
      this.#connected = true;
      return client;
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async send(docs: DocBatch | readonly string[]): Promise<void> {
    const client = await this.#connect();
    const batch = DocBatch.from(docs);
    // Views of the batch's bytes: node-redis writes them as they are, with no string to encode again.
    const values: Buffer[] = [];
    for (let i = 0; i < batch.length; i++) values.push(batch.doc(i));
    await client.rPush(this.opts.key, values);
  }

  async close(): Promise<void> {
    const c = this.#client;
    this.#client = undefined;
    if (!c) return;
    try {
      if (c.isReady) await (c.close ? c.close() : c.quit!());
      else c.destroy();
    } catch {
      c.destroy();
    }
  }
}
