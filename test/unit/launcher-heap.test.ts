// Peak memory of long searches and reports (docs/performance.md, "Peak memory"): run as an executable, as
// users and the bench run it, bin/tsaudit starts node with a capped young generation and still takes the
// build's code cache; search and report run under a lower old-generation growth factor, other verbs not.
// A probe preloaded into the child records what it ran under (test/helpers/heap-probe.cjs).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

interface Seen {
  execArgv: string[];
  flagsSet: string[];
  codeCacheRejected: boolean | null;
  heapSizeLimit: number;
}

const LOG = join(ROOT, 'test/fixtures/corpus/real-small.log');
const PROBE = join(ROOT, 'test/helpers/heap-probe.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-heap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `command args` with the probe preloaded; what the probe saw. */
function probe(command: string, args: string[]): Seen {
  const out = join(tmp, `probe-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: `--require ${PROBE}`, HEAP_PROBE_OUT: out, TSAUDIT_WORKERS: '0' },
    timeout: 60_000,
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  return JSON.parse(readFileSync(out, 'utf8')) as Seen;
}

describe('bin/tsaudit run as an executable', () => {
  it('starts node with the young generation capped at 8 MB semi-spaces, and V8 takes the cap', () => {
    const seen = probe(BIN, ['--version']);
    expect(seen.execArgv).toContain('--max-semi-space-size=8');
    // V8's heap limit counts the young generation's maximum: lower than node's default by the cap's saving
    const plain = probe(process.execPath, ['-e', '0']);
    expect(plain.execArgv.filter((a) => a.startsWith('--'))).toEqual([]);
    expect(seen.heapSizeLimit).toBeLessThan(plain.heapSizeLimit);
  });

  it.skipIf(!existsSync(join(ROOT, 'dist/tsaudit.code-cache')))(
    'takes the code cache the build made (V8 rejects one made under other flags)',
    () => {
      expect(probe(BIN, ['parse', LOG]).codeCacheRejected).toBe(false);
      expect(probe(BIN, ['report', '-if', LOG, '-x', '--summary']).codeCacheRejected).toBe(false);
    },
  );
});

describe('old-generation growth', () => {
  const SLOW = ['--heap-growing-percent=30', '--heap-growing-percent=0'];

  it('search and report run under a growth of 30% and put V8 default back after', () => {
    expect(probe(BIN, ['search', '-if', LOG, '-k', 'passwd', '--raw']).flagsSet).toEqual(SLOW);
    expect(probe(BIN, ['report', '-if', LOG, '-f', '--summary']).flagsSet).toEqual(SLOW);
  });

  it('parse keeps V8 default', () => {
    expect(probe(BIN, ['parse', '-format=json', LOG]).flagsSet).toEqual([]);
  });

  it('a growth given to node wins', () => {
    const seen = probe(process.execPath, ['--heap-growing-percent=50', BIN, 'report', '-if', LOG]);
    expect(seen.flagsSet).toEqual([]);
  });
});
