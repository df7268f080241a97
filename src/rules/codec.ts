// struct audit_rule_data <-> RuleData. Little-endian (the host order of the machines we run on).
//
//   u32 flags; u32 action; u32 field_count; u32 mask[64]; u32 fields[64]; u32 values[64];
//   u32 fieldflags[64]; u32 buflen; char buf[buflen]        -- 1040 bytes + the string buffer
//
// The encoder pads the result to 4 bytes with zeros, as a netlink payload is padded (and as the kernel's
// AUDIT_LIST_RULES replies arrive); the kernel reads only `buflen` bytes of `buf`.

import { TsauditError } from '../errors.js';
import { AUDIT_OPERATORS, FIELD, RULE_CONST } from '../tables/rule-fields.js';
import type { RuleData, RuleField } from './types.js';

export const RULE_HEADER_SIZE = 1040;
const OFF_MASK = 12;
const OFF_FIELDS = OFF_MASK + 4 * 64;
const OFF_VALUES = OFF_FIELDS + 4 * 64;
const OFF_FIELDFLAGS = OFF_VALUES + 4 * 64;
const OFF_BUFLEN = OFF_FIELDFLAGS + 4 * 64;

/** Fields whose value is the length of a string in the buffer (as the kernel's audit_data_to_entry reads them). */
const STRING_FIELDS: ReadonlySet<number> = new Set<number>([
  FIELD.AUDIT_SUBJ_USER, FIELD.AUDIT_SUBJ_ROLE, FIELD.AUDIT_SUBJ_TYPE, FIELD.AUDIT_SUBJ_SEN, FIELD.AUDIT_SUBJ_CLR,
  FIELD.AUDIT_OBJ_USER, FIELD.AUDIT_OBJ_ROLE, FIELD.AUDIT_OBJ_TYPE, FIELD.AUDIT_OBJ_LEV_LOW, FIELD.AUDIT_OBJ_LEV_HIGH,
  FIELD.AUDIT_WATCH, FIELD.AUDIT_DIR, FIELD.AUDIT_FILTERKEY, FIELD.AUDIT_EXE,
]);

export function isStringField(field: number): boolean {
  return STRING_FIELDS.has(field);
}

export function encodeRule(rule: RuleData): Uint8Array {
  if (rule.fields.length > RULE_CONST.AUDIT_MAX_FIELDS) {
    throw new TsauditError('E_RULE_TOO_MANY_FIELDS', `rule has ${rule.fields.length} fields, the kernel takes at most ${RULE_CONST.AUDIT_MAX_FIELDS}`);
  }
  const strings: Buffer[] = [];
  let buflen = 0;
  for (const f of rule.fields) {
    if (isStringField(f.field)) {
      const b = Buffer.from(f.str ?? '', 'utf8');
      strings.push(b);
      buflen += b.length;
    }
  }
  const size = (RULE_HEADER_SIZE + buflen + 3) & ~3;
  const out = Buffer.alloc(size);
  out.writeUInt32LE((rule.list | (rule.prepend ? RULE_CONST.AUDIT_FILTER_PREPEND : 0)) >>> 0, 0);
  out.writeUInt32LE(rule.action >>> 0, 4);
  out.writeUInt32LE(rule.fields.length, 8);
  for (let i = 0; i < 64; i++) out.writeUInt32LE(rule.mask[i]! >>> 0, OFF_MASK + 4 * i);
  let s = 0;
  rule.fields.forEach((f, i) => {
    out.writeUInt32LE(f.field >>> 0, OFF_FIELDS + 4 * i);
    const value = isStringField(f.field) ? strings[s++]!.length : f.value;
    out.writeUInt32LE(value >>> 0, OFF_VALUES + 4 * i);
    out.writeUInt32LE(f.op >>> 0, OFF_FIELDFLAGS + 4 * i);
  });
  out.writeUInt32LE(buflen, OFF_BUFLEN);
  let off = RULE_HEADER_SIZE;
  for (const b of strings) {
    b.copy(out, off);
    off += b.length;
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function decodeRule(data: Uint8Array): RuleData {
  if (data.length < RULE_HEADER_SIZE) {
    throw new TsauditError('E_RULE_DECODE', `rule data too short: ${data.length} bytes, expected at least ${RULE_HEADER_SIZE}`);
  }
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  const flags = b.readUInt32LE(0);
  const action = b.readUInt32LE(4);
  const count = b.readUInt32LE(8);
  if (count > RULE_CONST.AUDIT_MAX_FIELDS) {
    throw new TsauditError('E_RULE_DECODE', `rule data has field_count ${count}, more than ${RULE_CONST.AUDIT_MAX_FIELDS}`);
  }
  const mask = new Uint32Array(64);
  for (let i = 0; i < 64; i++) mask[i] = b.readUInt32LE(OFF_MASK + 4 * i);
  const buflen = b.readUInt32LE(OFF_BUFLEN);
  if (RULE_HEADER_SIZE + buflen > b.length) {
    throw new TsauditError('E_RULE_DECODE', `rule data buflen ${buflen} runs past the end (${b.length - RULE_HEADER_SIZE} bytes)`);
  }
  const fields: RuleField[] = [];
  let off = RULE_HEADER_SIZE;
  for (let i = 0; i < count; i++) {
    const field = b.readUInt32LE(OFF_FIELDS + 4 * i);
    const value = b.readUInt32LE(OFF_VALUES + 4 * i);
    const op = b.readUInt32LE(OFF_FIELDFLAGS + 4 * i) & AUDIT_OPERATORS;
    const f: RuleField = { field, op, value };
    if (isStringField(field)) {
      if (off + value > RULE_HEADER_SIZE + buflen) {
        throw new TsauditError('E_RULE_DECODE', `rule data string of field ${i} runs past buflen ${buflen}`);
      }
      f.str = b.toString('utf8', off, off + value);
      off += value;
    }
    fields.push(f);
  }
  return {
    list: flags & ~RULE_CONST.AUDIT_FILTER_PREPEND & 0xff,
    prepend: (flags & RULE_CONST.AUDIT_FILTER_PREPEND) !== 0,
    action,
    mask,
    fields,
  };
}
