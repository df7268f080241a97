// The options `parse` and `stream` share for shipping events: `-format=ecs`, `--output URL` (repeatable),
// `--spool DIR`, `--spool-size SIZE`. Validated here, before any input is read: a bad URL or a format that
// is not one JSON document per event is a usage error (exit 2) naming the flag.

import { type Command, Option } from 'commander';
import { usageError } from '../errors.js';
import { EVENT_FORMATS, type EventFormatName, parseEventFormat } from '../format/index.js';
import type { ShipEventsOptions } from '../pipeline/ecs-sink.js';
import { parseOutputUrl } from '../ship/url.js';

export interface ShipFlags {
  format: EventFormatName;
  interpret?: boolean;
  output?: string[];
  spool?: string;
  spoolSize?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function size(value: string): number {
  const m = /^(\d+)([kmg]?)$/i.exec(value);
  if (!m) throw usageError(`flag --spool-size: expected bytes with an optional K, M or G, got "${value}"`, { token: value });
  return Number(m[1]) * { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
}

/** `-f/--format` of the event verbs: text, json, yaml, ecs. */
export function eventFormatOption(): Option {
  return new Option('-f, --format <format>', `output format: ${EVENT_FORMATS.join(', ')}`).default('text').argParser(parseEventFormat);
}

export function addShipOptions(cmd: Command): Command {
  return cmd
    .option(
      '--output <url>',
      'ship each event as a JSON document (with -format=ecs, or -i -format=json) to file:PATH, redis://HOST:PORT/KEY, ' +
        'syslog+tcp://, syslog+udp://, syslog+tls://HOST:PORT or http(s)://HOST:PORT/INDEX (Elasticsearch); repeatable',
      collect,
    )
    .option('--spool <dir>', 'with --output, keep events on disk until each output has taken them (survives restarts)')
    .addOption(
      new Option('--spool-size <size>', 'with --spool, most bytes kept per output; the oldest are dropped, counted and reported').argParser(
        size,
      ),
    );
}

/** What to ship, from the flags; undefined without --output. */
export function shipSetup(
  flags: ShipFlags,
): (Omit<ShipEventsOptions, 'signal' | 'statsMs'> & { document: 'ecs' | 'normalized' }) | undefined {
  const urls = flags.output ?? [];
  if (urls.length === 0) {
    if (flags.spool !== undefined) throw usageError('flag --spool: needs --output');
    return undefined;
  }
  const document = flags.format === 'ecs' ? 'ecs' : flags.interpret && flags.format === 'json' ? 'normalized' : undefined;
  if (!document) {
    throw usageError(
      `flag --output: ships one JSON document per event: use -format=ecs (or -i -format=json), got -format=${flags.format}${flags.interpret ? ' -i' : ''}`,
    );
  }
  const outputs = urls.map(parseOutputUrl);
  const spool = flags.spool === undefined ? undefined : { dir: flags.spool, ...(flags.spoolSize ? { maxBytes: flags.spoolSize } : {}) };
  return { document, outputs, ...(spool ? { spool } : {}) };
}
