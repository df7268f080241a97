// Scenario "interpret": `tsaudit parse -i -format=json` (one normalized event per event) next to `ausearch -i`
// on the same ~200 MB re-sequenced real log as the parse scenario, in the same run.
// Target (issue 3): >= 3x the MB/s of ausearch -i. tsaudit interprets a file this large on worker threads
// (one per CPU; ausearch uses one), so the table gives CPU seconds next to wall seconds, and the same run
// times tsaudit on one thread (TSAUDIT_WORKERS=0) as well.

import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultTable, timeTools, which } from './lib.mjs';
import { buildLog, EVENTS_PER_COPY } from './parse.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const interpretScenario = {
  name: 'interpret',
  description: 'tsaudit parse -i -format=json vs ausearch -i on a ~200 MB re-sequenced real log',
  async run({ keep, runs = 1 }) {
    const file = join(tmpdir(), 'tsaudit-bench-interpret.log');
    console.log(`building ${file} ...`);
    try {
      const { copies, bytes } = await buildLog(file);
      const events = copies * EVENTS_PER_COPY;
      console.log(`${(bytes / 1e6).toFixed(1)} MB, ${copies} copies, ${events} events`);
      // -id=false: the log is ENRICHED (names come from it) and the figure should not depend on this host's NSS.
      const args = [join(ROOT, 'bin/tsaudit'), 'parse', '-i', '-format=json', '-id=false', file];
      const tools = [
        { name: 'tsaudit parse -i -format=json', cmd: process.execPath, args },
        { name: 'same, one thread', cmd: 'env', args: ['TSAUDIT_WORKERS=0', process.execPath, ...args] },
      ];
      const ausearch = which('ausearch');
      if (ausearch) tools.push({ name: 'ausearch -i', cmd: ausearch, args: ['-i', '--input', file] });
      else console.log('ausearch not found: comparison skipped (apt-get install auditd)');
      const results = await timeTools(tools, runs);
      resultTable(tools, results, bytes, events, runs);
      if (ausearch) {
        const theirs = results['ausearch -i'].seconds;
        const ratio = theirs / results[tools[0].name].seconds;
        console.log(`ratio: tsaudit -i is ${ratio.toFixed(2)}x ausearch -i's speed (one thread: ${(theirs / results['same, one thread'].seconds).toFixed(2)}x); target >= 3x ${ratio >= 3 ? 'met' : 'NOT met'}`);
      }
      return { ok: true };
    } finally {
      if (!keep && existsSync(file)) rmSync(file);
    }
  },
};
