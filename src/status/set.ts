// `tsaudit set`: validates the flags, refuses dangerous settings without --yes, applies the change in as
// few requests as the kernel allows, and prints the result.
//
// Requests, in order:
//   1. --reset-lost              AUDIT_SET mask=LOST (the kernel only honours it alone; returns the old count)
//   2. the ordinary settings     one AUDIT_SET: enabled 0/1, failure, rate_limit, backlog_limit, backlog_wait_time
//   3. --loginuid-immutable      AUDIT_SET_FEATURE, set and locked (like auditctl)
//   4. --immutable               AUDIT_SET enabled=2, last: after it the kernel refuses every other change

import { TsauditError, usageError } from '../errors.js';
import type { FormatName, Output } from '../format/index.js';
import { writeOne } from '../format/index.js';
import type { AuditClient, StatusChange } from '../netlink/client.js';
import { type StatusReport, readStatusReport, statusFields, statusPlain } from './report.js';
import { withClient } from './run.js';

export interface SetOptions {
  enabled?: number;
  failure?: number;
  rateLimit?: number;
  backlogLimit?: number;
  backlogWaitTime?: number;
  resetLost?: boolean;
  loginuidImmutable?: boolean;
  immutable?: boolean;
  yes?: boolean;
  format: FormatName;
  interpret?: boolean;
  client?: AuditClient;
  output?: Output;
}

export interface SetPlan {
  resetLost: boolean;
  change: StatusChange | null;
  loginuidImmutable: boolean;
  immutable: boolean;
}

/** Checks the flags and returns what to send; throws usage errors (exit 2). */
export function planSet(opts: SetOptions): SetPlan {
  const immutable = opts.immutable === true || opts.enabled === 2;
  const change: StatusChange = {};
  if (opts.enabled !== undefined && opts.enabled !== 2) change.enabled = opts.enabled;
  if (opts.failure !== undefined) change.failure = opts.failure;
  if (opts.rateLimit !== undefined) change.rateLimit = opts.rateLimit;
  if (opts.backlogLimit !== undefined) change.backlogLimit = opts.backlogLimit;
  if (opts.backlogWaitTime !== undefined) change.backlogWaitTime = opts.backlogWaitTime;
  const plan: SetPlan = {
    resetLost: opts.resetLost === true,
    change: Object.keys(change).length > 0 ? change : null,
    loginuidImmutable: opts.loginuidImmutable === true,
    immutable,
  };
  if (!plan.resetLost && !plan.change && !plan.loginuidImmutable && !plan.immutable) {
    throw usageError("nothing to set: give at least one setting (see 'tsaudit set --help')");
  }
  if (immutable && opts.enabled === 0) throw usageError('flag --enabled 0 contradicts --immutable');
  if (!opts.yes) {
    const why: string[] = [];
    if (immutable) why.push('--immutable locks the audit configuration until reboot (no rule or setting can change)');
    if (plan.loginuidImmutable) why.push('--loginuid-immutable makes login uids unchangeable until reboot');
    if (opts.failure === 2) why.push('--failure panic halts the machine when audit records are lost');
    if (why.length > 0) throw usageError(`${why.join('; ')}: add --yes to confirm`);
  }
  return plan;
}

export interface SetResult {
  /** The lost counter before --reset-lost. */
  lostBeforeReset?: number;
  /** Status after the changes (absent when only the counter was reset). */
  report?: StatusReport;
}

export async function applySet(client: AuditClient, plan: SetPlan): Promise<SetResult> {
  const result: SetResult = {};
  if (plan.resetLost) result.lostBeforeReset = await client.resetLost();
  if (plan.change) await client.setStatus(plan.change);
  if (plan.loginuidImmutable) await client.setFeature('loginuid_immutable', true, true);
  if (plan.immutable) {
    try {
      await client.setStatus({ enabled: 2 });
    } catch (err) {
      if (err instanceof TsauditError && err.code === 'E_KERNEL' && err.context.errno === 'EINVAL') {
        throw new TsauditError('E_KERNEL', `${err.message} (enabled 2)`, { context: err.context, cause: err });
      }
      throw err;
    }
  }
  if (plan.change || plan.loginuidImmutable || plan.immutable) result.report = await readStatusReport(client);
  return result;
}

/** Text like auditctl: "lost: N", then the status lines auditctl prints after a change. */
export function setText(result: SetResult, plan: SetPlan, interpret = false): string {
  let out = '';
  if (result.lostBeforeReset !== undefined) out += `lost: ${result.lostBeforeReset}\n`;
  if (result.report) {
    // auditctl re-reads only struct audit_status after a change; show the feature line when it was changed.
    for (const [k, v] of statusFields(result.report, interpret, plan.loginuidImmutable)) out += `${k} ${v}\n`;
  }
  return out;
}

export function setPlain(result: SetResult, interpret = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (result.lostBeforeReset !== undefined) out.lost_before_reset = result.lostBeforeReset;
  if (result.report) out.status = statusPlain(result.report, interpret);
  return out;
}

export async function runSet(opts: SetOptions): Promise<void> {
  const plan = planSet(opts);
  const result = await withClient(opts.client, (c) => applySet(c, plan));
  await writeOne(opts.format, result, {
    output: opts.output,
    text: (r) => setText(r, plan, opts.interpret),
    toPlain: (r) => setPlain(r, opts.interpret),
  });
}
