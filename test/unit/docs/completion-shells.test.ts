// Completion as a user meets it: typed into a real interactive bash or zsh on a terminal (script(1)),
// completed with TAB, run with Enter, and the words the command received compared. This proves what the
// shell inserted, quoting included, not only what the completion function offered. Then, for every
// command of the program (search and report included once registered), that its options and their values
// complete.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';
import { completionScript } from '../../../src/docs/completion.js';
import { allCommands, type CommandModel, describeCommand, type OptionModel } from '../../../src/docs/model.js';
import { completeBash, completeZsh, hasShell } from '../../helpers/shell.js';
import { hasScript } from '../../helpers/terminal.js';

const model = describeCommand(buildProgram());
const bashScript = completionScript('bash', model, '0.0.0');
const zshScript = completionScript('zsh', model, '0.0.0');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(file: string, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 25) {
    if (existsSync(file)) return true;
    await sleep(25);
  }
  return existsSync(file);
}

/**
 * Types `keys` (TAB as \t) into an interactive shell with tsaudit's completion loaded and presses Enter;
 * `tsaudit` is a shell function there that records its arguments. Returns the arguments it got.
 */
async function typeInShell(shell: 'bash' | 'zsh', keys: string, cwd: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), `tsaudit-${shell}-tty-`));
  const script = join(dir, 'completion');
  writeFileSync(script, shell === 'bash' ? bashScript : zshScript);
  const out = join(dir, 'out');
  const ready = join(dir, 'ready');
  const argv = shell === 'bash' ? 'bash --norc --noprofile -i' : 'zsh -f -i';
  const child = spawn('script', ['-qc', argv, '/dev/null'], {
    cwd,
    env: { ...process.env, HOME: dir, TERM: shell === 'bash' ? 'dumb' : 'xterm', PS1: '$ ' },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  try {
    const load =
      shell === 'bash' ? `source '${script}'` : `autoload -Uz compinit; compinit -u -D -d '${dir}/zcompdump'; source '${script}'`;
    child.stdin.write(`${load}; tsaudit() { printf '%s\\0' "$@" > '${out}'; }; : > '${ready}'\n`);
    if (!(await until(ready, 15_000))) throw new Error(`${shell} did not start`);
    child.stdin.write(`${keys}\n`);
    if (!(await until(out, 15_000))) throw new Error(`${shell} never ran the completed line "${keys}"`);
    await sleep(50); // the function has opened the file; let it finish writing
    return readFileSync(out, 'utf8').split('\0').slice(0, -1);
  } finally {
    child.stdin.write('exit\n');
    child.stdin.end();
    setTimeout(() => child.kill(), 2000).unref();
  }
}

/** A directory of awkward names: blanks, quotes, &, parentheses, $, a glob character, a directory. */
function awkwardDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-names-'));
  for (const n of ['my audit.log', "it's.log", 'a&b (1).log', 'cost $5.log', 'star*.log']) writeFileSync(join(dir, n), '');
  mkdirSync(join(dir, 'old logs'));
  writeFileSync(join(dir, 'old logs', 'audit log.1'), '');
  return dir;
}

const ttyShells = (['bash', 'zsh'] as const).filter((s) => hasShell(s) && hasScript());

describe.each(ttyShells)('file names in a real interactive %s', (shell) => {
  const dir = awkwardDir();
  it.each([
    ['tsaudit parse my\t', ['parse', 'my audit.log']],
    ['tsaudit parse it\t', ['parse', "it's.log"]],
    ['tsaudit parse a\t', ['parse', 'a&b (1).log']],
    ['tsaudit parse co\t', ['parse', 'cost $5.log']],
    ['tsaudit parse st\t', ['parse', 'star*.log']],
    ["tsaudit parse 'my\t", ['parse', 'my audit.log']],
    ['tsaudit parse "my\t', ['parse', 'my audit.log']],
    ['tsaudit parse my\\ a\t', ['parse', 'my audit.log']],
    ['tsaudit parse ol\tau\t', ['parse', 'old logs/audit log.1']],
    ['tsaudit parse -i my\t it\t', ['parse', '-i', 'my audit.log', "it's.log"]],
    ['tsaudit parse --in my\t', ['parse', '--in', 'my audit.log']],
    ['tsaudit parse --in=my\t', ['parse', '--in=my audit.log']],
  ])('%j runs with %j', async (keys, expected) => {
    expect(await typeInShell(shell, keys, dir)).toEqual(expected);
  });
  it('completes a verb and an option value too', async () => {
    // zsh inserts --format= (the option's value follows '='), bash --format and a space: the same to tsaudit
    const expected = shell === 'zsh' ? ['parse', '--format=json'] : ['parse', '--format', 'json'];
    expect(await typeInShell(shell, 'tsaudit pa\t--form\tjs\t', dir)).toEqual(expected);
  });
});

if (ttyShells.length < 2) {
  console.log(
    `interactive completion tests skipped for ${['bash', 'zsh'].filter((s) => !ttyShells.includes(s as 'bash')).join(', ')}: shell or script(1) missing (apt-get install -y zsh)`,
  );
}

// ------------------------------------------------------------------ every command's options and values

function flags(o: OptionModel): string[] {
  return [o.long, o.short].filter((f): f is string => f !== undefined);
}

/** Each command with the options it accepts: its own and its ancestors' (as the help's Global Options). */
function commandsWithOptions(): { cmd: CommandModel; line: string; options: OptionModel[] }[] {
  const out: { cmd: CommandModel; line: string; options: OptionModel[] }[] = [];
  const visit = (cmd: CommandModel, inherited: OptionModel[]) => {
    const own = new Set(cmd.options.flatMap(flags));
    const options = [...cmd.options, ...inherited.filter((o) => !flags(o).some((f) => own.has(f)))];
    out.push({ cmd, line: cmd.path.join(' '), options });
    for (const sub of cmd.commands) visit(sub, options);
  };
  visit(model, []);
  return out.filter(({ cmd }) => cmd.name !== 'help');
}

const commands = commandsWithOptions();
const withValues = commands.flatMap(({ line, options }) =>
  options.filter((o) => o.choices && o.long).map((o) => ({ line, flag: o.long!, choices: [...o.choices!].sort() })),
);

describe('every command completes its options and their values (bash)', () => {
  it('covers every registered command', () => {
    expect(commands.map((c) => c.line)).toEqual([
      'tsaudit',
      ...allCommands(model)
        .filter((c) => c.name !== 'help')
        .map((c) => c.path.join(' ')),
    ]);
  });

  it.each(commands.map((c) => [c.line, c]))('%s --<TAB>', (_l, { line, options }) => {
    const longs = options.map((o) => o.long).filter((f): f is string => f !== undefined);
    expect(completeBash(bashScript, `${line} --`).sort()).toEqual([...new Set(longs)].sort());
  });

  it.each(withValues.map((v) => [`${v.line} ${v.flag}`, v]))('%s <TAB> offers its values', (_l, { line, flag, choices }) => {
    expect(completeBash(bashScript, `${line} ${flag} `).sort()).toEqual(choices);
    expect(completeBash(bashScript, `${line} -${flag.slice(2)}=`).sort()).toEqual(choices);
  });
});

describe.skipIf(!hasShell('zsh'))('every command completes its options and their values (zsh)', () => {
  it.each(commands.filter((c) => c.cmd.commands.length === 0).map((c) => [c.line, c]))('%s --<TAB>', (_l, { line, options }) => {
    const longs = options.map((o) => o.long).filter((f): f is string => f !== undefined);
    expect(completeZsh(zshScript, `${line} --`)).toEqual([...new Set(longs)].sort());
  });

  it.each(withValues.map((v) => [`${v.line} ${v.flag}`, v]))('%s <TAB> offers its values', (_l, { line, flag, choices }) => {
    expect(completeZsh(zshScript, `${line} ${flag} `)).toEqual(choices);
  });
});

it('bash is installed (the completion tests need it)', () => {
  expect(spawnSync('bash', ['-c', 'exit 0']).status).toBe(0);
});
