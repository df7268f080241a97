import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { allCommands, describeCommand } from '../../../src/docs/model.js';
import { runCli } from '../../helpers/cli.js';

const root = describeCommand(buildProgram());
const verbs = root.commands.filter((c) => c.name !== 'help');
const everyCommand = allCommands(root).filter((c) => c.name !== 'help');

describe('--help of every registered verb', () => {
  it('the program has verbs', () => expect(verbs.length).toBeGreaterThan(0));

  it.each(verbs.map((v) => [v.name]))('tsaudit %s --help ends with an Examples: block that uses the verb', (name) => {
    const r = runCli([name, '--help']);
    expect(r.status).toBe(0);
    const at = r.stdout.search(/^Examples:$/m);
    expect(at, `tsaudit ${name} --help has no "Examples:" block (addHelpText('after', ...))`).toBeGreaterThan(0);
    const lines = r.stdout
      .slice(at)
      .split('\n')
      .slice(1)
      .filter((l) => /^\s+\S/.test(l));
    expect(
      lines.some((l) => new RegExp(`\\btsaudit ${name}\\b`).test(l)),
      `no example runs "tsaudit ${name}"`,
    ).toBe(true);
  });

  it.each(everyCommand.map((c) => [c.path.join(' '), c]))('%s has a one-line description', (_n, c) => {
    expect(c.summary.trim()).not.toBe('');
    expect(c.summary).not.toContain('\n');
  });

  it('tsaudit --help shows an example for every verb', () => {
    const r = runCli(['--help']);
    const examples = r.stdout.slice(r.stdout.search(/^Examples:$/m));
    for (const v of verbs) {
      if (v.name === 'completion') continue; // a setup step, not a tour stop
      expect(examples, `tsaudit --help has no example of ${v.name}`).toMatch(new RegExp(`\\btsaudit ${v.name}\\b`));
    }
  });
});
