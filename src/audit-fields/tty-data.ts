// print_tty_data of auparse (audit-userspace 3.0.9 auparse/interpret.c): the keystrokes of a TTY or USER_TTY
// record's `data=` as `"text",<name>,…`, the way ausearch -i and aureport --tty print them. Each verb checks
// the hex its own way first (aureport says "conversion error" where ausearch keeps the value).

import { TTY_NAMED_KEYS } from '../tables/tty-named-keys.js';

const TTY_KEYS: ReadonlyArray<readonly [Buffer, string]> = TTY_NAMED_KEYS.map(([hex, name]) => [Buffer.from(hex, 'hex'), name]);

/** The named key at `pos` of `data` (the first in the table's order that matches), or undefined. */
function namedKeyAt(data: Buffer, pos: number): readonly [Buffer, string] | undefined {
  for (const key of TTY_KEYS) {
    const seq = key[0];
    if (seq.length <= data.length - pos && data.compare(seq, 0, seq.length, pos, pos + seq.length) === 0) return key;
  }
  return undefined;
}

/** Printable runs in quotes (\ooo for bytes outside ASCII, \\ and \"), named keys as <name>, comma-joined. */
export function ttyDataText(data: Buffer): string {
  let out = '';
  let inText = false;
  let pos = 0;
  while (pos < data.length) {
    const c = data[pos]!;
    const key = c >= 0x20 && (c < 0x7f || c >= 0xa0) ? undefined : namedKeyAt(data, pos);
    if (key !== undefined) {
      if (inText) out += '"';
      inText = false;
      if (out !== '') out += ',';
      out += `<${key[1]}>`;
      pos += key[0].length;
      continue;
    }
    if (!inText) {
      if (out !== '') out += ',';
      out += '"';
      inText = true;
    }
    if (c < 0x20 || c > 0x7e) out += `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}`;
    else out += c === 0x5c || c === 0x22 ? `\\${String.fromCharCode(c)}` : String.fromCharCode(c);
    pos++;
  }
  if (inText) out += '"';
  return out;
}
