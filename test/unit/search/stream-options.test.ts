// `tsaudit stream` takes search's selectors; where a spelling is stream's own (-c count, -f format,
// -i interpret) the selector keeps only its long name.

import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli.js';

describe('tsaudit stream: the search selectors', () => {
  const stream = buildProgram().commands.find((c) => c.name() === 'stream')!;
  const flags = stream.options.map((o) => o.flags);

  it('has every selector, with ausearch spellings that do not clash', () => {
    for (const f of [
      '-k, --key <key>',
      '-m, --message <types>',
      '-ui, --uid <user>',
      '-sv, --success <yes|no>',
      '-ts, --start <date> [time]',
      '-x, --executable <path>',
    ]) {
      expect(flags).toContain(f);
    }
  });

  it("keeps stream's -c, -f and -i; --comm and --file are long only", () => {
    expect(stream.options.find((o) => o.short === '-c')?.long).toBe('--count');
    expect(stream.options.find((o) => o.short === '-f')?.long).toBe('--format');
    expect(flags).toContain('--comm <name>');
    expect(flags).toContain('--file <path>');
  });
});
