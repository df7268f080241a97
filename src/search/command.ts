// The search verb's composition: flags -> selection, time range, inputs, sink -> runSearch -> exit code.
// Kept out of src/commands/search.ts so that the command file stays a thin option table.

import { usageError } from '../errors.js';
import type { FormatName } from '../format/index.js';
import { Output } from '../format/output.js';
import type { SearchFlags, SearchFormat } from '../commands/search.js';
import { loadCheckpoint } from './checkpoint.js';
import { planInputs, readAuditdConf } from './inputs.js';
import { Matcher } from './match.js';
import { defaultEventText, type EscapeMode, rawEventText } from './output.js';
import { decodedEvent, runSearch, type SearchSink } from './run.js';
import { selectionFromFlags, type SelectorFlags } from './selectors.js';
import { CHECKPOINT, parseEnd, parseStart, type TimeRange } from './time.js';

export interface SearchCommandSetup {
  outputFormat: SearchFormat;
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

  const conf = readAuditdConf();
  let eoeTimeout = conf.eoeTimeout;
  if (flags.eoeTimeout !== undefined) {
    if (!/^\d+$/.test(flags.eoeTimeout) || Number(flags.eoeTimeout) === 0) {
      throw usageError(`flag --eoe-timeout: expected a whole number of seconds above 0, got "${flags.eoeTimeout}"`, { token: flags.eoeTimeout });
    }
    eoeTimeout = Number(flags.eoeTimeout);
  }
  const plan = planInputs({ input: flags.input, inputLogs: flags.inputLogs }, conf);
  if (plan.note) process.stderr.write(`${plan.note}\n`);
  if (plan.files.length === 0) throw usageError(`no logs to read: ${conf.logFile} is not readable (give -if FILE or pipe a log to stdin)`);

  const interpreting = format === 'interpret' || format === 'csv' || format === 'text';
  const matcher = new Matcher(sel, interpreting);
  const sink = await makeSink(format, flags);
  const checkpoint =
    flags.checkpoint === undefined
      ? undefined
      : { file: flags.checkpoint, loaded: loadCheckpoint(flags.checkpoint), timeOnly, rotated: plan.rotated };
  if (checkpoint && plan.files.includes('-')) process.stderr.write('tsaudit: --checkpoint is not kept for stdin\n');

  const result = await runSearch({
    files: plan.files,
    matcher,
    range,
    sink,
    eoeTimeout,
    justOne: flags.justOne === true,
    lineBuffered: flags.lineBuffered === true,
    checkpoint: checkpoint && !plan.files.includes('-') ? checkpoint : undefined,
  });
  if (result.matched === 0) {
    if (format !== 'raw') process.stderr.write('<no matches>\n');
    return 1;
  }
  return 0;
}

async function makeSink(format: SearchFormat, flags: SearchFlags): Promise<SearchSink> {
  if (flags.normalize) {
    const { interpretSink } = await import('../parse/normalize/sink.js');
    const f: FormatName = format === 'json' || format === 'yaml' ? format : 'text';
    const s = await interpretSink(f, { ids: flags.id !== false });
    return { write: (e) => s.write(decodedEvent(e)), ready: () => s.ready(), end: () => s.end(), flush: () => s.flush?.() };
  }
  if (format === 'json' || format === 'yaml') {
    const { rawSink } = await import('../parse/run.js');
    const s = await rawSink(format);
    s.inputAscii?.(false);
    return { write: (e) => s.write(decodedEvent(e)), ready: () => s.ready(), end: () => s.end(), flush: () => s.flush?.() };
  }
  if (format === 'raw' || format === 'default') {
    const out = new Output();
    out.ascii = true; // lines are byte strings: latin1 writes the bytes read
    const escape = (flags.escape ?? 'tty') as EscapeMode;
    const render = format === 'raw' ? rawEventText : (e: Parameters<typeof defaultEventText>[0]) => defaultEventText(e, escape);
    return { write: (e) => out.write(render(e)), ready: () => out.ready(), end: () => out.end(), flush: () => out.flush() };
  }
  throw usageError(`--format ${format}: not available in this build`);
}
