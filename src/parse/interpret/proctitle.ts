// PROCTITLE: the process's argv as the kernel saw it, NUL-separated and hex-encoded when it holds a NUL or
// any byte outside printable ASCII; quoted when it is a single plain word.

import { decodeHex, isHexEncoded } from './hex.js';

/** The argv of a proctitle value (quoted text or hex). A trailing NUL does not make an empty argument. */
export function proctitleArgv(value: string, quoted = false): string[] {
  if (quoted || !isHexEncoded(value)) return [value];
  const text = decodeHex(value);
  const parts = text.split('\0');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The proctitle as one line, arguments separated by a space (as `ausearch -i` prints it). */
export function proctitleText(value: string, quoted = false): string {
  return proctitleArgv(value, quoted).join(' ');
}
