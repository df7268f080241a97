// `tsaudit parse [FILE…|-]`: read audit logs (files in order, or stdin), group records into events, print them.
// Thin: options in, src/parse/run.ts does the work (imported lazily so startup stays fast).

import type { Command } from 'commander';
import { formatOption, type FormatName } from '../format/index.js';

interface ParseFlags {
  format: FormatName;
  strict?: boolean;
}

export function register(program: Command): void {
  program
    .command('parse')
    .description('read audit logs (files or stdin), group records into events, print them as text, JSON or YAML')
    .argument('[files...]', 'audit log files, read in order; "-" or none reads stdin')
    .addOption(formatOption('text'))
    .option('--strict', 'fail (exit 1) when any line is not an audit record')
    .addHelpText(
      'after',
      `
Output:
  text   each event's raw records, each event preceded by a "---" line
  json   one object per record (NDJSON): @timestamp, record_type, sequence, raw_msg, result, fields
  yaml   the same objects, one YAML document each

Lines that are not audit records are reported on stderr as FILE:LINE: reason, counted, and summed up at
the end; they do not stop the run unless --strict is given.

Examples:
  tsaudit parse /var/log/audit/audit.log
  sudo cat /var/log/audit/audit.log | tsaudit parse -format=json | jq -c 'select(.record_type == "EXECVE")'
  tsaudit parse --strict audit.log.1 audit.log`,
    )
    .action(async (files: string[], flags: ParseFlags) => {
      const { runParse, rawSink } = await import('../parse/run.js');
      const sink = await rawSink(flags.format);
      await runParse({ files, sink, strict: flags.strict === true });
    });
}
