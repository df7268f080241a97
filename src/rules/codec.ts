// struct audit_rule_data <-> RuleData, in the host's byte order (netlink/wire.ts's Reader and Writer).
//
//   u32 flags; u32 action; u32 field_count; u32 mask[64]; u32 fields[64]; u32 values[64];
//   u32 fieldflags[64]; u32 buflen; char buf[buflen]        -- 1040 bytes + the string buffer
//
// The encoder pads the result to 4 bytes with zeros, as a netlink payload is padded (and as the kernel's
// AUDIT_LIST_RULES replies arrive); the kernel reads only `buflen` bytes of `buf`.

import { TsauditError } from '../errors.js';
import { Reader, Writer } from '../netlink/wire.js';
import { AUDIT_OPERATORS, FIELD, RULE_CONST } from '../tables/rule-fields.js';
import type { RuleData, RuleField } from './types.js';

export const RULE_HEADER_SIZE = 1040;

/** The string fields auditctl takes only on the exit list (audit_rule_fieldpair_data): object labels and paths. */
const EXIT_ONLY_STRINGS: ReadonlySet<number> = new Set([
  FIELD.AUDIT_OBJ_USER,
  FIELD.AUDIT_OBJ_ROLE,
  FIELD.AUDIT_OBJ_TYPE,
  FIELD.AUDIT_OBJ_LEV_LOW,
  FIELD.AUDIT_OBJ_LEV_HIGH,
  FIELD.AUDIT_WATCH,
  FIELD.AUDIT_DIR,
]);

/** Fields whose value is the length of a string in the buffer (as the kernel's audit_data_to_entry reads them). */
const STRING_FIELDS: ReadonlySet<number> = new Set([
  ...[FIELD.AUDIT_SUBJ_USER, FIELD.AUDIT_SUBJ_ROLE, FIELD.AUDIT_SUBJ_TYPE, FIELD.AUDIT_SUBJ_SEN, FIELD.AUDIT_SUBJ_CLR],
  ...EXIT_ONLY_STRINGS,
  FIELD.AUDIT_FILTERKEY,
  FIELD.AUDIT_EXE,
]);

export function isStringField(field: number): boolean {
  return STRING_FIELDS.has(field);
}

export function isExitOnlyString(field: number): boolean {
  return EXIT_ONLY_STRINGS.has(field);
}

export function encodeRule(rule: RuleData): Uint8Array {
  const n = rule.fields.length;
  if (n > RULE_CONST.AUDIT_MAX_FIELDS) {
    throw new TsauditError('E_RULE_TOO_MANY_FIELDS', `rule has ${n} fields, the kernel takes at most ${RULE_CONST.AUDIT_MAX_FIELDS}`);
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
  const w = new Writer(RULE_HEADER_SIZE + buflen + 4);
  w.u32(rule.list | (rule.prepend ? RULE_CONST.AUDIT_FILTER_PREPEND : 0))
    .u32(rule.action)
    .u32(n);
  for (let i = 0; i < 64; i++) w.u32(rule.mask[i]!);
  let s = 0;
  const values = rule.fields.map((f) => (isStringField(f.field) ? strings[s++]!.length : f.value));
  for (let i = 0; i < 64; i++) w.u32(i < n ? rule.fields[i]!.field : 0);
  for (let i = 0; i < 64; i++) w.u32(i < n ? values[i]! : 0);
  for (let i = 0; i < 64; i++) w.u32(i < n ? rule.fields[i]!.op : 0);
  w.u32(buflen);
  for (const b of strings) w.bytes(b);
  const out = w.align().toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function decodeRule(data: Uint8Array): RuleData {
  if (data.length < RULE_HEADER_SIZE) {
    throw new TsauditError('E_RULE_DECODE', `rule data too short: ${data.length} bytes, expected at least ${RULE_HEADER_SIZE}`);
  }
  const b = Buffer.from(data.buffer, data.byteOffset, data.length);
  const r = new Reader(b);
  const flags = r.u32();
  const action = r.u32();
  const count = r.u32();
  if (count > RULE_CONST.AUDIT_MAX_FIELDS) {
    throw new TsauditError('E_RULE_DECODE', `rule data has field_count ${count}, more than ${RULE_CONST.AUDIT_MAX_FIELDS}`);
  }
  const u32s = () => Uint32Array.from({ length: 64 }, () => r.u32());
  const mask = u32s();
  const fieldNumbers = u32s();
  const values = u32s();
  const fieldFlags = u32s();
  const buflen = r.u32();
  if (RULE_HEADER_SIZE + buflen > b.length) {
    throw new TsauditError('E_RULE_DECODE', `rule data buflen ${buflen} runs past the end (${b.length - RULE_HEADER_SIZE} bytes)`);
  }
  const fields: RuleField[] = [];
  for (let i = 0; i < count; i++) {
    const field = fieldNumbers[i]!;
    const value = values[i]!;
    const f: RuleField = { field, op: fieldFlags[i]! & AUDIT_OPERATORS, value };
    if (isStringField(field)) {
      if (r.offset + value > RULE_HEADER_SIZE + buflen) {
        throw new TsauditError('E_RULE_DECODE', `rule data string of field ${i} runs past buflen ${buflen}`);
      }
      f.str = r.bytes(value).toString('utf8');
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
