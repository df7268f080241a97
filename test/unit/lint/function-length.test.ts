// The function-length rule of eslint.config.js bites (issue 14): a function over 80 lines of code in src/ is
// reported, blank lines and comments do not count, and the generated tables (.prettierignore's list) are data.

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const eslint = new ESLint({ cwd: ROOT });

/** A function whose body is `lines` statements, each followed by `filler` (blank lines or comments). */
function fn(lines: number, filler = ''): string {
  const body = Array.from({ length: lines }, (_, i) => `  total += ${i};\n${filler}`).join('');
  return `export function probe(): number {\n  let total = 0;\n${body}  return total;\n}\n`;
}

async function lengthProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result!.messages.filter((m) => m.ruleId === 'max-lines-per-function').map((m) => m.message);
}

describe('function length', () => {
  it('reports a function over 80 lines in src/', async () => {
    const found = await lengthProblems('src/pipeline/probe.ts', fn(80));
    expect(found.join('\n')).toMatch(/too many lines \(84\)/);
  });

  it('is an error, so npm test (npm run lint) fails on it', async () => {
    const [result] = await eslint.lintText(fn(80), { filePath: `${ROOT}src/pipeline/probe.ts` });
    const found = result!.messages.filter((m) => m.ruleId === 'max-lines-per-function');
    expect(found.map((m) => m.severity)).toEqual([2]);
  });

  it('lets a function of 80 lines pass', async () => {
    expect(await lengthProblems('src/pipeline/probe.ts', fn(76))).toEqual([]);
  });

  it('does not count blank lines and comments', async () => {
    expect(await lengthProblems('src/pipeline/probe.ts', fn(70, '\n  // why\n'))).toEqual([]);
  });

  it('leaves generated tables alone', async () => {
    expect(await lengthProblems('src/tables/normalizations.ts', fn(200))).toEqual([]);
    expect(await lengthProblems('src/tables/syscalls-data.ts', fn(200))).toEqual([]);
  });

  it('accepts a long function with its reason beside it', async () => {
    const reasoned = `// eslint-disable-next-line max-lines-per-function -- one option table, no logic\n${fn(100)}`;
    expect(await lengthProblems('src/commands/probe.ts', reasoned)).toEqual([]);
  });
});
