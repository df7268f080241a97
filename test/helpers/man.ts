// Renders man pages with the system's groff and man, and reads the option lists out of --help output.

import { spawnSync } from 'node:child_process';

export function hasCommand(name: string, args: string[] = ['--version']): boolean {
  return spawnSync(name, args, { stdio: 'ignore' }).status === 0;
}

/** Whether a program is on the PATH at all, whatever its exit status for a harmless call. */
export function commandExists(name: string): boolean {
  return spawnSync(name, ['-h'], { stdio: 'ignore' }).error === undefined;
}

/** groff's warnings (all of them, -ww) for a page, or '' when there are none. */
export function groffWarnings(file: string): string {
  const r = spawnSync('groff', ['-man', '-ww', '-z', file], { encoding: 'utf8' });
  return `${r.stderr}${r.status === 0 ? '' : `groff exited ${r.status}`}`;
}

/** The page as plain ASCII text, 80 columns, as man shows it without bold or underline. */
export function renderText(file: string): string {
  const r = spawnSync('groff', ['-man', '-Tascii', '-P-cbou', '-rLL=80n', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`groff failed on ${file}: ${r.stderr}`);
  return r.stdout;
}

/** `man --warnings -l FILE` with a pager that prints: its stderr and exit status. */
export function manLocal(file: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('man', ['--warnings', '-l', file], {
    encoding: 'utf8',
    env: { ...process.env, MANPAGER: 'cat', PAGER: 'cat', MANWIDTH: '80', MAN_KEEP_FORMATTING: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface HelpItem {
  heading: string;
  term: string;
  description: string;
}

/**
 * The items of every "…Options:" and "Arguments:" list in commander's --help output: the term (flags or
 * argument name) and its description, continuation lines joined.
 */
export function helpItems(help: string): HelpItem[] {
  const items: HelpItem[] = [];
  let heading: string | null = null;
  for (const line of help.split('\n')) {
    const h = /^(\S.*):$/.exec(line);
    if (h) {
      heading = /Options$|^Arguments$/.test(h[1]!) ? h[1]! : null;
    } else if (line.trim() === '' || !/^\s/.test(line)) {
      heading = null;
    } else if (heading !== null && /^ {2}\S/.test(line)) {
      const m = /^ {2}(\S(?:.*?\S)?)(?: {2,}(.*))?$/.exec(line)!;
      items.push({ heading, term: m[1]!, description: m[2] ?? '' });
    } else if (heading !== null && items.length) {
      const last = items[items.length - 1]!;
      last.description = `${last.description} ${line.trim()}`.trim();
    }
  }
  return items;
}

/** Letters and digits only, lower case: compares text across line wrapping and hyphenation. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
