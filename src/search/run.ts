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
import { shutdownSignal } from '../runtime.js';
import { parseRecord, type AuditRecord } from '../parse/record.js';
import type { AuditEvent } from '../parse/reassemble.js';
import { type EventSelector, selectEvents } from '../pipeline/select.js';
import type { EventSink } from '../pipeline/sinks.js';
import { inputChunks, inputName } from '../pipeline/sources.js';
import { AusearchAssembler, type SearchEvent } from './assemble.js';
import { CheckpointGate, type Checkpoint, isCheckpointFile, CHECKPOINT_EXIT, saveCheckpoint, type CheckpointEvent } from './checkpoint.js';
import type { UidNamer } from './extract.js';
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
  const report = opts.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const maxReported = opts.maxReported ?? 100;
  const { matcher, range, sink } = opts;
  const hasRange = range.start !== undefined || range.end !== undefined;
  const cp = opts.checkpoint;
  const gate = cp ? new CheckpointGate(cp.loaded, cp.timeOnly) : undefined;
  let files = opts.files;

  if (cp?.loaded !== undefined && cp.rotated && !cp.timeOnly) {
    // resume in the checkpointed log file: skip the older ones
    const at = files.findIndex((f) => isCheckpointFile(f, cp.loaded!));
    if (at < 0)
      throw new TsauditError('E_CHECKPOINT', `checkpoint ${cp.file}: its log file is no longer among the logs`, {
        exitCode: CHECKPOINT_EXIT.BAD,
      });
    files = files.slice(at);
  }

  const namer = makeNamer(opts.passwdFile);
  let matched = 0;
  let records = 0;
  let bad = 0;
  let firstBad = '';
  let blocked = false;
  let stop = false;
  let lastSeen: CheckpointEvent | undefined;
  let failure: unknown;

  // the pipeline's selection stage: the selectors, then the checkpoint's resume point
  const select: EventSelector = (e) => {
    const ev = e as SearchEvent;
    if (!matcher.match(ev, namer(ev)) || (gate !== undefined && !gate.pass(ev))) return false;
    matched++;
    if (opts.justOne) stop = true;
    return true;
  };
  const target = selectEvents(sink as unknown as EventSink, select);
  const onEvent = (e: SearchEvent): void => {
    if (stop) return;
    try {
      if (!target.write(e)) blocked = true;
      if (opts.lineBuffered) sink.flush?.();
    } catch (err) {
      failure ??= err;
      stop = true;
    }
    lastSeen = { node: e.node, sec: e.sec, msec: e.msec, serial: e.serial, type: e.type };
  };
  const asm = new AusearchAssembler(onEvent, opts.eoeTimeout);

  let lastFile = '';
  for (const file of files) {
    if (stop || shutdownSignal.aborted) break;
    lastFile = file;
    const name = inputName(file);
    let lineNo = 0;
    const onLine = (line: string): void => {
      lineNo++;
      const r = parseRecord(line);
      if (r.kind !== 'record') {
        bad++;
        if (bad === 1) firstBad = `${name}:${lineNo}`;
        if (bad <= maxReported) report(`${name}:${lineNo}: ${r.reason}`);
        else if (bad === maxReported + 1) report(`tsaudit: more bad lines follow; only the first ${maxReported} are shown`);
        return;
      }
      records++;
      if (hasRange && !inTimeRange(r.sec, r.msec, range)) return;
      asm.push(r);
    };
    const splitter = new ByteLines(onLine);
    try {
      for await (const chunk of inputChunks(file, { readSize: READ_SIZE, stdin: opts.stdin })) {
        splitter.push(chunk);
        if (blocked) {
          blocked = false;
          await sink.ready();
        }
        if (stop || shutdownSignal.aborted) break;
      }
      splitter.end();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (typeof e?.code !== 'string') throw err;
      const why =
        e.code === 'ENOENT'
          ? 'no such file'
          : e.code === 'EISDIR'
            ? 'is a directory'
            : e.code === 'EACCES'
              ? 'permission denied'
              : e.code === 'Z_DATA_ERROR'
                ? `bad gzip data (${e.message})`
                : e.message;
      throw new TsauditError('E_INPUT', `cannot read ${name}: ${why}`, { exitCode: 1, context: { file: name }, cause: err });
    }
  }
  if (!stop) {
    // a checkpointing run leaves unfinished events to the next run
    if (cp) asm.endKeepingIncomplete();
    else asm.end();
  }
  if (failure !== undefined) throw failure;
  if (!shutdownSignal.aborted) await sink.end();
  if (bad > 0) report(`tsaudit: ${bad} lines were not audit records (first at ${firstBad})`);
  if (cp && lastFile !== '-' && lastFile !== '') saveCheckpoint(cp.file, lastFile, lastSeen ?? cp.loaded?.last);
  return { matched, events: asm.events, records, bad };
}

/**
 * uid -> name as ausearch's lookup_uid(): the event's ENRICHED interpretation, then root/unset/passwd.
 * One function for the whole run; `at(e)` points it at the event being matched (no allocation per event).
 */
function makeNamer(passwdFile?: string): (e: SearchEvent) => UidNamer {
  let users: IdTable | undefined;
  let interp: AuditRecord | undefined;
  const name: UidNamer = (field, uid) => {
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
    // ausearch loads the interpretations of a one-record event, or of the SYSCALL record heading an event
    const head = e.records[0]!;
    interp = head.isEnriched && (e.records.length === 1 || head.type === 1300) ? head : undefined;
    return name;
  };
}

/** Splits bytes into lines, each a latin1 string (one char per byte); the unfinished tail is kept. */
class ByteLines {
  private tail: Buffer | undefined;

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.tail !== undefined) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.tail = Buffer.concat([this.tail, chunk]);
        return;
      }
      this.onLine(Buffer.concat([this.tail, chunk.subarray(0, nl)]).toString('latin1'));
      this.tail = undefined;
      start = nl + 1;
    }
    // One latin1 string per chunk, lines sliced from it: V8 makes each line a small slice of the chunk's
    // string (allocated outside the young generation) instead of a copy, so the lines held for ausearch's
    // ordering window are not copied again by every scavenge.
    const base = start;
    const text = chunk.toString('latin1', start);
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.onLine(text.slice(start - base, nl - base));
      start = nl + 1;
    }
    if (start < chunk.length) this.tail = Buffer.from(chunk.subarray(start));
  }

  end(): void {
    if (this.tail !== undefined && this.tail.length > 0) this.onLine(this.tail.toString('latin1'));
    this.tail = undefined;
  }
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
