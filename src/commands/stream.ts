// `tsaudit stream`: receive audit events from the kernel as they happen, reassemble and print them.
// Thin: flags in, src/stream/ does the work (imported lazily so startup stays fast).

import { type Command, Option } from 'commander';
import type { FormatName } from '../format/index.js';
import { formatOption, wholeNumber } from './options.js';

interface StreamFlags {
  format: FormatName;
  multicast?: boolean;
  enable?: boolean;
  backlogLimit?: number;
  rateLimit?: number;
  backlogWaitTime?: number;
  receiveBuffer?: number;
  queue: number;
  count?: number;
  stats?: boolean;
  interpret?: boolean;
  id: boolean;
}

export function register(program: Command): void {
  program
    .command('stream')
    .description('receive audit events from the kernel as they happen, reassembled, as text, JSON or YAML')
    .addOption(formatOption('text'))
    .option('-i, --interpret', 'one normalized event per event (as tsaudit parse -i): who did what to what, how, with what result')
    .option('--id', 'with -i, resolve uid/gid names from /etc/passwd and /etc/group', true)
    .option('--no-id', 'with -i, keep ids numeric (also -id=false)')
    .option('--multicast', 'read-only: join the audit multicast group beside auditd instead of becoming the audit daemon (CAP_AUDIT_READ)')
    .option('--enable', 'enable auditing (enabled=1) while streaming; restored at exit')
    .addOption(new Option('--backlog-limit <n>', 'kernel backlog limit while streaming; restored at exit').argParser(wholeNumber('--backlog-limit')))
    .addOption(new Option('--rate-limit <n>', 'kernel rate limit (messages/s, 0 = none) while streaming; restored at exit').argParser(wholeNumber('--rate-limit')))
    .addOption(
      new Option('--backlog-wait-time <n>', 'kernel backlog wait time while streaming; restored at exit').argParser(wholeNumber('--backlog-wait-time')),
    )
    .addOption(
      new Option('--receive-buffer <bytes>', 'netlink socket receive buffer to ask for (kernel memory, used only while tsaudit is behind)')
        .default(256 * 1024 * 1024)
        .argParser(wholeNumber('--receive-buffer', 2 ** 31 - 1, 1)),
    )
    .addOption(new Option('--queue <events>', 'events held for a slow output before dropping (and reporting) them').default(10_000).argParser(wholeNumber('--queue', 2 ** 31 - 1, 1)))
    .addOption(new Option('-c, --count <n>', 'exit after printing n events').argParser(wholeNumber('--count', 2 ** 31 - 1, 1)))
    .option('--stats', 'print a start line and, at exit, a summary (events, loss, rate) on stderr')
    .addHelpText(
      'after',
      `
Modes:
  unicast (default)  tsaudit registers as the audit daemon (the kernel's audit pid) and receives every
                     record; it refuses if another live process (auditd) holds the pid. At exit the audit pid
                     is cleared and settings changed by --enable/--backlog-limit/... are restored.
  --multicast        a read-only copy of every record, beside auditd; the audit pid is left alone.

Loss is reported, never hidden: serial gaps, a rise of the kernel's lost counter, socket overflows (ENOBUFS)
and events dropped because the output did not keep up are noted on stderr and, in JSON/YAML, written as
records with "type": "TSAUDIT_LOSS". Output is the same as 'tsaudit parse'. Stop with Ctrl-C (a second
Ctrl-C exits at once).

Examples:
  sudo tsaudit stream
  sudo tsaudit stream -format=json | jq -c 'select(.record_type == "EXECVE")'
  sudo tsaudit stream -i                                # one line per event: time, actor, action, object, result
  sudo tsaudit stream --multicast -format=json
  sudo tsaudit stream --enable --backlog-limit 8192 --stats -format=json > events.ndjson`,
    )
    .action(async (flags: StreamFlags) => {
      const [{ runStream }, { streamCodec }, { openStreamClient }, { onShutdown, shutdownSignal }] = await Promise.all([
        import('../stream/run.js'),
        import('../stream/audit-events.js'),
        import('../stream/open.js'),
        import('../runtime.js'),
      ]);
      const client = await openStreamClient();
      const done = runStream(
        {
          format: flags.format,
          multicast: flags.multicast,
          enable: flags.enable,
          backlogLimit: flags.backlogLimit,
          rateLimit: flags.rateLimit,
          backlogWaitTime: flags.backlogWaitTime,
          receiveBuffer: flags.receiveBuffer,
          queueSize: flags.queue,
          count: flags.count,
          stats: flags.stats,
        },
        {
          client,
          codec: streamCodec({ interpret: flags.interpret, ids: flags.id }),
          signal: shutdownSignal,
          note: (line) => void process.stderr.write(`tsaudit: ${line}\n`),
        },
      );
      // On SIGINT/SIGTERM/EPIPE the runtime waits for this before exiting: the audit pid is cleared and
      // settings restored by then.
      const unregister = onShutdown(() => done.then(() => undefined, () => undefined));
      try {
        await done;
      } finally {
        unregister();
      }
    });
}
