import { Command } from 'commander';
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
  const rules = root.command('rules');
  markRawArgs(rules.command('add'));
  return root;
}

const norm = (...argv: string[]) => normalizeArgv(argv, program());

describe('normalizeArgv', () => {
  it.each([
    [['parse', '-format=json'], ['parse', '--format=json']],
    [['parse', '-format', 'json'], ['parse', '--format', 'json']],
    [['parse', '--format=json'], ['parse', '--format=json']],
    [['parse', '--format', 'json'], ['parse', '--format', 'json']],
    [['parse', '-in', 'a.log'], ['parse', '--in', 'a.log']],
    [['parse', '-i', 'a.log'], ['parse', '-i', 'a.log']],
    [['parse', '-id=false'], ['parse', '--no-id']],
    [['parse', '--id=false'], ['parse', '--no-id']],
    [['parse', '-id=true'], ['parse', '--id']],
    [['parse', '-strict'], ['parse', '--strict']],
    [['parse', '-strict=false'], ['parse']],
    [['-debug', 'parse'], ['--debug', 'parse']],
    [['parse', '-debug'], ['parse', '--debug']],
    [['parse', '-no-color'], ['parse', '--no-color']],
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

  it('rejects a boolean flag given a non-boolean value, naming the flag', () => {
    expect(() => norm('parse', '-id=maybe')).toThrow(TsauditError);
    expect(() => norm('parse', '-id=maybe')).toThrow(/-id takes true or false, got "maybe"/);
  });
});
