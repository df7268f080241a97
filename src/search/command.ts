// The search verb's composition: flags -> selection, time range, inputs, sink -> runSearch -> exit code.
// Kept out of src/commands/search.ts so that the command file stays a thin option table.

import type { Readable, Writable } from 'node:stream';
import { TsauditError, usageError } from '../errors.js';
import { Output } from '../format/output.js';
import type { SearchFlags, SearchFormat } from './flags.js';
import { loadCheckpoint } from './checkpoint.js';
import { planInputs, searchConf } from './inputs.js';
import { Matcher } from './match.js';
import { defaultEventText, type EscapeMode, writeRawEvent } from './output.js';
import type { HeldEvent, SearchEvent } from './assemble.js';
import { decodedEvent, runSearch, type SearchSink } from './run.js';
import { selectionFromFlags, type SelectorFlags } from './selectors.js';
import { CHECKPOINT, parseEnd, parseStart, type TimeRange } from './time.js';

export interface SearchCommandSetup {
  outputFormat: SearchFormat;
  /** Where the output goes (default process.stdout). */
  stdout?: Writable;
  /** Where notes and `<no matches>` go (default process.stderr). */
  stderr?: (text: string) => void;
  /** Input for stdin (tests). */
  stdin?: Readable;
  /** Is stdin a pipe or a file? (default: looked up) */
  stdinHasData?: () => boolean;
  /** Aborted to stop early (the process-wide shutdown signal). */
  signal?: AbortSignal;
}

/** Runs `tsaudit search`; returns the exit code (0 found, 1 nothing matched, 10-12 checkpoint trouble). */
export async function runSearchCommand(flags: SearchFlags, setup: SearchCommandSetup): Promise<number> {
  const format = setup.outputFormat;
  const sel = selectionFromFlags(flags as SelectorFlags);
  const now = Date.now();
  const range: TimeRange = {};
  let timeOnly = false;
  const asArgs = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [String(v)]);
  if (flags.start !== undefined) {
    const s = parseStart(asArgs(flags.start), { now, checkpoint: flags.checkpoint !== undefined });
    if (s === CHECKPOINT) timeOnly = true;
    else range.start = s;
  }
  if (flags.end !== undefined) range.end = parseEnd(asArgs(flags.end), { now });

  const conf = searchConf();
  let eoeTimeout = conf.eoeTimeout;
  if (flags.eoeTimeout !== undefined) {
    if (!/^\d+$/.test(flags.eoeTimeout) || Number(flags.eoeTimeout) === 0) {
      throw usageError(`flag --eoe-timeout: expected a whole number of seconds above 0, got "${flags.eoeTimeout}"`, {
        token: flags.eoeTimeout,
      });
    }
    eoeTimeout = Number(flags.eoeTimeout);
  }
  const stderr = setup.stderr ?? ((t: string) => void process.stderr.write(t));
  const plan = planInputs({ input: flags.input, inputLogs: flags.inputLogs }, conf, setup.stdinHasData);
  if (plan.note) stderr(`${plan.note}\n`);
  if (plan.files.length === 0) {
    throw new TsauditError(
      'E_INPUT',
      `no logs to read: ${flags.input?.length ? `no audit.log in ${flags.input.join(', ')}` : `${conf.logFile} is not readable`} (give -if FILE or pipe a log to stdin)`,
      { exitCode: 1 },
    );
  }

  const interpreting = format === 'interpret' || format === 'csv' || format === 'text';
  const matcher = new Matcher(sel, interpreting);
  const sink = await makeSink(format, flags, new Output(setup.stdout));
  const checkpoint =
    flags.checkpoint === undefined
      ? undefined
      : { file: flags.checkpoint, loaded: loadCheckpoint(flags.checkpoint), timeOnly, rotated: plan.rotated };
  if (checkpoint && plan.files.includes('-')) stderr('tsaudit: --checkpoint is not kept for stdin\n');

  const result = await runSearch({
    files: plan.files,
    matcher,
    range,
    sink,
    eoeTimeout,
    justOne: flags.justOne === true,
    lineBuffered: flags.lineBuffered === true,
    checkpoint: checkpoint && !plan.files.includes('-') ? checkpoint : undefined,
    stdin: setup.stdin,
    report: (l) => stderr(`${l}\n`),
    signal: setup.signal,
  });
  if (result.matched === 0) {
    if (format !== 'raw') stderr('<no matches>\n');
    return 1;
  }
  return 0;
}

async function makeSink(format: SearchFormat, flags: SearchFlags, out: Output): Promise<SearchSink> {
  const sink = (render: (e: SearchEvent) => string): SearchSink => ({
    write: (e) => out.write(render(e)),
    ready: () => out.ready(),
    end: () => out.end(),
    flush: () => out.flush(),
  });
  if (flags.normalize) {
    const { eventRenderer } = await import('../parse/normalize/render.js');
    const render = await eventRenderer(format === 'json' || format === 'yaml' ? format : 'text', { ids: flags.id !== false });
    return sink((e) => render(decodedEvent(e).records));
  }
  if (format === 'json') {
    const { writeEventJson } = await import('../pipeline/serializers.js');
    return { ...sink(() => ''), write: (e) => writeEventJson(out, decodedEvent(e)) };
  }
  if (format === 'yaml') {
    const [{ yamlSerializer }, { recordToPlain }] = await Promise.all([import('../format/index.js'), import('../parse/record-json.js')]);
    const serialize = await yamlSerializer();
    return sink((e) =>
      decodedEvent(e)
        .records.map((r) => serialize(recordToPlain(r)))
        .join(''),
    );
  }
  if (format === 'raw' || format === 'default') {
    out.ascii = true; // lines are byte strings: latin1 writes the bytes read
    const escape = (flags.escape ?? 'tty') as EscapeMode;
    if (format === 'raw') return { ...sink(() => ''), write: (e) => writeRawEvent(out, e as HeldEvent) };
    const text = defaultEventText(escape);
    return sink((e) => text(e as HeldEvent));
  }
  // interpret, csv, text: ausearch's renderers over the event's records decoded as UTF-8
  const [render, { IdResolver, readIdTable }] = await Promise.all([import('./render/index.js'), import('../ids.js')]);
  const resolver = new IdResolver();
  let byName: ReadonlyMap<string, number> | undefined;
  const ids = {
    user: (n: number) => resolver.user(n),
    group: (n: number) => resolver.group(n),
    userId: (name: string) => (byName ??= readIdTable('/etc/passwd').byName).get(name),
  };
  if (format === 'interpret') return sink((e) => render.renderInterpreted(decodedEvent(e).records, { ids }));
  if (format === 'text') return sink((e) => render.renderText(decodedEvent(e).records, { ids }));
  const opts = { ids, extraKeys: flags.extraKeys, extraLabels: flags.extraLabels, extraObj2: flags.extraObj2, extraTime: flags.extraTime };
  let header = render.csvHeader(opts);
  return sink((e) => {
    const h = header;
    header = '';
    return h + render.renderCsv(decodedEvent(e).records, opts);
  });
}
