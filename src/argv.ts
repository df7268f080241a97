// Go-style flags: the tools tsaudit replaces (go-libaudit's auparse/audit examples) take single-dash long
// flags (`-format=json`, `-in FILE`, `-id=false`). This one pass rewrites them into commander's GNU form
// before commander sees argv, so no command has to care.
//
//   -format=json   -> --format=json        -format json  -> --format json
//   -in FILE       -> --in FILE            -id=false     -> --no-id     -id=true -> --id
//   --id=false     -> --no-id              (a boolean flag given a value)
//   -i=false       -> (nothing)            -f=json       -> --format=json   (short flags, Go-style)
//   help pars      -> pars                 (so commander answers "unknown command 'pars' (Did you mean parse?)")
//
// Values of options with a closed set of choices are matched case-insensitively (`-format=JSON`).
//
// Only names that are long options of the command being parsed (or of its ancestors) are rewritten, so
// short-flag clusters and operands are left alone. Commands marked with markRawArgs() (rules add/delete take
// auditctl syntax such as `-w /etc/passwd -p wa`) receive every token after their name untouched.

import type { Command, Option } from 'commander';
import { usageError } from './errors.js';

const rawArgCommands = new WeakSet<Command>();

/** Everything after this command's name is passed through to it unchanged. */
export function markRawArgs(cmd: Command): Command {
  rawArgCommands.add(cmd);
  return cmd;
}

const LONGISH = /^(--?)([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/;
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);

function findSubcommand(cmd: Command, name: string): Command | undefined {
  return cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
}

function findLong(chain: Command[], name: string): Option | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const opt = chain[i]!.options.find((o) => o.long === `--${name}`);
    if (opt) return opt;
  }
  return undefined;
}

function findShort(chain: Command[], letter: string): Option | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const opt = chain[i]!.options.find((o) => o.short === `-${letter}`);
    if (opt) return opt;
  }
  return undefined;
}

/** Values of a closed set are matched without regard to case: `-format=JSON` is `--format=json`. */
function canonicalValue(opt: Option, value: string): string {
  const lower = value.toLowerCase();
  return opt.argChoices?.find((c) => c.toLowerCase() === lower) ?? value;
}

function takesValue(opt: Option): boolean {
  return opt.required || opt.optional;
}

export function normalizeArgv(argv: readonly string[], root: Command): string[] {
  const out: string[] = [];
  const chain: Command[] = [root];
  let cmd = root;
  let operands = 0;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (rawArgCommands.has(cmd) || tok === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!tok.startsWith('-') || tok === '-') {
      const next = argv[i + 1];
      if (tok === 'help' && cmd.commands.length && next !== undefined && !next.startsWith('-') && !findSubcommand(cmd, next)) {
        // `help pars`: let commander judge `pars` itself, so the answer is its "unknown command 'pars'
        // (Did you mean parse?)" rather than the whole help on stderr
        continue;
      }
      const sub = findSubcommand(cmd, tok);
      if (sub) {
        cmd = sub;
        chain.push(sub);
        operands = 0;
        out.push(tok);
        continue;
      }
      const args = cmd.registeredArguments;
      const arg = args[Math.min(operands++, args.length - 1)];
      out.push(arg?.argChoices?.find((c) => c.toLowerCase() === tok.toLowerCase()) ?? tok);
      continue;
    }
    const m = LONGISH.exec(tok);
    const short = m !== null && m[1] === '-' && m[2]!.length === 1;
    if (!m || (short && m[3] === undefined)) {
      // a short flag (-i, -f json) or something commander will judge
      const opt = m ? findShort(chain, m[2]!) : undefined;
      out.push(tok);
      if (opt?.required && i + 1 < argv.length) out.push(canonicalValue(opt, argv[++i]!));
      continue;
    }
    const name = m[2]!;
    const value = m[3];
    const opt = short ? findShort(chain, name) : findLong(chain, name);
    if (!opt) {
      out.push(tok);
      continue;
    }
    // -f=json, -i=false: a short flag written Go-style, given its value after '='
    const flag = opt.long ?? opt.short!;
    if (takesValue(opt)) {
      if (value !== undefined && opt.long) out.push(`${opt.long}=${canonicalValue(opt, value)}`);
      else if (value !== undefined) out.push(flag, canonicalValue(opt, value));
      else {
        out.push(flag);
        // The value is the next token, whatever it looks like (`-format -` is not our concern to judge).
        if (opt.required && i + 1 < argv.length) out.push(canonicalValue(opt, argv[++i]!));
      }
      continue;
    }
    if (value === undefined) {
      out.push(flag);
      continue;
    }
    const word = value.toLowerCase();
    const long = opt.long?.slice(2);
    const base = opt.negate && long ? long.replace(/^no-/, '') : long;
    if (TRUE_WORDS.has(word)) {
      if (!opt.negate) out.push(flag);
      else if (base !== undefined && findLong(chain, base)) out.push(`--${base}`);
      // only --no-x exists: x=true is the default
    } else if (FALSE_WORDS.has(word)) {
      if (opt.negate) out.push(flag);
      else if (long !== undefined && findLong(chain, `no-${long}`)) out.push(`--no-${long}`);
      // a plain boolean flag set to false is the same as leaving it out
    } else {
      throw usageError(`flag ${tok.split('=')[0]} takes true or false, got "${value}"`, { token: tok });
    }
  }
  return out;
}
