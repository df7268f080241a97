// `file:PATH`: documents as NDJSON lines appended to PATH; when a batch would take the file past its size
// bound, PATH becomes PATH.1 (PATH.1 becomes PATH.2, ..., the oldest beyond `keep` is removed) and a new
// PATH is started, as Filebeat's file output rotates. Only a regular file rotates: a device or a FIFO
// (`file:/dev/null`, a pipe to another program) is written to as it is, and never renamed or replaced.

import { type FileHandle, open, rename, rm, stat } from 'node:fs/promises';
import { DocBatch } from './batch.js';
import type { Transport } from './transport.js';

export interface FileTransportOptions {
  url: string;
  path: string;
  maxBytes: number;
  keep: number;
}

export class FileTransport implements Transport {
  readonly url: string;
  #fh: FileHandle | undefined;
  #size = 0;
  /** False when PATH is not a regular file: nothing is renamed or removed. */
  #rotates = true;

  constructor(private readonly opts: FileTransportOptions) {
    this.url = opts.url;
  }

  async #open(): Promise<FileHandle> {
    if (this.#fh) return this.#fh;
    this.#fh = await open(this.opts.path, 'a', 0o600);
    const st = await this.#fh.stat();
    this.#rotates = st.isFile();
    this.#size = st.size;
    return this.#fh;
  }

  async #rotate(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
    const { path, keep } = this.opts;
    if (keep === 0) {
      await rm(path, { force: true });
      return;
    }
    await rm(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      if (await exists(`${path}.${i}`)) await rename(`${path}.${i}`, `${path}.${i + 1}`);
    }
    await rename(path, `${path}.1`);
  }

  async send(docs: DocBatch | readonly string[]): Promise<void> {
    const batch = DocBatch.from(docs);
    let fh = await this.#open();
    // The batch's bytes are the file's lines: written in runs, cut only where the file rotates.
    let from = 0;
    const flush = async (to: number) => {
      if (to === from) return;
      await writeAll(fh, batch.bytes.subarray(from, to));
      this.#size += to - from;
      from = to;
    };
    for (let i = 0; i < batch.length; i++) {
      const start = batch.start(i);
      const n = batch.end(i) + 1 - start;
      const pending = start - from;
      // Rotate before a line that would cross the bound (a file always takes at least one line).
      if (this.#rotates && this.#size + pending > 0 && this.#size + pending + n > this.opts.maxBytes) {
        await flush(start);
        await this.#rotate();
        fh = await this.#open();
      }
    }
    await flush(batch.bytes.length);
  }

  async close(): Promise<void> {
    await this.#fh?.close();
    this.#fh = undefined;
  }
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let off = 0; off < bytes.length;) off += (await fh.write(bytes, off)).bytesWritten;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
