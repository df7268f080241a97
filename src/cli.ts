// The tsaudit program: assembles the verbs, normalizes Go-style flags, and is the only place that turns
// errors into exit codes (0 ok or EPIPE, 1 runtime error, 2 usage error, 130/143 on signals).

import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { normalizeArgv } from './argv.js';
import { registerCommands } from './commands/index.js';
import { EXIT, isTsauditError } from './errors.js';
import { configureColor } from './format/color.js';
import { installProcessHandlers, isEpipeError } from './runtime.js';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string; description: string };

/**
 * The program; given the command line, with only the verb it runs (see registerCommands). Global options
 * take no value, so the verb is the first word that is not an option.
 */
export function buildProgram(argv?: readonly string[]): Command {
  const program = new Command('tsaudit')
    .description(pkg.description)
    .usage('[options] <command> [command options]')
    .version(pkg.version, '-V, --version', 'print the version')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('--debug', 'show stack traces on errors')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: true, showGlobalOptions: true })
    .addHelpText(
      'after',
      `
Flags may be written Go-style too: -format=json, -format json, --format=json and --format json are the same.

Examples:
  sudo tsaudit status
  sudo tsaudit set --backlog-limit 8192
  sudo tsaudit rules add -w /etc/passwd -p wa -k passwd
  sudo tsaudit stream -format=json
  tsaudit parse -format=json /var/log/audit/audit.log
  sudo tsaudit search -k passwd -ts today
  tsaudit report -if /var/log/audit -x --summary
  source <(tsaudit completion bash)

Each command has its own --help and manual page (man tsaudit-status, ...).`,
    );
  registerCommands(
    program,
    argv?.find((a) => !a.startsWith('-')),
  );
  // No action on the program itself: commander then answers an unknown verb with "unknown command 'pars'
  // (Did you mean parse?)", and adds `tsaudit help VERB`. A bare `tsaudit` prints the help (exit 2).
  program.helpCommand('help [command]', 'show help for a command');
  program.hook('preAction', (_this, action) => {
    configureColor({ noColor: action.optsWithGlobals().color === false });
  });
  applyToAll(program, (cmd) => {
    cmd.exitOverride();
    cmd.configureOutput({
      outputError: (message, write) => write(`tsaudit: ${oneLine(message)}\n`),
    });
  });
  return program;
}

function applyToAll(cmd: Command, fn: (c: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyToAll(sub, fn);
}

/** Commander's messages start with "error: " and may span lines; we print one line. */
function oneLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

/** Maps any error to a message and an exit code. Returns the exit code. */
export function reportError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message (help, version, or a one-line error through outputError)
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (isEpipeError(err)) return EXIT.OK;
  if (isTsauditError(err)) {
    process.stderr.write(`tsaudit: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`tsaudit: internal error: ${e?.message ?? String(err)}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && e?.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.RUNTIME;
}

export async function main(argv: string[]): Promise<void> {
  installProcessHandlers();
  const debug = argv.includes('--debug') || argv.includes('-debug');
  try {
    const program = buildProgram(argv);
    await program.parseAsync(normalizeArgv(argv, program), { from: 'user' });
  } catch (err) {
    process.exitCode = reportError(err, debug);
  }
}
