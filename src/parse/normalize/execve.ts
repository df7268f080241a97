// EXECVE argv reassembly. The kernel logs argv as a0..aN over one or more EXECVE records of the event:
//   a0="ls" a1=2D6C61          plain arguments, quoted, or hex when they hold a space/quote/control/non-ASCII
//   a1=""                      an empty argument (it is an argument: keep it)
//   a1_len=18000 a1[0]=… a1[1]=…   a long argument in chunks; the chunks may continue in the next record;
//                              a hex argument is split in the middle of the hex, so chunks are joined before decoding
//   argc=2501 a0=… … a692=…    (next record)  a693=… …   one argv spread over several records
// Nothing is dropped; what cannot be found is reported as a warning.

import type { AuditRecord } from '../record.js';
import { decodeHex, isHexEncoded } from '../interpret/hex.js';
import { BodyCache } from './record-data.js';

export interface Argv {
  /** argc as logged (the first EXECVE record's `argc=`), or -1 when absent. */
  readonly argc: number;
  readonly args: readonly string[];
  readonly warnings: readonly string[];
}

interface Chunked {
  len: number;
  parts: Map<number, string>;
  quoted: boolean;
}

function decodeArg(value: string, quoted: boolean): string {
  return !quoted && isHexEncoded(value) ? decodeHex(value) : value;
}

const byNumber = (a: number, b: number) => a - b;

/**
 * Rebuilds argv from the EXECVE records of one event, in record order. Indices and counts come from the
 * log and are never used as loop bounds (a corrupt `argc=4000000000` or `a4000000000=` must not hang us).
 */
export function reassembleArgv(records: readonly AuditRecord[]): Argv {
  if (records.length === 1) {
    const plain = plainArgv(records[0]!);
    if (plain !== undefined) return plain;
  }
  let argc = -1;
  const args = new Map<number, string>();
  const chunks = new Map<number, Chunked>();
  const warnings: string[] = [];
  for (const rec of records) {
    for (const f of rec.fields()) {
      const k = f.key;
      if (k === 'argc') {
        if (argc < 0) argc = Number(f.value);
        continue;
      }
      if (k.charCodeAt(0) !== 97 /* a */) continue;
      // aN, aN_len, aN[i]
      let i = 1;
      let n = 0;
      while (i < k.length && i < 12) {
        const c = k.charCodeAt(i);
        if (c < 48 || c > 57) break;
        n = n * 10 + (c - 48);
        i++;
      }
      if (i === 1) continue;
      if (i === k.length) {
        args.set(n, decodeArg(f.value, f.quote !== ''));
      } else if (k.startsWith('_len', i)) {
        chunks.set(n, { len: Number(f.value), parts: new Map(), quoted: false });
      } else if (k.charCodeAt(i) === 91 /* [ */) {
        const idx = Number(k.slice(i + 1, k.length - 1));
        let c = chunks.get(n);
        if (!c) {
          c = { len: -1, parts: new Map(), quoted: false };
          chunks.set(n, c);
          warnings.push(`EXECVE a${n}[${idx}] without a${n}_len`);
        }
        c.parts.set(idx, f.value);
        if (f.quote !== '') c.quoted = true;
      }
    }
  }
  for (const [n, c] of chunks) {
    const idx = [...c.parts.keys()].sort(byNumber);
    let missing = 0;
    for (let j = 0; j < idx.length; j++) if (idx[j] !== j) missing++;
    if (missing > 0) warnings.push(`EXECVE a${n}: chunks out of sequence`);
    let joined = '';
    for (const j of idx) joined += c.parts.get(j)!;
    if (c.len >= 0 && joined.length !== c.len) warnings.push(`EXECVE a${n}: expected ${c.len} bytes of chunks, got ${joined.length}`);
    args.set(n, decodeArg(joined, c.quoted));
  }
  const order = [...args.keys()].sort(byNumber);
  const out: string[] = [];
  for (const j of order) out.push(args.get(j)!);
  const top = order.length ? order[order.length - 1]! + 1 : 0;
  const count = Number.isFinite(argc) && argc >= 0 ? Math.max(argc, top) : top;
  const missing = count - out.length;
  if (missing > 0) warnings.push(`EXECVE: ${missing} of ${count} argument(s) missing (argc=${argc})`);
  return { argc, args: out, warnings };
}

/** `a0`, `a1`, …: the keys of a plain argv, made once. */
const ARG_KEYS: string[] = [];
function argKey(i: number): string {
  while (ARG_KEYS.length <= i) ARG_KEYS.push(`a${ARG_KEYS.length}`);
  return ARG_KEYS[i]!;
}

/**
 * The common record, `argc=N a0=… … a(N-1)=…` and nothing else, read straight into an array; undefined for
 * any other layout (chunks, gaps, more or fewer arguments than argc), which reassembleArgv's general path reads.
 */
function plainArgv(rec: AuditRecord): Argv | undefined {
  const fields = rec.fields();
  if (fields.length === 0 || fields[0]!.key !== 'argc') return undefined;
  const argc = Number(fields[0]!.value);
  if (argc !== fields.length - 1) return undefined;
  const args: string[] = [];
  for (let i = 1; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.key !== argKey(i - 1)) return undefined;
    args.push(decodeArg(f.value, f.quote !== ''));
  }
  return { argc, args, warnings: [] };
}

/** argv of events with one EXECVE record, by its body: programs run with the same arguments again and again. */
const ARGV = new BodyCache<Argv>(1024);

/** reassembleArgv(), kept for an argv in one EXECVE record; what it returns is frozen. */
export function eventArgv(records: readonly AuditRecord[]): Argv {
  if (records.length !== 1) return reassembleArgv(records);
  return ARGV.get(records[0]!, frozenArgv);
}

/** ARGV's compute: one function, not a closure made per lookup. */
function frozenArgv(rec: AuditRecord): Argv {
  const a = reassembleArgv([rec]);
  Object.freeze(a.args);
  Object.freeze(a.warnings);
  return Object.freeze(a);
}
