// PROCTITLE: the process's argv as the kernel saw it, NUL-separated and hex-encoded when it holds a NUL or
// any byte outside printable ASCII; quoted when it is a single plain word.

import { isHexEncoded } from './hex.js';

/** Length of `b` without a trailing incomplete UTF-8 sequence (the kernel cuts proctitle at 128 bytes). */
function completeUtf8Length(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** The argv of a proctitle value (quoted text or hex). A trailing NUL does not make an empty argument. */
export function proctitleArgv(value: string, quoted = false): string[] {
  if (quoted || !isHexEncoded(value)) return [value];
  const bytes = Buffer.from(value, 'hex');
  const text = bytes.toString('utf8', 0, completeUtf8Length(bytes));
  const parts = text.split('\0');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Decoded proctitle lines already computed: a log repeats the titles of a few processes thousands of times. */
const TEXT = new Map<string, string>();

/** The proctitle as one line, arguments separated by a space (as `ausearch -i` prints it). */
export function proctitleText(value: string, quoted = false): string {
  if (quoted) return value;
  let text = TEXT.get(value);
  if (text !== undefined) return text;
  text = proctitleArgv(value, false).join(' ');
  if (TEXT.size < 4096) TEXT.set(value, text);
  return text;
}
