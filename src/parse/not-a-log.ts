// An input with no audit record in it is a mistake (a compressed or binary file, JSON, a syslog file, an
// empty pipe), not a log whose every line is bad: the run fails with one line that says what the input
// looks like, instead of a thousand "not an audit record" reports and exit 0.
//
// auditLogChunks() wraps an input's chunks. Until a record line is seen it holds them back (copied, at most
// HOLD_BYTES), so garbage never reaches the parser; once one is seen everything passes through untouched.
// If HOLD_BYTES go by without one, text goes on to the parser (which reports its lines: a log may start
// with junk) while binary data fails there and then; an input that ends without a record line fails.

import { TsauditError } from '../errors.js';

const HOLD_BYTES = 1 << 20;
const HEAD_BYTES = 4096;

/** A line that starts like an audit record: `[node=N ]type=T msg=audit(SEC.MS:SERIAL)` then `:`, ` ` or its end. */
const RECORD_LINE = /(?:^|\n)(?:node=[^ \n]* +)?type=[^ \n]+ +msg=audit\(\d+\.\d+:\d+\)(?:[: \r\n]|$)/;

const MAGIC: [number[], string][] = [
  [[0x1f, 0x8b], 'gzip-compressed data'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed data'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
];

/** True when `head` is not text: a known magic number, a NUL, or many control bytes. */
function isBinary(head: Buffer): boolean {
  if (MAGIC.some(([m]) => m.every((b, i) => head[i] === b))) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13) control++;
  }
  return control > head.length / 10;
}

/** What an input that holds no audit record looks like, from its start: `it is empty`, `it looks like JSON`. */
export function describeInput(head: Buffer, total: number): string {
  if (total === 0) return 'it is empty';
  return `it looks like ${looksLike(head)}`;
}

function looksLike(head: Buffer): string {
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => head[i] === b)) return what;
  if (isBinary(head)) return 'binary data';
  const text = head.toString('latin1');
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const start = first.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    return text.includes('"raw_msg"') || text.includes('"record_type"')
      ? 'JSON records (tsaudit -format=json output?), not the log they came from'
      : 'JSON';
  }
  if (/^type=\w+ msg=audit\(\d\d\/\d\d\/\d+ /m.test(text))
    return 'interpreted ausearch output (ausearch -i); give ausearch --raw output instead';
  if (/^---\s*$/m.test(text) && /^[\w@-]+: /m.test(text)) return 'YAML';
  const syslog = /^(?:<\d+>\d* *)?(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*) \S+ /;
  if (syslog.test(first)) {
    return /audit\(\d+\.\d+:\d+\)|type=\d{4}/.test(text)
      ? 'syslog or journal text with audit messages in it; tsaudit reads the log auditd writes (/var/log/audit/audit.log)'
      : 'syslog or journal text';
  }
  const shown = first.length > 40 ? `${first.slice(0, 40)}…` : first;
  return `text without audit records (first line: ${JSON.stringify(shown)})`;
}

function notALog(name: string, head: Buffer, total: number): TsauditError {
  return new TsauditError('E_NOT_AUDIT_LOG', `${name}: not an audit log: ${describeInput(head, total)}`, {
    exitCode: 1,
    context: { file: name },
  });
}

export interface AuditLogCheck {
  /** An empty input fails too (default). A run of several inputs passes `false`: a rotated set may hold an empty log. */
  emptyFails?: boolean;
  /** Most bytes held back while no record line was seen (default 1 MiB). */
  holdBytes?: number;
}

/**
 * The chunks of input `name`, passed through once a line of it is an audit record; fails with
 * E_NOT_AUDIT_LOG (exit 1) and a hint when none is. The source may reuse its buffers between chunks.
 */
export async function* auditLogChunks(name: string, chunks: AsyncIterable<Buffer>, check: AuditLogCheck = {}): AsyncGenerator<Buffer> {
  const holdBytes = check.holdBytes ?? HOLD_BYTES;
  let held: Buffer[] = [];
  let heldBytes = 0;
  let head: Buffer | undefined;
  let total = 0;
  let tail = ''; // the unfinished last line, to find a record line cut by a chunk boundary
  let passing = false; // text past holdBytes goes on to the parser while we keep looking
  let found = false;
  for await (const chunk of chunks) {
    if (found) {
      yield chunk;
      continue;
    }
    total += chunk.length;
    if (head === undefined || head.length < HEAD_BYTES) {
      const more = chunk.subarray(0, HEAD_BYTES - (head?.length ?? 0));
      head = head === undefined ? Buffer.from(more) : Buffer.concat([head, more]);
    }
    const text = tail + chunk.toString('latin1');
    if (RECORD_LINE.test(text)) {
      found = true;
      for (const b of held) yield b;
      held = [];
      yield chunk;
      continue;
    }
    const nl = text.lastIndexOf('\n');
    tail = (nl < 0 ? text : text.slice(nl + 1)).slice(-4096);
    if (passing) {
      yield chunk;
      continue;
    }
    held.push(Buffer.from(chunk));
    heldBytes += chunk.length;
    if (heldBytes >= holdBytes) {
      if (isBinary(head)) throw notALog(name, head, total);
      for (const b of held) yield b;
      held = [];
      passing = true;
    }
  }
  if (!found && (total > 0 || check.emptyFails !== false)) throw notALog(name, head ?? Buffer.alloc(0), total);
}
