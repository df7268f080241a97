// A batch of documents as NDJSON bytes (each document followed by "\n") with where each one ends. Documents
// become bytes as soon as they are written: a string held until its output acknowledges it outlives a few
// young-generation collections and is copied into the old one; bytes live outside the JS heap. Every output takes the same bytes: the
// spool appends them as they are, the file output writes them, Redis and syslog frame views of them.

export class DocBatch {
  private constructor(
    /** NDJSON: every document followed by a newline. */
    readonly bytes: Buffer,
    /** Where document i ends (its newline's offset). */
    private readonly ends: readonly number[],
    /** The whole buffer `bytes` is the start of, when a BatchBuilder may reuse it. */
    readonly owner?: Buffer,
  ) {}

  static of(bytes: Buffer, ends: readonly number[], owner?: Buffer): DocBatch {
    return new DocBatch(bytes, ends, owner);
  }

  /** Documents given as strings (tests, the spool's string API). */
  static from(docs: readonly string[] | DocBatch): DocBatch {
    if (docs instanceof DocBatch) return docs;
    const b = new BatchBuilder(0);
    for (const d of docs) b.add(d);
    return b.take()!;
  }

  get length(): number {
    return this.ends.length;
  }

  /** Offset of document i's first byte. */
  start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]! + 1;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  /** Document i's bytes (a view, no copy). */
  doc(i: number): Buffer {
    return this.bytes.subarray(this.start(i), this.ends[i]);
  }

  text(i: number): string {
    return this.bytes.toString('utf8', this.start(i), this.ends[i]);
  }

  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.ends.length; i++) out.push(this.text(i));
    return out;
  }
}

const SLACK = 256 * 1024;
const MAX_FREE = 8;

/** Collects documents into the bytes of one batch; `take()` hands the batch over and starts the next. */
export class BatchBuilder {
  /** Buffers of batches every output is done with (recycle()): a fresh one per batch is memory outside the
   * heap that V8 counts, and enough of it starts a full collection. */
  readonly #free: Buffer[] = [];
  #buf: Buffer;
  #off = 0;
  #ends: number[] = [];

  /** `capacity`: bytes a batch is expected to fill; room for one more large document is added, and a
   * still larger one makes the buffer grow. */
  constructor(capacity: number) {
    this.capacity = Math.max(capacity, 1024) + SLACK;
    this.#buf = Buffer.allocUnsafeSlow(this.capacity);
  }

  private readonly capacity: number;

  get docs(): number {
    return this.#ends.length;
  }

  get bytes(): number {
    return this.#off;
  }

  /** One document: UTF-8 bytes (copied), or text (a string is encoded as UTF-8). */
  add(doc: string | Uint8Array): void {
    if (typeof doc === 'string') this.#addText(doc);
    else {
      if (doc.length + 1 > this.#buf.length - this.#off) this.#grow(doc.length + 1);
      this.#buf.set(doc, this.#off);
      this.#off += doc.length;
    }
    this.#ends.push(this.#off);
    this.#buf[this.#off++] = 10;
  }

  #addText(doc: string): void {
    // utf8 takes at most 3 bytes per UTF-16 unit; most documents are ASCII and take one.
    const room = this.#buf.length - this.#off;
    if (doc.length * 3 + 1 > room && Buffer.byteLength(doc) + 1 > room) this.#grow(Buffer.byteLength(doc) + 1);
    this.#off += this.#buf.write(doc, this.#off, 'utf8');
  }

  #grow(need: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(this.#buf.length * 2, this.#off + need));
    this.#buf.copy(next, 0, 0, this.#off);
    this.#buf = next;
  }

  /** The batch so far (undefined when empty); the builder starts a new one. */
  take(): DocBatch | undefined {
    if (this.#ends.length === 0) return undefined;
    const batch = DocBatch.of(this.#buf.subarray(0, this.#off), this.#ends, this.#buf.length === this.capacity ? this.#buf : undefined);
    this.#buf = this.#free.pop() ?? Buffer.allocUnsafeSlow(this.capacity);
    this.#off = 0;
    this.#ends = [];
    return batch;
  }

  /** A batch taken from this builder that nothing reads any more: its buffer is used again. */
  recycle(batch: DocBatch): void {
    if (batch.owner && this.#free.length < MAX_FREE) this.#free.push(batch.owner);
  }
}
