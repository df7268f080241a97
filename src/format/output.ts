// Batched writer for stdout, shared by every verb; built for the hundreds of MB/s of parse and stream:
// - text is copied straight into 256 KiB Buffers (no joined batch string: a joined 256 KiB string lands in
//   V8's old generation and only a full GC frees it); a full buffer goes to the stream and comes back to a
//   free list when the stream's write callback says it is done, so steady state allocates nothing;
// - while every input byte so far was ASCII (audit logs nearly always are: the kernel hex-encodes anything
//   else), text is copied as latin1, byte for byte, instead of being UTF-8 encoded (same bytes for ASCII);
//   otherwise text is UTF-8, except that the escapes of input bytes that were not UTF-8 become those bytes;
// - backpressure: write() returns false once several buffers are in flight (the stream has not finished
//   them, e.g. a slow pipe); `await ready()` then waits until one comes back.
// EPIPE is handled by src/runtime.ts (exit 0).

import type { Writable } from 'node:stream';
import { encodeLossless, hasEscapedBytes } from '../parse/lossless.js';

const SIZE = 256 * 1024;
const MAX_IN_FLIGHT = 4;

export class Output {
  private buf: Buffer;
  private used = 0;
  private readonly free: Buffer[] = [];
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private idle: (() => void) | null = null;
  private closed = false;
  /** Set by the reader: true while all input so far was ASCII (so is all output derived from it). */
  ascii = false;

  constructor(private readonly stream: Writable = process.stdout) {
    this.buf = Buffer.allocUnsafe(SIZE);
    stream.once('close', () => {
      this.closed = true;
      this.wakeUp();
    });
  }

  /** Queues text. Returns false when the caller should `await ready()` before writing more. */
  write(text: string): boolean {
    // Input bytes that were not UTF-8 come as escapes (parse/lossless.ts): written back as those bytes.
    if (!this.ascii && hasEscapedBytes(text)) return this.writeBytes(encodeLossless(text));
    return this.put(text, this.ascii);
  }

  /**
   * Queues text made from the input but not of its bytes (JSON.stringify output: escapes already written as
   * `\udcNN`, decoded hex possibly beyond ASCII): always UTF-8.
   */
  writeUtf8(text: string): boolean {
    return this.put(text, false);
  }

  /** Queues text known to be ASCII (`ascii`: copied as latin1) or not (encoded as UTF-8); no escapes in it. */
  put(text: string, ascii: boolean): boolean {
    const encoding = ascii ? 'latin1' : 'utf8';
    const max = ascii ? text.length : text.length * 3;
    if (this.used + max > SIZE) {
      this.flush();
      if (max > SIZE) {
        this.send(Buffer.from(text, encoding), false);
        return this.inFlight < MAX_IN_FLIGHT;
      }
    }
    this.used += this.buf.write(text, this.used, encoding);
    return this.inFlight < MAX_IN_FLIGHT;
  }

  /** Queues a copy of bytes[0, end) (JSON written into a reused buffer: src/parse/json-bytes.ts). */
  copy(bytes: Buffer, end: number): boolean {
    if (this.used + end > SIZE) {
      this.flush();
      if (end > SIZE) {
        this.send(Buffer.from(bytes.subarray(0, end)), false);
        return this.inFlight < MAX_IN_FLIGHT;
      }
    }
    this.used += bytes.copy(this.buf, this.used, 0, end);
    return this.inFlight < MAX_IN_FLIGHT;
  }

  /**
   * Makes room for `max` bytes to be written straight into `buffer` at `offset` (then call commit()).
   * False when one batch cannot hold that much.
   */
  reserve(max: number): boolean {
    if (max > SIZE) return false;
    if (this.used + max > SIZE) this.flush();
    return true;
  }

  get buffer(): Buffer {
    return this.buf;
  }

  get offset(): number {
    return this.used;
  }

  /** Takes the bytes written up to `end`. Returns false when the caller should `await ready()`. */
  commit(end: number): boolean {
    this.used = end;
    return this.inFlight < MAX_IN_FLIGHT;
  }

  /**
   * Queues bytes made elsewhere (a worker thread's output), after what is batched. They are written as they
   * are, without a copy: `written`, when given, is called once the stream is done with them (not when the
   * stream has closed).
   */
  writeBytes(bytes: Uint8Array, written?: () => void): boolean {
    this.flush();
    if (bytes.length > 0) this.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), false, undefined, written);
    return this.inFlight < MAX_IN_FLIGHT;
  }

  /** Hands what is queued to the stream. */
  flush(): void {
    if (this.used === 0) return;
    const owner = this.buf;
    const full = owner.subarray(0, this.used);
    this.buf = this.free.pop() ?? Buffer.allocUnsafe(SIZE);
    this.used = 0;
    this.send(full, true, owner);
  }

  private send(chunk: Buffer, recycle: boolean, owner?: Buffer, written?: () => void): void {
    if (this.closed) return;
    this.inFlight++;
    this.stream.write(chunk, (err) => {
      this.inFlight--;
      if (recycle && owner !== undefined && this.free.length < 16) this.free.push(owner);
      if (written !== undefined && !err) written();
      this.wakeUp();
    });
  }

  private wakeUp(): void {
    if ((this.inFlight === 0 || this.closed) && this.idle !== null) {
      const idle = this.idle;
      this.idle = null;
      idle();
    }
    const w = this.wake;
    if (w !== null && (this.inFlight < MAX_IN_FLIGHT || this.closed)) {
      this.wake = null;
      w();
    }
  }

  /** Resolves when fewer than MAX_IN_FLIGHT buffers are with the stream (or it closed). */
  ready(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Flushes everything and waits until the stream has taken it all. */
  async end(): Promise<void> {
    this.flush();
    if (this.inFlight === 0 || this.closed) return;
    await new Promise<void>((resolve) => {
      this.idle = resolve;
    });
  }
}
