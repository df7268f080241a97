// The `-format=json` hot path for ASCII input: a record's JSON written byte by byte straight into the output
// buffer, with no intermediate strings (building the JSON as strings and then copying it into the output
// costs several times more). It handles the common record (no node=, a SAFE_BODY body, a SAFE_ENRICHED
// suffix, ASCII only) and declines anything else (-1), which then takes recordJSON(). The bytes equal
// recordJSON(record) exactly; the fuzz test checks that.

import type { AuditRecord } from './record.js';
import { archFieldName, isoTimestamp, resultOf, SAFE_BODY, SAFE_ENRICHED } from './record-json.js';
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

/** Upper bound of the bytes recordJSONInto may write for a record. */
export function jsonBound(record: AuditRecord): number {
  return record.line.length * 6 + 256;
}

/**
 * Writes the record's JSON line (with its newline) into `out` at `at`; returns the end offset, or -1 when
 * this record needs the general path. The caller guarantees `jsonBound(record)` bytes of room.
 */
export function recordJSONInto(record: AuditRecord, out: Uint8Array, at: number): number {
  if (record.node !== undefined) return -1;
  const header = typeHeader(record.typeName);
  if (header === null) return -1;
  const line = record.line;
  const bs = record.bodyStart;
  const be = record.bodyEnd;
  const n = line.length;
  if (!SAFE_BODY.test(line.slice(bs, be))) return -1;
  if (be < n && !SAFE_ENRICHED.test(line.slice(be + 1))) return -1;

  let o = at;
  out.set(TS_OPEN, o);
  o += TS_OPEN.length;
  const ts = isoTimestamp(record.sec, record.msec);
  for (let i = 0; i < ts.length; i++) out[o++] = ts.charCodeAt(i);
  out.set(header, o);
  o += header.length;
  const seq = String(record.serial);
  for (let i = 0; i < seq.length; i++) out[o++] = seq.charCodeAt(i);

  // raw_msg: the header part and a SAFE body hold no backslash or control byte; only quotes need escaping.
  out.set(RAW_OPEN, o);
  o += RAW_OPEN.length;
  for (let i = record.msgStart; i < be; i++) {
    const c = line.charCodeAt(i);
    if (c > 127) return -1;
    if (c === 34) out[o++] = 92;
    out[o++] = c;
  }
  out[o++] = 34;

  // Body fields.
  let arch: string | undefined;
  let successAt = -1;
  let successEnd = -1;
  let resAt = -1;
  let resEnd = -1;
  let i = bs;
  while (i < be) {
    while (i < be && line.charCodeAt(i) === 32) i++;
    if (i >= be) break;
    const ks = i;
    const eq = line.indexOf('=', i);
    const klen = eq - ks;
    let vs: number;
    let ve: number;
    if (line.charCodeAt(eq + 1) === 34) {
      vs = eq + 2;
      ve = line.indexOf('"', vs);
      i = ve + 1;
    } else {
      vs = eq + 1;
      ve = line.indexOf(' ', vs);
      if (ve < 0 || ve > be) ve = be;
      i = ve;
    }
    out[o++] = 44; // ,
    out[o++] = 34;
    for (let k = ks; k < eq; k++) {
      const c = line.charCodeAt(k);
      if (c > 127) return -1;
      out[o++] = c;
    }
    out[o++] = 34;
    out[o++] = 58; // :
    out[o++] = 34;
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
        const c = line.charCodeAt(k);
        if (c > 127) return -1;
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
    out.set(ENRICHED_OPEN, o);
    o += ENRICHED_OPEN.length;
    let first = true;
    let j = be + 1;
    while (j < n) {
      while (j < n && line.charCodeAt(j) === 32) j++;
      if (j >= n) break;
      const ks = j;
      const eq = line.indexOf('=', j);
      const c = line.charCodeAt(eq + 1);
      let vs: number;
      let ve: number;
      if (c === 34) {
        vs = eq + 2;
        ve = line.indexOf('"', vs);
        j = ve + 1;
      } else if (c === 123) {
        vs = eq + 1;
        ve = line.indexOf('}', vs) + 1;
        j = ve;
      } else {
        vs = eq + 1;
        ve = line.indexOf(' ', vs);
        if (ve < 0) ve = n;
        j = ve;
      }
      if (!first) out[o++] = 44;
      first = false;
      out[o++] = 34;
      for (let k = ks; k < eq; k++) {
        const ch = line.charCodeAt(k);
        if (ch > 127) return -1;
        out[o++] = ch;
      }
      out[o++] = 34;
      out[o++] = 58;
      out[o++] = 34;
      for (let k = vs; k < ve; k++) {
        const ch = line.charCodeAt(k);
        if (ch > 127) return -1;
        out[o++] = ch;
      }
      out[o++] = 34;
    }
    out[o++] = 125; // }
  }
  out[o++] = 125;
  out[o++] = 10;
  return o;
}
