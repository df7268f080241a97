// Runs generated completion scripts in real shells.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
