// `tsaudit parse [FILE…|-]`: read audit logs (files in order, or stdin), group records into events, print them.
// Thin: options in, a composition of src/pipeline's stages (imported lazily so startup stays fast):
// sources -> records -> events -> raw sink, or -> interpretation (in-thread, or on worker threads for large files).

import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { Progress } from '../format/progress.js';
import type { RenderJob } from '../pipeline/batch-render.js';
import type { BatchOutput } from '../pipeline/event-threads.js';
import type { ReadLogsOptions } from '../pipeline/read-logs.js';
import type { EventSink } from '../pipeline/sinks.js';
import { addShipOptions, eventFormatOption, type ShipFlags, shipSetup } from './ship-options.js';

interface ParseFlags extends ShipFlags {
  strict?: boolean;
  interpret?: boolean;
  id: boolean;
  in?: string[];
  utc?: boolean;
  quiet?: boolean;
  stats?: boolean;
  rawValues?: boolean;
  follow?: boolean;
  registry?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  const cmd = program
    .command('parse')
    .description('read audit logs (files or stdin), group records into events, print them as text, JSON or YAML')
    .argument('[files...]', 'audit log files, read in order; "-" reads stdin; none reads stdin, or on a terminal the system\'s logs')
    .addOption(eventFormatOption())
    .option('--in <file>', "read this log file, like a FILE argument (go-libaudit's auparse -in); repeatable", collect)
    .option('--strict', 'fail (exit 1) when any line is not an audit record')
    .option('-i, --interpret', 'one normalized event per event: who did what to what, how, with what result')
    .option('--id', 'with -i, resolve uid/gid names from /etc/passwd and /etc/group', true)
    .option('--no-id', 'with -i, keep ids numeric (also -id=false); ENRICHED logs still give their own names')
    .option('--raw-values', 'JSON/YAML records: every field exactly as logged (no names, no hex decoding, key= and success=/res= kept)')
    .option('-q, --quiet', 'no progress line on the terminal during long reads')
    .option('--utc', 'with -i, print text times in UTC instead of local time (JSON and YAML are always UTC)')
    .option('--follow', "follow one log as auditd writes and rotates it (default: auditd.conf's log_file) until SIGINT/SIGTERM")
    .option(
      '--registry <file>',
      'with --follow, where the position is kept across restarts (default /var/lib/tsaudit/follow-registry.json)',
    );
  addShipOptions(cmd)
    .option('--stats', "with --output, print each output's counters (sent, acknowledged, retried, spooled, dropped) every 10 s and at exit")
    .addHelpText(
      'after',
      `
Output (without -i):
  text   each event's raw records, each event preceded by a "---" line
  json   one object per record (NDJSON), as go-libaudit's auparse: @timestamp, record_type, sequence,
         raw_msg (as read), the fields made readable (names, hex decoded, subj split, saddr decoded), result,
         keys; --raw-values gives every field as logged instead
  yaml   the same objects, one YAML document each
  Bytes that are not UTF-8 are kept: text prints them as read; JSON and YAML write byte 0xNN (0x80..0xff)
  as the escape \\udcNN (Python: s.encode("utf-8", "surrogateescape") gives back the bytes).

Output with -i (interpreted, normalized events in go-libaudit's layout and vocabulary):
  text   TIME SERIAL ACTOR ACTION OBJECT via HOW: RESULT [keys]   (TIME local, or UTC with --utc)
  json   one object per event: category, record_type, result, session, summary, user, process, file,
         syscall, data, paths
  yaml   the same objects, one YAML document each

Output with -format=ecs: one Elastic Common Schema document per event (JSON line), in the layout of
Auditbeat's auditd module, for Elasticsearch/Kibana/Logstash pipelines built for Auditbeat.

Lines that are not audit records are reported on stderr as FILE:LINE: reason, counted, and summed up at
the end; they do not stop the run unless --strict is given.

Examples:
  tsaudit parse /var/log/audit/audit.log
  sudo cat /var/log/audit/audit.log | tsaudit parse -format=json | jq -c 'select(.record_type == "EXECVE")'
  tsaudit parse --strict audit.log.1 audit.log
  tsaudit parse -in audit.log -format=yaml         # Go-style flags, as go-libaudit's auparse takes them
  tsaudit parse -i audit.log                      # one line per event: time, actor, action, object, result
  tsaudit parse -i -format=json -id=false audit.log | jq -c 'select(.summary.action == "executed")'
  tsaudit parse -format=ecs --output redis://127.0.0.1:6379/auditbeat /var/log/audit/audit.log
  tsaudit parse -format=ecs --output syslog+tcp://logs:514 --spool /var/spool/tsaudit --stats audit.log
  tsaudit parse --follow -format=ecs --output redis://127.0.0.1:6379/auditbeat --spool /var/spool/tsaudit`,
    )
    .action(async (files: string[], flags: ParseFlags) => {
      if (flags.registry !== undefined && !flags.follow) throw usageError('flag --registry: needs --follow');
      if (flags.follow) return (await import('./parse-follow.js')).followAction([...(flags.in ?? []), ...files], flags);
      // as search and report: its caches are live data, and V8's default growth kept up to 4x them
      const { withLeanHeap } = await import('../heap-growth.js');
      return withLeanHeap(() => readAction(files, flags));
    });
}

/** parse over logs (named, the system's, or stdin): to stdout (on worker threads where they pay), or shipped. */
async function readAction(files: string[], flags: ParseFlags): Promise<void> {
  const [{ readLogs }, { expandInputs }, { shutdownSignal, onShutdown }] = await Promise.all([
    import('../pipeline/read-logs.js'),
    import('../pipeline/sources.js'),
    import('../runtime.js'),
  ]);
  let named = [...(flags.in ?? []), ...files];
  if (named.length === 0 && process.stdin.isTTY) {
    // nothing named and nothing piped in: read the system's logs, as ausearch does
    const { systemLogFiles } = await import('../pipeline/system-logs.js');
    named = systemLogFiles();
  }
  const inputs = expandInputs(named);
  if (flags.rawValues && flags.interpret) throw usageError('flag --raw-values: applies to records (without -i), not to interpreted events');
  const ship = shipSetup(flags);
  if (ship) return shipAction(inputs, flags, ship, shutdownSignal, onShutdown);
  const { startProgress, bytesToRead } = await import('../format/progress.js');
  const progress = startProgress({ total: bytesToRead(inputs), quiet: flags.quiet, streaming: true });
  const run = {
    files: inputs,
    strict: flags.strict === true,
    signal: shutdownSignal,
    onRead: progress.enabled ? (n: number) => progress.read(n) : undefined,
    report: (line: string) => {
      progress.interrupt();
      process.stderr.write(`${line}\n`);
    },
  };
  try {
    const driver = await renderThreads(inputs, flags, progress);
    if (driver) return void (await readLogs({ ...run, driver }));
    const sink = await inThreadSink(flags);
    await readLogs({ ...run, sink: progress.enabled ? countingSink(sink, progress) : sink });
  } finally {
    progress.done();
  }
}

/** A driver that renders on worker threads where they pay (event-threads.ts), else undefined. */
async function renderThreads(inputs: string[], flags: ParseFlags, progress: Progress): Promise<ReadLogsOptions['driver']> {
  const job = renderJob(flags);
  if (job === undefined) return undefined;
  return threadsDriver(inputs, job, { onEvents: progress.enabled ? (n: number) => progress.events(n) : undefined });
}

/** A driver rendering `job` on worker threads if threadPlan finds they pay here, else undefined. */
async function threadsDriver(
  inputs: string[],
  job: RenderJob,
  opts: { onEvents?: (n: number) => void; out?: BatchOutput },
): Promise<ReadLogsOptions['driver']> {
  const threads = await import('../pipeline/event-threads.js');
  const plan = await threads.threadPlan(inputs);
  if (plan.workers === 0) return undefined;
  const render = await (await import('../pipeline/batch-render.js')).batchRenderer(job);
  const setup = { job, render, ...plan, onEvents: opts.onEvents };
  return (report) => threads.threadedDriver(setup, report, opts.out);
}

/** What worker threads would render for these flags; undefined where they would not pay (raw text is a copy of the input). */
function renderJob(flags: ParseFlags): RenderJob | undefined {
  if (flags.format === 'ecs') return { kind: 'ecs', ids: flags.id };
  if (flags.interpret) return { kind: 'interpret', format: flags.format, ids: flags.id, utc: flags.utc };
  if (flags.format === 'text') return undefined;
  return { kind: 'records', format: flags.format, rawValues: flags.rawValues === true };
}

/** The in-thread sink for these flags. */
async function inThreadSink(flags: ParseFlags): Promise<EventSink> {
  if (flags.format === 'ecs') return (await import('../pipeline/ecs-sink.js')).ecsSink({ ids: flags.id });
  if (flags.interpret)
    return (await import('../pipeline/interpret-sink.js')).interpretSink(flags.format, { ids: flags.id, utc: flags.utc });
  return (await import('../pipeline/sinks.js')).rawSink(flags.format, { rawValues: flags.rawValues === true });
}

/** On SIGINT/SIGTERM: how long the reader may take to hand on what it has read, and how long (from the
 * signal) the outputs may take to deliver it; both within runtime.ts's hook timeout. */
const READER_DRAIN_MS = 1000;
const DELIVERY_MS = 3500;

/** --output: every event's document to the outputs. */
async function shipAction(
  inputs: string[],
  flags: ParseFlags,
  ship: NonNullable<ReturnType<typeof shipSetup>>,
  signal: AbortSignal,
  onShutdown: typeof import('../runtime.js').onShutdown,
): Promise<void> {
  const [{ readLogs }, { documentRenderer, shipEventSink, shipBatchOutput }] = await Promise.all([
    import('../pipeline/read-logs.js'),
    import('../pipeline/ecs-sink.js'),
  ]);
  // Delivery stops short only on a shutdown, and only after DELIVERY_MS: an output that is up gets what was
  // read; one that is down has it kept in the spool (or reported as not delivered).
  const delivery = new AbortController();
  const sink = shipEventSink(documentRenderer(ship.document, { ids: flags.id }), {
    ...ship,
    signal: delivery.signal,
    ...(flags.stats ? { statsMs: 10_000 } : {}),
  });
  // On SIGINT/SIGTERM reading stops; the events already read (open ones, batches on a worker) still reach
  // the sink. The wait for the reader is bounded: with every output down and no spool it waits for room
  // that will not come.
  let reading: Promise<unknown> | undefined;
  const unregister = onShutdown(async () => {
    setTimeout(() => delivery.abort(), DELIVERY_MS).unref();
    await Promise.race([reading?.catch(() => undefined), sleep(READER_DRAIN_MS, undefined, { ref: false })]);
    await sink.end();
  });
  try {
    // ECS documents are the bulk of shipping's CPU: made on a worker where threads pay, as for stdout
    const threaded =
      ship.document === 'ecs' ? await threadsDriver(inputs, { kind: 'ecs', ids: flags.id }, { out: shipBatchOutput(sink) }) : undefined;
    const run = { files: inputs, strict: flags.strict === true, signal };
    reading = readLogs(threaded ? { ...run, driver: threaded } : { ...run, sink });
    await reading;
  } catch (err) {
    // an input that fails still closes the outputs (delivered or spooled), or the clients keep the process
    await sink.end().catch(() => undefined);
    throw err;
  } finally {
    unregister();
  }
}

/** The sink, telling the progress line about each event. */
function countingSink(sink: EventSink, progress: Progress): EventSink {
  const counted = Object.create(sink) as EventSink;
  counted.write = (e) => {
    progress.events(1);
    return sink.write(e);
  };
  return counted;
}
