// The `-format=json` hot path for ASCII input: a record's JSON written byte by byte straight into the output
// buffer, with no intermediate strings (building the JSON as strings and then copying it into the output
// costs several times more). It handles the common record (no node=, ASCII only, a body SAFE_BODY accepts
// and a suffix SAFE_ENRICHED accepts, checked while copying) and declines anything else (-1), which then
// takes recordJSON(). The bytes equal recordJSON(record) exactly; the fuzz test checks that.

import type { AuditRecord } from './record.js';
import { archFieldName, isoTimestamp, resultOf } from './record-json.js';
import { syscallNameFor } from './syscall-names.js';

const SIMPLE_TYPE = /^[A-Za-z0-9_[\]]+$/;
const typeHeaders = new Map<string, Uint8Array | null>();

function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

const TS_OPEN = ascii('{"@timestamp":"');
const RAW_OPEN = ascii(',"raw_msg":"');
const ENRICHED_OPEN = ascii(',"enriched":{');
const RESULT_SUCCESS = ascii(',"result":"success"');
const RESULT_FAIL = ascii(',"result":"fail"');

/** `","record_type":"SYSCALL","sequence":` for a type name, or null when it would need escaping. */
function typeHeader(name: string): Uint8Array | null {
  let h = typeHeaders.get(name);
  if (h === undefined) {
    h = SIMPLE_TYPE.test(name) ? ascii(`","record_type":"${name}","sequence":`) : null;
    if (typeHeaders.size < 4096) typeHeaders.set(name, h);
  }
  return h;
}

/** A field named like a member of the record object (SAFE_BODY's lookahead). */
function isHeaderKey(line: string, ks: number, klen: number): boolean {
  switch (klen) {
    case 4:
      return line.startsWith('node', ks);
    case 6:
      return line.startsWith('result', ks);
    case 7:
      return line.startsWith('raw_msg', ks);
    case 8:
      return line.startsWith('sequence', ks) || line.startsWith('enriched', ks);
    case 10:
      return line.startsWith('@timestamp', ks);
    case 11:
      return line.startsWith('record_type', ks);
    default:
      return false;
  }
}

/** Writes a non-negative integer's decimal digits. */
function putUint(out: Buffer, o: number, n: number): number {
  if (n < 10) {
    out[o] = 48 + n;
    return o + 1;
  }
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  for (let i = o + digits - 1; i >= o; i--) {
    out[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return o + digits;
}

/** Upper bound of the bytes recordJSONInto may write for a record. */
export function jsonBound(record: AuditRecord): number {
  return record.line.length * 6 + 256;
}

/**
 * Writes the record's JSON line (with its newline) into `out` at `at`; returns the end offset, or -1 when
 * this record needs the general path. The caller guarantees `jsonBound(record)` bytes of room.
 */
export function recordJSONInto(record: AuditRecord, out: Buffer, at: number): number {
  if (record.node !== undefined) return -1;
  const header = typeHeader(record.typeName);
  if (header === null) return -1;
  const line = record.line;
  const bs = record.bodyStart;
  const be = record.bodyEnd;
  const n = line.length;

  let o = at;
  out.set(TS_OPEN, o);
  o += TS_OPEN.length;
  const ts = isoTimestamp(record.sec, record.msec);
  for (let i = 0; i < ts.length; i++) out[o++] = ts.charCodeAt(i);
  out.set(header, o);
  o += header.length;
  o = putUint(out, o, record.serial);

  // raw_msg: the header part and an accepted body hold no backslash, control or non-ASCII byte (the body
  // check below declines those), so only quotes need escaping. Spans between quotes are copied natively.
  out.set(RAW_OPEN, o);
  o += RAW_OPEN.length;
  let from = record.msgStart;
  for (;;) {
    let q = line.indexOf('"', from);
    if (q < 0 || q >= be) q = be;
    if (q > from) o += out.write(line.slice(from, q), o, 'latin1');
    if (q === be) break;
    out[o++] = 92;
    out[o++] = 34;
    from = q + 1;
  }
  out[o++] = 34;

  // Body fields, validated while copied: exactly the bodies SAFE_BODY accepts get through (the rest take
  // the general path), so one pass over the text does both.
  let arch: string | undefined;
  let successAt = -1;
  let successEnd = -1;
  let resAt = -1;
  let resEnd = -1;
  let i = bs;
  while (i < be) {
    let c = line.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    const ks = i;
    out[o++] = 44; // ,
    out[o++] = 34;
    for (;;) {
      if (i >= be) return -1; // a word without '='
      c = line.charCodeAt(i);
      if (c === 61) break;
      if (c < 33 || c === 34 || c === 39 || c === 92 || c > 127) return -1;
      out[o++] = c;
      i++;
    }
    const klen = i - ks;
    if (klen === 0 || isHeaderKey(line, ks, klen)) return -1;
    out[o++] = 34;
    out[o++] = 58; // :
    out[o++] = 34;
    i++;
    let vs: number;
    let ve: number;
    if (i < be && line.charCodeAt(i) === 34) {
      vs = i + 1;
      ve = line.indexOf('"', vs);
      if (ve < 0 || ve >= be) return -1;
      i = ve + 1;
      if (i < be && line.charCodeAt(i) !== 32) return -1;
    } else {
      vs = i;
      while (i < be) {
        c = line.charCodeAt(i);
        if (c === 32) break;
        if (c < 32 || c === 34 || c === 39 || c === 92 || c > 127) return -1;
        i++;
      }
      ve = i;
    }
    let name: string | undefined;
    if (klen === 4 && line.startsWith('arch', ks)) {
      arch = line.slice(vs, ve);
      name = archFieldName(arch);
    } else if (klen === 7 && line.startsWith('syscall', ks)) {
      name = syscallNameFor(arch, line.slice(vs, ve));
    } else if (klen === 7 && line.startsWith('success', ks)) {
      successAt = vs;
      successEnd = ve;
    } else if (klen === 3 && line.startsWith('res', ks)) {
      resAt = vs;
      resEnd = ve;
    }
    if (name !== undefined) {
      for (let k = 0; k < name.length; k++) out[o++] = name.charCodeAt(k);
    } else {
      for (let k = vs; k < ve; k++) {
        c = line.charCodeAt(k);
        if (c < 32 || c === 92 || c > 127) return -1; // (quoted values: unquoted ones were checked above)
        out[o++] = c;
      }
    }
    out[o++] = 34;
  }

  const rv = successAt >= 0 ? line.slice(successAt, successEnd) : resAt >= 0 ? line.slice(resAt, resEnd) : undefined;
  const result = rv === undefined ? undefined : resultOf(rv);
  if (result !== undefined) {
    const r = result === 'success' ? RESULT_SUCCESS : RESULT_FAIL;
    out.set(r, o);
    o += r.length;
  }

  if (be < n) {
    // The ENRICHED suffix, validated while copied like the body (exactly what SAFE_ENRICHED accepts).
    out.set(ENRICHED_OPEN, o);
    o += ENRICHED_OPEN.length;
    let first = true;
    let j = be + 1;
    while (j < n) {
      let c = line.charCodeAt(j);
      if (c === 32) {
        j++;
        continue;
      }
      if (!first) out[o++] = 44;
      first = false;
      out[o++] = 34;
      const ks = j;
      for (;;) {
        if (j >= n) return -1;
        c = line.charCodeAt(j);
        if (c === 61) break;
        if (c < 33 || c === 34 || c === 39 || c === 92 || c === 123 || c === 125 || c > 127) return -1;
        out[o++] = c;
        j++;
      }
      if (j === ks) return -1;
      out[o++] = 34;
      out[o++] = 58;
      out[o++] = 34;
      j++;
      c = j < n ? line.charCodeAt(j) : -1;
      if (c === 34 || c === 123) {
        // "quoted" (quotes dropped) or { braced } (braces kept)
        const close = c === 34 ? 34 : 125;
        if (c === 123) out[o++] = 123;
        let k = j + 1;
        for (;;) {
          if (k >= n) return -1;
          const ch = line.charCodeAt(k);
          if (ch === close) break;
          if (ch < 32 || ch === 34 || ch === 92 || ch > 127) return -1;
          out[o++] = ch;
          k++;
        }
        if (close === 125) out[o++] = 125;
        j = k + 1;
        if (j < n && line.charCodeAt(j) !== 32) return -1;
      } else {
        while (j < n) {
          c = line.charCodeAt(j);
          if (c === 32) break;
          if (c < 32 || c === 34 || c === 39 || c === 92 || c === 123 || c === 125 || c > 127) return -1;
          out[o++] = c;
          j++;
        }
      }
      out[o++] = 34;
    }
    out[o++] = 125; // }
  }
  out[o++] = 125;
  out[o++] = 10;
  return o;
}
