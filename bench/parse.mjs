// Scenario "parse": build a ~200 MB audit log from the real-medium corpus file by re-sequencing serials and
// timestamps (each copy continues after the previous one, so events stay distinct and in time order), then
// time `tsaudit parse -format=json` and `ausearch --format raw` on the same file in the same run.
// Targets (issue 8): >= 100 MB/s and peak RSS <= 120 MB for tsaudit.

import { createWriteStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { resultTable, timeTools, which } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(ROOT, 'test/fixtures/corpus/real-medium.log.gz');
/** Events in one copy of real-medium.log, as `ausearch --input` counts them (corpus README). */
export const EVENTS_PER_COPY = 21407;
const TARGET_BYTES = 200e6;
const SERIAL_STEP = 10_000_000; // > the serial range of one copy
const SECONDS_STEP = 30; // > the 18 s one copy spans, and > the 2 s reassembly window

export async function buildLog(file) {
  const seed = gunzipSync(readFileSync(SEED)).toString('utf8');
  const copies = Math.max(1, Math.round(TARGET_BYTES / Buffer.byteLength(seed)));
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const header = /msg=audit\((\d+)\.(\d{3}):(\d+)\)/;
  for (let k = 0; k < copies; k++) {
    const text =
      k === 0
        ? seed
        : seed.replace(new RegExp(header.source, 'g'), (_m, sec, ms, serial) => `msg=audit(${Number(sec) + k * SECONDS_STEP}.${ms}:${Number(serial) + k * SERIAL_STEP})`);
    if (!out.write(text)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  return { copies, bytes: statSync(file).size };
}

export const parseScenario = {
  name: 'parse',
  description: 'tsaudit parse -format=json vs ausearch --format raw on a ~200 MB re-sequenced real log',
  async run({ keep, runs = 1 }) {
    const file = join(tmpdir(), `tsaudit-bench-parse-${process.pid}.log`);
    console.log(`building ${file} from ${relative(ROOT, SEED)} ...`);
    try {
      return await timeParse(file, runs);
    } finally {
      if (!keep && existsSync(file)) rmSync(file);
    }
  },
};

async function timeParse(file, runs) {
  const { copies, bytes } = await buildLog(file);
  const events = copies * EVENTS_PER_COPY;
  console.log(`${(bytes / 1e6).toFixed(1)} MB, ${copies} copies, ${events} events`);
  const tools = [{ name: 'tsaudit parse -format=json', cmd: process.execPath, args: [join(ROOT, 'bin/tsaudit'), 'parse', '-format=json', file] }];
  const ausearch = which('ausearch');
  if (ausearch) tools.push({ name: 'ausearch --format raw', cmd: ausearch, args: ['--input', file, '--format', 'raw'] });
  else console.log('ausearch not found: comparison skipped (apt-get install auditd)');
  const results = await timeTools(tools, runs);
  resultTable(tools, results, bytes, events, runs);
  const ours = results[tools[0].name];
  const mbps = bytes / 1e6 / ours.seconds;
  const rssMB = ours.peakRssKB / 1024;
  if (ausearch) {
    const theirs = results['ausearch --format raw'];
    console.log(`ratio: tsaudit is ${(theirs.seconds / ours.seconds).toFixed(2)}x ausearch's speed, ${(ours.peakRssKB / theirs.peakRssKB).toFixed(2)}x its peak RSS`);
  }
  console.log(`targets: >= 100 MB/s ${mbps >= 100 ? 'met' : 'NOT met'} (${mbps.toFixed(1)}), peak RSS <= 120 MB ${rssMB <= 120 ? 'met' : 'NOT met'} (${rssMB.toFixed(1)})`);
  return { ok: true };
}
