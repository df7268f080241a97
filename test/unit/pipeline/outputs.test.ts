// Byte identity of every output: the sha256 of what `tsaudit parse` (text, JSON, YAML; -i in each) prints for
// every corpus file, and of what `tsaudit stream` prints when the captured netlink stream is replayed through
// it (fake kernel client, test/helpers/stream-replay.ts). A refactor of the pipeline must not change one byte;
// a deliberate change of an output rewrites the hashes with UPDATE_GOLDEN=1 (and the diff shows which moved).
// Host-independent: --no-id (no passwd lookups), TZ=UTC, no colour.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.js';

const GOLDEN = join(ROOT, 'test/unit/pipeline/outputs.sha256.json');
const CORPUS = join(ROOT, 'test/fixtures/corpus');
const update = process.env.UPDATE_GOLDEN === '1';
const golden: Record<string, string> = update ? {} : JSON.parse(readFileSync(GOLDEN, 'utf8'));
const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1', FORCE_COLOR: undefined, TSAUDIT_WORKERS: undefined };

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-outputs-'));
// real-medium.log (22 MB) is checked in gzipped: parse reads the unpacked copy (large enough for -i's threads).
// The slow formats (YAML, -i text) read its first 4 MiB, cut at a line, to keep this test fast.
const medium = join(tmp, 'real-medium.log');
const mediumBytes = gunzipSync(readFileSync(join(CORPUS, 'real-medium.log.gz')));
writeFileSync(medium, mediumBytes);
const mediumHead = join(tmp, 'real-medium-4m.log');
writeFileSync(mediumHead, mediumBytes.subarray(0, mediumBytes.lastIndexOf(10, 4 << 20) + 1));
const SLOW = new Set(['yaml', '-i yaml', '-i text']);
const files: Record<string, string> = {
  'live-stream.log': join(CORPUS, 'live-stream.log'),
  'real-small.log': join(CORPUS, 'real-small.log'),
  'real-small-raw.log': join(CORPUS, 'real-small-raw.log'),
  'real-medium.log': medium,
};

afterAll(() => {
  if (update) writeFileSync(GOLDEN, `${JSON.stringify(golden, null, 2)}\n`);
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs node with `args`; stdout to a pipe, or to a regular file when `toFile`. Returns the sha256 of stdout. */
function hashOf(args: string[], opts: { input?: Buffer; toFile?: boolean } = {}): string {
  const outFile = join(tmp, 'out');
  const fd = opts.toFile ? openSync(outFile, 'w') : undefined;
  try {
    const r = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env,
      input: opts.input,
      stdio: [opts.input ? 'pipe' : 'ignore', fd ?? 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
      timeout: 60_000,
    });
    expect(r.stderr.toString(), `stderr of ${args.join(' ')}`).toBe('');
    expect(r.status).toBe(0);
    return createHash('sha256')
      .update(fd === undefined ? r.stdout : readFileSync(outFile))
      .digest('hex');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function check(name: string, hash: string): void {
  if (update) golden[name] = hash;
  else expect(hash, name).toBe(golden[name]);
}

const variants: [string, string[]][] = [
  ['text', []],
  ['json', ['-format=json']],
  ['yaml', ['-format=yaml']],
  ['-i text', ['-i', '--no-id']],
  ['-i json', ['-i', '--no-id', '-format=json']],
  ['-i yaml', ['-i', '--no-id', '-format=yaml']],
];

describe('parse output is byte-identical to the checked-in hashes', () => {
  for (const [file, path] of Object.entries(files)) {
    for (const [variant, flags] of variants) {
      if (file === 'real-medium.log' && SLOW.has(variant)) {
        it(`${variant} real-medium-4m.log`, () =>
          check(`parse ${variant} real-medium-4m.log`, hashOf([BIN, 'parse', ...flags, mediumHead])));
        continue;
      }
      it(`${variant} ${file}`, () => check(`parse ${variant} ${file}`, hashOf([BIN, 'parse', ...flags, path])));
    }
  }

  it('stdin gives the same bytes as the file', () => {
    const input = readFileSync(files['real-small.log']!);
    check('parse json stdin real-small.log', hashOf([BIN, 'parse', '-format=json'], { input }));
    expect(golden['parse json stdin real-small.log']).toBe(golden['parse json real-small.log']);
  });
});

describe('stream output (live-stream.log replayed through a fake kernel) is byte-identical', () => {
  const replay = (...a: string[]) => ['--import', 'tsx', join(ROOT, 'test/helpers/stream-replay.ts'), ...a, files['live-stream.log']!];
  for (const [variant, args] of [
    ['text', ['text']],
    ['json', ['json']],
    ['yaml', ['yaml']],
    ['-i text', ['text', '-i']],
    ['-i json', ['json', '-i']],
  ] as [string, string[]][]) {
    it(variant, () => check(`stream ${variant} live-stream.log`, hashOf(replay(...args))));
  }

  it('json to a regular file (the asynchronous file writer)', () => {
    check('stream json file live-stream.log', hashOf(replay('json'), { toFile: true }));
    expect(golden['stream json file live-stream.log']).toBe(golden['stream json live-stream.log']);
  });
});
