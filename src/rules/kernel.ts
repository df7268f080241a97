// Rules against the kernel: add, delete, list, delete-all, and the control lines of rule files, through an
// AuditClient. Kernel errors become sentences that name the rule.

import { TsauditError } from '../errors.js';
import type { AuditClient } from '../netlink/client.js';
import { FIELD } from '../tables/rule-fields.js';
import { decodeRule, encodeRule } from './codec.js';
import type { RuleCommand } from './parse.js';
import { keyMatches } from './render.js';
import { cloneRule, type RuleData } from './types.js';

/** The subset of AuditClient that rules use (a fake in tests). */
export type RulesClient = Pick<
  AuditClient,
  'addRule' | 'deleteRule' | 'listRules' | 'getStatus' | 'setStatus' | 'resetLost' | 'resetBacklogWaitTimeActual' | 'setFeature'
>;

function errnoOf(err: unknown): string | undefined {
  return err instanceof TsauditError ? (err.context.errno as string | undefined) : undefined;
}

const isRoot = (): boolean => typeof process.geteuid !== 'function' || process.geteuid() === 0;

/** Turns a kernel error on a rule request into a sentence naming the rule (`text` as the user wrote it).
 *  `immutable` says whether the kernel is locked (enabled 2), which is why it answers EPERM even to root. */
export function ruleError(err: unknown, op: 'add' | 'delete', text: string, immutable = isRoot()): unknown {
  const errno = errnoOf(err);
  if (!(err instanceof TsauditError) || errno === undefined) return err;
  const context = { ...err.context, rule: text };
  switch (errno) {
    case 'EEXIST':
      return new TsauditError('E_RULE_EXISTS', `rule already exists: ${text}`, { context, cause: err });
    case 'ENOENT':
      return op === 'delete'
        ? new TsauditError('E_NO_SUCH_RULE', `no such rule: ${text}`, { context, cause: err })
        : new TsauditError(
            'E_RULE_INVALID',
            `the kernel could not add the rule (ENOENT: a directory on the watched path does not exist?): ${text}`,
            { context, cause: err },
          );
    case 'EINVAL':
      return new TsauditError('E_RULE_INVALID', `the kernel rejected the rule as invalid (EINVAL): ${text}`, { context, cause: err });
    case 'EPERM':
    case 'EACCES':
      if (immutable) {
        return new TsauditError('E_IMMUTABLE', `the audit system is in immutable mode, no rule changes allowed (until reboot): ${text}`, {
          context,
          cause: err,
        });
      }
      return new TsauditError(
        'E_NOT_ROOT',
        `${op === 'add' ? 'adding' : 'deleting'} audit rules requires root (CAP_AUDIT_CONTROL): ${text}`,
        { context, cause: err },
      );
    default:
      return new TsauditError(err.code, `${err.message}: ${text}`, { context, cause: err });
  }
}

/** auditctl refuses to touch rules when the kernel is locked (enabled 2); so do we, before sending anything. */
export async function ensureMutable(client: RulesClient): Promise<void> {
  const status = await client.getStatus();
  if (status.enabled === 2) {
    throw new TsauditError('E_IMMUTABLE', 'the audit system is in immutable mode (enabled 2), no rule changes allowed until reboot');
  }
}

/** EPERM on a rule request: root in immutable mode, or not root. Ask the kernel which. */
async function explain(client: RulesClient, err: unknown, op: 'add' | 'delete', text: string): Promise<unknown> {
  const errno = errnoOf(err);
  if (errno !== 'EPERM' && errno !== 'EACCES') return ruleError(err, op, text);
  let locked: boolean;
  try {
    locked = (await client.getStatus()).enabled === 2;
  } catch {
    locked = false; // not allowed to read the status either: not root
  }
  return ruleError(err, op, text, locked);
}

async function send(client: RulesClient, op: 'add' | 'delete', rule: RuleData, text: string): Promise<void> {
  const call = (r: RuleData) => (op === 'add' ? client.addRule(encodeRule(r)) : client.deleteRule(encodeRule(r)));
  try {
    await call(rule);
  } catch (err) {
    // auditctl's retry for kernels without directory watches: EINVAL on a dir rule -> send it as a path watch
    if (errnoOf(err) === 'EINVAL' && rule.fields[0]?.field === FIELD.AUDIT_DIR) {
      const retry = cloneRule(rule);
      retry.fields[0]!.field = FIELD.AUDIT_WATCH;
      try {
        await call(retry);
        return;
      } catch (err2) {
        throw await explain(client, err2, op, text);
      }
    }
    throw await explain(client, err, op, text);
  }
}

export function addRule(client: RulesClient, rule: RuleData, text: string): Promise<void> {
  return send(client, 'add', rule, text);
}

export function deleteRule(client: RulesClient, rule: RuleData, text: string): Promise<void> {
  return send(client, 'delete', rule, text);
}

export interface KernelRule {
  rule: RuleData;
  /** The bytes as the kernel sent them (sent back unchanged to delete the rule). */
  bytes: Uint8Array;
}

export async function listRules(client: RulesClient): Promise<KernelRule[]> {
  return (await client.listRules()).map((bytes) => ({ rule: decodeRule(bytes), bytes }));
}

/** auditctl -D [-k KEY]: lists the rules and sends each (whose key contains KEY) back with a delete. */
export async function deleteAll(client: RulesClient, key?: string): Promise<number> {
  const rules = (await listRules(client)).filter((r) => keyMatches(r.rule, key));
  for (const r of rules) {
    try {
      await client.deleteRule(r.bytes);
    } catch (err) {
      throw await explain(client, err, 'delete', '(delete all)');
    }
  }
  return rules.length;
}

export interface ApplyResult {
  added: number;
  deleted: number;
  controls: number;
  warnings: string[];
}

/**
 * Applies the commands of one auditctl line in order. Control settings go to the kernel one AUDIT_SET each,
 * as auditctl sends them. `text` names the rule in error messages.
 */
export async function applyCommands(client: RulesClient, cmds: readonly RuleCommand[], text: string, result: ApplyResult): Promise<void> {
  for (const c of cmds) {
    switch (c.kind) {
      case 'add':
        await addRule(client, c.rule, text);
        result.added++;
        result.warnings.push(...c.warnings);
        break;
      case 'delete':
        await deleteRule(client, c.rule, text);
        result.deleted++;
        result.warnings.push(...c.warnings);
        break;
      case 'delete-all':
        result.deleted += await deleteAll(client, c.key);
        break;
      case 'set': {
        const change =
          c.setting === 'enabled'
            ? { enabled: c.value }
            : c.setting === 'failure'
              ? { failure: c.value }
              : c.setting === 'rate_limit'
                ? { rateLimit: c.value }
                : c.setting === 'backlog_limit'
                  ? { backlogLimit: c.value }
                  : { backlogWaitTime: c.value };
        await client.setStatus(change);
        result.controls++;
        break;
      }
      case 'reset-lost':
        await client.resetLost();
        result.controls++;
        break;
      case 'reset-backlog-wait-time-actual':
        await client.resetBacklogWaitTimeActual();
        result.controls++;
        break;
      case 'loginuid-immutable':
        await client.setFeature('loginuid_immutable', true, true);
        result.controls++;
        break;
      case 'error-mode':
        break;
    }
  }
}
