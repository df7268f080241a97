// `tsaudit set`: change the kernel's audit settings (auditctl -e/-f/-r/-b/--backlog_wait_time/--reset-lost/
// --loginuid-immutable), then print the new status like auditctl does.

import { type Command, Option } from 'commander';
import type { SetOptions } from '../status/set.js';
import { usageError } from '../errors.js';
import { formatOption, wholeNumber } from './options.js';

/** The flags commander hands over are the options of the implementation, less its injected dependencies. */
type SetFlags = Omit<SetOptions, 'client' | 'output'>;

const FAILURE_MODES: Record<string, number> = { silent: 0, printk: 1, panic: 2, '0': 0, '1': 1, '2': 2 };

function parseFailure(value: string): number {
  const mode = FAILURE_MODES[value.toLowerCase()];
  if (mode === undefined) throw usageError(`flag --failure: expected silent, printk, panic (or 0, 1, 2), got "${value}"`, { token: value });
  return mode;
}

function parseEnabled(value: string): number {
  if (value === '0' || value === '1' || value === '2') return Number(value);
  throw usageError(`flag --enabled: expected 0 or 1 (2 is --immutable), got "${value}"`, { token: value });
}

/** A kernel setting that takes a whole number (set changes it; stream changes it while streaming). */
export function settingOption(flag: '--rate-limit' | '--backlog-limit' | '--backlog-wait-time', description: string): Option {
  return new Option(`${flag} <n>`, description).argParser(wholeNumber(flag));
}

export function register(program: Command): void {
  program
    .command('set')
    .description('change kernel audit settings (like auditctl -e/-f/-r/-b), then show the status')
    .addOption(new Option('--enabled <0|1>', 'disable (0) or enable (1) auditing').argParser(parseEnabled))
    .addOption(
      new Option('--failure <silent|printk|panic>', 'what the kernel does on a critical audit error (or 0, 1, 2)').argParser(parseFailure),
    )
    .addOption(settingOption('--rate-limit', 'records per second before the failure action (0: no limit)'))
    .addOption(settingOption('--backlog-limit', 'records waiting in the kernel queue before the failure action'))
    .addOption(settingOption('--backlog-wait-time', 'how long (jiffies) a process waits when the backlog is full'))
    .option('--reset-lost', 'reset the lost-record counter and print its old value')
    .option('--loginuid-immutable', 'make loginuid unchangeable once set (lasts until reboot; needs --yes)')
    .option('--immutable', 'lock the audit configuration until reboot (enabled 2; needs --yes)')
    .option('-y, --yes', 'confirm an irreversible or dangerous setting (--immutable, --loginuid-immutable, --failure panic)')
    .addOption(formatOption())
    .option('-i, --interpret', 'show enabled and failure as words')
    .addHelpText(
      'after',
      `
Several settings in one call go to the kernel in one request. Needs root (CAP_AUDIT_CONTROL).
--immutable, --loginuid-immutable and --failure panic cannot be undone (or can halt the machine) and
require --yes.

Examples:
  sudo tsaudit set --backlog-limit 8192 --rate-limit 0
  sudo tsaudit set --enabled 1 --failure printk
  sudo tsaudit set --reset-lost
  sudo tsaudit set --immutable --yes`,
    )
    .action(async (opts: SetFlags) => {
      const { runSet } = await import('../status/set.js');
      await runSet(opts);
    });
}
