// Batched writer for stdout. Verbs that print many events (parse, stream) write through this: strings are
// gathered up to ~64 KiB and handed to the stream in one write, and 'drain' is honoured so memory stays
// bounded when the reader is slow. EPIPE is handled by src/runtime.ts (exit 0).

import type { Writable } from 'node:stream';

const BATCH_BYTES = 64 * 1024;

export class Output {
  private parts: string[] = [];
  private size = 0;
  private waiting: Promise<void> | null = null;

  constructor(private readonly stream: Writable = process.stdout) {}

  /** Queues text. Returns false when the caller should `await output.ready()` before writing more. */
  write(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= BATCH_BYTES) return this.flush();
    return true;
  }

  /** Hands queued text to the stream. Returns false when the stream's buffer is full. */
  flush(): boolean {
    if (this.size === 0 && this.parts.length === 0) return this.waiting === null;
    const chunk = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.size = 0;
    const ok = this.stream.write(chunk);
    if (!ok && !this.waiting) {
      this.waiting = new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.waiting = null;
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('close', done);
      });
    }
    return ok;
  }

  /** Resolves when the stream can take more. */
  ready(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }

  /** Flushes everything and waits until the stream has taken it. */
  async end(): Promise<void> {
    this.flush();
    await this.ready();
  }
}
