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

const VERBS: Register[] = [completion, parse, report, rules, search, set, status, stream];

export function registerCommands(program: Command): void {
  for (const register of VERBS) register(program);
}
