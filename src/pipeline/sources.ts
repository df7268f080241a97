// Sources: the inputs of a reading verb as byte chunks, one input after another. A file is read through two
// reused buffers; stdin is fd 0 (a pipe or a redirected file) or, for a terminal or an injected stream, a
// stream; a directory stands for its rotated set of logs, oldest first; gzip is recognized by its magic
// bytes, in files and on stdin alike (see gzip.ts).

import { read, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gunzipIfGzip } from './gzip.js';

/** The name an input is reported by. */
export const inputName = (file: string): string => (file === '-' ? '<stdin>' : file);

const ROTATED = /^audit\.log(?:\.(\d+))?$/;

/**
 * Each directory among `files` becomes its rotated audit logs in the order they were written: audit.log.N …
 * audit.log.1, audit.log (auditd's naming; the highest number is the oldest). A directory without any stays as
 * it is, and reading it then fails with "is a directory".
 */
export function expandInputs(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    let names: string[] = [];
    try {
      if (f !== '-' && statSync(f).isDirectory()) names = readdirSync(f).filter((n) => ROTATED.test(n));
    } catch {
      // not there or not readable: the read reports it
    }
    if (names.length === 0) {
      out.push(f);
      continue;
    }
    const age = (n: string) => Number(ROTATED.exec(n)![1] ?? 0);
    names.sort((a, b) => age(b) - age(a));
    for (const n of names) out.push(join(f, n));
  }
  return out;
}

export interface ChunkOptions {
  /** Read size (the last chunk of an input, or a short read from a pipe, is smaller). */
  readSize: number;
  /** Input for `-` (default process.stdin). */
  stdin?: Readable;
}

/** The bytes of one input (`-` is stdin), gunzipped when they are gzip. */
export function inputChunks(file: string, opts: ChunkOptions): AsyncGenerator<Buffer> {
  const raw =
    file === '-' && (opts.stdin !== undefined || process.stdin.isTTY)
      ? streamChunks(opts.stdin ?? process.stdin)
      : fileChunks(file, opts.readSize);
  return gunzipIfGzip(raw, opts.readSize);
}

/**
 * Reads a file (or `-`: fd 0, a pipe or a redirected file) through two reused buffers of `size` bytes: the
 * next read runs while the caller processes the current chunk. The splitter copies out what it keeps, so a
 * buffer is free again once the caller asks for the next chunk, and the loop allocates nothing per chunk
 * (fresh 1 MiB buffers per read pile up as external memory until a GC frees them).
 */
async function* fileChunks(file: string, size: number): AsyncGenerator<Buffer> {
  const handle = file === '-' ? undefined : await open(file, 'r');
  const bufs = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const;
  const readInto = (buf: Buffer): Promise<number> => (handle ? handle.read(buf, 0, size, null).then((r) => r.bytesRead) : readFd(0, buf));
  let cur = 0;
  let pending: Promise<number> | undefined = readInto(bufs[0]);
  try {
    for (;;) {
      const n = await pending;
      pending = undefined;
      if (n === 0) return;
      const buf = bufs[cur]!;
      cur ^= 1;
      pending = readInto(bufs[cur]!);
      yield buf.subarray(0, n);
    }
  } finally {
    await pending?.catch(() => 0);
    await handle?.close();
  }
}

function readFd(fd: number, buf: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buf, 0, buf.length, null, (err, n) => {
      if (err && err.code === 'EAGAIN') setTimeout(() => readFd(fd, buf).then(resolve, reject), 5);
      else if (err) reject(err);
      else resolve(n);
    });
  });
}

/** A terminal on stdin, or an injected stream (tests): read as a stream. */
async function* streamChunks(input: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
}

/** Why an input could not be read, or undefined when `err` is not a read error. */
export function readFailure(err: unknown): string | undefined {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string') return undefined;
  if (e.code.startsWith('Z_')) return `not valid gzip data (${e.message})`;
  if (typeof e.syscall !== 'string') return undefined;
  return e.code === 'ENOENT'
    ? 'no such file'
    : e.code === 'EISDIR'
      ? 'is a directory'
      : e.code === 'EACCES'
        ? 'permission denied'
        : e.message;
}
