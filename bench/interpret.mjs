// Scenario "interpret": `tsaudit parse -i -format=json` (one normalized event per event) next to
// `ausearch -i` on the real bench log cut at 1, 8, 48 MB and all of it, in the same run; also on one thread
// (TSAUDIT_WORKERS=0) and from stdin. -id=false: the log is ENRICHED, so names come from it, and the figure
// does not depend on this host's NSS.
// Targets (issue 17), median wall over ausearch -i's: 1 MB within 60 ms of node -e 0; 8 MB <= 0.8x; 48 MB and
// full <= 0.35x with CPU seconds <= 0.5x ausearch -i's; peak RSS <= 150 MB; stdin within 10% of the file.

import { benchLogs } from './logs.mjs';
import { compareAtSizes, nodeFloor, which } from './lib.mjs';
import { TSAUDIT } from './parse.mjs';

export const interpretScenario = {
  name: 'interpret',
  description: 'tsaudit parse -i -format=json vs ausearch -i at 1, 8, 48 MB and the full real log',
  async run({ runs = 5, sizes }) {
    const logs = await benchLogs(sizes);
    const ausearch = which('ausearch');
    if (!ausearch) console.log('ausearch not found: comparison skipped (apt-get install auditd)');
    const floor = await nodeFloor(runs);
    const peer = ausearch ? 'ausearch -i' : undefined;
    return compareAtSizes(
      logs,
      (log) => {
        const args = ['parse', '-i', '-format=json', '-id=false'];
        return [
          { name: 'tsaudit parse -i -format=json FILE', cmd: TSAUDIT, args: [...args, log.path], peer },
          {
            name: 'same, one thread',
            cmd: TSAUDIT,
            args: [...args, log.path],
            env: { ...process.env, TSAUDIT_WORKERS: '0' },
            peer,
          },
          { name: 'same, from stdin', cmd: TSAUDIT, args, stdinFile: log.path, peer: 'tsaudit parse -i -format=json FILE' },
          ...(ausearch ? [{ name: 'ausearch -i', cmd: ausearch, args: ['-i', '-if', log.path] }] : []),
        ];
      },
      { runs, floor },
    );
  },
};
