// `tsaudit search`: ausearch's questions over audit logs, with ausearch's selectors, inputs and outputs.
// Thin: the option table (src/search/selectors.ts) in, src/search/ does the work (imported lazily).
//
// ausearch spells many options with one dash and several letters (-ts, -ui, -if). Each has a hidden long
// alias (--ts, --ui, --if) that src/argv.ts turns `-ts` into; the help shows ausearch's spelling.

import { type Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { SEARCH_FORMATS, type SearchFlags, type SearchFormat } from '../search/flags.js';
import { SELECTORS, type SelectorSpec } from '../search/selectors.js';

export { SEARCH_FORMATS, type SearchFlags, type SearchFormat };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The selector options on a command (search, stream), under a help group. `keepLongOnly` names ausearch
 * spellings the command uses for something else (stream's -c is --count): those selectors get their long
 * name only.
 */
export function addSelectorOptions(cmd: Command, group: string, keepLongOnly: readonly string[] = []): Command {
  for (const spec of SELECTORS) {
    const s = spec.short !== undefined && keepLongOnly.includes(spec.short) ? { ...spec, short: undefined } : spec;
    for (const o of optionsOf(s, group)) cmd.addOption(o);
  }
  return cmd;
}

/** A commander option for a spec; multi-letter single-dash spellings get a hidden `--xx` alias. */
function optionsOf(spec: SelectorSpec, group: string): Option[] {
  const valuePart = spec.value === undefined ? '' : spec.key === 'start' || spec.key === 'end' ? ` <${spec.value}...>` : ` <${spec.value}>`;
  const shortIsFlag = spec.short !== undefined && spec.short.length === 2;
  const main = new Option(`${shortIsFlag ? `${spec.short}, ` : ''}${spec.long}${valuePart}`, spec.description).helpGroup(group);
  if (spec.repeatable) main.argParser(collect);
  const out = [main];
  if (spec.short !== undefined && !shortIsFlag) {
    // shown as ausearch writes it; parsed through the hidden alias
    main.flags = `${spec.short}, ${spec.long}${spec.key === 'start' || spec.key === 'end' ? ' <date> [time]' : valuePart}`;
    const alias = new Option(`--${spec.short.slice(1)}${valuePart}`).hideHelp();
    alias.attributeName = () => spec.key;
    if (spec.repeatable) alias.argParser(collect);
    out.push(alias);
  } else if (spec.key === 'start' || spec.key === 'end') {
    main.flags = `${spec.long} <date> [time]`;
  }
  return out;
}

// eslint-disable-next-line max-lines-per-function -- one commander option table (it feeds help and man), no logic
export function register(program: Command): void {
  const cmd = program
    .command('search')
    .description("search audit logs for events, with ausearch's selectors, inputs and outputs")
    .summary('search audit logs for events, as ausearch does (same selectors, same answers)');
  addSelectorOptions(cmd, 'Selectors (all given must match):');
  const inputs = 'Input:';
  for (const o of optionsOf(
    {
      key: 'input',
      short: '-if',
      long: '--input',
      value: 'file|dir',
      description: 'read this log file, or the audit.log and rotations in this directory (repeatable; gzip is read too)',
      repeatable: true,
    },
    inputs,
  )) {
    cmd.addOption(o);
  }
  cmd
    .addOption(
      new Option('--input-logs', "read the system's logs (auditd.conf's log_file and its rotations) even when stdin is a pipe").helpGroup(
        inputs,
      ),
    )
    .addOption(
      new Option(
        '--checkpoint <file>',
        'resume after the last complete event of the run that wrote this file, and update it (exit 10, 11, 12 as ausearch)',
      ).helpGroup(inputs),
    )
    .addOption(
      new Option(
        '--eoe-timeout <secs>',
        "seconds after which an event without new records is complete (default: auditd.conf's end_of_event_timeout, 2)",
      ).helpGroup(inputs),
    )
    .addOption(new Option('--just-one', 'stop after the first matching event').helpGroup(inputs));
  const outputs = 'Output:';
  cmd
    .addOption(new Option('-r, --raw', "the matching events' records, byte for byte as read").helpGroup(outputs))
    .addOption(new Option('-i, --interpret', 'records interpreted field by field, as ausearch -i prints them').helpGroup(outputs))
    .addOption(
      new Option(
        '--format <format>',
        `raw, default (ausearch's ---- / time-> layout), interpret, csv, text (ausearch's sentences); json, yaml (the record objects of tsaudit parse)`,
      )
        .choices(SEARCH_FORMATS)
        .helpGroup(outputs),
    )
    .addOption(
      new Option(
        '--normalize',
        'one normalized event per event, as tsaudit parse -i (with --format json or yaml: those objects)',
      ).helpGroup(outputs),
    )
    .addOption(new Option('--no-id', 'with --normalize, keep ids numeric').helpGroup(outputs))
    .addOption(new Option('--extra-keys', 'csv: a last column with the key').helpGroup(outputs))
    .addOption(new Option('--extra-labels', 'csv: columns for the subject and object labels').helpGroup(outputs))
    .addOption(new Option('--extra-obj2', 'csv: columns for a second object').helpGroup(outputs))
    .addOption(new Option('--extra-time', 'csv: columns for the broken-down time').helpGroup(outputs))
    .addOption(
      new Option(
        '--escape <mode>',
        'how the default output writes control characters: raw, tty (default), shell, shell_quote (other outputs: no effect)',
      )
        .choices(['raw', 'tty', 'shell', 'shell_quote'])
        .helpGroup(outputs),
    )
    .addOption(
      new Option('-l, --line-buffered', 'write each matching event at once (for pipes that are read as they come)').helpGroup(outputs),
    )
    .addHelpText(
      'after',
      `
Matching follows ausearch 3.0.9: string selectors match a substring unless -w is given; -ua matches uid,
euid or auid; names of users and groups are looked up on this host; records outside -ts/-te are dropped
before events are formed. Nothing matched: "<no matches>" on stderr and exit 1.

Inputs: -if FILE|DIR (repeatable), --input-logs, else stdin when it is a pipe or a file, else the system's
logs (log_file of /etc/audit/auditd.conf, oldest rotation first). Gzip-compressed logs are read as well.

Examples:
  sudo tsaudit search -k passwd
  tsaudit search -if /var/log/audit -m USER_LOGIN -sv no -ts today
  tsaudit search -if audit.log -ua labuser -sc openat -sv no --raw
  tsaudit search -if audit.log.gz -x /usr/bin/sudo -ts 11/21/26 14:00 -te now -i
  tsaudit search -if audit.log -k exec -w --format json | jq -c .
  sudo tsaudit search --checkpoint /var/lib/tsaudit/cp -m ADD_USER,DEL_USER --raw`,
    )
    .action(async (flags: SearchFlags) => {
      const { runSearchCommand } = await import('../search/command.js');
      const { shutdownSignal } = await import('../runtime.js');
      const { withLeanHeap } = await import('../heap-growth.js');
      const code = await withLeanHeap(() => runSearchCommand(flags, { outputFormat: outputFormat(flags), signal: shutdownSignal }));
      if (code !== 0) process.exitCode = code;
    });
}

/** The one output format the flags ask for; more than one is a usage error (as ausearch refuses it). */
export function outputFormat(flags: SearchFlags): SearchFormat {
  const asked: string[] = [];
  if (flags.raw) asked.push('raw');
  if (flags.interpret) asked.push('interpret');
  if (flags.format !== undefined) asked.push(flags.format);
  if (asked.length > 1) throw usageError(`conflicting output formats: ${asked.join(', ')} (give one of -r, -i, --format)`);
  const f = (asked[0] ?? 'default') as SearchFormat;
  if (flags.normalize && f !== 'default' && f !== 'json' && f !== 'yaml') {
    throw usageError(`flag --normalize: prints normalized events as text, or with --format json or yaml; got --format ${f}`);
  }
  if ((flags.extraKeys || flags.extraLabels || flags.extraObj2 || flags.extraTime) && f !== 'csv')
    throw usageError('flags --extra-*: need --format csv');
  return f;
}
