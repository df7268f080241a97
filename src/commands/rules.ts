// `tsaudit rules add|delete|list|load|diff`: audit rules in auditctl syntax. `rules add` and `rules delete`
// take auditctl's own options untouched (markRawArgs), so `-w /etc/passwd -p wa -k passwd` works as typed.

import type { Command } from 'commander';
import { markRawArgs } from '../argv.js';
import type { FormatName } from '../format/index.js';
import { formatOption } from './options.js';

export function register(program: Command): void {
  const rules = program
    .command('rules')
    .description('add, delete, list, load and diff kernel audit rules (auditctl syntax)')
    .addHelpText(
      'after',
      `
Rules are written exactly as for auditctl; rules list prints exactly what auditctl -l prints.
All rules verbs need root (CAP_AUDIT_CONTROL).

Examples:
  sudo tsaudit rules add -w /etc/passwd -p wa -k passwd
  sudo tsaudit rules add -a always,exit -F arch=b64 -S openat -F exit=-EACCES -k denied
  sudo tsaudit rules list
  sudo tsaudit rules delete -w /etc/passwd -p wa -k passwd
  sudo tsaudit rules load /etc/audit/rules.d/audit.rules
  sudo tsaudit rules diff /etc/audit/audit.rules`,
    );

  rawRuleCommand(
    rules,
    'add',
    'add a rule, as auditctl -w/-a/-A does (several rules: separate them with a lone ";")',
    'the rule in auditctl syntax',
    `
The rule syntax is auditctl's: -w PATH [-p rwxa] [-k KEY], or -a|-A LIST,ACTION [-F arch=b64] [-S SYSCALL,...]
[-F FIELD OP VALUE]... [-C F1 OP F2]... [-k KEY]... Lists: exit, user, task, exclude, filesystem, io_uring.
Operators: = != < > <= >= & &=. A directory path gives a directory watch, as auditctl decides by stat.
Nothing is printed on success, as with auditctl; --format json|yaml (or -format=json), given before the
rule, prints one object per rule added: {"result":"added","rule":{...}} as rules list structures rules.

Examples:
  sudo tsaudit rules add -w /etc/passwd -p wa -k passwd
  sudo tsaudit rules add -w /etc/sudoers.d/ -p wa -k sudoers
  sudo tsaudit rules add -a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec
  sudo tsaudit rules add -A never,exit -F arch=b64 -S adjtimex -F uid=chrony
  sudo tsaudit rules add -format=json -w /etc/shadow -p wa -k shadow`,
    async (tokens) => (await import('../rules/run.js')).runAdd(tokens),
  );
  rawRuleCommand(
    rules,
    'delete',
    'delete a rule given in auditctl syntax (-d, -W, or the -a/-w form it was added with); --all deletes all',
    'the rule in auditctl syntax, or --all [-k KEY]',
    `
--all (or -D) deletes every rule, like auditctl -D; with -k KEY only the rules whose key contains KEY.
Nothing is printed for a deleted rule, as with auditctl, and --all prints how many; --format json|yaml
(or -format=json), given first, prints one object per rule deleted, or {"result":"deleted","count":N}.

Examples:
  sudo tsaudit rules delete -w /etc/passwd -p wa -k passwd
  sudo tsaudit rules delete -W /etc/passwd -p wa -k passwd
  sudo tsaudit rules delete -d always,exit -F arch=b64 -S execve -k exec
  sudo tsaudit rules delete --all -k exec
  sudo tsaudit rules delete --all
  sudo tsaudit rules delete --format yaml --all -k exec`,
    async (tokens) => (await import('../rules/run.js')).runDelete(tokens),
  );
  registerList(rules);
  registerLoad(rules);
  registerDiff(rules);
}

/** A subcommand that takes auditctl's options untouched (markRawArgs). */
function rawRuleCommand(
  rules: Command,
  name: string,
  description: string,
  argument: string,
  help: string,
  run: (tokens: string[]) => Promise<void>,
): void {
  markRawArgs(
    rules
      .command(name)
      .description(description)
      .argument('[rule...]', argument)
      .allowUnknownOption()
      .allowExcessArguments()
      .addHelpText('after', help)
      .action(run),
  );
}

function registerList(rules: Command): void {
  rules
    .command('list')
    .description('list the kernel rules, byte for byte as auditctl -l')
    .option('-k, --key <key>', 'only rules whose key contains KEY (like auditctl -l -k KEY)')
    .option('-i, --interpret', 'arch as machine names, auid/sessionid -1 as unset (like auditctl -l -i)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
Examples:
  sudo tsaudit rules list
  sudo tsaudit rules list -k passwd
  sudo tsaudit rules list -format=json | jq -r '.keys[]'`,
    )
    .action(async (opts: { key?: string; interpret?: boolean; format: FormatName }) => {
      const { runList } = await import('../rules/run.js');
      await runList(opts);
    });
}

function registerLoad(rules: Command): void {
  rules
    .command('load')
    .description('load a rules file, like auditctl -R (FILE or - for stdin)')
    .argument('<file>', 'rules file: one auditctl command per line, # comments; - reads stdin')
    .option('-c, --continue', 'go on after a bad line and fail at the end (like auditctl -c)')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
Lines are applied in order: rules (-w -a -A -d -W) and control lines (-D, -b, -f, -e, -r, --backlog_wait_time,
--reset-lost, --loginuid-immutable). The first bad line stops the load with FILE:LINE: reason (exit 1).
The file must be a regular file owned by root and not world-writable, as auditctl -R requires.
Text output is one line counting what was done; JSON and YAML give the same counts as one object.

Examples:
  sudo tsaudit rules load /etc/audit/rules.d/audit.rules
  cat rules.d/*.rules | sudo tsaudit rules load -
  sudo tsaudit rules load --continue my.rules`,
    )
    .action(async (file: string, opts: { continue?: boolean; format: FormatName }) => {
      const { runLoad } = await import('../rules/run.js');
      await runLoad(file, opts);
    });
}

function registerDiff(rules: Command): void {
  rules
    .command('diff')
    .description('compare a rules file with the kernel rules; exit 1 on drift')
    .argument('<file>', 'rules file (as for rules load); - reads stdin')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
Reports rules of the file missing from the kernel, kernel rules not in the file, and a different order
(audit rules match first-to-last). Control lines of the file are ignored. Exit 0 when they agree, 1 when not.

Examples:
  sudo tsaudit rules diff /etc/audit/audit.rules
  sudo tsaudit rules diff -format=json /etc/audit/audit.rules`,
    )
    .action(async (file: string, opts: { format: FormatName }) => {
      const { runDiff } = await import('../rules/run.js');
      await runDiff(file, opts);
    });
}
