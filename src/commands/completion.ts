// `tsaudit completion bash|zsh`: prints a completion script generated from the program's own command
// tree, so every registered verb, subverb and option completes without a hand-kept list.

import { createRequire } from 'node:module';
import { Argument, type Command } from 'commander';

const EXAMPLES = `
Examples:
  source <(tsaudit completion bash)
  tsaudit completion bash > ~/.local/share/bash-completion/completions/tsaudit
  tsaudit completion zsh > ~/.zsh/completions/_tsaudit`;

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script for bash or zsh')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(['bash', 'zsh']))
    .addHelpText('after', EXAMPLES)
    .action(async (shell: 'bash' | 'zsh', _opts: unknown, cmd: Command) => {
      const [{ describeCommand }, { completionScript }] = await Promise.all([import('../docs/model.js'), import('../docs/completion.js')]);
      let root = cmd;
      while (root.parent) root = root.parent;
      const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
      process.stdout.write(completionScript(shell, describeCommand(root), version));
    });
}
