// `tsaudit parse [FILE…|-]`: read audit logs (files in order, or stdin), group records into events, print them.
// Thin: options in, a composition of src/pipeline's stages (imported lazily so startup stays fast):
// sources -> records -> events -> raw sink, or -> interpretation (in-thread, or on worker threads for large files).

import type { Command } from 'commander';
import { addShipOptions, eventFormatOption, type ShipFlags, shipSetup } from './ship-options.js';

interface ParseFlags extends ShipFlags {
  strict?: boolean;
  interpret?: boolean;
  id: boolean;
  in?: string[];
  stats?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  const cmd = program
    .command('parse')
    .description('read audit logs (files or stdin), group records into events, print them as text, JSON or YAML')
    .argument('[files...]', 'audit log files, read in order; "-" or none reads stdin')
    .addOption(eventFormatOption())
    .option('--in <file>', "read this log file, like a FILE argument (go-libaudit's auparse -in); repeatable", collect)
    .option('--strict', 'fail (exit 1) when any line is not an audit record')
    .option('-i, --interpret', 'one normalized event per event: who did what to what, how, with what result')
    .option('--id', 'with -i, resolve uid/gid names from /etc/passwd and /etc/group', true)
    .option('--no-id', 'with -i, keep ids numeric (also -id=false); ENRICHED logs still give their own names');
  addShipOptions(cmd)
    .option('--stats', "with --output, print each output's counters (sent, acknowledged, retried, spooled, dropped) every 10 s and at exit")
    .addHelpText(
      'after',
      `
Output (without -i):
  text   each event's raw records, each event preceded by a "---" line
  json   one object per record (NDJSON): @timestamp, record_type, sequence, raw_msg, the fields, result
  yaml   the same objects, one YAML document each

Output with -i (interpreted, normalized events in go-libaudit's layout and vocabulary):
  text   TIME SERIAL ACTOR ACTION OBJECT via HOW: RESULT [keys]
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
  tsaudit parse -format=ecs --output syslog+tcp://logs:514 --spool /var/spool/tsaudit --stats audit.log`,
    )
    .action(async (files: string[], flags: ParseFlags) => {
      const [{ readLogs }, { expandInputs }, { shutdownSignal, onShutdown }] = await Promise.all([
        import('../pipeline/read-logs.js'),
        import('../pipeline/sources.js'),
        import('../runtime.js'),
      ]);
      const ship = shipSetup(flags);
      const run = { files: expandInputs([...(flags.in ?? []), ...files]), strict: flags.strict === true, signal: shutdownSignal };
      if (ship || flags.format === 'ecs') {
        const { documentRenderer, ecsSink, shipEventSink } = await import('../pipeline/ecs-sink.js');
        if (!ship) return void (await readLogs({ ...run, sink: ecsSink({ ids: flags.id }) }));
        const sink = shipEventSink(documentRenderer(ship.document, { ids: flags.id }), {
          ...ship,
          signal: shutdownSignal,
          ...(flags.stats ? { statsMs: 10_000 } : {}),
        });
        // On SIGINT/SIGTERM reading stops; what the outputs have not taken is delivered if they are up, else
        // kept in the spool (or reported as not delivered) before the process exits.
        const unregister = onShutdown(() => sink.end());
        try {
          return void (await readLogs({ ...run, sink }));
        } finally {
          unregister();
        }
      }
      const format = flags.format as Exclude<typeof flags.format, 'ecs'>;
      if (!flags.interpret) {
        const { rawSink } = await import('../pipeline/sinks.js');
        return void (await readLogs({ ...run, sink: await rawSink(format) }));
      }
      const { workersFor, parallelDriver } = await import('../pipeline/interpret-parallel.js');
      const workers = workersFor(run.files);
      if (workers > 0) {
        const setup = { format, ids: flags.id, workers };
        return void (await readLogs({ ...run, driver: (report) => parallelDriver(setup, report) }));
      }
      const { interpretSink } = await import('../pipeline/interpret-sink.js');
      await readLogs({ ...run, sink: await interpretSink(format, { ids: flags.id }) });
    });
}
