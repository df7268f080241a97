import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { allCommands, describeCommand } from '../../../src/docs/model.js';
// @ts-expect-error: plain JavaScript build script
import { generate, withoutDate } from '../../../scripts/gen-man.mjs';
import { ROOT, runCli } from '../../helpers/cli.js';
import { commandExists, groffWarnings, hasCommand, helpItems, manLocal, renderText, squash } from '../../helpers/man.js';

interface Page {
  name: string;
  section: number;
  file: string;
  content: string;
  cmd: { path: string[] };
}

const root = describeCommand(buildProgram());
const pages = generate(root) as Page[];
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { man?: string[]; files?: string[] };
const path = (p: Page) => `${ROOT}man/${p.file}`;
const HAVE_GROFF = hasCommand('groff');
const HAVE_MAN = hasCommand('man');
const HAVE_MANDOC = commandExists('mandoc');
if (!HAVE_GROFF) console.log('man page rendering tests skipped: groff is not installed (apt-get install -y groff-base)');
if (!HAVE_MANDOC) console.log('mandoc lint test skipped: mandoc is not installed (apt-get install -y mandoc)');
if (!HAVE_MAN) console.log('man -l test skipped: man is not installed (apt-get install -y man-db)');

/** Every command whose --help a page must cover: the page's command and its subcommands. */
function helpPaths(p: Page): string[][] {
  const cmd = p.cmd.path.length === 1 ? root : root.commands.find((c) => c.name === p.cmd.path[1])!;
  const subs = p.cmd.path.length === 1 ? [] : allCommands(cmd).filter((c) => c.name !== 'help');
  return [cmd, ...subs].map((c) => c.path.slice(1));
}

describe('man pages', () => {
  it('there is a page for tsaudit and for each registered verb', () => {
    expect(pages.map((p) => p.file)).toEqual([
      'tsaudit.1',
      ...root.commands.filter((c) => c.name !== 'help').map((c) => expect.stringMatching(new RegExp(`^tsaudit-${c.name}\\.[18]$`))),
    ]);
  });

  it('package.json "man" lists exactly those pages, and "files" ships them', () => {
    expect(pkg.man).toEqual(pages.map((p) => `man/${p.file}`));
    expect(pkg.files).toEqual(expect.arrayContaining(['man/*.1', 'man/*.8']));
  });

  it.each(pages.map((p) => [p.file, p]))('%s has hand-written prose in man/src', (_f, p) => {
    expect(existsSync(`${ROOT}man/src/${p.name}.md`), `write man/src/${p.name}.md`).toBe(true);
  });

  it.each(pages.map((p) => [p.file, p]))('%s is up to date with the command definitions (npm run build)', (_f, p) => {
    expect(existsSync(path(p)), `man/${p.file} is missing: run npm run build`).toBe(true);
    expect(withoutDate(readFileSync(path(p), 'utf8'))).toBe(withoutDate(p.content));
  });

  it.each(pages.map((p) => [p.file, p]))('%s has every required section and the audit tools in SEE ALSO', (_f, p) => {
    const sections = [...p.content.matchAll(/^\.SH "?([^"\n]+)"?$/gm)].map((m) => m[1]);
    for (const s of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'FILES', 'EXAMPLES', 'SEE ALSO']) {
      expect(sections).toContain(s);
    }
    const seeAlso = p.content.slice(p.content.indexOf('.SH "SEE ALSO"'));
    for (const ref of ['auditctl (8)', 'ausearch (8)', 'audit.rules (7)']) expect(seeAlso).toContain(`.BR \\%${ref}`);
  });
});

describe.skipIf(!HAVE_GROFF)('man pages rendered by groff', () => {
  it.each(pages.map((p) => [p.file, p]))('%s renders with no groff warnings (-ww)', (_f, p) => {
    expect(groffWarnings(path(p))).toBe('');
  });

  it.each(pages.map((p) => [p.file, p]))('%s documents every option and argument its --help shows', (_f, p) => {
    const text = renderText(path(p));
    const flat = squash(text);
    for (const cmdPath of helpPaths(p)) {
      const r = runCli([...cmdPath, '--help']);
      expect(r.status).toBe(0);
      const items = helpItems(r.stdout);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const where = `${['tsaudit', ...cmdPath].join(' ')} --help: ${item.term}`;
        // the term as man shows it: <value> and [value] lose their angle brackets
        const term = item.term.replace(/<([^>]+)>/g, '$1');
        expect(text.includes(term), `${where} is not in ${p.file}`).toBe(true);
        expect(flat.includes(squash(item.description)), `${where}: description "${item.description}" is not in ${p.file}`).toBe(true);
      }
    }
  });

  it.each(pages.map((p) => [p.file, p]))("%s shows the examples of its --help and its subcommands' --help", (_f, p) => {
    const text = renderText(path(p));
    for (const cmdPath of helpPaths(p)) {
      const r = runCli([...cmdPath, '--help']);
      const at = r.stdout.search(/^Examples:$/m);
      if (cmdPath.length > 1 && at < 0) continue; // a subcommand may leave its examples to its verb
      const examples = r.stdout
        .slice(at)
        .split('\n')
        .slice(1)
        .filter((l) => /^\s+\S/.test(l));
      expect(examples.length, `tsaudit ${cmdPath.join(' ')} --help has no examples`).toBeGreaterThan(0);
      for (const ex of examples) expect(text, `tsaudit ${cmdPath.join(' ')} --help example`).toContain(ex.trim());
    }
  });
});

describe.skipIf(!HAVE_MAN)('man -l', () => {
  it.each(pages.map((p) => [p.file, p]))('man --warnings -l %s shows the page without warnings', (_f, p) => {
    const r = manLocal(path(p));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${p.name.toUpperCase()}(${p.section})`);
  });
});

describe.skipIf(!HAVE_MANDOC)('mandoc -Tlint', () => {
  it.each(pages.map((p) => [p.file, p]))('%s has no mandoc lint findings, style included', (_f, p) => {
    const r = spawnSync('mandoc', ['-Tlint', '-Wstyle', path(p)], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toBe('');
  });
});
