// Colour policy. chalk's own detection ignores NO_COLOR, so the level is decided here once:
// --no-color or NO_COLOR (non-empty) -> none; FORCE_COLOR -> as asked; otherwise colour only on a TTY.

import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(opts: { noColor?: boolean; isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): ColorLevel {
  const env = opts.env ?? process.env;
  if (opts.noColor) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  const tty = opts.isTTY ?? process.stdout.isTTY === true;
  if (!tty) return 0;
  return env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit' ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1;
}

let instance: ChalkInstance = new Chalk({ level: 0 });

/** Called once by the CLI after options are parsed. */
export function configureColor(opts: { noColor?: boolean } = {}): ChalkInstance {
  instance = new Chalk({ level: colorLevel(opts) });
  return instance;
}

/** For worker threads: the level the main thread decided (a worker's stdout is never a TTY). */
export function setColorLevel(level: ColorLevel): void {
  instance = new Chalk({ level });
}

/** The configured chalk instance (no colour until configureColor runs). */
export function color(): ChalkInstance {
  return instance;
}

/** Tables and other decorations are for people at a terminal only. */
export function isInteractive(): boolean {
  return process.stdout.isTTY === true;
}
