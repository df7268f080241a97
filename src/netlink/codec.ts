// Encoders and decoders for the audit messages tsaudit exchanges with the kernel. Pure functions on bytes.
//
// Facts from <linux/audit.h>: struct audit_status (11 u32 in its current form; older kernels send 8, 9 or 10
// of them), struct audit_features { vers, mask, features, lock } and AUDIT_NLGRP_READLOG 1 (the second
// member of an enum). Message numbers, mask bits and feature numbers come from the generated tables.

import { TsauditError } from '../errors.js';
import { AUDIT_FEATURE, AUDIT_FAIL, AUDIT_STATUS, AUDIT_UAPI } from '../tables/linux-constants.js';
import { AUDIT_MESSAGE } from '../tables/message-types-data.js';
import { NLM_F, NLMSG, NLMSG_HDRLEN, Reader, Writer, encodeMessage } from './wire.js';

// the requests and replies tsaudit exchanges with the kernel (numbers from the generated table)
const { GET, SET, SIGNAL_INFO, ADD_RULE, DEL_RULE, LIST_RULES, TTY_GET, TTY_SET, SET_FEATURE, GET_FEATURE } = AUDIT_MESSAGE;
export const AUDIT = { GET, SET, SIGNAL_INFO, ADD_RULE, DEL_RULE, LIST_RULES, TTY_GET, TTY_SET, SET_FEATURE, GET_FEATURE } as const;

/** Names of the request/reply types, for error context and debugging. */
export const MESSAGE_NAMES: Record<number, string> = {
  [NLMSG.NOOP]: 'NLMSG_NOOP',
  [NLMSG.ERROR]: 'NLMSG_ERROR',
  [NLMSG.DONE]: 'NLMSG_DONE',
  [NLMSG.OVERRUN]: 'NLMSG_OVERRUN',
  ...Object.fromEntries(Object.entries(AUDIT).map(([k, v]) => [v, `AUDIT_${k}`])),
};

export function messageName(type: number): string {
  return MESSAGE_NAMES[type] ?? `type ${type}`;
}

export { AUDIT_FAIL, AUDIT_FEATURE, AUDIT_STATUS };
export const AUDIT_NLGRP_READLOG = 1;
export type FeatureName = 'only_unset_loginuid' | 'loginuid_immutable';
const FEATURE_BITS: Record<FeatureName, number> = {
  only_unset_loginuid: AUDIT_FEATURE.ONLY_UNSET_LOGINUID,
  loginuid_immutable: AUDIT_FEATURE.LOGINUID_IMMUTABLE,
};

/** Size in bytes of struct audit_status as this tool knows it (and of the oldest form a kernel sends). */
export const AUDIT_STATUS_SIZE = 44;
export const AUDIT_STATUS_MIN_SIZE = 32;
export const AUDIT_FEATURES_SIZE = 16;

/**
 * struct audit_status as read from the kernel. Fields an older kernel does not send are undefined:
 * featureBitmap (called `version` before 3.19), backlogWaitTime (3.14+), backlogWaitTimeActual (5.9+).
 */
export interface AuditStatus {
  mask: number;
  enabled: number;
  failure: number;
  pid: number;
  rateLimit: number;
  backlogLimit: number;
  lost: number;
  backlog: number;
  featureBitmap?: number;
  backlogWaitTime?: number;
  backlogWaitTimeActual?: number;
}

/** What AUDIT_SET can change in one request. */
export interface StatusChange {
  enabled?: number;
  failure?: number;
  pid?: number;
  rateLimit?: number;
  backlogLimit?: number;
  backlogWaitTime?: number;
  /** Resets the lost counter; the kernel honours it only when it is the only bit in the mask. */
  resetLost?: boolean;
  /** Resets backlog_wait_time_actual; like resetLost, only alone. */
  resetBacklogWaitTimeActual?: boolean;
}

/** Order of the u32 fields of struct audit_status. */
const STATUS_FIELDS = [
  'mask',
  'enabled',
  'failure',
  'pid',
  'rateLimit',
  'backlogLimit',
  'lost',
  'backlog',
  'featureBitmap',
  'backlogWaitTime',
  'backlogWaitTimeActual',
] as const;

export function decodeStatus(payload: Buffer): AuditStatus {
  if (payload.length < AUDIT_STATUS_MIN_SIZE) {
    throw new TsauditError(
      'E_KERNEL',
      `AUDIT_GET reply too short: got ${payload.length} bytes, expected at least ${AUDIT_STATUS_MIN_SIZE}`,
      {
        context: { op: 'AUDIT_GET' },
      },
    );
  }
  const r = new Reader(payload);
  const out: Record<string, number> = {};
  for (const field of STATUS_FIELDS) {
    if (r.remaining < 4) break;
    out[field] = r.u32();
  }
  return out as unknown as AuditStatus;
}

/** The full struct audit_status (the kernel copies min(sizeof, len), so the long form suits old kernels too). */
export function encodeStatus(status: Partial<AuditStatus> & { mask: number }): Buffer {
  const w = new Writer(AUDIT_STATUS_SIZE);
  for (const field of STATUS_FIELDS) w.u32(status[field] ?? 0);
  return w.toBuffer();
}

/** Builds the AUDIT_SET payload for a change; throws a usage error for combinations the kernel would not honour. */
export function encodeStatusChange(change: StatusChange): Buffer {
  const s: Partial<AuditStatus> & { mask: number } = { mask: 0 };
  const set = (bit: number, field: keyof AuditStatus, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new TsauditError('E_USAGE', `audit setting ${field}: expected an integer 0..4294967295, got ${value}`, { exitCode: 2 });
    }
    s.mask |= bit;
    (s as Record<string, number>)[field] = value;
  };
  set(AUDIT_STATUS.ENABLED, 'enabled', change.enabled);
  set(AUDIT_STATUS.FAILURE, 'failure', change.failure);
  set(AUDIT_STATUS.PID, 'pid', change.pid);
  set(AUDIT_STATUS.RATE_LIMIT, 'rateLimit', change.rateLimit);
  set(AUDIT_STATUS.BACKLOG_LIMIT, 'backlogLimit', change.backlogLimit);
  set(AUDIT_STATUS.BACKLOG_WAIT_TIME, 'backlogWaitTime', change.backlogWaitTime);
  const resets = (change.resetLost ? 1 : 0) + (change.resetBacklogWaitTimeActual ? 1 : 0);
  if (resets > 0 && (s.mask !== 0 || resets > 1)) {
    throw new TsauditError('E_USAGE', 'resetting a counter must be the only change in its AUDIT_SET request', { exitCode: 2 });
  }
  if (change.resetLost) s.mask = AUDIT_STATUS.LOST;
  if (change.resetBacklogWaitTimeActual) s.mask = AUDIT_STATUS.BACKLOG_WAIT_TIME_ACTUAL;
  if (s.mask === 0) throw new TsauditError('E_USAGE', 'AUDIT_SET with nothing to change', { exitCode: 2 });
  return encodeStatus(s);
}

/** struct audit_features, with the two known feature bits spelled out. */
export interface AuditFeatures {
  vers: number;
  mask: number;
  features: number;
  lock: number;
}

export interface FeatureState {
  enabled: boolean;
  locked: boolean;
}

export function decodeFeatures(payload: Buffer): AuditFeatures {
  if (payload.length < AUDIT_FEATURES_SIZE) {
    throw new TsauditError('E_KERNEL', `AUDIT_GET_FEATURE reply too short: got ${payload.length} bytes, expected ${AUDIT_FEATURES_SIZE}`, {
      context: { op: 'AUDIT_GET_FEATURE' },
    });
  }
  const r = new Reader(payload);
  return { vers: r.u32(), mask: r.u32(), features: r.u32(), lock: r.u32() };
}

export function encodeFeatures(f: AuditFeatures): Buffer {
  return new Writer(AUDIT_FEATURES_SIZE).u32(f.vers).u32(f.mask).u32(f.features).u32(f.lock).toBuffer();
}

export function featureBit(name: FeatureName): number {
  return 1 << (FEATURE_BITS[name] & 31);
}

/** State of one feature in a GET_FEATURE reply, or undefined when the kernel does not report it in `mask`. */
export function featureState(f: AuditFeatures, name: FeatureName): FeatureState | undefined {
  const bit = featureBit(name);
  if ((f.mask & bit) === 0) return undefined;
  return { enabled: (f.features & bit) !== 0, locked: (f.lock & bit) !== 0 };
}

/** The SET_FEATURE payload that turns one feature on/off and optionally locks it. */
export function encodeSetFeature(name: FeatureName, enabled: boolean, lock: boolean): Buffer {
  const bit = featureBit(name);
  return encodeFeatures({ vers: AUDIT_UAPI.AUDIT_FEATURE_VERSION, mask: bit, features: enabled ? bit : 0, lock: lock ? bit : 0 });
}

/** A complete request datagram. Requests that produce no reply of their own ask for an ACK. */
export function encodeRequest(type: number, seq: number, payload: Uint8Array | undefined, opts: { ack: boolean }): Buffer {
  const flags = NLM_F.REQUEST | (opts.ack ? NLM_F.ACK : 0);
  return encodeMessage({ type, flags, seq, pid: 0 }, payload);
}

/**
 * Defense in depth for kernel tests: which dangerous change a request datagram carries, or null.
 * enabled=2 (immutable until reboot), failure=2 (panic on audit failure), and setting or locking
 * loginuid_immutable. NetlinkSocket refuses these when TSAUDIT_KERNEL_TEST=1.
 */
export function dangerousChange(datagram: Buffer): string | null {
  if (datagram.length < NLMSG_HDRLEN) return null;
  const r = new Reader(datagram);
  r.u32();
  const type = r.u16();
  const payload = datagram.subarray(NLMSG_HDRLEN);
  if (type === AUDIT.SET && payload.length >= 12) {
    const p = new Reader(payload);
    const mask = p.u32();
    const enabled = p.u32();
    const failure = p.u32();
    if (mask & AUDIT_STATUS.ENABLED && enabled === 2) return 'enabled 2 (immutable)';
    if (mask & AUDIT_STATUS.FAILURE && failure === AUDIT_FAIL.PANIC) return 'failure 2 (panic)';
  }
  if (type === AUDIT.SET_FEATURE && payload.length >= AUDIT_FEATURES_SIZE) {
    const f = decodeFeatures(payload);
    const bit = featureBit('loginuid_immutable');
    if (f.mask & bit && (f.features & bit || f.lock & bit)) return 'loginuid_immutable';
  }
  return null;
}
