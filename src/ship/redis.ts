// `redis://HOST:PORT/KEY`: each document RPUSHed onto the list KEY, as Auditbeat's Redis output does for
// Logstash's redis input (data_type => "list"). A batch is one RPUSH; its reply (the list's new length) is
// the acknowledgement. node-redis (@redis/client) reconnects by itself; a command that was in flight when
// the connection dropped rejects, and the shipper sends its batch again.

import type { Transport } from './transport.js';

type RedisClient = {
  connect(): Promise<unknown>;
  rPush(key: string, values: string[]): Promise<number>;
  close?(): Promise<void>;
  quit?(): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  isOpen: boolean;
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

  constructor(private readonly opts: RedisTransportOptions) {
    this.url = opts.url;
  }

  #connect(): Promise<RedisClient> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const { createClient } = await import('@redis/client');
      const client = createClient({
        url: this.opts.redisUrl,
        // Commands are not queued while disconnected: a batch fails fast and the shipper retries it.
        disableOfflineQueue: true,
        socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
      }) as unknown as RedisClient;
      client.on('error', (err) => this.opts.onError?.(err));
      try {
        await client.connect();
      } catch (err) {
        client.destroy();
        throw err;
      }
      this.#client = client;
      return client;
    })().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async send(docs: readonly string[]): Promise<void> {
    const client = await this.#connect();
    await client.rPush(this.opts.key, docs as string[]);
  }

  async close(): Promise<void> {
    const c = this.#client;
    this.#client = undefined;
    if (!c) return;
    try {
      if (c.isOpen) await (c.close ? c.close() : c.quit!());
    } catch {
      c.destroy();
    }
  }
}
