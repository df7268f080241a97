// `redis://[:PASSWORD@]HOST:PORT/KEY`: each document RPUSHed onto the list KEY, as Auditbeat's Redis output
// does for Logstash's redis input (data_type => "list"). A batch is one RPUSH with a document per argument;
// its reply (the list's new length) is the acknowledgement. The command is written as RESP bytes straight
// from the batch's NDJSON bytes into one reused buffer (resp.ts): a client library that encodes argument
// by argument, and loading one, cost more CPU than the rest of the output (docs/performance.md, issue 20,
// ninth session). One command is in flight at a time; a connection that fails or closes rejects it, the
// shipper sends the batch again, and the next send connects anew.

import { connect, type Socket } from 'node:net';
import { DocBatch } from './batch.js';
import { command, ProtocolError, type Reply, ReplyReader, rpush, rpushLength } from './resp.js';
import type { Transport } from './transport.js';

export interface RedisTransportOptions {
  url: string;
  /** `redis://[:PASSWORD@]HOST:PORT` (parseOutputUrl's redisUrl). */
  redisUrl: string;
  key: string;
  /** Called with errors of an open connection (the next send connects again). */
  onError?: (err: Error) => void;
  /** Most ms to connect, and to wait for a reply (default 5000, 30000). */
  connectTimeoutMs?: number;
  replyTimeoutMs?: number;
}

/** One connection: replies are matched to commands in order. */
class Connection {
  readonly #reader = new ReplyReader();
  readonly #waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  #failed: Error | undefined;

  constructor(
    readonly sock: Socket,
    onError: ((err: Error) => void) | undefined,
  ) {
    sock.on('data', (chunk: Buffer) => {
      try {
        for (const r of this.#reader.push(chunk)) this.#waiting.shift()?.resolve(r);
      } catch (err) {
        this.fail(err as Error);
      }
    });
    sock.on('error', (err) => {
      onError?.(err);
      this.fail(err);
    });
    sock.on('close', () => this.fail(new Error('connection closed')));
  }

  get open(): boolean {
    return this.#failed === undefined;
  }

  fail(err: Error): void {
    this.#failed ??= err;
    this.sock.destroy();
    for (const w of this.#waiting.splice(0)) w.reject(this.#failed);
  }

  /** Writes a command and waits for its reply (an error reply rejects). */
  request(bytes: Buffer, timeoutMs: number): Promise<Reply> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise<Reply>((resolve, reject) => {
      const t = setTimeout(() => this.fail(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
      this.#waiting.push({
        resolve: (r) => {
          clearTimeout(t);
          if (r.kind === 'error') reject(new Error(r.text));
          else resolve(r);
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
      this.sock.write(bytes);
    });
  }
}

export class RedisTransport implements Transport {
  readonly url: string;
  readonly #host: string;
  readonly #port: number;
  readonly #password: string | undefined;
  readonly #key: Buffer;
  #conn: Connection | undefined;
  #connecting: Promise<Connection> | undefined;
  /** The last command's bytes: reused, as one command is in flight at a time and it is done when answered. */
  #scratch: Buffer | undefined;

  constructor(private readonly opts: RedisTransportOptions) {
    this.url = opts.url;
    const u = new URL(opts.redisUrl);
    this.#host = u.hostname.replace(/^\[(.*)\]$/, '$1');
    this.#port = u.port === '' ? 6379 : Number(u.port);
    this.#password = u.password === '' ? undefined : decodeURIComponent(u.password);
    this.#key = Buffer.from(opts.key);
  }

  #connect(): Promise<Connection> {
    if (this.#conn?.open) return Promise.resolve(this.#conn);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<Connection> {
    const sock = await new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: this.#host, port: this.#port });
      const fail = (err: Error) => {
        s.destroy();
        reject(err);
      };
      s.once('error', fail);
      s.setTimeout(this.opts.connectTimeoutMs ?? 5000, () => fail(new Error(`connect to ${this.#host}:${this.#port} timed out`)));
      s.once('connect', () => {
        s.off('error', fail);
        s.setTimeout(0);
        s.setNoDelay(true);
        resolve(s);
      });
    });
    const conn = new Connection(sock, this.opts.onError);
    if (this.#password !== undefined) {
      try {
        await conn.request(command(['AUTH', this.#password]), this.#replyTimeout());
      } catch (err) {
        conn.fail(err as Error);
        throw new Error(`AUTH: ${(err as Error).message}`);
      }
    }
    this.#conn = conn;
    return conn;
  }

  #replyTimeout(): number {
    return this.opts.replyTimeoutMs ?? 30_000;
  }

  async send(docs: DocBatch | readonly string[]): Promise<void> {
    const conn = await this.#connect();
    const batch = DocBatch.from(docs);
    const need = rpushLength(this.#key, batch);
    // with room to spare: the next batch is usually about as large, and each new buffer page-faults anew
    if (!this.#scratch || this.#scratch.length < need) this.#scratch = Buffer.allocUnsafeSlow(need + (need >> 2));
    const bytes = rpush(this.#key, batch, this.#scratch);
    let reply: Reply;
    try {
      reply = await conn.request(bytes, this.#replyTimeout());
    } catch (err) {
      // the socket may still hold the command's bytes: the next command gets a buffer of its own
      if (!conn.open) this.#scratch = undefined;
      throw err;
    }
    if (reply.kind !== 'integer') throw new ProtocolError(`RPUSH ${this.opts.key}: unexpected reply ${JSON.stringify(reply)}`);
  }

  async close(): Promise<void> {
    const c = this.#conn;
    this.#conn = undefined;
    if (!c?.open) return;
    await new Promise<void>((resolve) => {
      // a server that does not close its side after ours is cut off
      const t = setTimeout(() => c.sock.destroy(), 2000);
      c.sock.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      c.sock.end();
    });
  }
}
