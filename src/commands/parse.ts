// `tsaudit parse [FILE…|-]`: read audit logs (files in order, or stdin), group records into events, print them.
// Thin: options in, a composition of src/pipeline's stages (imported lazily so startup stays fast):
// sources -> records -> events -> raw sink, or -> interpretation (in-thread, or on worker threads for large files).

import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { FormatName } from '../format/index.js';
import { formatOption } from './options.js';

interface ParseFlags {
  format: FormatName;
  strict?: boolean;
  interpret?: boolean;
  id: boolean;
  in?: string[];
  rawValues?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  program
    .command('parse')
    .description('read audit logs (files or stdin), group records into events, print them as text, JSON or YAML')
    .argument('[files...]', 'audit log files, read in order; "-" or none reads stdin')
    .addOption(formatOption('text'))
    .option('--in <file>', 'read this log file, like a FILE argument (go-libaudit\'s auparse -in); repeatable', collect)
    .option('--strict', 'fail (exit 1) when any line is not an audit record')
    .option('-i, --interpret', 'one normalized event per event: who did what to what, how, with what result')
    .option('--id', 'with -i, resolve uid/gid names from /etc/passwd and /etc/group', true)
    .option('--no-id', 'with -i, keep ids numeric (also -id=false); ENRICHED logs still give their own names')
    .option('--raw-values', 'JSON/YAML records: every field exactly as logged (no names, no hex decoding, key= and success=/res= kept)')
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
  text   TIME SERIAL ACTOR ACTION OBJECT via HOW: RESULT [keys]
  json   one object per event: category, record_type, result, session, summary, user, process, file,
         syscall, data, paths
  yaml   the same objects, one YAML document each

Lines that are not audit records are reported on stderr as FILE:LINE: reason, counted, and summed up at
the end; they do not stop the run unless --strict is given.

Examples:
  tsaudit parse /var/log/audit/audit.log
  sudo cat /var/log/audit/audit.log | tsaudit parse -format=json | jq -c 'select(.record_type == "EXECVE")'
  tsaudit parse --strict audit.log.1 audit.log
  tsaudit parse -in audit.log -format=yaml         # Go-style flags, as go-libaudit's auparse takes them
  tsaudit parse -i audit.log                      # one line per event: time, actor, action, object, result
  tsaudit parse -i -format=json -id=false audit.log | jq -c 'select(.summary.action == "executed")'`,
    )
    .action(async (files: string[], flags: ParseFlags) => {
      const [{ readLogs }, { expandInputs }, { shutdownSignal }] = await Promise.all([
        import('../pipeline/read-logs.js'),
        import('../pipeline/sources.js'),
        import('../runtime.js'),
      ]);
      const run = { files: expandInputs([...(flags.in ?? []), ...files]), strict: flags.strict === true, signal: shutdownSignal };
      if (flags.rawValues && flags.interpret) throw usageError('flag --raw-values: applies to records (without -i), not to interpreted events');
      if (!flags.interpret) {
        const { rawSink } = await import('../pipeline/sinks.js');
        return void (await readLogs({ ...run, sink: await rawSink(flags.format, { rawValues: flags.rawValues === true }) }));
      }
      const { workersFor, parallelDriver } = await import('../pipeline/interpret-parallel.js');
      const workers = workersFor(run.files);
      if (workers > 0) {
        const setup = { format: flags.format, ids: flags.id, workers };
        return void (await readLogs({ ...run, driver: (report) => parallelDriver(setup, report) }));
      }
      const { interpretSink } = await import('../pipeline/interpret-sink.js');
      await readLogs({ ...run, sink: await interpretSink(flags.format, { ids: flags.id }) });
    });
}
