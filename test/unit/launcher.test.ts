// bin/tsaudit's warm-up (docs/performance.md, issue 17): a larger V8 interrupt budget while the first block of
// a log runs, V8's default back once the verb has used some CPU, the code cache still taken, a budget given
// to node left alone, and the same bytes out either way. A probe preloaded into the CLI records the V8 flags
// set at run time (test/helpers/heap-probe.cjs).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

interface Seen {
  flagsSet: string[];
  codeCacheRejected: boolean | null;
}

const LOG = join(ROOT, 'test/fixtures/corpus/real-small.log');
// 23 MB once unzipped: far more CPU than the warm-up lasts, however fast the verb gets (1 MB was not, for search)
const LONG_LOG = join(ROOT, 'test/fixtures/corpus/real-medium.log.gz');
const PROBE = join(ROOT, 'test/helpers/heap-probe.cjs');
const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-launcher-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** V8 11.3 (Node 20)'s default interrupt budget; the launcher warms up on that V8 only. */
const MEASURED = /^11\.3\./.test(process.versions.v8);

function run(args: string[], nodeFlags: string[] = []): { seen: Seen; sha: string } {
  const out = join(tmp, `probe-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, ...args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
    env: { ...process.env, NODE_OPTIONS: `--require ${PROBE}`, HEAP_PROBE_OUT: out, TSAUDIT_WORKERS: '0', TZ: 'UTC' },
    timeout: 60_000,
  });
  expect(r.error).toBeUndefined();
  expect(r.stderr.toString()).toBe('');
  expect(r.status).toBe(0);
  const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
  return {
    seen: { ...seen, flagsSet: seen.flagsSet.filter((f) => f.startsWith('--interrupt-budget')) },
    sha: createHash('sha256').update(r.stdout).digest('hex'),
  };
}

describe('bin/tsaudit warm-up', () => {
  it.skipIf(!MEASURED)('raises the interrupt budget at start and puts the default back during the run', () => {
    for (const args of [
      ['parse', '-i', '-format=json', LONG_LOG],
      ['search', '-if', LONG_LOG, '-m', 'SYSCALL', '-sv', 'no'],
    ]) {
      expect(run(args).seen.flagsSet, args.join(' ')).toEqual(['--interrupt-budget=540672', '--interrupt-budget=67584']);
    }
  });

  it.skipIf(!existsSync(join(ROOT, 'dist/tsaudit.code-cache')))('sets it after V8 has taken the code cache', () => {
    expect(run(['parse', '-format=json', LOG]).seen.codeCacheRejected).toBe(false);
  });

  it('leaves a budget given to node alone, and writes the same bytes either way', () => {
    const warm = run(['parse', '-i', '-format=json', LOG]);
    const given = run(['parse', '-i', '-format=json', LOG], ['--interrupt-budget=67584']);
    expect(given.seen.flagsSet).toEqual([]);
    expect(given.sha).toBe(warm.sha);
    expect(run(['parse', '-format=json', LOG], ['--interrupt_budget=67584']).seen.flagsSet).toEqual([]);
  });
});
