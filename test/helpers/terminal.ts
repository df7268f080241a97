// Runs a shell command on a pseudo-terminal, as a user at a terminal would run it, through util-linux's
// script(1): stdin, stdout and stderr of the command are the terminal unless the command redirects them.

import { spawnSync } from 'node:child_process';

export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface TerminalResult {
  status: number | null;
  /** What the terminal showed (stdout and stderr together), with the terminal's \r\n turned into \n. */
  screen: string;
  /** The same, byte for byte (carriage returns and escape codes kept). */
  raw: string;
}

/** `command` is run by sh on a terminal; its exit status comes back (script -e). */
export function inTerminal(command: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): TerminalResult {
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', TERM: 'dumb', ...opts.env },
    encoding: 'utf8',
    // stdin stays open (a pipe nobody writes) so that script keeps the terminal until the command ends
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: opts.timeout ?? 60_000,
  });
  const raw = r.stdout ?? '';
  return { status: r.status, raw, screen: raw.replace(/\r\n/g, '\n') };
}

/** A word for sh: single-quoted. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
