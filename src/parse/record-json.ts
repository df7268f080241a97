// Record-level JSON/YAML (no -i): one plain object per record, in the shape of go-libaudit's
// `auparse -format=json`: `@timestamp`, `record_type`, `sequence`, `node` (when present), `raw_msg`,
// every body field as a string, then `result` when the record says (`success=`/`res=`). Fields are as written
// (quotes removed; hex, `(null)` and `?` kept), except `arch` shown by name (`x86_64`) and `syscall` by
// name (by the arch field before it) where the tables know it. A key that repeats (an outer and an inner `uid=`) keeps its last value.
// (The JSON text then holds both members; JSON parsers keep the last.)
// ENRICHED interpretations, when present, go under `enriched`.
//
// recordToPlain() builds the object (YAML, and the reference); recordJSON() writes the same JSON text
// straight from the line without building objects: it is the `-format=json` hot path. A test checks that
// both agree on every corpus line and on fuzzed input.

import { archName } from '../tables/arch.js';
import { type BodyVisitor, scanBody, scanEnriched } from './lexer.js';
import type { AuditRecord } from './record.js';
import { syscallNameFor } from './syscall-names.js';

const HEADER_KEYS = new Set(['@timestamp', 'record_type', 'sequence', 'node', 'raw_msg', 'result', 'enriched']);

let isoSec = -1;
let isoPrefix = '';
let isoMsec = -1;
let isoLast = '';

/**
 * RFC 3339 UTC with milliseconds, e.g. 2016-01-03T00:37:51.394Z. Cached: the records of an event share
 * their timestamp, and events come in bursts within a second.
 */
export function isoTimestamp(sec: number, msec: number): string {
  if (sec !== isoSec) {
    const d = new Date(sec * 1000);
    if (Number.isNaN(d.getTime())) return `${sec}.${String(msec).padStart(3, '0')}`;
    isoSec = sec;
    isoPrefix = d.toISOString().slice(0, -4);
    isoMsec = -1;
  }
  if (msec !== isoMsec) {
    isoMsec = msec;
    isoLast = `${isoPrefix}${msec < 10 ? '00' : msec < 100 ? '0' : ''}${msec}Z`;
  }
  return isoLast;
}

/** `success` / `fail` from a record's `success=` or `res=` value, or undefined. */
export function recordResult(record: AuditRecord): 'success' | 'fail' | undefined {
  const v = record.get('success') ?? record.get('res');
  return v === undefined ? undefined : resultOf(v);
}

const RESULTS = new Map<string, 'success' | 'fail'>([
  ['yes', 'success'],
  ['success', 'success'],
  ['1', 'success'],
  ['no', 'fail'],
  ['failed', 'fail'],
  ['fail', 'fail'],
  ['0', 'fail'],
]);

/** `success=`/`res=` as written -> success/fail; trailing `)`, `,`, `'` and case are ignored; else undefined. */
export function resultOf(v: string): 'success' | 'fail' | undefined {
  return RESULTS.get(v) ?? RESULTS.get(v.replace(/[),']+$/, '').toLowerCase());
}

/** Name for an `arch=` value (hex AUDIT_ARCH_* code), or undefined. */
const archNames = new Map<string, string | null>();

export function archFieldName(value: string): string | undefined {
  let name = archNames.get(value);
  if (name === undefined) {
    name = value.length === 0 || value.length > 8 || !/^[0-9a-fA-F]+$/.test(value) ? null : archName(Number.parseInt(value, 16)) ?? null;
    if (archNames.size < 256) archNames.set(value, name);
  }
  return name ?? undefined;
}

export function recordToPlain(record: AuditRecord): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  out['@timestamp'] = isoTimestamp(record.sec, record.msec);
  out.record_type = record.typeName;
  out.sequence = record.serial;
  if (record.node !== undefined) out.node = record.node;
  out.raw_msg = record.rawMsg;
  let arch: string | undefined;
  for (const f of record.fields()) {
    if (HEADER_KEYS.has(f.key)) continue;
    let v = f.value;
    if (f.key === 'arch') {
      arch = v;
      v = archFieldName(v) ?? v;
    } else if (f.key === 'syscall') {
      v = syscallNameFor(arch, v) ?? v;
    }
    out[f.key] = v; // a repeated key keeps its first position and its last value (as JSON.parse of recordJSON)
  }
  const result = recordResult(record);
  if (result !== undefined) out.result = result;
  if (record.isEnriched) out.enriched = record.enriched();
  return out;
}

// ---- the JSON hot path ----------------------------------------------------------------------------------
//
// Most bodies are a plain run of `key=value` / `key="value"` tokens with nothing to escape (SAFE_BODY).
// Those are cut with indexOf/slice (safeBodyJson), and record-json-bytes.ts writes them as bytes without
// building strings at all. Anything else (msg='…', free text, backslashes, control bytes, a field named like
// a header key, an unterminated quote) goes through the general scanner. Both write a repeated key twice
// (JSON parsers keep the last value, as recordToPlain does).

export const SAFE_BODY =
  /^ *(?:(?!(?:@timestamp|record_type|sequence|node|raw_msg|result|enriched)=)[^\s="'\\\u0000-\u001f]+=(?:"[^"\\\u0000-\u001f]*"|[^\s"'\\\u0000-\u001f]*)(?: +|$))*$/;
export const SAFE_ENRICHED =
  /^ *(?:[^\s="'\\{}\u0000-\u001f]+=(?:"[^"\\\u0000-\u001f]*"|\{[^}"\\\u0000-\u001f]*\}|[^\s"'\\{}\u0000-\u001f]*)(?: +|$))*$/;

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]/;

function q(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

const typeJson = new Map<string, string>();

function typeNameJson(name: string): string {
  let j = typeJson.get(name);
  if (j === undefined) {
    j = JSON.stringify(name);
    if (typeJson.size < 4096) typeJson.set(name, j);
  }
  return j;
}

/** Writes body fields as `,"k":"v"` while remembering what `result`, `arch` need. Reused between records. */
class JsonFields implements BodyVisitor {
  json = '';
  arch: string | undefined = undefined;
  success: string | undefined = undefined;
  res: string | undefined = undefined;

  reset(): void {
    this.json = '';
    this.arch = undefined;
    this.success = undefined;
    this.res = undefined;
  }

  field(s: string, ks: number, ke: number, vs: number, ve: number): void {
    const key = s.slice(ks, ke);
    let v = s.slice(vs, ve);
    if (key === 'success') this.success = v;
    else if (key === 'res') this.res = v;
    if (HEADER_KEYS.has(key)) return;
    if (key === 'arch') {
      this.arch = v;
      v = archFieldName(v) ?? v;
    } else if (key === 'syscall') {
      v = syscallNameFor(this.arch, v) ?? v;
    }
    this.json += `,${q(key)}:${q(v)}`;
  }

  text(): void {}

  nested(): void {}
}

const fieldsWriter = new JsonFields();

/**
 * JSON members of a body that SAFE_BODY accepted: tokens `key=value` or `key="value"` separated by spaces,
 * nothing to escape. Plain indexOf/slice: cheaper than a regular-expression replace.
 */
function safeBodyJson(b: string, out: JsonFields): void {
  const end = b.length;
  let i = 0;
  let json = '';
  while (i < end) {
    while (b.charCodeAt(i) === 32) i++;
    if (i >= end) break;
    const eq = b.indexOf('=', i);
    const key = b.slice(i, eq);
    let v: string;
    if (b.charCodeAt(eq + 1) === 34) {
      const close = b.indexOf('"', eq + 2);
      v = b.slice(eq + 2, close);
      i = close + 1;
    } else {
      let sp = b.indexOf(' ', eq + 1);
      if (sp < 0) sp = end;
      v = b.slice(eq + 1, sp);
      i = sp;
    }
    switch (key.length) {
      case 3:
        if (key === 'res') out.res = v;
        break;
      case 4:
        if (key === 'arch') {
          out.arch = v;
          v = archFieldName(v) ?? v;
        }
        break;
      case 7:
        if (key === 'success') out.success = v;
        else if (key === 'syscall') v = syscallNameFor(out.arch, v) ?? v;
        break;
    }
    json += `,"${key}":"${v}"`;
  }
  out.json = json;
}

function bodyJson(record: AuditRecord): { json: string; result: string | undefined } {
  const w = fieldsWriter;
  w.reset();
  const body = record.body;
  if (SAFE_BODY.test(body)) safeBodyJson(body, w);
  else scanBody(record.line, record.bodyStart, record.bodyEnd, w);
  const rv = w.success ?? w.res;
  return { json: w.json, result: rv === undefined ? undefined : resultOf(rv) };
}

function enrichedJson(line: string, start: number, end: number): string {
  const text = line.slice(start, end);
  let json = '';
  if (SAFE_ENRICHED.test(text)) {
    const n = text.length;
    let i = 0;
    while (i < n) {
      while (text.charCodeAt(i) === 32) i++;
      if (i >= n) break;
      const eq = text.indexOf('=', i);
      const key = text.slice(i, eq);
      const c = text.charCodeAt(eq + 1);
      let v: string;
      if (c === 34) {
        const close = text.indexOf('"', eq + 2);
        v = text.slice(eq + 2, close);
        i = close + 1;
      } else if (c === 123) {
        const close = text.indexOf('}', eq + 2);
        v = text.slice(eq + 1, close + 1);
        i = close + 1;
      } else {
        let sp = text.indexOf(' ', eq + 1);
        if (sp < 0) sp = n;
        v = text.slice(eq + 1, sp);
        i = sp;
      }
      json += `${json === '' ? '"' : ',"'}${key}":"${v}"`;
    }
    return `{${json}}`;
  }
  scanEnriched(line, start, end, (s, ks, ke, vs, ve) => {
    json += `${json === '' ? '' : ','}${q(s.slice(ks, ke))}:${q(s.slice(vs, ve))}`;
  });
  return `{${json}}`;
}

/** The record as one line of JSON (with the newline); JSON.parse of it equals recordToPlain(record). */
export function recordJSON(record: AuditRecord): string {
  const { json, result } = bodyJson(record);
  let out = `{"@timestamp":"${isoTimestamp(record.sec, record.msec)}","record_type":${typeNameJson(record.typeName)},"sequence":${record.serial}`;
  if (record.node !== undefined) out += `,"node":${q(record.node)}`;
  out += `,"raw_msg":${JSON.stringify(record.rawMsg)}`;
  out += json;
  if (result !== undefined) out += `,"result":"${result}"`;
  if (record.isEnriched) out += `,"enriched":${enrichedJson(record.line, record.bodyEnd + 1, record.line.length)}`;
  return `${out}}\n`;
}
