#!/usr/bin/env node
// Start-up, made at build time (run by `npm run build` after tsc):
//   dist/tsaudit.cjs         the CLI in one file, so a run does not resolve and load ~100 modules one by one;
//   dist/tsaudit.code-cache  V8's compiled code for that file after a training run of the common verbs on a
//                            real log, so a run does not compile its hot paths again (bin/tsaudit loads both).
//   dist/event-worker.cjs   parse's render worker in one file (a worker thread loads its own code);
// koffi stays a separate file: each module's import.meta.url is rewritten to the URL its
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
/** `parse`'s render worker (src/pipeline/event-threads.ts starts it) in one file, as the CLI is. */
export const WORKER_BUNDLE = join(DIST, 'event-worker.cjs');
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

// commander requires child_process when it loads, for subcommands that are separate programs (tsaudit has
// none); child_process pulls in net and dgram. Loaded on first use instead, which is never.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`bundle: ${args.path} no longer has the line ${eager}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

// chalk's own colour detection loads tty (and with it net) when chalk loads. tsaudit never uses it: the level is
// decided in src/format/color.ts and given to every Chalk it makes. chalk gets "no colour" as its default.
const noColorDetection = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) => {
      if (!/[\\/]chalk[\\/]/.test(args.importer)) return undefined;
      return { path: 'supports-color', namespace: 'tsaudit-no-color-detection' };
    });
    b.onLoad({ filter: /.*/, namespace: 'tsaudit-no-color-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

/** One file of CommonJS from `entry` (a dist/ module) and what it imports, ASCII only, without import(). */
async function bundle(entry, outfile, plugins) {
  await build({
    entryPoints: [join(DIST, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['koffi'],
    plugins: [moduleUrl, ...plugins],
    banner: { js: "const __tsauditDistUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;" },
    logLevel: 'warning',
  });

  // bin/tsaudit reads the bundle as latin1 (no UTF-8 decoding): keep it ASCII. Outside comments esbuild
  // escapes non-ASCII already; a \u escape means the same character in a string, regex or identifier too.
  const text = readFileSync(outfile, 'utf8');
  writeFileSync(
    outfile,
    text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );

  // A Script has no module loader of its own: an import() left in the bundle (of a Node built-in, say)
  // would fail at run time, so it fails the build instead.
  const dynamic = /[^\w.$]import\(/.exec(readFileSync(outfile, 'utf8'));
  if (dynamic)
    throw new Error(
      `bundle: ${outfile} keeps a dynamic import() (import Node built-ins statically): ...${dynamic.input.slice(dynamic.index - 80, dynamic.index + 40)}`,
    );
}

await bundle('cli.js', BUNDLE, [lazyChildProcess, noColorDetection]);
// The worker loads as one file too: its ~40 modules one by one through the ES module loader took most of
// its start (docs/performance.md, issues 17 and 20).
await bundle('pipeline/event-worker.js', WORKER_BUNDLE, [noColorDetection]);

/**
 * The node flags on bin/tsaudit's `#!` line, if it ever has some (`#!/usr/bin/env -S node FLAGS`; today it
 * has none). V8 accepts a code cache only from a process with the same flags, so the training run gets them.
 */
function launcherFlags() {
  const shebang = readFileSync(join(ROOT, 'bin/tsaudit'), 'utf8').split('\n', 1)[0];
  const words = shebang.replace(/^#!\s*/, '').split(/\s+/);
  const node = words.findIndex((w) => w === 'node' || w.endsWith('/node'));
  return node < 0 ? [] : words.slice(node + 1);
}

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
    const r = spawnSync(process.execPath, [...launcherFlags(), join(ROOT, 'bin/tsaudit')], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TSAUDIT_CODE_CACHE_TRAIN: JSON.stringify(runs), TSAUDIT_WORKERS: '0', TZ: 'UTC' },
      encoding: 'utf8',
    });
    if (r.status !== 0 || !existsSync(CODE_CACHE))
      console.warn(`bundle: no code cache made (${r.stderr.trim() || `exit ${r.status}`}); tsaudit runs without it`);
    else {
      // run as users do (the launcher's own flags): does V8 take the cache?
      const check = spawnSync(join(ROOT, 'bin/tsaudit'), ['--version'], {
        env: { ...process.env, TSAUDIT_CODE_CACHE_CHECK: '1' },
        encoding: 'utf8',
      });
      if (check.stderr.includes('code cache not used'))
        console.warn('bundle: V8 rejects the code cache made (do the training flags differ?)');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  console.warn(`bundle: ${relative(ROOT, TRAINING_LOG)} is absent; no code cache made`);
}
