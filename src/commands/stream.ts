// `tsaudit stream`: receive audit events from the kernel as they happen, reassemble and print them.
// Thin: flags in, src/stream/ does the work (imported lazily so startup stays fast).

import { type Command, Option } from 'commander';
import type { StreamOptions } from '../stream/run.js';
import { wholeNumber } from './options.js';
import { settingOption } from './set.js';
import { addSelectorOptions } from './search.js';
import { addShipOptions, eventFormatOption, type ShipFlags, shipSetup } from './ship-options.js';

/** The options runStream takes as they are, plus the verb's own. */
const PASSED_ON = ['multicast', 'enable', 'backlogLimit', 'rateLimit', 'backlogWaitTime', 'receiveBuffer', 'count', 'stats'] as const;
type PassedOn = (typeof PASSED_ON)[number];

interface StreamFlags extends ShipFlags, Pick<StreamOptions, PassedOn> {
  [selector: string]: unknown;
  queue: number;
  interpret?: boolean;
  id: boolean;
  utc?: boolean;
}

export function register(program: Command): void {
  const cmd = program.command('stream');
  cmd
    .description('receive audit events from the kernel as they happen, reassembled, as text, JSON or YAML')
    .addOption(eventFormatOption())
    .option('-i, --interpret', 'one normalized event per event (as tsaudit parse -i): who did what to what, how, with what result')
    .option('--id', 'with -i, resolve uid/gid names from /etc/passwd and /etc/group', true)
    .option('--no-id', 'with -i, keep ids numeric (also -id=false)')
    .option('--utc', 'with -i, print text times in UTC instead of local time (JSON and YAML are always UTC)')
    .option('--multicast', 'read-only: join the audit multicast group beside auditd instead of becoming the audit daemon (CAP_AUDIT_READ)')
    .option('--enable', 'enable auditing (enabled=1) while streaming; restored at exit')
    .addOption(settingOption('--backlog-limit', 'kernel backlog limit while streaming; restored at exit'))
    .addOption(settingOption('--rate-limit', 'kernel rate limit (messages/s, 0 = none) while streaming; restored at exit'))
    .addOption(settingOption('--backlog-wait-time', 'kernel backlog wait time while streaming; restored at exit'))
    .addOption(
      new Option('--receive-buffer <bytes>', 'netlink socket receive buffer to ask for (kernel memory, used only while tsaudit is behind)')
        .default(256 * 1024 * 1024)
        .argParser(wholeNumber('--receive-buffer', 2 ** 31 - 1, 1)),
    )
    .addOption(
      new Option('--queue <events>', 'events held for a slow output before dropping (and reporting) them')
        .default(10_000)
        .argParser(wholeNumber('--queue', 2 ** 31 - 1, 1)),
    )
    .addOption(new Option('-c, --count <n>', 'exit after printing n events').argParser(wholeNumber('--count', 2 ** 31 - 1, 1)))
    .option(
      '--stats',
      "print a start line and, at exit, a summary (events, loss, rate) on stderr; with --output, each output's counters every 10 s",
    );
  addShipOptions(cmd);
  // tsaudit search's selectors; -c and -f stay stream's (--count, --format): --comm and --file there
  addSelectorOptions(cmd, 'Selectors (only matching events are printed; as tsaudit search):', ['-c', '-f'])
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

Selectors: only the events that every selector given matches are printed, as tsaudit search (and ausearch)
match them (--comm and --file are the long names of search's -c and -f).

Examples:
  sudo tsaudit stream
  sudo tsaudit stream -format=json | jq -c 'select(.record_type == "EXECVE")'
  sudo tsaudit stream -i                                # one line per event: time, actor, action, object, result
  sudo tsaudit stream --multicast -format=json
  sudo tsaudit stream -k passwd -format=json           # only events of the rule key passwd
  sudo tsaudit stream -m USER_LOGIN -sv no -i
  sudo tsaudit stream --enable --backlog-limit 8192 --stats -format=json > events.ndjson
  sudo tsaudit stream -format=ecs --output redis://127.0.0.1:6379/auditbeat --spool /var/spool/tsaudit --stats`,
    )
    .action(runStreamVerb);
}

/** Selection before output: events the selectors drop are never formatted (bad values fail here, exit 2). */
async function selectedCodec(flags: StreamFlags) {
  const [{ streamCodec }, { eventSelector }] = await Promise.all([import('../stream/audit-events.js'), import('../search/select.js')]);
  const select = eventSelector(flags);
  const base = streamCodec({ interpret: flags.interpret, ids: flags.id, utc: flags.utc });
  return select === undefined
    ? base
    : { ...base, assembler: (emit: Parameters<typeof base.assembler>[0]) => base.assembler((e) => void (select(e) && emit(e))) };
}

/** -format=ecs and --output: a writer of JSON documents (the stream's loss reports go with them). */
async function documentWriter(flags: StreamFlags, ship: NonNullable<ReturnType<typeof shipSetup>> | undefined, signal: AbortSignal) {
  const [{ documentRenderer, ecsItemWriter, shipItemWriter }, { formatLoss, isLossRecord }, { lossEventDocument }] = await Promise.all([
    import('../pipeline/ecs-sink.js'),
    import('../stream/loss.js'),
    import('../ship/shipper.js'),
  ]);
  const loss = {
    is: isLossRecord,
    document: (l: import('../stream/loss.js').LossRecord) => lossEventDocument(formatLoss(l), l, l.time),
  };
  return ship
    ? shipItemWriter(
        documentRenderer(ship.document, { ids: flags.id }),
        { ...ship, signal, ...(flags.stats ? { statsMs: 10_000 } : {}) },
        loss,
      )
    : ecsItemWriter({ ids: flags.id }, loss);
}

async function runStreamVerb(flags: StreamFlags): Promise<void> {
  const ship = shipSetup(flags);
  const [{ runStream }, { openStreamClient }, { onShutdown, shutdownSignal }] = await Promise.all([
    import('../stream/run.js'),
    import('../stream/open.js'),
    import('../runtime.js'),
  ]);
  const codec = await selectedCodec(flags);
  const writer = ship || flags.format === 'ecs' ? await documentWriter(flags, ship, shutdownSignal) : undefined;
  const client = await openStreamClient();
  const passed = Object.fromEntries(PASSED_ON.map((k) => [k, flags[k]])) as Pick<StreamOptions, PassedOn>;
  const done = runStream(
    // loss records go to the writer in every format but text
    { ...passed, format: flags.format === 'ecs' ? 'json' : flags.format, queueSize: flags.queue },
    {
      client,
      codec,
      signal: shutdownSignal,
      note: (line) => void process.stderr.write(`tsaudit: ${line}\n`),
      ...(writer ? { writer } : {}),
    },
  );
  // The outputs are closed once the stream is over: what they have not taken is delivered, or kept in the
  // spool, or reported.
  const finished = done.finally(() => writer?.close());
  // On SIGINT/SIGTERM/EPIPE the runtime waits for this before exiting: the audit pid is cleared and
  // settings restored by then.
  const unregister = onShutdown(() =>
    finished.then(
      () => undefined,
      () => undefined,
    ),
  );
  try {
    await finished;
  } finally {
    unregister();
  }
}
