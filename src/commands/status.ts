// `tsaudit status`: the kernel's audit status, byte-identical to `auditctl -s` by default.

import type { Command } from 'commander';
import type { FormatName } from '../format/index.js';
import { formatOption } from './options.js';

export function register(program: Command): void {
  program
    .command('status')
    .description("show the kernel's audit status (like auditctl -s)")
    .addOption(formatOption())
    .option('-i, --interpret', 'show enabled and failure as words (like auditctl -s -i)')
    .addHelpText(
      'after',
      `
Needs root (CAP_AUDIT_CONTROL). The text output is the same as auditctl -s, so scripts that parse it work.

Examples:
  sudo tsaudit status
  sudo tsaudit status -i
  sudo tsaudit status -format=json | jq .backlog`,
    )
    .action(async (opts: { format: FormatName; interpret?: boolean }) => {
      const { runStatus } = await import('../status/run.js');
      await runStatus(opts);
    });
}
