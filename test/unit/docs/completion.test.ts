import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { completionScript } from '../../../src/docs/completion.js';
import { describeCommand } from '../../../src/docs/model.js';
import { formatOption } from '../../../src/commands/options.js';
import { runCli } from '../../helpers/cli.js';
import { completeBash, completeZsh, hasShell, syntaxErrors, zshLoad } from '../../helpers/shell.js';

const verbs = describeCommand(buildProgram()).commands.map((c) => c.name);

/** A program shaped like tsaudit's verbs, so the generator is tested whichever verbs are registered yet. */
function fixtureProgram(): Command {
  const program = new Command('tsaudit').option('--no-color', 'no colour').option('--debug', 'stack traces');
  program.command('status').description('show status').addOption(formatOption());
  program.command('stream').description('stream events').addOption(formatOption()).option('-i, --input <file>', 'read a file');
  program
    .command('set')
    .description('change settings')
    .addOption(new Option('--failure <mode>', 'failure mode').choices(['silent', 'printk']))
    .option('--enabled <0|1>', 'enable');
  const rules = program.command('rules').description('manage rules');
  rules.command('list').description('list rules').addOption(formatOption('yaml'));
  rules.command('add').description('add a rule').argument('<rule...>', 'auditctl syntax');
  rules.command('delete').description('delete a rule').argument('<rule...>', 'auditctl syntax');
  program
    .command('completion')
    .description('completion')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh']));
  return program;
}

const fixtureBash = completionScript('bash', describeCommand(fixtureProgram()), '0.0.0');
const fixtureZsh = completionScript('zsh', describeCommand(fixtureProgram()), '0.0.0');

describe('tsaudit completion bash', () => {
  const r = runCli(['completion', 'bash']);

  it('prints a script that bash parses, and exits 0', () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(syntaxErrors('bash', r.stdout)).toBe('');
  });

  it('completes "tsaudit st" with exactly the registered verbs starting with st', () => {
    expect(completeBash(r.stdout, 'tsaudit st').sort()).toEqual(verbs.filter((v) => v.startsWith('st')).sort());
  });

  it.each(verbs)('completes the registered verb %s from its first two letters', (verb) => {
    const reply = completeBash(r.stdout, `tsaudit ${verb.slice(0, 2)}`);
    expect(reply).toContain(verb);
    for (const w of reply) expect(w.startsWith(verb.slice(0, 2))).toBe(true);
  });

  it('offers every verb after "tsaudit "', () => {
    expect(completeBash(r.stdout, 'tsaudit ').sort()).toEqual([...verbs].sort());
  });

  it('completes its own shell argument', () => {
    expect(completeBash(r.stdout, 'tsaudit completion ').sort()).toEqual(['bash', 'zsh']);
    expect(completeBash(r.stdout, 'tsaudit completion z')).toEqual(['zsh']);
  });

  it('rejects an unknown shell with a one-line usage error', () => {
    const bad = runCli(['completion', 'fish']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^tsaudit: .*'fish'.*bash, zsh\.?\n$/);
  });
});

describe('generated bash completion (fixture program)', () => {
  const c = (line: string, cwd?: string) => completeBash(fixtureBash, line, cwd).sort();

  it('parses', () => expect(syntaxErrors('bash', fixtureBash)).toBe(''));
  it('completes verbs', () => expect(c('tsaudit st')).toEqual(['status', 'stream']));
  it('completes subverbs', () => {
    expect(c('tsaudit rules ')).toEqual(['add', 'delete', 'help', 'list']);
    expect(c('tsaudit --debug rules l')).toEqual(['list']);
  });
  it('completes a verb’s options with the global ones', () => {
    expect(c('tsaudit status --')).toEqual(['--debug', '--format', '--help', '--no-color']);
    expect(c('tsaudit rules list --f')).toEqual(['--format']);
  });
  it('completes --format values in every spelling', () => {
    expect(c('tsaudit status --format ')).toEqual(['json', 'text', 'yaml']);
    expect(c('tsaudit status -f j')).toEqual(['json']);
    expect(c('tsaudit status --format=y')).toEqual(['yaml']);
    expect(c('tsaudit status --format=')).toEqual(['json', 'text', 'yaml']);
    expect(c('tsaudit status -format=t')).toEqual(['text']);
    expect(c('tsaudit status -format ')).toEqual(['json', 'text', 'yaml']);
  });
  it('completes .choices() values', () => expect(c('tsaudit set --failure p')).toEqual(['printk']));
  it('completes the values a value name lists (<0|1>)', () => expect(c('tsaudit set --enabled ')).toEqual(['0', '1']));
  it('skips option values when finding the verb', () => {
    expect(c('tsaudit status --format json --')).toEqual(['--debug', '--format', '--help', '--no-color']);
    expect(c('tsaudit status --format=json --d')).toEqual(['--debug']);
  });
  it('completes file names for file values and variadic arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-files-'));
    writeFileSync(join(dir, 'audit.log'), '');
    writeFileSync(join(dir, 'audit.rules'), '');
    mkdirSync(join(dir, 'archive'));
    expect(c('tsaudit stream -i au', dir)).toEqual(['audit.log', 'audit.rules']);
    expect(c('tsaudit stream --input=a', dir)).toEqual(['archive', 'audit.log', 'audit.rules']);
    expect(c('tsaudit rules add -w audit.r', dir)).toEqual(['audit.rules']);
  });
  it('offers nothing for an unknown verb’s arguments', () => expect(c('tsaudit bogus ')).toEqual([]));
});

describe.skipIf(!hasShell('zsh'))('generated zsh completion', () => {
  it('tsaudit completion zsh parses with zsh -n', () => {
    const r = runCli(['completion', 'zsh']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('#compdef tsaudit\n')).toBe(true);
    expect(syntaxErrors('zsh', r.stdout)).toBe('');
  });
  it('tsaudit completion zsh loads after compinit and registers _tsaudit with one function per command', () => {
    const r = runCli(['completion', 'zsh']);
    const loaded = zshLoad(r.stdout, 'tsaudit');
    expect(loaded.registered).toBe('_tsaudit');
    const root = describeCommand(buildProgram());
    const expected = [
      root,
      ...root.commands.flatMap(function all(c): (typeof root)[] {
        return [c, ...c.commands.flatMap(all)];
      }),
    ].map((c) => `_${c.path.join('__').replace(/[^A-Za-z0-9_]/g, '_')}`);
    expect(loaded.functions).toEqual(expected.sort());
  });
  it('the fixture program’s script parses with zsh -n and has one function per command', () => {
    expect(syntaxErrors('zsh', fixtureZsh)).toBe('');
    for (const fn of ['_tsaudit', '_tsaudit__status', '_tsaudit__rules', '_tsaudit__rules__list', '_tsaudit__rules__add']) {
      expect(fixtureZsh).toContain(`\n${fn}() {\n`);
    }
    expect(fixtureZsh).toContain(
      `'(-f --format)'{-f+,--format=}'[output format\\: text, json, yaml (default\\: "text")]:format:(text json yaml)'`,
    );
  });
});

describe.skipIf(!hasShell('zsh'))('generated zsh completion, completing in a real interactive zsh', () => {
  const z = (line: string, cwd?: string) => completeZsh(fixtureZsh, line, cwd);

  it('offers the registered verbs of tsaudit itself', () => {
    const r = runCli(['completion', 'zsh']);
    expect(completeZsh(r.stdout, 'tsaudit ')).toEqual([...verbs].sort());
    expect(completeZsh(r.stdout, 'tsaudit completion ')).toEqual(['bash', 'zsh']);
  });
  it('completes verbs and subverbs', () => {
    expect(z('tsaudit st')).toEqual(['status', 'stream']);
    expect(z('tsaudit rules l')).toEqual(['list']);
  });
  it('completes a verb’s options with the global ones', () => {
    expect(z('tsaudit status --')).toEqual(['--debug', '--format', '--help', '--no-color']);
  });
  it('completes option values', () => {
    expect(z('tsaudit status --format ')).toEqual(['json', 'text', 'yaml']);
    expect(z('tsaudit status --format=y')).toEqual(['yaml']);
    expect(z('tsaudit rules list -f j')).toEqual(['json']);
    expect(z('tsaudit set --failure ')).toEqual(['printk', 'silent']);
    expect(z('tsaudit set --enabled ')).toEqual(['0', '1']);
  });
  it('completes file names for file values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-files-'));
    writeFileSync(join(dir, 'audit.log'), '');
    writeFileSync(join(dir, 'other.txt'), '');
    expect(z('tsaudit stream -i au', dir)).toEqual(['audit.log']);
  });
});

if (!hasShell('zsh')) console.log('zsh completion tests skipped: zsh is not installed (apt-get install -y zsh)');
