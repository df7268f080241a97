// Drift detection: which rules of a file are missing from the kernel, which kernel rules the file does not
// have, and whether the common rules are in the same order (audit rules are first-match, so order matters).
// Rules are compared by their kernel bytes (list, action, syscalls, fields, strings), not by text.

import { encodeRule } from './codec.js';
import type { RuleEnv } from './env.js';
import { renderRule } from './render.js';
import type { RuleData } from './types.js';
import { renderTable } from '../format/table.js';

export interface FileRule {
  line: number;
  rule: RuleData;
}

export interface RuleDiff {
  /** Rules of the file the kernel does not have. */
  missing: { line: number; rule: string }[];
  /** Kernel rules the file does not have. */
  extra: { rule: string }[];
  /** Rules in both. */
  same: number;
  /** The rules in both appear in a different order in the kernel than in the file. */
  orderDiffers: boolean;
}

function identity(rule: RuleData): string {
  return Buffer.from(encodeRule({ ...rule, prepend: false })).toString('hex');
}

export function diffRules(file: readonly FileRule[], kernel: readonly RuleData[], env: RuleEnv): RuleDiff {
  const kernelIds = kernel.map(identity);
  const remaining = new Map<string, number>();
  for (const id of kernelIds) remaining.set(id, (remaining.get(id) ?? 0) + 1);
  const missing: RuleDiff['missing'] = [];
  const fileCommon: string[] = [];
  for (const f of file) {
    const id = identity(f.rule);
    const n = remaining.get(id) ?? 0;
    if (n > 0) {
      remaining.set(id, n - 1);
      fileCommon.push(id);
    } else {
      missing.push({ line: f.line, rule: renderRule(f.rule, env) });
    }
  }
  const extra: RuleDiff['extra'] = [];
  const kernelCommon: string[] = [];
  const fileCounts = new Map<string, number>();
  for (const id of fileCommon) fileCounts.set(id, (fileCounts.get(id) ?? 0) + 1);
  kernel.forEach((r, i) => {
    const id = kernelIds[i]!;
    const n = fileCounts.get(id) ?? 0;
    if (n > 0) {
      fileCounts.set(id, n - 1);
      kernelCommon.push(id);
    } else {
      extra.push({ rule: renderRule(r, env) });
    }
  });
  // The kernel keeps one list per filter (user, task, exit, exclude, ...), dumps them in that order, and -A
  // puts a rule at the front of its list: compare the common rules list by list, in the order they would have.
  const listOf = new Map<string, number>();
  for (const f of file) listOf.set(identity(f.rule), f.rule.list);
  const expected = new Map<number, string[]>();
  const common = new Map<string, number>();
  for (const id of fileCommon) common.set(id, (common.get(id) ?? 0) + 1);
  for (const f of file) {
    const id = identity(f.rule);
    const n = common.get(id) ?? 0;
    if (n === 0) continue;
    common.set(id, n - 1);
    const seq = expected.get(f.rule.list) ?? [];
    if (f.rule.prepend) seq.unshift(id);
    else seq.push(id);
    expected.set(f.rule.list, seq);
  }
  const actual = new Map<number, string[]>();
  for (const id of kernelCommon) {
    const l = listOf.get(id)!;
    actual.set(l, [...(actual.get(l) ?? []), id]);
  }
  const orderDiffers = [...expected].some(([l, seq]) => seq.some((id, i) => actual.get(l)?.[i] !== id));
  return { missing, extra, same: fileCommon.length, orderDiffers };
}

const orderNote = (d: RuleDiff) => `order differs: the ${d.same} rules in both are in another order in the kernel`;

/** The drift as a table, for a person at a terminal (scripts get diffText's one line per difference). */
export async function diffTable(d: RuleDiff, fileName: string, opts: { boxed?: boolean } = {}): Promise<string> {
  const rows = [
    ...d.missing.map((m) => [`missing from kernel (${fileName}:${m.line})`, m.rule]),
    ...d.extra.map((e) => [`not in ${fileName}`, e.rule]),
  ];
  if (rows.length === 0) return diffText(d, fileName);
  const table = await renderTable(['drift', 'rule'], rows, opts);
  return d.orderDiffers ? `${table}${orderNote(d)}\n` : table;
}

export function diffText(d: RuleDiff, fileName: string): string {
  const lines: string[] = [];
  for (const m of d.missing) lines.push(`missing from kernel: ${fileName}:${m.line}: ${m.rule}`);
  for (const e of d.extra) lines.push(`not in ${fileName}: ${e.rule}`);
  if (d.orderDiffers) lines.push(orderNote(d));
  if (lines.length === 0) lines.push(`no drift: the kernel has the ${d.same} rules of ${fileName}, in order`);
  return `${lines.join('\n')}\n`;
}
