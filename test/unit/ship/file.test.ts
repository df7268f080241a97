// file:PATH: NDJSON lines, rotated by size into PATH.1 .. PATH.keep.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTransport } from '../../../src/ship/file.js';
import { Shipper } from '../../../src/ship/shipper.js';
import { parseOutputUrl } from '../../../src/ship/url.js';
import { corpusDocuments, delivery } from './corpus.js';
import { tempDir } from './servers.js';

describe('file output', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('tsaudit-file-');
  });
  afterEach(() => tmp.remove());

  async function ship(url: string, docs: readonly string[]) {
    const spec = parseOutputUrl(url);
    if (spec.kind !== 'file') throw new Error(url);
    const shipper = new Shipper([new FileTransport(spec)], { batchDocs: 64 });
    for (const d of docs) if (!shipper.write(d)) await shipper.ready();
    await shipper.end();
    return shipper;
  }

  it('a FIFO (as /dev/null, not a regular file) is written to past the size bound and never renamed or replaced', async () => {
    const fifo = join(tmp.dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (got += d));
    const closed = new Promise((resolve) => reader.once('close', resolve));
    const docs = corpusDocuments().slice(0, 300);
    await ship(`file:${fifo}?size=4k&keep=2`, docs);
    await closed;
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['pipe']);
    expect(got).toBe(docs.map((d) => `${d}\n`).join(''));
  });

  const lines = (f: string) =>
    existsSync(f)
      ? readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];

  it('writes every event of a corpus file once, one JSON document per line', async () => {
    const docs = corpusDocuments();
    const path = join(tmp.dir, 'audit.ndjson');
    await ship(`file:${path}`, docs);
    expect(lines(path)).toEqual(docs);
  });

  it('rotates by size, keeps `keep` files, none over the bound, and loses only what rotation pushed out', async () => {
    const docs = corpusDocuments();
    const path = join(tmp.dir, 'audit.ndjson');
    const total = docs.reduce((n, d) => n + Buffer.byteLength(d) + 1, 0);
    await ship(`file:${path}?size=64K&keep=100`, docs);
    const files = [path, ...Array.from({ length: 100 }, (_, i) => `${path}.${i + 1}`)].filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(Math.ceil(total / (64 * 1024)));
    expect(files.length).toBeLessThan(100);
    for (const f of files) expect(statSync(f).size).toBeLessThanOrEqual(64 * 1024);
    // Oldest first: PATH.n ... PATH.1, PATH.
    const all = [...files].reverse().flatMap(lines);
    expect(all).toEqual(docs);
    expect(delivery(docs, all)).toEqual({ missing: [], extra: [] });
  });

  it('keeps at most `keep` rotated files: the oldest are removed', async () => {
    const docs = corpusDocuments();
    const path = join(tmp.dir, 'audit.ndjson');
    await ship(`file:${path}?size=16K&keep=2`, docs);
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    const kept = [`${path}.2`, `${path}.1`, path].flatMap(lines);
    expect(docs.slice(docs.length - kept.length)).toEqual(kept);
  });

  it('appends to an existing file and counts its size toward the bound', async () => {
    const path = join(tmp.dir, 'audit.ndjson');
    writeFileSync(path, `${'x'.repeat(2040)}\n`); // 2041 bytes: one more 8-byte line crosses 2 KiB
    await ship(`file:${path}?size=2K`, ['{"a":1}']);
    expect(lines(`${path}.1`)).toEqual(['x'.repeat(2040)]);
    expect(lines(path)).toEqual(['{"a":1}']);
  });
});
