// `--spool DIR`: an on-disk queue between the pipeline and one output, so that a store that is down or slow
// never holds the reader back (stream keeps draining netlink) and nothing is lost across a restart.
//
// Every batch is appended to the spool before it is sent (NDJSON segment files DIR/NAME/0000000001.ndjson,
// ...); the output reads from the acknowledged position, and `ack` (a small file replaced atomically) moves
// on only after the output has taken a batch. A restart replays from there: delivery is at least once, and
// only the batch in flight at a crash can arrive twice. When the spool outgrows its bound, whole segments
// are dropped oldest first; the caller reports the count (stderr and a TSAUDIT_LOSS document).

import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DocBatch } from './batch.js';

export interface SpoolPosition {
  seg: number;
  off: number;
}

export interface SpoolOptions {
  /** Most bytes kept on disk for this output (default 256 MiB). */
  maxBytes?: number;
  /** A new segment file is started past this size (default 4 MiB). */
  segmentBytes?: number;
}

const segName = (n: number) => `${String(n).padStart(10, '0')}.ndjson`;
const READ_CHUNK = 1 << 20;

/** The spool directory of one output inside DIR: its URL with unsafe characters replaced. */
export function spoolName(url: string): string {
  return url.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);
}

export class Spool {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #segmentBytes: number;
  /** Segment numbers on disk with their sizes, oldest first. */
  readonly #segs = new Map<number, number>();
  #ack: SpoolPosition;
  #writeSeg: number;
  #bytes = 0;

  private constructor(dir: string, opts: SpoolOptions) {
    this.#dir = dir;
    this.#maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
    this.#segmentBytes = Math.min(opts.segmentBytes ?? 4 * 1024 * 1024, this.#maxBytes);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const sorted = readdirSync(dir)
      .map((f) => /^(\d{10})\.ndjson$/.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const n of sorted) {
      const size = statSync(join(dir, segName(n))).size;
      this.#segs.set(n, size);
      this.#bytes += size;
    }
    let ack: SpoolPosition = { seg: sorted[0] ?? 1, off: 0 };
    try {
      const saved = JSON.parse(readFileSync(join(dir, 'ack'), 'utf8')) as SpoolPosition;
      if (Number.isInteger(saved.seg) && Number.isInteger(saved.off)) ack = saved;
    } catch {
      // no acknowledgement yet: everything on disk is pending
    }
    if (sorted.length && ack.seg < sorted[0]!) ack = { seg: sorted[0]!, off: 0 };
    this.#ack = ack;
    this.#writeSeg = sorted.at(-1) ?? ack.seg;
  }

  static open(dir: string, opts: SpoolOptions = {}): Spool {
    return new Spool(dir, opts);
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** True when nothing on disk waits for the output. */
  get empty(): boolean {
    const last = this.#writeSeg;
    return this.#ack.seg > last || (this.#ack.seg === last && this.#ack.off >= (this.#segs.get(last) ?? 0));
  }

  /**
   * Appends documents (no newlines inside). Returns how many pending documents were dropped, oldest first,
   * to stay within the bound.
   */
  async append(docs: readonly string[] | DocBatch): Promise<number> {
    const text = DocBatch.from(docs).bytes;
    const n = text.length;
    const size = this.#segs.get(this.#writeSeg) ?? 0;
    if (size > 0 && size + n > this.#segmentBytes) this.#writeSeg++;
    await appendDurably(join(this.#dir, segName(this.#writeSeg)), text);
    this.#segs.set(this.#writeSeg, (this.#segs.get(this.#writeSeg) ?? 0) + n);
    this.#bytes += n;
    let dropped = 0;
    while (this.#bytes > this.#maxBytes && this.#segs.size > 1) dropped += await this.#dropOldest();
    return dropped;
  }

  async #dropOldest(): Promise<number> {
    const [seg, size] = this.#segs.entries().next().value as [number, number];
    let pending = 0;
    if (seg >= this.#ack.seg) {
      const text = await readFileFrom(join(this.#dir, segName(seg)), seg === this.#ack.seg ? this.#ack.off : 0);
      for (let i = text.indexOf(10); i >= 0; i = text.indexOf(10, i + 1)) pending++;
    }
    // forgotten before its file goes: a reader that then finds no file knows the segment was dropped
    this.#segs.delete(seg);
    this.#bytes -= size;
    const ackMoves = this.#ack.seg <= seg;
    if (ackMoves) this.#ack = { seg: seg + 1, off: 0 };
    await rm(join(this.#dir, segName(seg)), { force: true });
    if (ackMoves) await this.#saveAck();
    return pending;
  }

  /** Up to `max` documents (about `maxBytes`) from the acknowledged position, and where they end. */
  async next(max: number, maxBytes = READ_CHUNK): Promise<{ docs: string[]; end: SpoolPosition } | undefined> {
    const r = await this.nextBatch(max, maxBytes);
    return r && { docs: r.docs.texts(), end: r.end };
  }

  /** As next(), the documents as the bytes they are on disk. */
  async nextBatch(max: number, maxBytes = READ_CHUNK): Promise<{ docs: DocBatch; end: SpoolPosition } | undefined> {
    let { seg, off } = this.#ack;
    let size: number | undefined;
    for (;;) {
      size = this.#segs.get(seg);
      if (size === undefined) return undefined;
      if (off < size) break;
      if (seg >= this.#writeSeg) return undefined;
      seg++;
      off = 0;
    }
    let fh;
    try {
      fh = await open(join(this.#dir, segName(seg)), 'r');
    } catch (err) {
      // An append past the bound dropped this segment while we were opening it: read on from the new start.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !this.#segs.has(seg)) return this.nextBatch(max, maxBytes);
      throw err;
    }
    try {
      // A fresh buffer per batch: the batch is a view of it until the output has taken it.
      const buf = Buffer.allocUnsafeSlow(Math.min(Math.max(maxBytes, 64 * 1024), size - off));
      const { bytesRead } = await fh.read(buf, 0, buf.length, off);
      const ends: number[] = [];
      let last = -1;
      for (let nl = buf.indexOf(10); nl >= 0 && nl < bytesRead && ends.length < max; nl = buf.indexOf(10, nl + 1)) {
        ends.push(nl);
        last = nl;
      }
      if (ends.length > 0) return { docs: DocBatch.of(buf.subarray(0, last + 1), ends), end: { seg, off: off + last + 1 } };
      // One document longer than the buffer: read it whole.
      const whole = await readFileFrom(join(this.#dir, segName(seg)), off);
      const i = whole.indexOf(10);
      if (i < 0) return undefined;
      return { docs: DocBatch.of(whole.subarray(0, i + 1), [i]), end: { seg, off: off + i + 1 } };
    } finally {
      await fh.close();
    }
  }

  /** The output took everything before `pos`: remember it, and remove segments wholly taken. */
  async ack(pos: SpoolPosition): Promise<void> {
    if (pos.seg < this.#ack.seg || (pos.seg === this.#ack.seg && pos.off <= this.#ack.off)) return; // dropped meanwhile
    this.#ack = pos;
    await this.#saveAck();
    for (const [seg, size] of this.#segs) {
      if (seg >= pos.seg || seg === this.#writeSeg) break;
      await rm(join(this.#dir, segName(seg)), { force: true });
      this.#segs.delete(seg);
      this.#bytes -= size;
    }
  }

  async #saveAck(): Promise<void> {
    const tmp = join(this.#dir, 'ack.tmp');
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(this.#ack));
      // an ack that a crash can lose only repeats a batch; one that runs ahead of the data would skip events,
      // so it reaches the disk before it replaces the old one
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.#dir, 'ack'));
  }
}

/** Appends and fdatasyncs: a batch counts as spooled (and a follower's registry moves past it) only once it
 * is on the disk, so a crash or power loss after that cannot lose it. A new segment's directory entry is
 * synced too. */
async function appendDurably(path: string, text: Buffer): Promise<void> {
  const fh = await open(path, 'a', 0o600);
  let created = false;
  try {
    created = (await fh.stat()).size === 0;
    await fh.appendFile(text);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  if (created) await syncDir(dirname(path));
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function readFileFrom(path: string, off: number): Promise<Buffer> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, size - off));
    await fh.read(buf, 0, buf.length, off);
    return buf;
  } finally {
    await fh.close();
  }
}
