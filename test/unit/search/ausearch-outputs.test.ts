// Differential tests of the interpreting outputs through `tsaudit search`: -i, --format csv (with the
// --extra-* columns) and --format text against the installed ausearch 3.0.9, on every corpus file (real-medium
// cut) and the synthetic log. Split from ausearch-diff.test.ts so that the two run side by side.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVIATIONS, type Deviation } from './render/deviations.js';
import { ausearchAsync, HAVE_AUSEARCH, search } from './harness.js';

const CORPUS = new URL('../../fixtures/corpus/', import.meta.url).pathname;
const SYNTHETIC = new URL('../../fixtures/search/synthetic.log', import.meta.url).pathname;
const MEDIUM_LINES = 6_000;
const NAMES = ['real-small.log', 'real-small-raw.log', 'live-stream.log', 'real-medium (cut)', 'synthetic.log'];

if (!HAVE_AUSEARCH) console.warn('search output differential tests SKIPPED: /usr/sbin/ausearch 3.0.9 is not installed');

let dir = '';
const files: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-out-'));
  const medium =
    gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz')))
      .toString('latin1')
      .split('\n')
      .slice(0, MEDIUM_LINES)
      .join('\n') + '\n';
  files['real-medium (cut)'] = join(dir, 'real-medium-cut.log');
  writeFileSync(files['real-medium (cut)'], medium, 'latin1');
  for (const f of ['real-small.log', 'real-small-raw.log', 'live-stream.log']) files[f] = join(CORPUS, f);
  files['synthetic.log'] = SYNTHETIC;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// ausearch's interpreting outputs (the renderers of src/search/render, with their own deviation table) on a
// few queries per file: the selection, the order and the wiring (csv header once, <no matches>) are search's.
const OUTPUT_QUERIES: string[][] = [['-k', 'passwd'], ['-m', 'SYSCALL', '-sv', 'no'], ['-ua', '1001'], ['-k', 'nosuchkey'], []];
const OUTPUTS: [Deviation['modes'][number], string[]][] = [
  ['-i', ['-i']],
  ['-i', ['--format', 'interpret', '-k', 'exec']],
  ['csv', ['--format', 'csv']],
  ['csv', ['--format', 'csv', '--extra-keys', '--extra-labels', '--extra-obj2', '--extra-time']],
  ['text', ['--format', 'text']],
];

/** Equal, line by line, except for lines that a listed renderer deviation explains. */
function sameUpToDeviations(mode: Deviation['modes'][number], ours: Buffer, theirs: Buffer): string | undefined {
  const o = ours.toString('latin1').split('\n');
  const t = theirs.toString('latin1').split('\n');
  if (o.length !== t.length) return `${o.length} lines, ausearch ${t.length}`;
  for (let i = 0; i < o.length; i++) {
    if (o[i] === t[i]) continue;
    if (!DEVIATIONS.some((d) => d.modes.includes(mode) && d.explains(o[i]!, t[i]!)))
      return `line ${i + 1}: ${o[i]!.slice(0, 200)} | ausearch: ${t[i]!.slice(0, 200)}`;
  }
  return undefined;
}

describe.skipIf(!HAVE_AUSEARCH).each(NAMES)('search -i, csv, text vs ausearch on %s', (name) => {
  it.each(OUTPUT_QUERIES.flatMap((q) => OUTPUTS.map(([mode, o]) => [`${[...q, ...o].join(' ')}`, mode, [...q, ...o]] as const)))(
    '%s',
    async (_label, mode, q) => {
      const file = files[name]!;
      const a = await ausearchAsync(['-if', file, ...q]);
      const t = await search(['-if', file, ...q]);
      expect(t.status).toBe(a.status);
      expect(sameUpToDeviations(mode, t.stdout, a.stdout)).toBeUndefined();
    },
  );
});
