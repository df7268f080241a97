// `tsaudit report`: inputs -> lines -> aureport's events -> a report engine -> a sink. The bytes come from
// the pipeline's sources (files, gzip, stdin); which inputs are read is decided here, as aureport decides: -if files or directories (a directory is its rotated set
// audit.log.N … audit.log), else stdin when it is a pipe (unless --input-logs), else the system's logs
// named by auditd.conf. Events still building at the end of one input carry over into the next one; only
// the last input ends them, as aureport does with rotated logs.

import { fstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { TsauditError } from '../errors.js';
import { Output } from '../format/output.js';
import { inputChunks, readFailure } from '../pipeline/sources.js';
import { isLogDirectory, readAuditdConf as readConf, readable, rotatedSet as rotations } from '../pipeline/system-logs.js';
import { PICK_TYPE, ReportEngine, successText, typeName } from './engine.js';
import type { Items } from './extract.js';
import { Grouper, type ReportEvent } from './group.js';
import type { EscapeMode, ReportKind } from './kinds.js';
import { ObjectSink, type ReportFormat, type ReportSink, type SinkOptions, TextSink, textOf } from './sinks.js';
import { titleText } from './text.js';
import { Timeline, type TimelineSplit, timelineObjects, timelineText } from './timeline.js';

export interface ReportRunOptions {
  kind: ReportKind;
  summary?: boolean;
  failed?: boolean;
  success?: boolean;
  interpret?: boolean;
  /** -if: files or directories, in order. */
  inputs?: string[];
  /** --input-logs: the system's logs even when stdin is a pipe. */
  inputLogs?: boolean;
  /** -ts / -te as epoch seconds. */
  start?: number;
  end?: number;
  format?: ReportFormat;
  timeline?: { split?: TimelineSplit };
  /** Tests: the stdin to read, as if it were a pipe. */
  stdin?: Readable;
  output?: Output;
  /** Default /etc/audit/auditd.conf. */
  auditdConf?: string;
  passwdFile?: string;
  /** Where notes and warnings go (default stderr). */
  report?: (line: string) => void;
  /** Aborted to stop early (the process-wide shutdown signal). */
  signal?: AbortSignal;
  /** --node: only events from these nodes. */
  nodes?: string[];
  /** --eoe-timeout: seconds after which an event without its EOE is complete (default: auditd.conf's). */
  eoeTimeout?: number;
  /** --escape: how text output escapes values (default tty). */
  escape?: EscapeMode;
}

interface Source {
  /** The name aureport prints (path as given, or "stdin"). */
  name: string;
  kind: 'file' | 'stdin';
}

interface AuditdConf {
  logFile: string;
  timeout: number;
  note?: string;
}

/** auditd.conf as aureport takes it: an end_of_event_timeout of 0 stands; a missing file is said in a note. */
function readAuditdConf(file: string): AuditdConf {
  const conf = readConf(file);
  const note = conf.read ? undefined : `NOTE - using built-in logs: ${conf.logFile}`;
  return { logFile: conf.logFile, timeout: conf.eoeTimeout ?? 2, note };
}

/** A rotated set, oldest first: log.N … log.1, log (aureport's process_logs); the log alone when it cannot be read. */
export function rotatedSet(log: string): string[] {
  return readable(log) ? rotations(log) : [log];
}

function sources(o: ReportRunOptions, conf: AuditdConf, note: (l: string) => void): Source[] {
  const inputs = o.inputs ?? [];
  if (inputs.length > 0) {
    const out: Source[] = [];
    for (const p of inputs) {
      if (isLogDirectory(p, (err) => `cannot read ${p}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`)) {
        const log = `${p.endsWith('/') ? p : `${p}/`}audit.log`;
        note(`NOTE - using logs in ${log}`);
        for (const f of rotatedSet(log)) out.push({ name: f, kind: 'file' });
      } else out.push({ name: p, kind: 'file' });
    }
    return out;
  }
  if (!o.inputLogs && (o.stdin !== undefined || stdinIsPipe())) return [{ name: 'stdin', kind: 'stdin' }];
  if (conf.note) note(conf.note);
  return rotatedSet(conf.logFile).map((name) => ({ name, kind: 'file' }));
}

/** aureport tests for a FIFO; a socket counts too (what Node and systemd give a child as its stdin pipe). */
function stdinIsPipe(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

/** Splits chunks into lines (as byte ranges), keeping only a copy of the unfinished tail. */
class Lines {
  private tail: Buffer | undefined;
  constructor(private readonly onLine: (buf: Buffer, start: number, end: number) => void) {}
  push(chunk: Buffer): void {
    let from = 0;
    let nl = chunk.indexOf(10);
    if (nl < 0) {
      this.tail = this.tail ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk);
      return;
    }
    if (this.tail !== undefined) {
      const line = Buffer.concat([this.tail, chunk.subarray(0, nl)]);
      this.tail = undefined;
      this.onLine(line, 0, line.length);
      from = nl + 1;
      nl = chunk.indexOf(10, from);
    }
    while (nl >= 0) {
      this.onLine(chunk, from, nl);
      from = nl + 1;
      nl = chunk.indexOf(10, from);
    }
    if (from < chunk.length) this.tail = Buffer.from(chunk.subarray(from));
  }
  end(): void {
    if (this.tail !== undefined) this.onLine(this.tail, 0, this.tail.length);
    this.tail = undefined;
  }
}

/** An input's bytes through the pipeline's sources (gzip recognized; `-` is stdin); open errors named. */
async function* chunksOf(src: Source, stdin: Readable | undefined): AsyncGenerator<Buffer> {
  try {
    yield* inputChunks(src.kind === 'stdin' ? '-' : src.name, { readSize: 1 << 20, stdin });
  } catch (err) {
    const why = readFailure(err);
    if (why === undefined) throw err;
    throw new TsauditError('E_INPUT', `cannot read ${src.name}: ${why}`, { exitCode: 1, context: { file: src.name }, cause: err });
  }
}

function timelineKey(split: TimelineSplit | undefined, e: ReportEvent, s: Items): string {
  if (split === 'type') return typeName(e.type) ?? `UNKNOWN[${e.type}]`;
  if (split === 'result') return successText(s.success);
  if (split === 'key') {
    const k = s.key?.find((x) => x !== '(null)');
    return k === undefined ? '(no key)' : textOf(k);
  }
  return '';
}

/** What one run decided up front, shared by its parts. */
interface Run {
  o: ReportRunOptions;
  note: (line: string) => void;
  summary: boolean;
  format: ReportFormat;
  output: Output;
  sinkOpts: SinkOptions;
  timeline: Timeline | undefined;
}

/** Runs a report; returns the exit code aureport would (1 when a detailed report found nothing). */
export async function runReport(o: ReportRunOptions): Promise<number> {
  const run = planRun(o);
  await checkTitle(run);
  const sink = run.timeline ? undefined : await openSink(run);
  const engine = new ReportEngine(
    {
      kind: o.kind,
      summary: run.summary,
      failed: run.sinkOpts.failed,
      success: run.sinkOpts.success,
      interpret: o.interpret,
      passwdFile: o.passwdFile,
    },
    (row, e, s) => {
      if (run.timeline) run.timeline.add(e.sec, timelineKey(o.timeline!.split, e, s));
      else if (!sink!.row(row)) blocked.set = true;
    },
    run.timeline ? (e, s) => run.timeline!.add(e.sec, timelineKey(o.timeline!.split, e, s)) : undefined,
  );
  const blocked = { set: false };
  const range = await readInputs(run, engine, sink, blocked);
  if (run.timeline) return writeTimeline(run, run.timeline);
  return finishReport(run, engine, sink!, range);
}

function planRun(o: ReportRunOptions): Run {
  const summary = o.summary === true || o.kind === 'summary';
  const failed = o.failed === true;
  const output = o.output ?? new Output();
  return {
    o,
    note: o.report ?? ((l: string) => void process.stderr.write(`${l}\n`)),
    summary,
    format: o.format ?? 'text',
    output,
    sinkOpts: { kind: o.kind, summary, failed, success: o.success === true && !failed, output, escape: o.escape },
    timeline: o.timeline ? new Timeline() : undefined,
  };
}

/** aureport prints its title before reading input; a title it does not have is "Unimplemented option". */
async function checkTitle(run: Run): Promise<void> {
  const title = titleText(run.sinkOpts);
  if (!title.unimplemented) return;
  if (run.format === 'text' && !run.timeline) {
    run.output.ascii = true;
    run.output.write(title.text);
    await run.output.end();
  }
  throw new TsauditError('E_UNSUPPORTED', `report ${run.o.kind} has no --summary form (aureport: "Unimplemented option")`, { exitCode: 1 });
}

async function openSink(run: Run): Promise<ReportSink> {
  let sink: ReportSink;
  if (run.format === 'text') sink = new TextSink(run.sinkOpts);
  else {
    const os = new ObjectSink(run.sinkOpts, run.format);
    await os.init();
    sink = os;
  }
  sink.title();
  return sink;
}

/** The times the Summary Report's "Range of time in logs" spans. */
interface LogRange {
  first: [number, number];
  last: [number, number];
}

/** aureport's --node: only events from one of these nodes (an event without a node= prefix never matches). */
const nodeFilter = (nodes: readonly string[] | undefined) =>
  nodes === undefined || nodes.length === 0 ? undefined : (e: ReportEvent) => e.node !== undefined && nodes.includes(e.node);

/** Reads every input through the grouper into the engine; events still building at the end of one input carry over. */
async function readInputs(run: Run, engine: ReportEngine, sink: ReportSink | undefined, blocked: { set: boolean }): Promise<LogRange> {
  const { o } = run;
  const conf = readAuditdConf(o.auditdConf ?? '/etc/audit/auditd.conf');
  const srcs = sources(o, conf, run.note);
  const start = o.start ?? 0;
  const end = o.end ?? 0;
  const trackRange = o.kind === 'time' || o.kind === 'summary';
  const fromNode = nodeFilter(o.nodes);
  let fileFirst: [number, number] | undefined;
  let fileLast: [number, number] | undefined;
  let veryLast: [number, number] = [0, 0];
  const timeout = o.eoeTimeout ?? conf.timeout;
  const opts = {
    start,
    end,
    timeout,
    fold: engine.fold,
    keepHeadText: o.kind === 'tty',
    pick: PICK_TYPE[o.kind],
    keepInterp: o.interpret === true,
  };
  const grouper = new Grouper(opts, (e) => {
    if (trackRange) {
      fileFirst ??= [e.sec, e.milli];
      fileLast = [e.sec, e.milli];
    }
    if ((start === 0 || e.sec >= start) && (end === 0 || e.sec <= end) && (fromNode === undefined || fromNode(e))) engine.process(e);
  });
  for (let i = 0; i < srcs.length; i++) {
    const src = srcs[i]!;
    fileFirst = fileLast = undefined;
    const lines = new Lines((buf, from, to) => grouper.addBytes(buf, from, to));
    for await (const chunk of chunksOf(src, o.stdin)) {
      lines.push(chunk);
      if (blocked.set) {
        blocked.set = false;
        await sink!.ready();
      }
      if (o.signal?.aborted) break;
    }
    lines.end();
    if (i === srcs.length - 1) grouper.end();
    veryLast = fileLast ?? [0, 0];
    if (o.kind === 'time' && sink) sink.timeRange(src.name, fileFirst, fileLast);
    if (o.signal?.aborted) break;
  }
  if (grouper.bad > 0) run.note(`tsaudit: ${grouper.bad} lines were not audit records and were skipped`);
  return { first: [grouper.firstSec, grouper.firstMilli], last: veryLast };
}

async function writeTimeline(run: Run, timeline: Timeline): Promise<number> {
  const split = run.o.timeline!.split;
  if (run.format === 'text' || run.format === 'table') {
    run.output.ascii = false;
    run.output.write(timelineText(timeline, split));
    await run.output.end();
    return 0;
  }
  const os = new ObjectSink(run.sinkOpts, run.format);
  await os.init();
  for (const b of timelineObjects(timeline, split)) {
    const { by, ...row } = b as { by?: Record<string, number> } & Record<string, string | number>;
    // CSV has one header: a split timeline comes out long, one line per bucket and key
    if (run.format === 'csv' && by !== undefined)
      for (const [key, count] of Object.entries(by)) os.emit({ ...row, key: textOf(key), count });
    else os.emit(b as Record<string, string | number | null>);
  }
  await os.end();
  return 0;
}

/** After the last event: "no events", the --summary list, or the Summary Report's counters. */
async function finishReport(run: Run, engine: ReportEngine, sink: ReportSink, range: LogRange): Promise<number> {
  const { o } = run;
  let code = 0;
  if (!engine.found && !run.summary && o.kind !== 'time') {
    sink.noEvents();
    code = 1;
  } else if (run.summary) {
    if (o.kind === 'summary') sink.counters(engine.counters(range, { start: o.start || undefined, end: o.end || undefined }));
    else sink.summaryList(engine.summaryList());
  }
  await sink.end();
  return code;
}
