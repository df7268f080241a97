// `tsaudit search`: logs -> lines -> records (outside -ts/-te dropped) -> events in ausearch's order ->
// selection -> output. Selection runs on the raw records, before any interpretation or serialization,
// so a selective query does no work for the events it drops.
//
// Lines are byte strings (latin1: one char per byte) until an output needs text: --raw and the default
// output then write the very bytes read, whatever their encoding, and selectors compare bytes as
// ausearch does. JSON, YAML and the normalized output decode the selected records as UTF-8 first.

import type { Readable } from 'node:stream';
import { TsauditError } from '../errors.js';
import { readIdTable, type IdTable } from '../ids.js';
import { parseRecord, type AuditRecord } from '../parse/record.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { selectEvents } from '../pipeline/select.js';
import type { EventSink } from '../pipeline/sinks.js';
import { inputChunks, inputName } from '../pipeline/sources.js';
import { AusearchAssembler, type HeldEvent, LazyRecord, type SearchEvent } from './assemble.js';
import { type Block, BlockLines, BlockPool } from './blocks.js';
import { header, readHeader } from './header.js';
import { CheckpointGate, type Checkpoint, isCheckpointFile, CHECKPOINT_EXIT, saveCheckpoint, type CheckpointEvent } from './checkpoint.js';
import type { RawRecord, UidNamer } from './extract.js';
import { Matcher } from './match.js';
import { inTimeRange, type TimeRange } from './time.js';

/** Where selected events go (the pipeline's sink; search's events carry their first record's type too). */
export type SearchSink = Omit<EventSink, 'write'> & { write(event: SearchEvent): boolean };

export interface SearchOptions {
  /** Inputs in reading order; '-' is stdin. */
  files: string[];
  matcher: Matcher;
  range: TimeRange;
  sink: SearchSink;
  /** ausearch's end_of_event_timeout (seconds). */
  eoeTimeout: number;
  justOne?: boolean;
  lineBuffered?: boolean;
  checkpoint?: {
    file: string;
    loaded: Checkpoint | undefined;
    /** `-ts checkpoint`: resume by time only */
    timeOnly: boolean;
    /** The inputs are a rotated log set (resume in the checkpoint's file) rather than named files. */
    rotated: boolean;
  };
  /** Input for '-' (default process.stdin). */
  stdin?: Readable;
  /** Bad-line reports (default: stderr). */
  report?: (line: string) => void;
  /** Most bad lines reported one by one. Default 100. */
  maxReported?: number;
  passwdFile?: string;
  /** Aborted to stop reading early (the process-wide shutdown signal). */
  signal?: AbortSignal;
}

export interface SearchResult {
  /** Events selected and written. */
  matched: number;
  events: number;
  records: number;
  bad: number;
}

const READ_SIZE = 1 << 20;

/** Runs a search. Throws TsauditError for unreadable inputs and checkpoint failures (exit 10/11/12). */
export async function runSearch(opts: SearchOptions): Promise<SearchResult> {
  const run = new SearchRun(opts);
  for (const file of resumedFiles(opts)) {
    if (run.stopped) break;
    await run.read(file);
  }
  return run.finish();
}

/** The inputs to read: with a checkpoint of a rotated set, from the checkpointed log file on. */
function resumedFiles(opts: SearchOptions): string[] {
  const cp = opts.checkpoint;
  if (cp?.loaded === undefined || !cp.rotated || cp.timeOnly) return opts.files;
  const at = opts.files.findIndex((f) => isCheckpointFile(f, cp.loaded!));
  if (at < 0)
    throw new TsauditError('E_CHECKPOINT', `checkpoint ${cp.file}: its log file is no longer among the logs`, {
      exitCode: CHECKPOINT_EXIT.BAD,
    });
  return opts.files.slice(at);
}

/** One search's state: lines -> headers -> ausearch's events -> selection -> sink. */
class SearchRun {
  private readonly report: (line: string) => void;
  private readonly maxReported: number;
  private readonly hasRange: boolean;
  private readonly gate: CheckpointGate | undefined;
  private readonly namer: (e: HeldEvent) => UidNamer;
  private readonly target: EventSink;
  private readonly asm: AusearchAssembler;
  private readonly pool = new BlockPool();
  /** The event as the matcher sees it (reused). */
  private readonly view: { serial: number; node: string | undefined; records: RawRecord[] } = { serial: 0, node: undefined, records: [] };
  /** Reused views of the records of the event being matched. */
  private readonly lazy: LazyRecord[] = [];
  private matched = 0;
  private records = 0;
  private bad = 0;
  private firstBad = '';
  private blocked = false;
  private stop = false;
  /** The last event handed out (for the checkpoint). */
  private lastSeen: HeldEvent | undefined;
  private lastFile = '';
  private failure: unknown;
  private name = '';
  private lineNo = 0;

  constructor(private readonly opts: SearchOptions) {
    this.report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
    this.maxReported = opts.maxReported ?? 100;
    this.hasRange = opts.range.start !== undefined || opts.range.end !== undefined;
    const cp = opts.checkpoint;
    this.gate = cp ? new CheckpointGate(cp.loaded, cp.timeOnly) : undefined;
    this.namer = makeNamer(opts.passwdFile);
    // the pipeline's selection stage: the selectors, then the checkpoint's resume point
    this.target = selectEvents(opts.sink as unknown as EventSink, (e) => this.select(e as unknown as HeldEvent));
    this.asm = new AusearchAssembler(
      (e) => this.onEvent(e),
      opts.eoeTimeout,
      (b) => this.pool.release(b),
    );
  }

  get stopped(): boolean {
    return this.stop || this.opts.signal?.aborted === true;
  }

  private select(e: HeldEvent): boolean {
    const matcher = this.opts.matcher;
    if (!matcher.mayMatch(e)) return false;
    const v = this.view;
    v.serial = e.serial;
    v.node = e.node;
    v.records.length = 0;
    const lazy = this.lazy;
    for (let i = 0; i < e.size; i++) v.records.push(e.raw(i, lazy[i] ?? (lazy[i] = new LazyRecord())));
    const ok = matcher.match(v, this.namer(e), true) && (this.gate === undefined || this.gate.pass(e));
    v.records.length = 0;
    if (!ok) return false;
    this.matched++;
    if (this.opts.justOne) this.stop = true;
    return true;
  }

  private onEvent(e: HeldEvent): void {
    if (this.stop) return;
    try {
      if (!this.target.write(e as unknown as AuditEvent)) this.blocked = true;
      if (this.opts.lineBuffered) this.opts.sink.flush?.();
    } catch (err) {
      this.failure ??= err;
      this.stop = true;
    }
    this.lastSeen = e;
  }

  /** One line: its header read from the bytes (parseRecord for any other shape), then to the assembler. */
  private onLine(block: Block, start: number, end: number): void {
    this.lineNo++;
    if (readHeader(block.buf, start, end)) {
      this.records++;
      const h = header;
      if (this.hasRange && !inTimeRange(h.sec, h.msec, this.opts.range)) return;
      this.asm.add(block, start, end, h.type, h.node, h.sec, h.msec, h.serial);
      return;
    }
    const r = parseRecord(block.buf.toString('latin1', start, end));
    if (r.kind !== 'record') return this.badLine(r.reason);
    this.records++;
    if (this.hasRange && !inTimeRange(r.sec, r.msec, this.opts.range)) return;
    this.asm.push(r);
  }

  private badLine(reason: string): void {
    const { bad, maxReported } = this;
    this.bad = bad + 1;
    if (bad === 0) this.firstBad = `${this.name}:${this.lineNo}`;
    if (bad < maxReported) this.report(`${this.name}:${this.lineNo}: ${reason}`);
    else if (bad === maxReported) this.report(`tsaudit: more bad lines follow; only the first ${maxReported} are shown`);
  }

  /** Reads one input to its end (or until the search stops). */
  async read(file: string): Promise<void> {
    this.lastFile = file;
    this.name = inputName(file);
    this.lineNo = 0;
    const splitter = new BlockLines(this.pool, (b, s, e) => this.onLine(b, s, e));
    try {
      for await (const chunk of inputChunks(file, { readSize: READ_SIZE, stdin: this.opts.stdin })) {
        splitter.push(chunk);
        if (this.blocked) {
          this.blocked = false;
          await this.opts.sink.ready();
        }
        if (this.stopped) break;
      }
      splitter.end();
    } catch (err) {
      throw inputError(err, this.name);
    }
  }

  /** End of input: the last events out, the sink ended, the checkpoint saved. */
  async finish(): Promise<SearchResult> {
    const cp = this.opts.checkpoint;
    if (!this.stop) {
      // a checkpointing run leaves unfinished events to the next run
      if (cp) this.asm.endKeepingIncomplete();
      else this.asm.end();
    }
    if (this.failure !== undefined) throw this.failure;
    if (this.opts.signal?.aborted !== true) await this.opts.sink.end();
    if (this.bad > 0) this.report(`tsaudit: ${this.bad} lines were not audit records (first at ${this.firstBad})`);
    if (cp && this.lastFile !== '-' && this.lastFile !== '') saveCheckpoint(cp.file, this.lastFile, this.lastEvent() ?? cp.loaded?.last);
    return { matched: this.matched, events: this.asm.events, records: this.records, bad: this.bad };
  }

  private lastEvent(): CheckpointEvent | undefined {
    const e = this.lastSeen;
    return e && { node: e.node, sec: e.sec, msec: e.msec, serial: e.serial, type: e.type };
  }
}

/** A read failure as a one-line error naming the input (anything else is a bug and goes on as it is). */
function inputError(err: unknown, name: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string') return err;
  const why: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied' };
  const text = e.code === 'Z_DATA_ERROR' ? `bad gzip data (${e.message})` : (why[e.code] ?? e.message);
  return new TsauditError('E_INPUT', `cannot read ${name}: ${text}`, { exitCode: 1, context: { file: name }, cause: err });
}

/**
 * uid -> name as ausearch's lookup_uid(): the event's ENRICHED interpretation, then root/unset/passwd.
 * One function for the whole run; `namer(e)` points it at the event being matched (no allocation per
 * event), and the event's first record is parsed only if a name is asked for.
 */
function makeNamer(passwdFile?: string): (e: HeldEvent) => UidNamer {
  let users: IdTable | undefined;
  let event: HeldEvent | undefined;
  let interpOf: HeldEvent | undefined;
  let interp: AuditRecord | undefined;
  const name: UidNamer = (field, uid) => {
    if (interpOf !== event) {
      interpOf = event;
      // ausearch loads the interpretations of a one-record event, or of the SYSCALL record heading an event
      const head = event!.size === 1 || event!.typeAt(0) === 1300 ? event!.records[0]! : undefined;
      interp = head?.isEnriched ? head : undefined;
    }
    if (interp !== undefined) {
      const v = interp.enriched()[field.toUpperCase()];
      if (v !== undefined) return v;
    }
    if (uid === 0) return 'root';
    if (uid === 0xffffffff) return 'unset';
    users ??= readIdTable(passwdFile ?? '/etc/passwd');
    return users.byId.get(uid) ?? null;
  };
  return (e) => {
    event = e;
    return name;
  };
}

/** The event as parse's types see it, its lines decoded as UTF-8 (for JSON, YAML and normalization). */
export function decodedEvent(e: SearchEvent): AuditEvent {
  const records: AuditRecord[] = e.records.map((r) => {
    if (!/[\x80-\xff]/.test(r.line)) return r;
    const d = parseRecord(Buffer.from(r.line, 'latin1').toString('utf8'));
    return d.kind === 'record' ? d : r;
  });
  return { node: e.node, sec: e.sec, msec: e.msec, serial: e.serial, records };
}
