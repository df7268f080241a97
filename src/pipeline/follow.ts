// `parse --follow`: tail auditd's log as auditd writes and rotates it, the agent mode beside a running auditd.
// Only whole lines are parsed (a partly written last line waits for its newline); events are assembled across
// reads and complete by the assembler's rules or after a second without records. A rename rotation (auditd's
// audit.log -> audit.log.1 and a new audit.log) is seen by the path's device+inode changing: the old file is
// read to its end first. A file that shrinks below the read position was truncated and is read from 0.
//
// The registry (a small JSON file, replaced atomically and fsynced) holds the file's identity (device, inode,
// a hash of its first line) and the offset up to which every event has been taken by the sink for good
// (`delivered()`: acknowledged, or written to the spool), so a restart resumes there, as Filebeat's registry
// does. While events are open, the offset is where the oldest open one starts: a crash repeats at most those
// events (at least once); a stop by SIGTERM/SIGINT completes them, ends the sink and saves the exact end.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { type FileHandle, open, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { TsauditError } from '../errors.js';
import { type AuditEvent, EventAssembler } from '../parse/reassemble.js';
import { RecordReader } from './records.js';
import type { EventSink } from './sinks.js';

export interface FollowOptions {
  /** The log to follow (auditd.conf's log_file by default; the caller resolves it). */
  path: string;
  /** The registry file. */
  registry: string;
  sink: EventSink;
  /** Events the sink has taken for good so far; default: every event written (stdout). */
  delivered?: () => number;
  /** Aborted: stop reading, complete open events, end the sink, save the registry. */
  signal: AbortSignal;
  pollMs?: number;
  /** Wall-clock ms without a record after which an open event completes (default 1000). */
  idleMs?: number;
  readSize?: number;
  report?: (line: string) => void;
}

export interface FollowResult {
  events: number;
  bad: number;
  /** Where the registry says the next run starts. */
  saved: RegistryEntry | undefined;
}

export interface RegistryEntry {
  path: string;
  dev: number;
  ino: number;
  offset: number;
  /** sha256 of the file's first line (empty while the file has none): tells a reused inode apart. */
  head: string;
}

interface Checkpoint {
  entry: RegistryEntry;
  /** Events written when this offset was reached. */
  written: number;
}

const HEAD_BYTES = 4096;

/** The hash of a file's first line ('' when no whole line is there yet). */
async function headHash(fh: FileHandle): Promise<string> {
  const buf = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
  const nl = buf.subarray(0, bytesRead).indexOf(10);
  const line = nl < 0 ? (bytesRead === HEAD_BYTES ? buf : undefined) : buf.subarray(0, nl);
  return line ? createHash('sha256').update(line).digest('hex') : '';
}

/** The saved position; undefined on a first run (no registry yet). */
export function readRegistry(file: string): RegistryEntry | undefined {
  if (!existsSync(file)) return undefined;
  const bad = (why: string) => new TsauditError('E_REGISTRY', `registry ${file} ${why}`, { context: { file } });
  let entry: RegistryEntry;
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as RegistryEntry;
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code ? bad(`cannot be read: ${(err as Error).message}`) : bad(NOT_REGISTRY);
  }
  const valid =
    typeof entry?.path === 'string' && [entry.dev, entry.ino, entry.offset].every(Number.isSafeInteger) && typeof entry.head === 'string';
  if (!valid) throw bad(NOT_REGISTRY);
  return entry;
}

const NOT_REGISTRY = 'is not a tsaudit registry (remove it to start over)';

/** Replaces the registry atomically, and fsyncs it so a crash right after cannot lose the position. */
export async function writeRegistry(file: string, entry: RegistryEntry): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(entry)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/** auditd's rotations of `path` (path.1, path.2, ...), newest first. */
function rotations(path: string): string[] {
  const base = basename(path);
  let names: string[] = [];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)$`);
  return names
    .map((n) => re.exec(n))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b)
    .map((n) => `${path}.${n}`);
}

/** Where to start: the files to read in order, the first from `offset`, the last being the followed log. */
async function resumePlan(
  path: string,
  saved: RegistryEntry | undefined,
  report: (l: string) => void,
): Promise<{ files: string[]; offset: number }> {
  const fresh = { files: [path], offset: 0 };
  if (!saved) return fresh;
  const same = async (file: string): Promise<boolean> => {
    try {
      const st = await stat(file);
      if (st.dev !== saved.dev || st.ino !== saved.ino || st.size < saved.offset) return false;
      const fh = await open(file, 'r');
      try {
        return (await headHash(fh)) === saved.head;
      } finally {
        await fh.close();
      }
    } catch {
      return false;
    }
  };
  if (await same(path)) return { files: [path], offset: saved.offset };
  // rotated while we were stopped: the rest of the old file, then every newer one
  const rotated = rotations(path);
  for (let i = 0; i < rotated.length; i++) {
    if (await same(rotated[i]!)) return { files: [...rotated.slice(0, i + 1).reverse(), path], offset: saved.offset };
  }
  report(`tsaudit: ${path}: the file the registry remembers is gone (rotated away or truncated); reading from the start`);
  return fresh;
}

/** Follows one log until `signal` aborts. */
export async function followLog(opts: FollowOptions): Promise<FollowResult> {
  const report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const f = new Follower(opts, report);
  return f.run(await resumePlan(opts.path, readRegistry(opts.registry), report));
}

class Follower {
  readonly #o: FollowOptions;
  readonly #report: (l: string) => void;
  readonly #asm: EventAssembler;
  readonly #records: RecordReader;
  readonly #buf: Buffer;
  #fh: FileHandle | undefined;
  #dev = 0;
  #ino = 0;
  #head = '';
  /** Offset after the last whole line parsed. */
  #offset = 0;
  /** Bytes read after #offset: the start of a line not yet complete. */
  #tail: Buffer = Buffer.alloc(0);
  #lineStart = 0;
  /** Where each open event's first line starts, by serial. */
  readonly #openAt = new Map<number, number>();
  #written = 0;
  #blocked = false;
  #pending: Checkpoint[] = [];
  #saved: RegistryEntry | undefined;

  constructor(o: FollowOptions, report: (l: string) => void) {
    this.#o = o;
    this.#report = report;
    this.#buf = Buffer.allocUnsafe(o.readSize ?? 1 << 20);
    this.#asm = new EventAssembler((e) => this.#emit(e), { idleMs: o.idleMs ?? 1000 });
    this.#records = new RecordReader(
      (r) => {
        if (!this.#openAt.has(r.serial)) this.#openAt.set(r.serial, this.#lineStart);
        this.#asm.push(r);
      },
      report,
      1000,
      () => this.#asm.boundary(),
    );
  }

  #emit(e: AuditEvent): void {
    this.#openAt.delete(e.serial);
    this.#written++;
    if (!this.#o.sink.write(e)) this.#blocked = true;
  }

  async run(plan: { files: string[]; offset: number }): Promise<FollowResult> {
    const queue = [...plan.files];
    await this.#open(queue.shift()!, plan.offset);
    const signal = this.#o.signal;
    try {
      while (!signal.aborted) {
        if (await this.#readMore()) continue;
        this.#caughtUp();
        await this.#settle();
        const next = queue.shift() ?? (await this.#rotatedOrTruncated());
        if (next !== undefined) {
          await this.#switchTo(next);
          continue;
        }
        await sleep(this.#o.pollMs ?? 250, signal);
      }
      await this.#stop();
    } finally {
      await this.#fh?.close().catch(() => undefined);
    }
    return { events: this.#written, bad: this.#records.counts.bad, saved: this.#saved };
  }

  async #open(path: string, offset: number): Promise<void> {
    await this.#fh?.close().catch(() => undefined);
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      throw new TsauditError('E_INPUT', `cannot follow ${path}: ${(err as Error).message}`, { context: { file: path }, cause: err });
    }
    const st = await fh.stat();
    this.#fh = fh;
    this.#dev = st.dev;
    this.#ino = st.ino;
    this.#head = await headHash(fh);
    this.#offset = offset;
    this.#tail = Buffer.alloc(0);
    this.#records.begin(path);
  }

  /** Reads and parses what is there; false when nothing was. */
  async #readMore(): Promise<boolean> {
    const fh = this.#fh!;
    const { bytesRead } = await fh.read(this.#buf, 0, this.#buf.length, this.#offset + this.#tail.length);
    if (bytesRead === 0) return false;
    const chunk = this.#tail.length ? Buffer.concat([this.#tail, this.#buf.subarray(0, bytesRead)]) : this.#buf.subarray(0, bytesRead);
    const last = chunk.lastIndexOf(10);
    // only whole lines: the rest waits for its newline (copied, as the read buffer is reused)
    this.#tail = Buffer.from(chunk.subarray(last + 1));
    if (last >= 0) this.#parseLines(chunk.subarray(0, last + 1));
    if (this.#head === '' && this.#offset > 0) this.#head = await headHash(fh);
    if (this.#blocked) {
      this.#blocked = false;
      await this.#o.sink.ready();
    }
    return true;
  }

  /** Whole lines, one at a time, so each record's event knows the offset it starts at. */
  #parseLines(lines: Buffer): void {
    let from = 0;
    while (from < lines.length) {
      const nl = lines.indexOf(10, from);
      this.#lineStart = this.#offset + from;
      this.#records.push(lines.subarray(from, nl + 1));
      from = nl + 1;
    }
    this.#offset += lines.length;
  }

  /** Nothing more to read for now: let out events that wait only for more input, note a checkpoint. */
  #caughtUp(): void {
    // a line auditd is still writing most likely belongs to an open event: it waits for it
    if (this.#tail.length === 0) {
      this.#asm.expire();
      this.#asm.release();
    }
    this.#o.sink.flush?.();
    let at = this.#offset;
    for (const start of this.#openAt.values()) at = Math.min(at, start);
    const entry = { path: this.#o.path, dev: this.#dev, ino: this.#ino, offset: at, head: this.#head };
    const last = this.#pending.at(-1)?.entry ?? this.#saved;
    if (last && last.ino === entry.ino && last.dev === entry.dev && last.offset === entry.offset) return;
    this.#pending.push({ entry, written: this.#written });
  }

  /** Saves the newest checkpoint whose events the sink has all taken. */
  async #settle(): Promise<void> {
    const delivered = this.#o.delivered?.() ?? this.#written;
    let ready: Checkpoint | undefined;
    while (this.#pending.length > 0 && this.#pending[0]!.written <= delivered) ready = this.#pending.shift();
    if (!ready) return;
    await writeRegistry(this.#o.registry, ready.entry);
    this.#saved = ready.entry;
  }

  /** The next file when the log was rotated; the same file from 0 when it was truncated. */
  async #rotatedOrTruncated(): Promise<string | undefined> {
    let st;
    try {
      st = await stat(this.#o.path);
    } catch {
      return undefined; // between auditd's rename and its new file
    }
    if (st.dev !== this.#dev || st.ino !== this.#ino) {
      // auditd may have written to the old file between our last read and its rename
      while (await this.#readMore());
      return this.#o.path;
    }
    if (st.size < this.#offset + this.#tail.length) {
      this.#report(`tsaudit: ${this.#o.path} was truncated; reading it from the start`);
      this.#tail = Buffer.alloc(0); // those bytes are gone with the rest
      return this.#o.path;
    }
    return undefined;
  }

  async #switchTo(path: string): Promise<void> {
    // events do not continue across files: what is open completes before the next file
    this.#finishFile();
    await this.#open(path, 0);
  }

  #finishFile(): void {
    if (this.#tail.length > 0) {
      // a last line without a newline in a file auditd has left: it is a line all the same
      this.#lineStart = this.#offset;
      this.#records.push(this.#tail);
      this.#offset += this.#tail.length;
      this.#tail = Buffer.alloc(0);
    }
    this.#records.endInput();
    this.#asm.flush();
  }

  /** SIGTERM/SIGINT: open events complete, the sink delivers (or spools), the registry gets the end. */
  async #stop(): Promise<void> {
    this.#asm.flush();
    this.#openAt.clear();
    this.#records.endInput();
    this.#caughtUp();
    await this.#o.sink.end();
    await this.#settle();
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
