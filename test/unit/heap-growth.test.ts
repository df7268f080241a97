// Peak memory of long searches and reports (docs/performance.md, "Peak memory of search and report"):
// search and report run under a lower old-generation growing factor and stop the young generation's growth
// at 16 MB (src/heap-growth.ts); other verbs keep V8's defaults, and the build's code cache stays valid.
// A probe preloaded into the CLI records what it ran under (test/helpers/heap-probe.cjs).

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
}

const LOG = join(ROOT, 'test/fixtures/corpus/real-small.log');
const PROBE = join(ROOT, 'test/helpers/heap-probe.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-heap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI (`node [nodeFlags] bin/tsaudit args`) with the probe preloaded; what the probe saw. */
function probe(args: string[], nodeFlags: string[] = []): Seen {
  const out = join(tmp, `probe-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: `--require ${PROBE}`, HEAP_PROBE_OUT: out, TSAUDIT_WORKERS: '0' },
    timeout: 60_000,
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toBe('');
  const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
  // the launcher's warm-up sets the interrupt budget in every verb (test/unit/launcher.test.ts)
  return { ...seen, flagsSet: seen.flagsSet.filter((f) => !f.startsWith('--interrupt-budget')) };
}

// set while the verb runs, V8's defaults put back after (on a small log the young generation stays small)
const LEAN = ['--heap-growing-percent=30', '--heap-growing-percent=0', '--semi-space-growth-factor=2'];

describe('search, report and parse: V8 flags while they run', () => {
  it('search, report and parse (records, -i) set the growing factor and put the defaults back', () => {
    expect(probe(['search', '-if', LOG, '-k', 'passwd', '--raw']).flagsSet).toEqual(LEAN);
    expect(probe(['report', '-if', LOG, '-f', '--summary']).flagsSet).toEqual(LEAN);
    expect(probe(['parse', '-format=json', LOG]).flagsSet).toEqual(LEAN);
    expect(probe(['parse', '-i', '-format=json', LOG]).flagsSet).toEqual(LEAN);
  });

  it('other verbs keep V8 defaults', () => {
    expect(probe(['rules', 'diff', '--help']).flagsSet).toEqual([]);
  });

  it('values given to node win', () => {
    const flags = ['--heap-growing-percent=50', '--semi-space-growth-factor=3'];
    expect(probe(['report', '-if', LOG], flags).flagsSet).toEqual([]);
  });

  it.skipIf(!existsSync(join(ROOT, 'dist/tsaudit.code-cache')))(
    'the build still makes a code cache V8 takes (it rejects one made under other flags)',
    () => {
      expect(probe(['parse', LOG]).codeCacheRejected).toBe(false);
      expect(probe(['report', '-if', LOG, '-x', '--summary']).codeCacheRejected).toBe(false);
    },
  );
});

describe('young generation', () => {
  const run = (mode: string) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'test/helpers/heap-workload.mjs'), join(ROOT, 'dist/heap-growth.js'), mode], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    return (JSON.parse(r.stdout) as { max: number }).max;
  };

  it('stops growing at 16 MB under withLeanHeap, where V8 alone grows it to 32 MB', () => {
    expect(run('plain')).toBeGreaterThan(16 << 20);
    expect(run('lean')).toBeLessThanOrEqual(16 << 20);
  }, 60_000);
});
