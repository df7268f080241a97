#!/usr/bin/env node
// `npm run bench [-- NAME…] [--runs=N] [--sizes=1,8,48,full]`: runs the benchmark scenarios (all, or those
// named) one after the other and prints their figures next to the real peers measured in the same run. Not
// a test: run it on a quiet machine (2 shared cores make figures noisy). --runs=N (default 5) times each
// tool N times, alternating, and reports medians; --sizes picks the cuts of the bench log (bench/logs.mjs).
// Node reads the file NODE_EXTRA_CA_CERTS names at every start, before any of tsaudit runs; a host that sets
// it for its own tooling would charge that to every Node row, so the measured commands run without it (both
// floors are printed), unless --keep-env.
//
// To add a scenario: write bench/<name>.mjs exporting { name, description, run(ctx) } and list it below.

import { machine, nodeFloor } from './lib.mjs';
import { interpretScenario } from './interpret.mjs';
import { parseScenario } from './parse.mjs';
import { reportScenario } from './report.mjs';
import { searchScenario } from './search.mjs';
import { shipScenario } from './ship.mjs';
import { streamScenario } from './stream.mjs';

const SCENARIOS = [parseScenario, interpretScenario, searchScenario, reportScenario, streamScenario, shipScenario];

const args = process.argv.slice(2);
const runsArg = args.find((a) => a.startsWith('--runs='));
const runs = runsArg ? Math.max(1, Number.parseInt(runsArg.slice(7), 10) || 1) : 5;
const sizesArg = args.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg
  ?.slice(8)
  .split(',')
  .map((s) => (s === 'full' ? 'full' : `${s.replace(/\s*MB$/i, '')} MB`));
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`bench: unknown scenario ${unknown.join(', ')} (have: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  process.exit(2);
}

console.log(`tsaudit bench on ${machine()}`);
const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
if (extraCerts && !args.includes('--keep-env')) {
  const withIt = await nodeFloor(5);
  delete process.env.NODE_EXTRA_CA_CERTS;
  const without = await nodeFloor(5);
  console.log(
    `NODE_EXTRA_CA_CERTS=${extraCerts} is set here: node -e 0 takes ${withIt.toFixed(3)} s with it, ${without.toFixed(3)} s without; ` +
      'every command below runs without it (--keep-env keeps it)',
  );
}
let failed = 0;
for (const s of SCENARIOS) {
  if (wanted.length > 0 && !wanted.includes(s.name)) continue;
  console.log(`\n== ${s.name}: ${s.description}`);
  try {
    await s.run({ runs, sizes });
  } catch (err) {
    failed++;
    console.error(`bench ${s.name} failed: ${err.message}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
