// Scenario "search": `tsaudit search` next to `ausearch` with the same selectors on the real bench log cut at
// 1, 8, 48 MB and all of it, in the same run: a selective query (-k passwd), a broad one (-m SYSCALL -sv no),
// each with --raw and with the default output, and -i over the selective query. Both tools read the file
// with -if; exit 1 (nothing matched) counts as a run.
// Targets (issue 15), median wall over ausearch's with the same arguments: 8 MB no slower (<= 1.0x); 48 MB and
// full >= 2x faster (<= 0.5x) for --raw and -i; peak RSS <= 120 MB at every size.

import { benchLogs } from './logs.mjs';
import { compareAtSizes, nodeFloor, which } from './lib.mjs';
import { TSAUDIT } from './parse.mjs';

const QUERIES = [
  { label: '-k passwd --raw', args: ['-k', 'passwd', '--raw'] },
  { label: '-k passwd', args: ['-k', 'passwd'] },
  { label: '-m SYSCALL -sv no --raw', args: ['-m', 'SYSCALL', '-sv', 'no', '--raw'] },
  { label: '-m SYSCALL -sv no', args: ['-m', 'SYSCALL', '-sv', 'no'] },
  { label: '-k passwd -i', args: ['-k', 'passwd', '-i'] },
];

export const searchScenario = {
  name: 'search',
  description: 'tsaudit search vs ausearch (-k passwd, -m SYSCALL -sv no; --raw, default, -i) at 1, 8, 48 MB and the full real log',
  async run({ runs = 5, sizes, queries = QUERIES }) {
    const logs = await benchLogs(sizes);
    const ausearch = which('ausearch');
    if (!ausearch) console.log('ausearch not found: comparison skipped (apt-get install auditd)');
    const floor = await nodeFloor(runs);
    const env = { ...process.env, TZ: 'UTC', LC_ALL: 'C' };
    return compareAtSizes(
      logs,
      (log) =>
        queries.flatMap((q) => [
          {
            name: `tsaudit search ${q.label}`,
            cmd: TSAUDIT,
            args: ['search', '-if', log.path, ...q.args],
            env,
            okStatus: [0, 1],
            peer: ausearch ? `ausearch ${q.label}` : undefined,
          },
          ...(ausearch ? [{ name: `ausearch ${q.label}`, cmd: ausearch, args: ['-if', log.path, ...q.args], env, okStatus: [0, 1] }] : []),
        ]),
      { runs, floor },
    );
  },
};

// `node bench/search.mjs [--runs=N] [--sizes=1,8]`: this scenario alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const runsArg = args.find((a) => a.startsWith('--runs='));
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg
    ?.slice(8)
    .split(',')
    .map((s) => (s === 'full' ? 'full' : `${s} MB`));
  await searchScenario.run({ runs: runsArg ? Number(runsArg.slice(7)) : 5, sizes });
}
