// Differential test: `tsaudit parse` groups every corpus file into exactly as many events as the real
// `ausearch --input FILE` (one `----` line per event). Skipped, with the reason printed, without ausearch.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function findAusearch(): string | undefined {
  for (const p of ['/usr/sbin/ausearch', '/sbin/ausearch', '/usr/bin/ausearch']) {
    if (spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0) return p;
  }
  return undefined;
}

const ausearch = findAusearch();
if (!ausearch) console.log('ausearch differential test skipped: ausearch not found (apt-get install auditd)');

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-ausearch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function input(name: string): string {
  if (!name.endsWith('.gz')) return join(FIXTURES, name);
  const out = join(tmp, name.replace(/^.*\//, '').replace(/\.gz$/, ''));
  writeFileSync(out, gunzipSync(readFileSync(join(FIXTURES, name))));
  return out;
}

function ausearchEvents(file: string): number {
  const r = spawnSync(ausearch!, ['--input', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ausearch --input ${file} failed (${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l.startsWith('----')).length;
}

function ourEvents(file: string): number {
  const r = runCli(['parse', file]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter((l) => l === '---').length;
}

// Counts stated in the corpus README, checked here against the live ausearch as well.
const CASES: [string, number | undefined][] = [
  ['corpus/real-small.log', 974],
  ['corpus/real-small-raw.log', 966],
  ['corpus/real-medium.log.gz', 21407],
  ['corpus/live-stream.log', 574],
  ['go-libaudit/testdata/normal.log', undefined],
  ['go-libaudit/testdata/lost_messages.log', undefined],
  ['go-libaudit/testdata/out_of_order.log', undefined],
  ['go-libaudit/testdata/rollover.log', undefined],
];

describe.skipIf(!ausearch)('event counts equal ausearch --input', () => {
  it.each(CASES)('%s', (name, readme) => {
    const file = input(name);
    const theirs = ausearchEvents(file);
    if (readme !== undefined) expect(theirs).toBe(readme);
    expect(ourEvents(file)).toBe(theirs);
  });
});
