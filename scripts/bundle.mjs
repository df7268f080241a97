#!/usr/bin/env node
// Start-up, made at build time (run by `npm run build` after tsc):
//   dist/tsaudit.cjs         the CLI in one file, so a run does not resolve and load ~100 modules one by one;
//   dist/tsaudit.code-cache  V8's compiled code for that file after a training run of the common verbs on a
//                            real log, so a run does not compile its hot paths again (bin/tsaudit loads both).
// Worker threads and koffi stay separate files: each module's import.meta.url is rewritten to the URL its
// own dist/ file would have, so paths relative to a module (workers, package.json) resolve as before.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
export const BUNDLE = join(DIST, 'tsaudit.cjs');
export const CODE_CACHE = join(DIST, 'tsaudit.code-cache');
/** The training input: real audit records, a few hundred events (test/fixtures is not in the npm package). */
const TRAINING_LOG = join(ROOT, 'test/fixtures/corpus/real-small.log');

const moduleUrl = {
  name: 'module-url',
  setup(b) {
    b.onLoad({ filter: /\/dist\/.*\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const rel = relative(DIST, args.path);
      return { contents: source.replaceAll('import.meta.url', `__tsauditDistUrl(${JSON.stringify(rel)})`), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [join(DIST, 'cli.js')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['koffi'],
  plugins: [moduleUrl],
  banner: { js: "const __tsauditDistUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
  logLevel: 'warning',
});

// A Script has no module loader of its own: an import() left in the bundle (of a Node built-in, say)
// would fail at run time, so it fails the build instead.
const dynamic = /[^\w.$]import\(/.exec(readFileSync(BUNDLE, 'utf8'));
if (dynamic)
  throw new Error(
    `bundle: ${BUNDLE} keeps a dynamic import() (import Node built-ins statically): ...${dynamic.input.slice(dynamic.index - 80, dynamic.index + 40)}`,
  );

// Training: parse, parse -i and the rule parser on a slice of a real log, in one process (bin/tsaudit
// writes the cache when TSAUDIT_CODE_CACHE_TRAIN names the runs).
rmSync(CODE_CACHE, { force: true });
if (existsSync(TRAINING_LOG)) {
  const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-bundle-'));
  try {
    const log = join(tmp, 'train.log');
    writeFileSync(log, readFileSync(TRAINING_LOG, 'utf8').split('\n').slice(0, 3000).join('\n') + '\n');
    const runs = [
      ['parse', '-format=json', log],
      ['parse', log],
      ['parse', '-i', '-format=json', '-id=false', log],
      ['parse', '-i', log],
      ['search', '-if', log, '-k', 'passwd', '--raw'],
      ['search', '-if', log, '-m', 'SYSCALL', '-sv', 'no'],
    ];
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/tsaudit')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TSAUDIT_CODE_CACHE_TRAIN: JSON.stringify(runs), TSAUDIT_WORKERS: '0', TZ: 'UTC' },
      encoding: 'utf8',
    });
    if (r.status !== 0 || !existsSync(CODE_CACHE))
      console.warn(`bundle: no code cache made (${r.stderr.trim() || `exit ${r.status}`}); tsaudit runs without it`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  console.warn(`bundle: ${relative(ROOT, TRAINING_LOG)} is absent; no code cache made`);
}
