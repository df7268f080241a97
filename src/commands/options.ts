// Value parsers shared by the verbs' options, so the same mistake gets the same message everywhere:
// `flag --backlog-limit: expected a whole number 0..4294967295, got "abc"` (exit 2).

import { Option } from 'commander';
import { usageError } from '../errors.js';
import { FORMATS, type FormatName, parseFormat } from '../format/index.js';

/** The `--format` option every printing verb takes (`-format=json` works through src/argv.ts). */
export function formatOption(defaultFormat: FormatName = 'text'): Option {
  return new Option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`).default(defaultFormat).argParser(parseFormat);
}

/** A whole number from `min` to `max` (default: an unsigned 32-bit kernel setting). */
export function wholeNumber(flag: string, max = 0xffffffff, min = 0): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > max || n < min) {
      throw usageError(`flag ${flag}: expected a whole number ${min}..${max}, got "${value}"`, { token: value });
    }
    return n;
  };
}
