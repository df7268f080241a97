// The kernel's view of one audit rule: struct audit_rule_data (linux/audit.h), field by field.
// Strings (path, dir, key, exe, subj_*, obj_*) are kept decoded in `str`; the encoder lays them out in the
// trailing buffer in field order, as the kernel and auditctl do.

export interface RuleField {
  /** Kernel field number (AUDIT_UID, AUDIT_WATCH, ...). */
  field: number;
  /** Operator bits (AUDIT_EQUAL, AUDIT_NOT_EQUAL, ...). */
  op: number;
  /** The u32 value. For string fields it is the string's length in bytes. */
  value: number;
  /** The string of a string field. */
  str?: string;
}

export interface RuleData {
  /** Rule list (AUDIT_FILTER_EXIT, ...), without the prepend bit. */
  list: number;
  /** AUDIT_FILTER_PREPEND was (or is to be) set: -A instead of -a. */
  prepend: boolean;
  /** AUDIT_NEVER, AUDIT_POSSIBLE or AUDIT_ALWAYS. */
  action: number;
  /** Syscall bitmap: 64 words of 32 bits. */
  mask: Uint32Array;
  fields: RuleField[];
}

export function emptyRule(): RuleData {
  return { list: 0, prepend: false, action: 0, mask: new Uint32Array(64), fields: [] };
}

export function cloneRule(r: RuleData): RuleData {
  return { ...r, mask: new Uint32Array(r.mask), fields: r.fields.map((f) => ({ ...f })) };
}
