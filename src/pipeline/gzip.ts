// Gzip by magic bytes (1f 8b), not by file name: `tsaudit parse audit.log.1.gz` and `zcat`-less pipes
// (`cat audit.log.gz | tsaudit parse`) both work, and a plain log named .gz is read as it is.

import { createRequire } from 'node:module';

// require, not import(): only gzip input pays for loading zlib, and the bundled CLI (scripts/bundle.mjs) runs
// in a vm.Script, which has no loader for import().
const loadZlib = () => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** `chunks` as they are, or gunzipped when the first chunk starts with gzip's magic bytes. */
export async function* gunzipIfGzip(chunks: AsyncGenerator<Buffer>, size: number): AsyncGenerator<Buffer> {
  const first = await chunks.next();
  if (first.done) return;
  if (!isGzip(first.value)) {
    yield first.value;
    yield* chunks;
    return;
  }
  yield* gunzip(first.value, chunks, size);
}

/**
 * Inflates into chunks of at least `size` bytes: the reader takes a chunk shorter than its read size for "the
 * input is idle", and zlib hands out much smaller pieces than that.
 */
async function* gunzip(first: Buffer, rest: AsyncGenerator<Buffer>, size: number): AsyncGenerator<Buffer> {
  const { createGunzip } = loadZlib();
  const z = createGunzip();
  // waits for zlib to take more, or for its end (destroyed: an error, or the reader stopped early)
  const drained = () =>
    new Promise<void>((resolve) => {
      if (z.destroyed) return resolve();
      const done = () => {
        z.off('drain', done);
        z.off('close', done);
        resolve();
      };
      z.on('drain', done);
      z.on('close', done);
    });
  // the source reuses its buffers: zlib gets copies
  const feed = (async () => {
    try {
      if (!z.write(Buffer.from(first))) await drained();
      for await (const chunk of rest) {
        if (z.destroyed) break;
        if (!z.write(Buffer.from(chunk))) await drained();
      }
      if (!z.destroyed) z.end();
    } catch (err) {
      z.destroy(err as Error);
    }
  })();
  let parts: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const out of z as AsyncIterable<Buffer>) {
      parts.push(out);
      bytes += out.length;
      if (bytes >= size) {
        yield Buffer.concat(parts, bytes);
        parts = [];
        bytes = 0;
      }
    }
    if (bytes > 0) yield Buffer.concat(parts, bytes);
  } finally {
    z.destroy();
    await feed;
  }
}
