// The import-boundary rules of eslint.config.js bite: a file placed in a lower layer that imports a higher
// one fails the lint (each case is linted as if it were that file, with the project's own config).

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath: `${ROOT}${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it.each([
    ['src/pipeline/probe.ts', "import { formatOption } from '../commands/options.js';\nvoid formatOption;"],
    ['src/pipeline/probe.ts', "import { Command } from 'commander';\nvoid Command;"],
    ['src/pipeline/probe.ts', "import { shutdownSignal } from '../runtime.js';\nvoid shutdownSignal;"],
    ['src/pipeline/probe.ts', "export const later = () => import('../runtime.js');"],
    ['src/pipeline/probe.ts', "export const later = () => import('../cli.js');"],
    ['src/parse/probe.ts', "import { AuditClient } from '../netlink/client.js';\nvoid AuditClient;"],
    ['src/parse/probe.ts', "import { readLogs } from '../pipeline/read-logs.js';\nvoid readLogs;"],
    ['src/parse/normalize/probe.ts', "export const later = () => import('koffi');"],
    ['src/tables/probe.ts', "import { TsauditError } from '../errors.js';\nvoid TsauditError;"],
    ['src/stream/probe.ts', "import koffi from 'koffi';\nvoid koffi;"],
    ['src/netlink/probe.ts', "import { runStream } from '../stream/run.js';\nvoid runStream;"],
    ['src/format/probe.ts', "import { registerCommands } from '../commands/index.js';\nvoid registerCommands;"],
    ['src/commands/probe.ts', "import { main } from '../cli.js';\nvoid main;"],
    ['src/search/probe.ts', "import type { SearchFlags } from '../commands/search.js';\nexport type F = SearchFlags;"],
    ['src/report/probe.ts', "import { shutdownSignal } from '../runtime.js';\nvoid shutdownSignal;"],
  ])('%s: %s fails', async (file, code) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toMatch(/no-restricted-(imports|syntax)/);
  });

  it.each([
    ['src/pipeline/probe.ts', "import { parseRecord } from '../parse/record.js';\nvoid parseRecord;"],
    ['src/commands/probe.ts', "export const later = () => import('../pipeline/read-logs.js');"],
    ['src/netlink/socket.ts', "export const later = () => import('koffi');"],
    ['src/tables/probe.ts', "import { MESSAGE_TYPES } from './message-types-data.js';\nvoid MESSAGE_TYPES;"],
    ['src/report/probe.ts', "import { parseStart } from '../search/time.js';\nvoid parseStart;"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
