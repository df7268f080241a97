// Scenario "report": `tsaudit report` next to aureport on the real bench log cut at 8 MB, 48 MB and in full
// (bench/logs.mjs), for the Summary Report, `-x --summary`, `-f --summary` and `-au`: wall time, CPU time,
// peak RSS and the speed ratio, both tools timed in the same run. Before timing, each pair's stdout is
// compared: a figure for output that differs from aureport's would mean nothing.
// Targets (issue 16): >= 5x aureport's speed at 48 MB and above, no slower at 8 MB, peak RSS <= 120 MB.
//
//   npm run bench -- report [--sizes=8,48,full] [--runs=N]

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLogs } from './logs.mjs';
import { table, timeTools, which } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/tsaudit');
const REPORTS = [
  { name: 'Summary Report', args: [] },
  { name: '-x --summary', args: ['-x', '--summary'] },
  { name: '-f --summary', args: ['-f', '--summary'] },
  { name: '-au', args: ['-au'] },
];
const ENV = { ...process.env, TZ: 'UTC', LC_ALL: 'C' };

export const reportScenario = {
  name: 'report',
  description: 'tsaudit report vs aureport: Summary Report, -x --summary, -f --summary, -au on the 8 MB, 48 MB and full real log',
  async run({ runs = 1, sizes = ['8 MB', '48 MB', 'full'] }) {
    const aureport = which('aureport');
    if (!aureport) {
      console.log('aureport not found: scenario skipped (apt-get install auditd)');
      return { ok: true };
    }
    const logs = await benchLogs(sizes);
    if (logs.length === 0) throw new Error(`no bench log of size ${sizes.join(', ')} (have 1, 8, 48, full)`);
    const rows = [];
    const misses = [];
    for (const log of logs) {
      for (const r of REPORTS) {
        const ours = ['report', '-if', log.path, ...r.args];
        const theirs = ['-if', log.path, ...r.args];
        const a = spawnSync(aureport, theirs, { env: ENV, maxBuffer: 1 << 30 });
        const b = spawnSync(BIN, ours, { env: ENV, maxBuffer: 1 << 30 });
        if (!a.stdout.equals(b.stdout) || a.status !== b.status)
          throw new Error(`${log.label} ${r.name}: tsaudit's output differs from aureport's`);
        const tools = [
          { name: 'tsaudit', cmd: BIN, args: ours, env: ENV },
          { name: 'aureport', cmd: aureport, args: theirs, env: ENV },
        ];
        const res = await timeTools(tools, runs);
        const t = res.tsaudit;
        const au = res.aureport;
        const ratio = au.seconds / t.seconds;
        const rss = t.peakRssKB / 1024;
        rows.push([
          log.label,
          r.name,
          t.seconds.toFixed(2),
          t.cpuSeconds?.toFixed(2) ?? '-',
          rss.toFixed(1),
          au.seconds.toFixed(2),
          au.cpuSeconds?.toFixed(2) ?? '-',
          (au.peakRssKB / 1024).toFixed(1),
          `${ratio.toFixed(2)}x`,
        ]);
        const target = log.label === '8 MB' ? 1 : log.label === '1 MB' ? 0 : 5;
        if (ratio < target) misses.push(`${log.label} ${r.name}: ${ratio.toFixed(2)}x (target ${target}x)`);
        if (rss > 120) misses.push(`${log.label} ${r.name}: peak RSS ${rss.toFixed(1)} MB (target <= 120)`);
      }
    }
    if (runs > 1) console.log(`best of ${runs} rounds:`);
    table(['log', 'report', 'tsaudit s', 'CPU s', 'RSS MB', 'aureport s', 'CPU s', 'RSS MB', 'speed ratio'], rows);
    console.log(misses.length === 0 ? 'targets: all met' : `targets NOT met: ${misses.join('; ')}`);
    return { ok: misses.length === 0 };
  },
};
