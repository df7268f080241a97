// The status report shown by `tsaudit status` and after `tsaudit set`: struct audit_status plus the
// loginuid_immutable feature, rendered exactly like `auditctl -s` (lines "name value", in its order;
// backlog_wait_time_actual only when the kernel sends the full struct; the loginuid_immutable line only
// when the kernel has the features API). `-i` words enabled/failure as auditctl does.

import type { AuditClient } from '../netlink/client.js';
import { type AuditStatus, type FeatureState, featureState } from '../netlink/codec.js';
import { isTsauditError } from '../errors.js';

export interface StatusReport {
  status: AuditStatus;
  /** Undefined on kernels without AUDIT_GET_FEATURE (before 3.14). */
  loginuidImmutable?: FeatureState;
}

/** Reads status and features like `auditctl -s` (an EINVAL for features just leaves that line out). */
export async function readStatusReport(client: AuditClient): Promise<StatusReport> {
  const status = await client.getStatus();
  try {
    const loginuidImmutable = featureState(await client.getFeatures(), 'loginuid_immutable');
    return loginuidImmutable ? { status, loginuidImmutable } : { status };
  } catch (err) {
    if (isTsauditError(err) && err.context.errno === 'EINVAL') return { status };
    throw err;
  }
}

const ENABLED_WORDS = ['disable', 'enabled', 'enabled+immutable'];
const FAILURE_WORDS = ['silent', 'printk', 'panic'];

export function enabledWord(n: number): string {
  return ENABLED_WORDS[n] ?? 'unknown';
}

export function failureWord(n: number): string {
  return FAILURE_WORDS[n] ?? 'unknown';
}

/** Fields in auditctl's order, with its names. */
export function statusFields(report: StatusReport, interpret = false, withFeatures = true): [string, string | number][] {
  const s = report.status;
  const fields: [string, string | number][] = [
    ['enabled', interpret ? enabledWord(s.enabled) : s.enabled],
    ['failure', interpret ? failureWord(s.failure) : s.failure],
    ['pid', s.pid],
    ['rate_limit', s.rateLimit],
    ['backlog_limit', s.backlogLimit],
    ['lost', s.lost],
    ['backlog', s.backlog],
  ];
  if (s.backlogWaitTime !== undefined) fields.push(['backlog_wait_time', s.backlogWaitTime]);
  if (s.backlogWaitTimeActual !== undefined) fields.push(['backlog_wait_time_actual', s.backlogWaitTimeActual]);
  if (withFeatures && report.loginuidImmutable) {
    const f = report.loginuidImmutable;
    fields.push(['loginuid_immutable', `${f.enabled ? 1 : 0} ${f.locked ? 'locked' : 'unlocked'}`]);
  }
  return fields;
}

/** Byte-identical to `auditctl -s` (or `auditctl -s -i`). */
export function statusText(report: StatusReport, interpret = false): string {
  return statusFields(report, interpret)
    .map(([k, v]) => `${k} ${v}\n`)
    .join('');
}

/** The same fields for JSON/YAML; loginuid_immutable becomes { value, locked }. */
export function statusPlain(report: StatusReport, interpret = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of statusFields(report, interpret, false)) out[k] = v;
  if (report.loginuidImmutable) {
    out.loginuid_immutable = { value: report.loginuidImmutable.enabled ? 1 : 0, locked: report.loginuidImmutable.locked };
  }
  return out;
}
