// Every verb registers itself here. A verb is listed only once it works end to end.

import type { Command } from 'commander';
import { register as completion } from './completion.js';
import { register as parse } from './parse.js';
import { register as report } from './report.js';
import { register as rules } from './rules.js';
import { register as search } from './search.js';
import { register as set } from './set.js';
import { register as status } from './status.js';
import { register as stream } from './stream.js';

type Register = (program: Command) => void;

const VERBS: Readonly<Record<string, Register>> = { completion, parse, report, rules, search, set, status, stream };

/**
 * Registers the verbs on the program; with `only` naming a verb, that verb alone (a run builds only the
 * command it runs: the others' option tables cost start-up time). Anything else gets them all, so that
 * help and "did you mean" see every verb, and so does completion, which describes the whole program.
 */
export function registerCommands(program: Command, only?: string): void {
  const one = only !== undefined && only !== 'completion' && Object.hasOwn(VERBS, only) ? VERBS[only] : undefined;
  if (one !== undefined) return one(program);
  for (const register of Object.values(VERBS)) register(program);
}
