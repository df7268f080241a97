// Scenario "interpret": `tsaudit parse -i -format=json` (one normalized event per event) next to `ausearch -i`
// on the same ~200 MB re-sequenced real log as the parse scenario, in the same run.
// Target (issue 3): >= 3x the MB/s of ausearch -i.

import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, table, which } from './lib.mjs';
import { buildLog, EVENTS_PER_COPY } from './parse.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const interpretScenario = {
  name: 'interpret',
  description: 'tsaudit parse -i -format=json vs ausearch -i on a ~200 MB re-sequenced real log',
  async run({ keep }) {
    const file = join(tmpdir(), 'tsaudit-bench-interpret.log');
    console.log(`building ${file} ...`);
    const { copies, bytes } = await buildLog(file);
    const events = copies * EVENTS_PER_COPY;
    console.log(`${(bytes / 1e6).toFixed(1)} MB, ${copies} copies, ${events} events`);
    // -id=false: the log is ENRICHED (names come from it) and the figure should not depend on this host's NSS.
    const tools = [
      { name: 'tsaudit parse -i -format=json', cmd: process.execPath, args: [join(ROOT, 'bin/tsaudit'), 'parse', '-i', '-format=json', '-id=false', file] },
    ];
    const ausearch = which('ausearch');
    if (ausearch) tools.push({ name: 'ausearch -i', cmd: ausearch, args: ['-i', '--input', file] });
    else console.log('ausearch not found: comparison skipped (apt-get install auditd)');
    const rows = [];
    const results = {};
    for (const t of tools) {
      const r = await measure(t.cmd, t.args);
      if (r.status !== 0) throw new Error(`${t.name} exited ${r.status}: ${r.stderr}`);
      results[t.name] = r;
      rows.push([t.name, r.seconds.toFixed(2), (bytes / 1e6 / r.seconds).toFixed(1), Math.round(events / r.seconds), (r.peakRssKB / 1024).toFixed(1)]);
    }
    table(['tool', 'seconds', 'MB/s', 'events/s', 'peak RSS MB'], rows);
    if (ausearch) {
      const ours = results[tools[0].name];
      const theirs = results['ausearch -i'];
      const ratio = theirs.seconds / ours.seconds;
      console.log(`ratio: tsaudit -i is ${ratio.toFixed(2)}x ausearch -i's speed; target >= 3x ${ratio >= 3 ? 'met' : 'NOT met'}`);
    }
    if (!keep && existsSync(file)) rmSync(file);
    return { ok: true };
  },
};
