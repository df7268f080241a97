// Differential test: what ausearch prints can be piped into `tsaudit parse`. For every corpus file and
// several selectors, `ausearch --input FILE SELECTOR [--raw] | tsaudit parse` gives exactly ausearch's
// events: as many, and each with the same records. ausearch's default output prints each event after a
// `----` and a `time->` line, its records last to first (PROCTITLE first); `--raw` prints the records as
// logged, ENRICHED part included, without separators. The events ausearch found are read from its default
// output. Skipped, with the reason printed, without ausearch.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

function findAusearch(): string | undefined {
  for (const p of ['/usr/sbin/ausearch', '/sbin/ausearch', '/usr/bin/ausearch']) {
    if (spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0) return p;
  }
  return undefined;
}

const ausearch = findAusearch();
if (!ausearch) console.log('ausearch pipe test skipped: ausearch not found (apt-get install auditd)');

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-ausearch-pipe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function input(name: string): string {
  if (!name.endsWith('.gz')) return join(CORPUS, name);
  const out = join(tmp, name.replace(/\.gz$/, ''));
  writeFileSync(out, gunzipSync(readFileSync(join(CORPUS, name))));
  return out;
}

/** Events as sorted lists of their records (ENRICHED part cut), the whole sorted: order-free comparison. */
function eventsOf(text: string, separator: (line: string) => boolean): string[] {
  const events: string[] = [];
  let cur: string[] | undefined;
  for (const line of text.split('\n')) {
    if (separator(line)) {
      if (cur) events.push(cur.sort().join('\n'));
      cur = [];
    } else if (line !== '' && !line.startsWith('time->')) {
      cur?.push(line.replace(/\x1d.*$/, ''));
    }
  }
  if (cur) events.push(cur.sort().join('\n'));
  return events.sort();
}

function runAusearch(file: string, selector: string[], raw: boolean): string {
  const args = ['--input', file, ...selector, ...(raw ? ['--raw'] : [])];
  const r = spawnSync(ausearch!, args, { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ausearch ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

const FILES = ['real-small.log', 'real-small-raw.log', 'real-medium.log.gz', 'live-stream.log'];
const SELECTORS = [
  ['-k', 'passwd'],
  ['-m', 'EXECVE'],
  ['-ua', '1001'],
  ['-sv', 'no'],
];

describe.skipIf(!ausearch)('ausearch … | tsaudit parse: the events ausearch found', () => {
  const cases = FILES.flatMap((f) => SELECTORS.map((s) => [f, s.join(' ')] as const));
  it.each(cases)(
    '%s, %s: default and --raw output, same events, same records',
    (name, sel) => {
      const file = input(name);
      const selector = sel.split(' ');
      const printed = runAusearch(file, selector, false);
      const theirs = eventsOf(printed, (l) => l === '----');
      expect(theirs.length).toBeGreaterThan(0);
      for (const raw of [false, true]) {
        const text = raw ? runAusearch(file, selector, true) : printed;
        const r = runCli(['parse'], { input: Buffer.from(text, 'latin1') });
        expect(r.stderr, `${sel}${raw ? ' --raw' : ''}`).toBe('');
        expect(r.status).toBe(0);
        const ours = eventsOf(r.stdout, (l) => l === '---');
        expect(ours.length, `${sel}${raw ? ' --raw' : ''}: events`).toBe(theirs.length);
        const mismatched = ours.filter((e, i) => e !== theirs[i]);
        expect(mismatched.slice(0, 2), `${sel}${raw ? ' --raw' : ''}: events whose records differ`).toEqual([]);
      }
      // the normalized view counts them too: one interpreted event per event (small outputs: -i costs)
      if (printed.length > 4 << 20) return;
      const interpreted = runCli(['parse', '-i', '--no-id'], { input: Buffer.from(printed, 'latin1') });
      expect(interpreted.status).toBe(0);
      expect(interpreted.stdout.trimEnd().split('\n')).toHaveLength(theirs.length);
      // real-medium runs ausearch twice and tsaudit three times: 25-34 s on a machine busy with other work
    },
    120_000,
  );
});
