#!/usr/bin/env node
// Writes man/<page>.<section> for tsaudit and each registered verb, from the built program (dist/) and
// the hand-written prose in man/src/<page>.md (see scripts/gen-man/render.mjs). Run by `npm run build`.
//
//   node scripts/gen-man.mjs                 write the pages, remove pages of verbs no longer registered
//   node scripts/gen-man.mjs --sync-package  also list the pages in package.json "man"
//   node scripts/gen-man.mjs --check         write nothing; exit 1 if a page or package.json is out of date

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPages } from './gen-man/render.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAN = join(ROOT, 'man');
const PAGE_FILE = /^[\w.-]+\.[1-8]$/;

/** The date in the page footer: SOURCE_DATE_EPOCH, else the last commit's, else today (UTC). */
export function pageDate() {
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString().slice(0, 10);
  try {
    return (
      execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
      new Date().toISOString().slice(0, 10)
    );
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function readProse(dir = join(MAN, 'src')) {
  const prose = new Map();
  if (!existsSync(dir)) return prose;
  for (const f of readdirSync(dir)) if (f.endsWith('.md')) prose.set(f.slice(0, -3), readFileSync(join(dir, f), 'utf8'));
  return prose;
}

/** The pages of a command model, with the prose and version of this checkout. */
export function generate(rootModel) {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return renderPages(rootModel, { version, date: pageDate(), prose: readProse() });
}

/** The page text without its .TH line (which carries the date). */
export const withoutDate = (text) => text.replace(/^\.TH .*$/m, '.TH');

async function main(args) {
  const { buildProgram } = await import('../dist/cli.js');
  const { describeCommand } = await import('../dist/docs/model.js');
  const pages = generate(describeCommand(buildProgram()));
  const wanted = new Set(pages.map((p) => p.file));
  const check = args.includes('--check');
  const problems = [];

  for (const p of pages) {
    const file = join(MAN, p.file);
    const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (check) {
      if (old === null || withoutDate(old) !== withoutDate(p.content)) problems.push(`man/${p.file} is out of date`);
    } else if (old !== p.content) {
      writeFileSync(file, p.content);
    }
  }
  for (const f of readdirSync(MAN)) {
    if (!PAGE_FILE.test(f) || wanted.has(f)) continue;
    if (check) problems.push(`man/${f} belongs to no registered command`);
    else rmSync(join(MAN, f));
  }

  const pkgFile = join(ROOT, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const listed = (pkg.man ?? []).join(' ');
  const expected = pages.map((p) => `man/${p.file}`);
  if (listed !== expected.join(' ')) {
    if (args.includes('--sync-package')) {
      pkg.man = expected;
      writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
      console.log(`package.json "man": ${expected.join(' ')}`);
    } else {
      problems.push(`package.json "man" lists [${listed}], expected [${expected.join(' ')}] (run npm run man)`);
    }
  }
  for (const p of problems) console.error(`gen-man: ${p}`);
  if (check && problems.length) process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
