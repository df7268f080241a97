// Every verb registers itself here. A verb is listed only once it works end to end.

import type { Command } from 'commander';
import { register as completion } from './completion.js';

type Register = (program: Command) => void;

const VERBS: Register[] = [completion];

export function registerCommands(program: Command): void {
  for (const register of VERBS) register(program);
}
