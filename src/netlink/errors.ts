// Maps kernel errno values from netlink ACKs and failed socket calls to TsauditError.
//   EPERM/EACCES    -> E_NOT_ROOT  "<what> requires root (CAP_AUDIT_CONTROL)"
//   ECONNREFUSED    -> E_NO_AUDIT  (audit requests refused, e.g. from a non-initial user namespace)
//   anything else   -> E_KERNEL    "<what>: <setting> <value>: EINVAL (Invalid argument)"
// context.errno is the errno name ('EEXIST'), context.op the message type name ('AUDIT_SET').

import { TsauditError } from '../errors.js';
import { errnoName as tableName, errnoMessage as tableMessage } from '../tables/errno.js';

/** 'EINVAL' for 22; 'errno 999' when unknown. */
export function errnoName(errno: number): string {
  return tableName(errno) ?? `errno ${errno}`;
}

/** strerror() text ('Invalid argument'), as auditctl shows it. */
export function errnoMessage(errno: number): string {
  return tableMessage(errno);
}

/** What a request does, for messages: "reading audit status requires root ...". */
const OP_WORDS: Record<string, string> = {
  AUDIT_GET: 'reading audit status',
  AUDIT_SET: 'changing audit settings',
  AUDIT_LIST_RULES: 'listing audit rules',
  AUDIT_ADD_RULE: 'adding an audit rule',
  AUDIT_DEL_RULE: 'deleting an audit rule',
  AUDIT_GET_FEATURE: 'reading audit features',
  AUDIT_SET_FEATURE: 'changing audit features',
  AUDIT_SIGNAL_INFO: 'reading audit signal info',
  NLGRP_READLOG: 'reading audit events from the multicast group',
  socket: 'opening the audit netlink socket',
  recvfrom: 'receiving from the audit netlink socket',
};

export function opWords(op: string): string {
  return OP_WORDS[op] ?? op;
}

export interface KernelErrorDetail {
  /** The setting the request changed, named in the message: "backlog_wait_time 999999". */
  setting?: string;
  /** The capability to name for EPERM (default CAP_AUDIT_CONTROL). */
  capability?: string;
}

export function kernelError(op: string, errno: number, detail: KernelErrorDetail = {}): TsauditError {
  const name = errnoName(errno);
  const context = { errno: name, op, ...(detail.setting ? { setting: detail.setting } : {}) };
  if (name === 'EPERM' || name === 'EACCES') {
    return new TsauditError('E_NOT_ROOT', `${opWords(op)} requires root (${detail.capability ?? 'CAP_AUDIT_CONTROL'})`, { context });
  }
  if (name === 'ECONNREFUSED') {
    return new TsauditError(
      'E_NO_AUDIT',
      `${opWords(op)}: the kernel refused audit requests from here (ECONNREFUSED; not the initial user namespace?)`,
      { context },
    );
  }
  const what = detail.setting ? `${opWords(op)}: kernel rejected ${detail.setting}` : `${opWords(op)} failed`;
  return new TsauditError('E_KERNEL', `${what}: ${name} (${errnoMessage(errno)})`, { context });
}
