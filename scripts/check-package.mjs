#!/usr/bin/env node
// Packs tsaudit as `npm pack` would publish it and installs the tarball globally into a temporary prefix,
// from the npm cache (offline; with --prefer-offline only if the cache lacks something), as a user would:
//   - the tarball holds only bin/, dist/ (JavaScript, no source maps), the man pages, README, LICENSE and
//     package.json: no tests, no sources, no fixtures;
//   - the installed `tsaudit --version` and `--help` work, koffi's prebuilt binary loads, the completion
//     script parses, and `man -M PREFIX/share/man tsaudit` (and every verb's page) is found.
// Needs a build first (npm run build). Run by test/unit/package.test.ts; prints one line per check.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^bin\/tsaudit$/,
  /^bin\/package\.json$/,
  /^dist\/.+\.js$/,
  /^dist\/tsaudit\.(cjs|code-cache)$/,
  /^dist\/event-worker\.cjs$/,
  /^man\/[\w.-]+\.[1-8]$/,
];
const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'bin/tsaudit',
  'bin/package.json',
  'dist/cli.js',
  'dist/tsaudit.cjs',
  'dist/event-worker.cjs',
  ...(pkg.man ?? []),
];

const failures = [];
const say = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: 120_000,
    ...opts,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function main() {
  if (!existsSync(join(ROOT, 'dist/cli.js')) || !(pkg.man ?? []).every((m) => existsSync(join(ROOT, m)))) {
    say(false, 'dist/ and man/ are built (run npm run build first)');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-pack-'));
  try {
    // 1. pack (the build is already there: no scripts)
    const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT });
    if (!say(packed.status === 0, `npm pack${packed.status === 0 ? '' : `: ${packed.stderr.trim()}`}`)) return;
    const info = JSON.parse(packed.stdout)[0];
    const files = info.files.map((f) => f.path);
    const extra = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    const missing = REQUIRED.filter((f) => !files.includes(f));
    say(extra.length === 0, `the package holds nothing it does not need${extra.length ? `: ${extra.join(', ')}` : ''}`);
    const stale = files.filter(
      (f) => /^dist\/.+\.js$/.test(f) && !existsSync(join(ROOT, f.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))),
    );
    // not a failure: a real `npm pack` rebuilds dist/ from scratch (prepack), this check packs what is built
    if (stale.length)
      console.log(`note dist/ holds files with no source (left by an older build; npm pack removes them): ${stale.join(', ')}`);
    say(
      missing.length === 0,
      `the package holds bin/, dist/cli.js, README, LICENSE and every man page${missing.length ? `; missing: ${missing.join(', ')}` : ''}`,
    );
    console.log(
      `     ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(1)} kB packed, ${(info.unpackedSize / 1024).toFixed(1)} kB unpacked`,
    );

    // 2. install globally into a temporary prefix, from the npm cache
    const prefix = join(tmp, 'prefix');
    const tgz = join(tmp, info.filename);
    let mode = 'offline';
    const started = Date.now();
    let inst = run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--loglevel=error', tgz], { cwd: tmp });
    if (inst.status !== 0) {
      mode = 'prefer-offline (the cache lacked something)';
      inst = run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--loglevel=error', tgz], { cwd: tmp });
    }
    if (
      !say(
        inst.status === 0,
        `npm install -g --prefix TMP ${info.filename} (${mode}, ${((Date.now() - started) / 1000).toFixed(1)} s)${inst.status === 0 ? '' : `: ${inst.stderr.trim()}`}`,
      )
    )
      return;

    // 3. the installed command
    const bin = join(prefix, 'bin', 'tsaudit');
    const version = run(bin, ['--version']);
    say(
      version.status === 0 && version.stdout.trim() === pkg.version,
      `TMP/bin/tsaudit --version prints ${pkg.version}${version.status === 0 ? '' : `: ${version.stderr.trim()}`}`,
    );
    const help = run(bin, ['--help']);
    say(help.status === 0 && /^Usage: tsaudit/.test(help.stdout), 'TMP/bin/tsaudit --help');
    const completion = run(bin, ['completion', 'bash']);
    const syntax = run('bash', ['-n'], { input: completion.stdout });
    say(completion.status === 0 && syntax.status === 0, 'TMP/bin/tsaudit completion bash parses with bash -n');

    // 4. koffi's prebuilt binary (an optional platform package) loads in the installed tree
    const installed = join(prefix, 'lib', 'node_modules', pkg.name);
    const ffi = run(
      process.execPath,
      [
        '-e',
        "const k = require('koffi'); const pid = k.load('libc.so.6').func('int getpid()')(); if (pid !== process.pid) process.exit(1);",
      ],
      { cwd: installed },
    );
    say(
      ffi.status === 0,
      `koffi loads its prebuilt binary and calls getpid()${ffi.status === 0 ? '' : `: ${ffi.stderr.trim().split('\n')[0]}`}`,
    );

    // 5. man finds every page on the prefix's MANPATH
    const manDir = join(prefix, 'share', 'man');
    const haveMan = run('man', ['--version']).status === 0;
    for (const m of pkg.man ?? []) {
      const [, name, section] = /([^/]+)\.(\d)$/.exec(m);
      const linked = existsSync(join(manDir, `man${section}`, `${name}.${section}`));
      if (!haveMan) {
        say(linked, `TMP/share/man/man${section}/${name}.${section} is installed (man is not installed: not asked)`);
        continue;
      }
      const where = run('man', ['-M', manDir, '-w', section, name]);
      say(linked && where.status === 0, `man -M TMP/share/man ${section} ${name} finds the page`);
    }
    if (haveMan) {
      const page = run('man', ['-M', manDir, 'tsaudit'], { env: { MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '80' } });
      say(page.status === 0 && page.stdout.includes('TSAUDIT(1)'), 'man -M TMP/share/man tsaudit shows the page');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
console.log(failures.length ? `check-package: ${failures.length} failed` : 'check-package: ok');
process.exit(failures.length ? 1 : 0);
