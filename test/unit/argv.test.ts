import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { markRawArgs, normalizeArgv } from '../../src/argv.js';
import { TsauditError } from '../../src/errors.js';

function program(): Command {
  const root = new Command('tsaudit').option('--debug').option('--no-color');
  root
    .command('parse')
    .option('-f, --format <format>')
    .option('-i, --interpret')
    .option('--in <file>')
    .option('--id')
    .option('--no-id')
    .option('--strict');
  root
    .command('set')
    .addOption(new Option('--failure <mode>').choices(['silent', 'printk', 'panic']))
    .addOption(new Option('-m, --mode <mode>').choices(['fast', 'Slow']))
    .option('-y, --yes');
  root.command('completion').addArgument(new Argument('<shell>').choices(['bash', 'zsh']));
  const rules = root.command('rules');
  rules.command('list').option('-k, --key <key>');
  markRawArgs(rules.command('add'));
  return root;
}

const norm = (...argv: string[]) => normalizeArgv(argv, program());

describe('normalizeArgv', () => {
  it.each([
    [
      ['parse', '-format=json'],
      ['parse', '--format=json'],
    ],
    [
      ['parse', '-format', 'json'],
      ['parse', '--format', 'json'],
    ],
    [
      ['parse', '--format=json'],
      ['parse', '--format=json'],
    ],
    [
      ['parse', '--format', 'json'],
      ['parse', '--format', 'json'],
    ],
    [
      ['parse', '-in', 'a.log'],
      ['parse', '--in', 'a.log'],
    ],
    [
      ['parse', '-i', 'a.log'],
      ['parse', '-i', 'a.log'],
    ],
    [
      ['parse', '-id=false'],
      ['parse', '--no-id'],
    ],
    [
      ['parse', '--id=false'],
      ['parse', '--no-id'],
    ],
    [
      ['parse', '-id=true'],
      ['parse', '--id'],
    ],
    [
      ['parse', '-strict'],
      ['parse', '--strict'],
    ],
    [['parse', '-strict=false'], ['parse']],
    [
      ['-debug', 'parse'],
      ['--debug', 'parse'],
    ],
    [
      ['parse', '-debug'],
      ['parse', '--debug'],
    ],
    [
      ['parse', '-no-color'],
      ['parse', '--no-color'],
    ],
    // short flags, Go-style
    [
      ['parse', '-i=false', 'a.log'],
      ['parse', 'a.log'],
    ],
    [['parse', '-i=0'], ['parse']],
    [
      ['parse', '-i=true'],
      ['parse', '--interpret'],
    ],
    [
      ['parse', '-i=YES'],
      ['parse', '--interpret'],
    ],
    [
      ['parse', '-f=json'],
      ['parse', '--format=json'],
    ],
    [['set', '-y=false'], ['set']],
    [
      ['set', '-y=true'],
      ['set', '--yes'],
    ],
    // values of a closed set, in any case; other values untouched
    [
      ['set', '--failure=PRINTK'],
      ['set', '--failure=printk'],
    ],
    [
      ['set', '-failure', 'Panic'],
      ['set', '--failure', 'panic'],
    ],
    [
      ['set', '-m', 'slow'],
      ['set', '-m', 'Slow'],
    ],
    [
      ['set', '-m=FAST'],
      ['set', '--mode=fast'],
    ],
    [
      ['completion', 'BASH'],
      ['completion', 'bash'],
    ],
    [
      ['completion', 'Fish'],
      ['completion', 'Fish'],
    ],
    [
      ['parse', '-format=JSON'],
      ['parse', '--format=JSON'],
    ],
    [
      ['rules', 'list', '-k', 'MixedCase'],
      ['rules', 'list', '-k', 'MixedCase'],
    ],
    // `help VERB`: a known verb is commander's help command; an unknown one is left for commander to judge
    [
      ['help', 'parse'],
      ['help', 'parse'],
    ],
    [['help', 'pars'], ['pars']],
    [
      ['rules', 'help', 'lst'],
      ['rules', 'lst'],
    ],
    [
      ['rules', 'help', 'list'],
      ['rules', 'help', 'list'],
    ],
    [
      ['parse', 'help'],
      ['parse', 'help'],
    ],
  ])('%j -> %j', (input, expected) => {
    expect(norm(...input)).toEqual(expected);
  });

  it('passes auditctl syntax through untouched after a raw-args verb', () => {
    const rule = ['-w', '/etc/passwd', '-p', 'wa', '-k', 'passwd', '-format=x', '--', '-in'];
    expect(norm('rules', 'add', ...rule)).toEqual(['rules', 'add', ...rule]);
  });

  it('leaves unknown single-dash words for commander to reject', () => {
    expect(norm('parse', '-bogus=1')).toEqual(['parse', '-bogus=1']);
  });

  it('stops at --', () => {
    expect(norm('parse', '--', '-format=json')).toEqual(['parse', '--', '-format=json']);
  });

  it('takes the next token as the value even when it looks like a flag', () => {
    expect(norm('parse', '-in', '-')).toEqual(['parse', '--in', '-']);
  });

  it('rejects a short boolean flag given a non-boolean value, naming the flag', () => {
    expect(() => norm('parse', '-i=maybe')).toThrow(/-i takes true or false, got "maybe"/);
  });

  it('rejects a boolean flag given a non-boolean value, naming the flag', () => {
    expect(() => norm('parse', '-id=maybe')).toThrow(TsauditError);
    expect(() => norm('parse', '-id=maybe')).toThrow(/-id takes true or false, got "maybe"/);
  });
});
