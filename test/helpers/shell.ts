// Runs generated completion scripts in real shells.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasShell(name: string): boolean {
  return spawnSync(name, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

/** `bash -n` / `zsh -n` on a script: the syntax error text, or '' when it parses. */
export function syntaxErrors(shell: 'bash' | 'zsh', script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-completion-'));
  const file = join(dir, `script.${shell}`);
  writeFileSync(file, script);
  const r = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `exit ${r.status}`;
}

/**
 * Completes `line` (the cursor at its end) with a bash completion script, as bash does: the words are
 * split at blanks and, as with bash's default COMP_WORDBREAKS, at '='. Returns COMPREPLY.
 */
export function completeBash(script: string, line: string, cwd?: string): string[] {
  const words: string[] = [];
  for (const w of line.split(/ +/)) {
    const parts = w.split(/(=)/).filter((p) => p !== '');
    words.push(...(parts.length ? parts : ['']));
  }
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-completion-'));
  const file = join(dir, 'completion.bash');
  writeFileSync(file, script);
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const program = `
source "$1" || exit 3
spec=$(complete -p ${words[0]}) || exit 4
fn=\${spec#*-F }; fn=\${fn%% *}
COMP_WORDS=(${quoted})
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$2
COMP_POINT=\${#COMP_LINE}
"$fn" "${words[0]}" "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const r = spawnSync('bash', ['-c', program, 'complete-test', file, line], { encoding: 'utf8', cwd });
  if (r.status !== 0) throw new Error(`bash completion failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

/**
 * Loads a zsh completion script into `zsh -f` after compinit, as a user's .zshrc would. Returns the
 * completion function registered for `name` and the functions the script defined, or throws with zsh's
 * error output.
 */
export function zshLoad(script: string, name: string): { registered: string; functions: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-completion-'));
  const file = join(dir, `_${name}`);
  writeFileSync(file, script);
  const program = `autoload -U compinit && compinit -u -D -d "$2/zcompdump" && source "$1" && print -r -- "\${_comps[${name}]}" && print -rl -- \${(k)functions[(I)_${name}*]}`;
  const r = spawnSync('zsh', ['-f', '-c', program, 'zsh', file, dir], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
  if (r.status !== 0 || r.stderr) throw new Error(`zsh could not load the script (exit ${r.status}): ${r.stderr}`);
  const [registered = '', ...functions] = r.stdout.trim().split('\n');
  return { registered, functions: functions.sort() };
}

const ZSH_DRIVER = `
zmodload zsh/zpty || exit 3
zpty z 'zsh -f -i'
zpty -w z 'PROMPT=; RPROMPT=; unsetopt zle_bracketed_paste; autoload -Uz compinit; compinit -u -D -d "$DIR/zcompdump"'
zpty -w z 'source "$DIR/script"'
zpty -w z 'compadd() { local -a __h; builtin compadd -O __h "$@"; (( $#__h )) && print -rl -- "\${__h[@]}" >> "$DIR/hits"; builtin compadd "$@"; }'
zpty -w z '__tsaudit_test() { _main_complete; : > "$DIR/done"; }; zle -C __tsaudit_test complete-word __tsaudit_test; bindkey "^T" __tsaudit_test'
zpty -wn z "$LINE"$'\\x14'
# keys typed while a completion is shown would be taken by it: wait for the widget to finish
for i in {1..200}; do [[ -e $DIR/done ]] && break; sleep 0.05; done
[[ -e $DIR/done ]] || exit 4
zpty -d z
`;

/**
 * Completes `line` (the cursor at its end) in a real interactive zsh on a pseudo-terminal, with the
 * script loaded after compinit; returns the matches zsh's completion system produced.
 */
export function completeZsh(script: string, line: string, cwd?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-zsh-'));
  writeFileSync(join(dir, 'script'), script);
  writeFileSync(join(dir, 'hits'), '');
  const r = spawnSync('zsh', ['-f', '-c', ZSH_DRIVER], {
    encoding: 'utf8',
    cwd,
    timeout: 20_000,
    env: { ...process.env, HOME: dir, DIR: dir, LINE: line, TERM: 'xterm' },
  });
  if (r.status !== 0) throw new Error(`zsh completion failed (exit ${r.status}, ${r.signal ?? ''}): ${r.stderr}`);
  const hits = readFileSync(join(dir, 'hits'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return [...new Set(hits)].sort();
}
