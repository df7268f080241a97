// Go-style flags: the tools tsaudit replaces (go-libaudit's auparse/audit examples) take single-dash long
// flags (`-format=json`, `-in FILE`, `-id=false`). This one pass rewrites them into commander's GNU form
// before commander sees argv, so no command has to care.
//
//   -format=json   -> --format=json        -format json  -> --format json
//   -in FILE       -> --in FILE            -id=false     -> --no-id     -id=true -> --id
//   --id=false     -> --no-id              (a boolean flag given a value)
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

function takesValue(opt: Option): boolean {
  return opt.required || opt.optional;
}

export function normalizeArgv(argv: readonly string[], root: Command): string[] {
  const out: string[] = [];
  const chain: Command[] = [root];
  let cmd = root;
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i]!;
    if (rawArgCommands.has(cmd) || tok === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!tok.startsWith('-') || tok === '-') {
      const sub = findSubcommand(cmd, tok);
      if (sub) {
        cmd = sub;
        chain.push(sub);
      }
      out.push(tok);
      continue;
    }
    const m = LONGISH.exec(tok);
    if (!m || (m[1] === '-' && m[2]!.length === 1)) {
      out.push(tok); // a short flag (-i) or something commander will judge
      continue;
    }
    const name = m[2]!;
    const value = m[3];
    const opt = findLong(chain, name);
    if (!opt) {
      out.push(tok);
      continue;
    }
    if (takesValue(opt)) {
      if (value !== undefined) {
        out.push(`--${name}=${value}`);
      } else {
        out.push(`--${name}`);
        // The value is the next token, whatever it looks like (`-format -` is not our concern to judge).
        if (opt.required && i + 1 < argv.length) out.push(argv[++i]!);
      }
      continue;
    }
    if (value === undefined) {
      out.push(`--${name}`);
      continue;
    }
    const word = value.toLowerCase();
    const base = opt.negate ? name.replace(/^no-/, '') : name;
    if (TRUE_WORDS.has(word)) {
      out.push(opt.negate ? `--${base}` : `--${name}`);
      if (opt.negate && !findLong(chain, base)) out.pop(); // only --no-x exists: x=true is the default
    } else if (FALSE_WORDS.has(word)) {
      if (opt.negate) out.push(`--${name}`);
      else if (findLong(chain, `no-${name}`)) out.push(`--no-${name}`);
      // a plain boolean flag set to false is the same as leaving it out
    } else {
      throw usageError(`flag ${tok.split('=')[0]} takes true or false, got "${value}"`, { token: tok });
    }
  }
  return out;
}
