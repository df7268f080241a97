// Scenario "parse": `tsaudit parse -format=json` next to `ausearch --raw` on the real bench log cut at 1, 8,
// 48 MB and all of it (bench/logs.mjs), from a file argument and from stdin, with `node -e 0` as the floor.
// Targets (issue 17), tsaudit's median wall time over the peer's: 1 MB within 60 ms of node -e 0; 8 MB
// <= 1.0x ausearch --raw; 48 MB and full <= 0.4x; peak RSS <= 150 MB; stdin within 10% of the file path.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLogs } from './logs.mjs';
import { compareAtSizes, nodeFloor, which } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TSAUDIT = join(ROOT, 'bin/tsaudit');

export const parseScenario = {
  name: 'parse',
  description: 'tsaudit parse -format=json vs ausearch --raw at 1, 8, 48 MB and the full real log',
  async run({ runs = 5, sizes }) {
    const logs = await benchLogs(sizes);
    const ausearch = which('ausearch');
    if (!ausearch) console.log('ausearch not found: comparison skipped (apt-get install auditd)');
    const floor = await nodeFloor(runs);
    return compareAtSizes(
      logs,
      (log) => [
        {
          name: 'tsaudit parse -format=json FILE',
          cmd: TSAUDIT,
          args: ['parse', '-format=json', log.path],
          peer: ausearch && 'ausearch --raw',
        },
        {
          name: 'same, from stdin',
          cmd: TSAUDIT,
          args: ['parse', '-format=json'],
          stdinFile: log.path,
          peer: 'tsaudit parse -format=json FILE',
        },
        ...(ausearch ? [{ name: 'ausearch --raw', cmd: ausearch, args: ['--raw', '-if', log.path] }] : []),
      ],
      { runs, floor },
    );
  },
};
