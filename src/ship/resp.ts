// RESP2, the Redis protocol, as far as the Redis output uses it: commands written as arrays of bulk strings
// ("*N\r\n" then "$LEN\r\nBYTES\r\n" per argument), and the four reply types these commands answer with
// (simple string "+OK", error "-ERR ...", integer ":N", bulk string "$N"). Facts from the protocol's
// specification (redis.io/docs/latest/develop/reference/protocol-spec/).

import type { DocBatch } from './batch.js';

const CR = 13;
const LF = 10;

/** One reply. An error reply is data here; the caller decides what it means. */
export type Reply =
  | { kind: 'simple'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'integer'; value: number }
  | { kind: 'bulk'; value: Buffer | null };

/** Bytes of `*N\r\n` or `$N\r\n`. */
function lengthLine(out: Buffer, off: number, tag: string, n: number): number {
  return off + out.write(`${tag}${n}\r\n`, off, 'latin1');
}

function bulk(out: Buffer, off: number, bytes: Uint8Array): number {
  off = lengthLine(out, off, '$', bytes.length);
  out.set(bytes, off);
  off += bytes.length;
  out[off++] = CR;
  out[off++] = LF;
  return off;
}

/** A command of a few short arguments (AUTH, PING). */
export function command(args: readonly (string | Uint8Array)[]): Buffer {
  const parts = args.map((a) => (typeof a === 'string' ? Buffer.from(a) : a));
  let size = 16;
  for (const p of parts) size += p.length + 16;
  const out = Buffer.allocUnsafe(size);
  let off = lengthLine(out, 0, '*', parts.length);
  for (const p of parts) off = bulk(out, off, p);
  return out.subarray(0, off);
}

/** Bytes `rpush` takes for a batch: its documents, and a length line and CRLF around each. */
export function rpushLength(key: Uint8Array, batch: DocBatch): number {
  // "$" + at most 10 digits + CRLF before, CRLF after: 15 per argument at most, 16 for the array's line
  return batch.bytes.length + 15 * (batch.length + 2) + 16 + key.length + 5;
}

/**
 * `RPUSH key doc...` with every document of the batch, one argument each, written into `out` (rpushLength
 * bytes at least) straight from the batch's bytes; returns the command's bytes (a view of `out`).
 */
export function rpush(key: Uint8Array, batch: DocBatch, out: Buffer): Buffer {
  let off = lengthLine(out, 0, '*', batch.length + 2);
  off += out.write('$5\r\nRPUSH\r\n', off, 'latin1');
  off = bulk(out, off, key);
  const bytes = batch.bytes;
  for (let i = 0; i < batch.length; i++) {
    const start = batch.start(i);
    const end = batch.end(i);
    off = lengthLine(out, off, '$', end - start);
    off += bytes.copy(out, off, start, end);
    out[off++] = CR;
    out[off++] = LF;
  }
  return out.subarray(0, off);
}

/** A protocol violation by the server: the connection cannot be trusted any more. */
export class ProtocolError extends Error {}

/** Replies from the bytes a server sends, in any chunking. */
export class ReplyReader {
  #buf: Buffer = Buffer.alloc(0);

  /** Bytes as they came; returns the replies they complete. */
  push(chunk: Buffer): Reply[] {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const replies: Reply[] = [];
    let off = 0;
    for (;;) {
      const r = this.#next(off);
      if (r === undefined) break;
      replies.push(r.reply);
      off = r.end;
    }
    this.#buf = off === this.#buf.length ? Buffer.alloc(0) : this.#buf.subarray(off);
    return replies;
  }

  #next(off: number): { reply: Reply; end: number } | undefined {
    const buf = this.#buf;
    if (off >= buf.length) return undefined;
    const eol = buf.indexOf('\r\n', off + 1, 'latin1');
    if (eol < 0) return undefined;
    const tag = buf[off];
    const line = buf.toString('utf8', off + 1, eol);
    switch (tag) {
      case 0x2b: // +
        return { reply: { kind: 'simple', text: line }, end: eol + 2 };
      case 0x2d: // -
        return { reply: { kind: 'error', text: line }, end: eol + 2 };
      case 0x3a: // :
        return { reply: { kind: 'integer', value: integer(line) }, end: eol + 2 };
      case 0x24: {
        // $
        const n = integer(line);
        if (n < 0) return { reply: { kind: 'bulk', value: null }, end: eol + 2 };
        const end = eol + 2 + n + 2;
        if (end > buf.length) return undefined;
        return { reply: { kind: 'bulk', value: Buffer.from(buf.subarray(eol + 2, eol + 2 + n)) }, end };
      }
      default:
        throw new ProtocolError(
          `unexpected reply from the server: got ${JSON.stringify(buf.toString('latin1', off, Math.min(eol, off + 40)))}`,
        );
    }
  }
}

function integer(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new ProtocolError(`bad integer in a reply from the server: got ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}
