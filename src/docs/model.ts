// A plain description of the commander program tree: the one source that the completion scripts and the
// man pages are generated from, so neither can drift from what `--help` shows. Everything here is read
// through commander's own Help class (visible options, terms, descriptions with defaults and choices).

import type { EventEmitter } from 'node:events';
import type { Argument, Command, Option } from 'commander';
import { EVENT_FORMATS, FORMATS, parseEventFormat, parseFormat } from '../format/index.js';

export interface OptionModel {
  /** As `--help` shows it: `-f, --format <format>`. */
  term: string;
  /** As `--help` shows it, with `(default: …, choices: …)` appended by commander. */
  description: string;
  short?: string;
  long?: string;
  /** The option takes a value (`<v>` required, `[v]` optional). */
  value?: { name: string; required: boolean };
  /** Accepted values, when they are a closed set. */
  choices?: readonly string[];
  negate: boolean;
}

export interface ArgumentModel {
  name: string;
  required: boolean;
  variadic: boolean;
  description: string;
  choices?: readonly string[];
}

export interface CommandModel {
  name: string;
  /** Command names from the root: `['tsaudit', 'rules', 'add']`. */
  path: string[];
  /** One line: the summary, or the first line of the description. */
  summary: string;
  description: string;
  /** As `--help` shows it after `Usage:`. */
  usage: string;
  arguments: ArgumentModel[];
  options: OptionModel[];
  /** Options of the ancestors that `--help` lists under "Global Options:". */
  globalOptions: OptionModel[];
  commands: CommandModel[];
  /** Text added with addHelpText('after'), as `--help` prints it. */
  afterHelp: string;
  /** The lines of the "Examples:" block in afterHelp, without indentation. */
  examples: string[];
}

// Options whose value is checked by a parser function rather than commander's .choices(): the closed set
// of values they accept, so that completion can offer them.
const PARSER_CHOICES = new Map<unknown, readonly string[]>([
  [parseFormat, FORMATS],
  [parseEventFormat, EVENT_FORMATS],
]);

function choicesOf(o: Option | Argument): readonly string[] | undefined {
  return o.argChoices ?? PARSER_CHOICES.get((o as { parseArg?: unknown }).parseArg);
}

function describeOption(opt: Option, cmd: Command): OptionModel {
  const help = cmd.createHelp();
  const m = /[<[]([^>\]]+)[>\]]/.exec(opt.flags);
  const model: OptionModel = {
    term: help.optionTerm(opt),
    description: help.optionDescription(opt),
    negate: opt.negate,
  };
  if (opt.short) model.short = opt.short;
  if (opt.long) model.long = opt.long;
  if (m && (opt.required || opt.optional)) model.value = { name: m[1]!, required: opt.required };
  // a value named like <0|1> or <text|json> lists its values
  const choices = choicesOf(opt) ?? (m && /^[\w.-]+(\|[\w.-]+)+$/.test(m[1]!) ? m[1]!.split('|') : undefined);
  if (choices) model.choices = choices;
  return model;
}

/** The text a command's listeners print after its help (addHelpText 'after'), without printing it. */
function afterHelpText(cmd: Command): string {
  let text = '';
  (cmd as unknown as EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (text += s) });
  return text;
}

/** The indented lines under an `Examples:` heading, up to the next unindented line. */
export function examplesFrom(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*Examples?:\s*$/i.test(l));
  if (start < 0) return [];
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break;
    block.push(line);
  }
  while (block.length && block[block.length - 1]!.trim() === '') block.pop();
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return block.map((l) => (l.trim() === '' ? '' : l.slice(indent).trimEnd()));
}

export function describeCommand(cmd: Command, parentPath: string[] = []): CommandModel {
  const help = cmd.createHelp();
  const path = [...parentPath, cmd.name()];
  const description = cmd.description();
  const after = afterHelpText(cmd);
  return {
    name: cmd.name(),
    path,
    summary: cmd.summary() || description.split('\n')[0]!,
    description,
    usage: help.commandUsage(cmd),
    arguments: cmd.registeredArguments.map((a) => {
      const arg: ArgumentModel = {
        name: a.name(),
        required: a.required,
        variadic: a.variadic,
        description: help.argumentDescription(a),
      };
      const choices = choicesOf(a);
      if (choices) arg.choices = choices;
      return arg;
    }),
    options: help.visibleOptions(cmd).map((o) => describeOption(o, cmd)),
    globalOptions: help.visibleGlobalOptions(cmd).map((o) => describeOption(o, cmd)),
    commands: help.visibleCommands(cmd).map((c) => describeCommand(c, path)),
    afterHelp: after,
    examples: examplesFrom(after),
  };
}

/** Every command below the root, depth first. */
export function allCommands(root: CommandModel): CommandModel[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}
