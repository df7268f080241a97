#!/usr/bin/env node
// `npm run bench [-- NAME…] [--keep] [--runs=N]`: runs the benchmark scenarios (all, or those named) one
// after the other and prints their figures next to the real peers measured in the same run. Not a test: run
// it once on a quiet machine (2 shared cores make figures noisy). --keep leaves generated inputs in the temp
// dir; --runs=N times each tool N times, alternating, and keeps each one's best (scenarios that support it).
//
// To add a scenario: write bench/<name>.mjs exporting { name, description, run(ctx) } and list it below.

import { machine } from './lib.mjs';
import { interpretScenario } from './interpret.mjs';
import { parseScenario } from './parse.mjs';
import { streamScenario } from './stream.mjs';

const SCENARIOS = [parseScenario, interpretScenario, streamScenario];

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const runsArg = args.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Math.max(1, Number.parseInt(runsArg.slice(7), 10) || 1) : 1;
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`bench: unknown scenario ${unknown.join(', ')} (have: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  process.exit(2);
}

console.log(`tsaudit bench on ${machine()}`);
let failed = 0;
for (const s of SCENARIOS) {
  if (wanted.length > 0 && !wanted.includes(s.name)) continue;
  console.log(`\n== ${s.name}: ${s.description}`);
  try {
    await s.run({ keep, runs });
  } catch (err) {
    failed++;
    console.error(`bench ${s.name} failed: ${err.message}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
