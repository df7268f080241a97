// `--output URL...` as one sink of serialized documents: the transports of every URL behind one Shipper,
// and `--stats` lines at an interval and at the end.

import { type ShipperOptions, Shipper, statsLine, type OutputStats } from './shipper.js';
import { transportFor } from './outputs.js';
import { type OutputSpec, parseOutputUrl } from './url.js';

export interface ShipSinkOptions {
  /** Parsed --output URLs (parseOutputUrl), at least one. */
  outputs: readonly OutputSpec[];
  /** --spool DIR, with its bound per output in bytes. */
  spool?: { dir: string; maxBytes?: number };
  /** --stats: print each output's counters every `statsMs` and at the end. */
  statsMs?: number;
  /** With a spool: at the end, an output failing this long is left for the next run (default 5 s). */
  spoolGraceMs?: number;
  report?: (line: string) => void;
  shipper?: Omit<ShipperOptions, 'report' | 'spool'>;
}

export interface ShipSink {
  /** One document (JSON, no newline; bytes are UTF-8 and copied at once). False: await ready() before writing more. */
  write(doc: string | Uint8Array): boolean;
  ready(): Promise<void>;
  flush(): void;
  /** Delivers what is left (until `signal` aborts) and closes every output. */
  end(signal?: AbortSignal): Promise<OutputStats[]>;
  stats(): OutputStats[];
  /** Documents every output has taken for good (acknowledged, or in its spool). */
  taken(): number;
}

/** Validates every URL up front: a usage error names the bad one before any event is read. */
export function parseOutputs(urls: readonly string[]): OutputSpec[] {
  return urls.map(parseOutputUrl);
}

export function createShipSink(opts: ShipSinkOptions): ShipSink {
  const report = opts.report ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const shipper = new Shipper(
    opts.outputs.map((o) => transportFor(o, report)),
    { ...opts.shipper, report, ...(opts.spool ? { spool: opts.spool } : {}) },
  );
  const printStats = () => {
    for (const s of shipper.stats()) report(statsLine(s));
  };
  const timer = opts.statsMs ? setInterval(printStats, opts.statsMs) : undefined;
  timer?.unref();
  return {
    write: (doc) => shipper.write(doc),
    ready: () => shipper.ready(),
    flush: () => shipper.flush(),
    stats: () => shipper.stats(),
    taken: () => shipper.taken(),
    async end(signal) {
      try {
        await shipper.end(signal, opts.spool ? { spoolGraceMs: opts.spoolGraceMs ?? 5000 } : {});
      } finally {
        if (timer) clearInterval(timer);
        if (opts.statsMs) printStats();
      }
      return shipper.stats();
    },
  };
}
