// `tsaudit report`: aureport's reports (same text, byte for byte), plus JSON/YAML/CSV rows, tables and a
// timeline. Thin: options in, src/report/run.ts does the work (imported lazily).

import { type Command, Option } from 'commander';
import { TsauditError, usageError } from '../errors.js';
import { ESCAPE_MODES, type EscapeMode, type ReportKind } from '../report/kinds.js';

/** The report options, in aureport's spelling: [kind, flags, description]. One table feeds commander, help and man. */
const REPORTS: readonly (readonly [ReportKind, string, string])[] = [
  ['auth', '--auth', 'authentication report (also -au)'],
  ['login', '-l, --login', 'login report'],
  ['executable', '-x, --executable', 'executable report'],
  ['file', '-f, --file', 'file report'],
  ['key', '-k, --key', 'key report'],
  ['mods', '-m, --mods', 'account modifications report'],
  ['pid', '-p, --pid', 'process ID report'],
  ['syscall', '-s, --syscall', 'syscall report'],
  ['event', '-e, --event', 'event report'],
  ['anomaly', '-n, --anomaly', 'anomaly report'],
  ['response', '-r, --response', 'responses to anomalies report'],
  ['config', '-c, --config', 'configuration change report'],
  ['user', '-u, --user', 'user ID report'],
  ['terminal', '--terminal', 'terminal report (also -tm)'],
  ['host', '-h, --host', 'remote host report'],
  ['time', '-t, --log', 'log time range report: first and last event of each input'],
  ['tty', '--tty', 'TTY keystrokes report'],
  ['comm', '--comm', 'commands run report'],
  ['integrity', '--integrity', 'integrity event report'],
  ['crypto', '--crypto', 'crypto report (also -cr)'],
  ['avc', '-a, --avc', 'AVC report'],
  ['mac', '--mac', 'mandatory access control (MAC) report (also -ma)'],
  ['virt', '--virt', 'virtualization report'],
];

const attr = (flags: string) => new Option(flags).attributeName();

/** aureport's spellings -> our option's attribute. */
const ALIASES: readonly (readonly [string, string])[] = [
  ['au', 'auth'],
  ['tm', 'terminal'],
  ['cr', 'crypto'],
  ['ma', 'mac'],
  ['if', 'input'],
  ['ts', 'start'],
  ['te', 'end'],
];

interface ReportFlags {
  summary?: boolean;
  failed?: boolean;
  success?: boolean;
  interpret?: boolean;
  input?: string[];
  inputLogs?: boolean;
  start?: string[];
  end?: string[];
  node?: string[];
  eoeTimeout?: string;
  escape: EscapeMode;
  format: 'text' | 'json' | 'yaml' | 'csv' | 'table';
  timeline?: true | 'key' | 'type' | 'result';
  [k: string]: unknown;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** --eoe-timeout: whole seconds, at least 1 (aureport refuses 0 and non-numbers). */
function eoeTimeout(v: string): number {
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 1 && n <= 0xffffffff)) throw usageError(`--eoe-timeout wants whole seconds from 1, got "${v}"`);
  return n;
}

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description("aureport's reports from audit logs: the Summary Report, detailed reports, --summary totals; text identical to aureport's")
    .helpOption('--help', 'display help for command');
  for (const [, flags, description] of REPORTS) cmd.option(flags, description);
  // aureport's multi-letter short options (-au, -if, -ts, ...) arrive as --au, --if, --ts (src/argv.ts)
  for (const [alias, target] of ALIASES) {
    const takes = target === 'input' ? ' <file>' : target === 'start' || target === 'end' ? ' <when...>' : '';
    const opt = new Option(`--${alias}${takes}`).hideHelp();
    cmd.addOption(target === 'input' ? opt.argParser(collect) : opt);
  }
  cmd
    .option('--summary', 'totals of the report\'s main column, most frequent first (the "total  <column>" tables)')
    .option('--failed', 'only failed events')
    .option('--success', 'only successful events')
    .option('-i, --interpret', 'names instead of numbers: users, syscalls, message types')
    .option('--input <file>', 'read this log file, or the rotated logs of this directory; repeatable (also -if)', collect)
    .option('--input-logs', "read the system's logs (auditd.conf's log_file) even when stdin is a pipe")
    .option('--start <when...>', 'only events from this time: DATE [TIME], TIME, or a keyword (today, recent, this-week, ...) (also -ts)')
    .option('--end <when...>', 'only events up to this time, as --start (also -te)')
    .option('--node <name>', 'only events from this node (the node= prefix of their records); repeatable', collect)
    .option(
      '--eoe-timeout <secs>',
      "seconds after which an event still missing records is complete (default: auditd.conf's end_of_event_timeout)",
    )
    .addOption(
      new Option(
        '--escape <mode>',
        'how text output escapes values: raw (not at all), tty (control characters), shell, shell_quote (more each)',
      )
        .choices(ESCAPE_MODES)
        .default('tty'),
    )
    .addOption(
      new Option('--format <format>', "text (aureport's), json (one object per row), yaml, csv, or table")
        .choices(['text', 'json', 'yaml', 'csv', 'table'])
        .default('text'),
    )
    .addOption(
      new Option(
        '--timeline [split]',
        'events over time as a bar chart (per minute, hour or day), optionally split by key, type or result',
      ).choices(['key', 'type', 'result']),
    )
    .addHelpText(
      'after',
      `
Without a report option the Summary Report is printed. Inputs: -if files or directories (a directory means
its rotated audit.log.N ... audit.log), else stdin when it is a pipe, else the logs auditd.conf names. With
text output, stdout is what aureport 3.0.9 prints for the same input and options, and the exit code is the
same (1 when a detailed report finds nothing). JSON/YAML/CSV give the same rows with named columns (the
Summary Report's counters as one object); --timeline draws the report's events over time instead.

Examples:
  tsaudit report                                    # the Summary Report of the system's logs
  tsaudit report -if audit.log -x --summary         # executables, most frequent first
  tsaudit report -if /var/log/audit -au -i          # authentications, with user names
  tsaudit report -if audit.log -f --failed -format=json | jq -r .file
  tsaudit report -if audit.log -ts today -te now -k --summary
  tsaudit report -if audit.log --timeline result    # events per minute/hour/day, split by success`,
    )
    .action(reportAction);
}

/** The verb's action: flags -> one report run, with aureport's exit status. */
async function reportAction(flags: ReportFlags): Promise<void> {
  for (const [alias, target] of ALIASES) {
    const v = flags[alias];
    if (v === undefined) continue;
    flags[target] = Array.isArray(v) && target === 'input' ? [...((flags[target] as string[]) ?? []), ...v] : v;
  }
  const chosen = REPORTS.filter(([, f]) => flags[attr(f)] === true);
  if (chosen.length > 1) throw usageError(`only one report can be given, got ${chosen.map(([, f]) => f.split(', ').pop()).join(' and ')}`);
  const kind: ReportKind = chosen[0]?.[0] ?? 'summary';
  const { parseStart, parseEnd } = await import('../search/time.js');
  const start = flags.start ? parseStart(flags.start, { flag: '-ts/--start' }) : undefined;
  const end = flags.end ? parseEnd(flags.end, { flag: '-te/--end' }) : undefined;
  const [{ runReport }, { shutdownSignal }, { withLeanHeap }] = await Promise.all([
    import('../report/run.js'),
    import('../runtime.js'),
    import('../heap-growth.js'),
  ]);
  const code = await withLeanHeap(() =>
    runReport({
      kind,
      signal: shutdownSignal,
      summary: flags.summary === true,
      failed: flags.failed === true,
      success: flags.success === true,
      interpret: flags.interpret === true,
      inputs: flags.input,
      inputLogs: flags.inputLogs === true,
      start: typeof start === 'number' ? Math.floor(start / 1000) : undefined,
      end: end !== undefined ? Math.floor(end / 1000) : undefined,
      format: flags.format,
      nodes: flags.node,
      eoeTimeout: flags.eoeTimeout === undefined ? undefined : eoeTimeout(flags.eoeTimeout),
      escape: flags.escape,
      timeline: flags.timeline === undefined ? undefined : { split: flags.timeline === true ? undefined : flags.timeline },
    }),
  );
  // aureport's exit status: 1 when a detailed report finds nothing (its text says so on stdout)
  if (code !== 0) throw new TsauditError('E_NO_EVENTS', 'no events of interest were found', { exitCode: code });
}
