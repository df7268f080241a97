// `syslog+tcp://`, `syslog+tls://`, `syslog+udp://`: each document is the MSG of one RFC 5424 message
//   <PRI>1 TIMESTAMP HOSTNAME tsaudit PROCID audit - {"@timestamp":...}
// framed for TCP and TLS by octet counting (RFC 6587 3.4.1: "LEN SP MESSAGE"), as rsyslog's imtcp and
// syslog-ng's network() source read it; over UDP one message per datagram (RFC 5426).
// A TCP or TLS batch counts as taken once the socket has accepted its bytes: plain syslog has no
// application-level acknowledgement (RELP has), so what a server loses in its receive buffer when it
// crashes is not seen here.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import { DocBatch } from './batch.js';
import type { SendResult, Transport } from './transport.js';

export interface SyslogTransportOptions {
  url: string;
  transport: 'tcp' | 'udp' | 'tls';
  host: string;
  port: number;
  facility: number;
  severity: number;
  ca?: string;
  /** HOSTNAME field (default this host's name). */
  hostName?: string;
}

/** The largest UDP payload over IPv4. */
export const UDP_MAX = 65507;

/** RFC 5424 HOSTNAME: printable US-ASCII without spaces, at most 255 characters, "-" when empty. */
function headerField(v: string, max: number): string {
  const s = v.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return s === '' ? '-' : s;
}

/** The RFC 5424 header up to and including the space before MSG; the time is when the message is made. */
export function syslogHeader(pri: number, host: string, procId: number, now: Date = new Date()): string {
  return `<${pri}>1 ${now.toISOString()} ${headerField(host, 255)} tsaudit ${procId} audit - `;
}

/** Bytes of every document of a batch as an octet-counted message with `header` (RFC 5424 up to MSG). */
export function framedLength(header: Buffer, batch: DocBatch): number {
  let total = 0;
  for (let i = 0; i < batch.length; i++) {
    const n = header.length + batch.end(i) - batch.start(i);
    total += String(n).length + 1 + n;
  }
  return total;
}

/**
 * The batch's messages, octet-counted (each: its length in bytes, a space, the message), written into `out`
 * (framedLength bytes at least); returns them.
 */
export function frameBatch(header: Buffer, batch: DocBatch, out: Buffer): Buffer {
  let off = 0;
  for (let i = 0; i < batch.length; i++) {
    const start = batch.start(i);
    const end = batch.end(i);
    off += out.write(`${header.length + end - start} `, off, 'latin1');
    off += header.copy(out, off);
    off += batch.bytes.copy(out, off, start, end);
  }
  return out.subarray(0, off);
}

export class SyslogTransport implements Transport {
  readonly url: string;
  readonly #pri: number;
  readonly #host: string;
  #stream: Socket | undefined;
  #connecting: Promise<Socket> | undefined;
  #udp: UdpSocket | undefined;
  /** The last batch's frames: reused, as one batch is sent at a time and the socket is done with it once
   * its write has called back. */
  #scratch: Buffer | undefined;

  constructor(private readonly opts: SyslogTransportOptions) {
    this.url = opts.url;
    this.#pri = opts.facility * 8 + opts.severity;
    this.#host = opts.hostName ?? hostname();
  }

  #connectStream(): Promise<Socket> {
    const s = this.#stream;
    if (s && !s.destroyed && s.writable) return Promise.resolve(s);
    this.#connecting ??= new Promise<Socket>((resolve, reject) => {
      const { host, port } = this.opts;
      const sock =
        this.opts.transport === 'tls'
          ? tlsConnect({
              host,
              port,
              ...(isIP(host) ? {} : { servername: host }),
              ...(this.opts.ca ? { ca: readFileSync(this.opts.ca) } : {}),
            })
          : tcpConnect({ host, port });
      const ready = this.opts.transport === 'tls' ? 'secureConnect' : 'connect';
      const fail = (err: Error) => {
        sock.destroy();
        reject(err);
      };
      sock.once('error', fail);
      sock.setTimeout(5000, () => fail(new Error(`connect to ${host}:${port} timed out`)));
      sock.once(ready, () => {
        sock.off('error', fail);
        sock.setTimeout(0);
        // Later errors end this socket; the next send connects again.
        sock.on('error', () => sock.destroy());
        sock.setNoDelay(true);
        this.#stream = sock;
        resolve(sock);
      });
    }).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async send(docs: DocBatch | readonly string[]): Promise<SendResult | void> {
    const batch = DocBatch.from(docs);
    const header = Buffer.from(syslogHeader(this.#pri, this.#host, process.pid));
    if (this.opts.transport === 'udp') return this.#sendUdp(header, batch);
    const sock = await this.#connectStream();
    const need = framedLength(header, batch);
    // with room to spare: the next batch is usually about as large, and each new buffer is a page-faulting one
    if (!this.#scratch || this.#scratch.length < need) this.#scratch = Buffer.allocUnsafeSlow(need + (need >> 2));
    const text = frameBatch(header, batch, this.#scratch);
    await new Promise<void>((resolve, reject) => {
      const onClose = () => reject(new Error('connection closed'));
      sock.once('close', onClose);
      sock.write(text, (err) => {
        sock.off('close', onClose);
        if (err) {
          sock.destroy();
          reject(err);
        } else resolve();
      });
    });
  }

  /** A document too large for one datagram is not sent: counted as dropped and reported by the caller. */
  async #sendUdp(header: Buffer, batch: DocBatch): Promise<SendResult> {
    const udp = (this.#udp ??= createSocket(this.opts.host.includes(':') ? 'udp6' : 'udp4'));
    const dropped: string[] = [];
    for (let i = 0; i < batch.length; i++) {
      const msg = Buffer.concat([header, batch.doc(i)]);
      if (msg.length > UDP_MAX) {
        dropped.push(`message of ${msg.length} bytes does not fit in a UDP datagram (at most ${UDP_MAX})`);
        continue;
      }
      await new Promise<void>((resolve, reject) => udp.send(msg, this.opts.port, this.opts.host, (err) => (err ? reject(err) : resolve())));
    }
    return { dropped };
  }

  async close(): Promise<void> {
    const s = this.#stream;
    this.#stream = undefined;
    if (s && !s.destroyed) await new Promise<void>((resolve) => s.end(resolve));
    const u = this.#udp;
    this.#udp = undefined;
    if (u) await new Promise<void>((resolve) => u.close(() => resolve()));
  }
}
