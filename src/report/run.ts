// `tsaudit report`: inputs -> lines -> aureport's events -> a report engine -> a sink. The bytes come from
// the pipeline's sources (files, gzip, stdin); which inputs are read is decided here, as aureport decides: -if files or directories (a directory is its rotated set
// audit.log.N … audit.log), else stdin when it is a pipe (unless --input-logs), else the system's logs
// named by auditd.conf. Events still building at the end of one input carry over into the next one; only
// the last input ends them, as aureport does with rotated logs.

import { accessSync, constants, fstatSync, readFileSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { TsauditError } from '../errors.js';
import { Output } from '../format/output.js';
import { inputChunks } from '../pipeline/sources.js';
import { shutdownSignal } from '../runtime.js';
import { ReportEngine, successText, typeName } from './engine.js';
import type { Items } from './extract.js';
import { Grouper, type ReportEvent } from './group.js';
import type { ReportKind } from './kinds.js';
import { ObjectSink, type ReportFormat, type ReportSink, TextSink, textOf } from './sinks.js';
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

const DEFAULT_LOG = '/var/log/audit/audit.log';

function readAuditdConf(file: string): AuditdConf {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return { logFile: DEFAULT_LOG, timeout: 2, note: `NOTE - using built-in logs: ${DEFAULT_LOG}` };
  }
  let logFile = DEFAULT_LOG;
  let timeout = 2;
  for (const line of text.split('\n')) {
    const m = /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === 'log_file' && m[2]) logFile = m[2];
    else if (m[1] === 'end_of_event_timeout' && /^\d+$/.test(m[2]!)) timeout = Number(m[2]);
  }
  return { logFile, timeout };
}

const readable = (f: string) => {
  try {
    accessSync(f, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/** A rotated set, oldest first: log.N … log.1, log (aureport's process_logs). */
export function rotatedSet(log: string): string[] {
  let num = 0;
  for (let f = log; readable(f); f = `${log}.${num}`) num++;
  num--;
  const out: string[] = [];
  for (let n = num; n > 0; n--) out.push(`${log}.${n}`);
  out.push(log);
  return out;
}

function sources(o: ReportRunOptions, conf: AuditdConf, note: (l: string) => void): Source[] {
  const inputs = o.inputs ?? [];
  if (inputs.length > 0) {
    const out: Source[] = [];
    for (const p of inputs) {
      let st;
      try {
        st = statSync(p);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new TsauditError('E_INPUT', `cannot read ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`, {
          exitCode: 1,
          context: { file: p },
        });
      }
      if (st.isDirectory()) {
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
    const e = err as NodeJS.ErrnoException;
    if (typeof e?.code !== 'string' || typeof e?.syscall !== 'string') throw err;
    const why =
      e.code === 'ENOENT'
        ? 'no such file or directory'
        : e.code === 'EACCES'
          ? 'permission denied'
          : e.code === 'EISDIR'
            ? 'is a directory'
            : e.message;
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

/** Runs a report; returns the exit code aureport would (1 when a detailed report found nothing). */
export async function runReport(o: ReportRunOptions): Promise<number> {
  const note = o.report ?? ((l: string) => void process.stderr.write(`${l}\n`));
  const summary = o.summary === true || o.kind === 'summary';
  const failed = o.failed === true;
  const success = o.success === true && !failed;
  const format = o.format ?? 'text';
  const output = o.output ?? new Output();
  const sinkOpts = { kind: o.kind, summary, failed, success, output };
  const timeline = o.timeline ? new Timeline() : undefined;

  // aureport prints its title before reading input; a title it does not have is "Unimplemented option"
  const title = titleText(sinkOpts);
  if (title.unimplemented) {
    if (format === 'text' && !timeline) {
      output.ascii = true;
      output.write(title.text);
      await output.end();
    }
    throw new TsauditError('E_UNSUPPORTED', `report ${o.kind} has no --summary form (aureport: "Unimplemented option")`, { exitCode: 1 });
  }
  let sink: ReportSink | undefined;
  if (!timeline) {
    if (format === 'text') sink = new TextSink(sinkOpts);
    else {
      const os = new ObjectSink(sinkOpts, format);
      await os.init();
      sink = os;
    }
    sink.title();
  }

  const engine = new ReportEngine(
    { kind: o.kind, summary, failed, success, interpret: o.interpret, passwdFile: o.passwdFile },
    (row, e, s) => {
      if (timeline) timeline.add(e.sec, timelineKey(o.timeline!.split, e, s));
      else if (!sink!.row(row)) blocked = true;
    },
    timeline ? (e, s) => timeline.add(e.sec, timelineKey(o.timeline!.split, e, s)) : undefined,
  );
  let blocked = false;

  const conf = readAuditdConf(o.auditdConf ?? '/etc/audit/auditd.conf');
  const srcs = sources(o, conf, note);
  const start = o.start ?? 0;
  const end = o.end ?? 0;
  const trackRange = o.kind === 'time' || o.kind === 'summary';
  let fileFirst: [number, number] | undefined;
  let fileLast: [number, number] | undefined;
  let veryLast: [number, number] = [0, 0];
  const grouper = new Grouper({ start, end, timeout: conf.timeout, fold: engine.fold, keepHeadText: o.kind === 'tty' }, (e) => {
    if (trackRange) {
      fileFirst ??= [e.sec, e.milli];
      fileLast = [e.sec, e.milli];
    }
    if ((start === 0 || e.sec >= start) && (end === 0 || e.sec <= end)) engine.process(e);
  });

  for (let i = 0; i < srcs.length; i++) {
    const src = srcs[i]!;
    fileFirst = fileLast = undefined;
    const lines = new Lines((buf, from, to) => grouper.addBytes(buf, from, to));
    for await (const chunk of chunksOf(src, o.stdin)) {
      lines.push(chunk);
      if (blocked) {
        blocked = false;
        await sink!.ready();
      }
      if (shutdownSignal.aborted) break;
    }
    lines.end();
    if (i === srcs.length - 1) grouper.end();
    veryLast = fileLast ?? [0, 0];
    if (o.kind === 'time' && sink) sink.timeRange(src.name, fileFirst, fileLast);
    if (shutdownSignal.aborted) break;
  }
  if (grouper.bad > 0) note(`tsaudit: ${grouper.bad} lines were not audit records and were skipped`);

  let code = 0;
  if (timeline) {
    if (format === 'text' || format === 'table') {
      output.ascii = false;
      output.write(timelineText(timeline, o.timeline!.split));
    } else {
      const os = new ObjectSink(sinkOpts, format);
      await os.init();
      for (const b of timelineObjects(timeline, o.timeline!.split)) {
        const { by, ...row } = b as { by?: Record<string, number> } & Record<string, string | number>;
        // CSV has one header: a split timeline comes out long, one line per bucket and key
        if (format === 'csv' && by !== undefined)
          for (const [key, count] of Object.entries(by)) os.emit({ ...row, key: textOf(key), count });
        else os.emit(b as Record<string, string | number | null>);
      }
      await os.end();
      return 0;
    }
    await output.end();
    return 0;
  }
  if (!engine.found && !summary && o.kind !== 'time') {
    sink!.noEvents();
    code = 1;
  } else if (summary) {
    if (o.kind === 'summary') {
      sink!.counters(
        engine.counters(
          { first: [grouper.firstSec, grouper.firstMilli], last: veryLast },
          { start: start || undefined, end: end || undefined },
        ),
      );
    } else sink!.summaryList(engine.summaryList());
  }
  await sink!.end();
  return code;
}
