// Audit message type numbers and the ranges that aureport's reports test for.
//
// The ranges' source (facts only): linux-audit/audit-userspace v3.0.9, lib/libaudit.h and linux/audit.h as
// that release uses them; written by hand, since the message-type table holds no ranges.

import { AUDIT_MESSAGE } from '../tables/message-types-data.js';

/** The message types (generated, src/tables/message-types-data.ts) and the ranges aureport tests for. */
export const T = {
  ...AUDIT_MESSAGE,
  FIRST_USER_MSG: 1100,
  LAST_USER_MSG: 1199,
  FIRST_EVENT: 1300,
  FIRST_KERN_CRYPTO_MSG: 1600,
  LAST_KERN_CRYPTO_MSG: 1699,
  FIRST_KERN_ANOM_MSG: 1700,
  LAST_KERN_ANOM_MSG: 1799,
  INTEGRITY_FIRST_MSG: 1800,
  INTEGRITY_LAST_MSG: 1899,
  FIRST_ANOM_MSG: 2100,
  LAST_ANOM_MSG: 2199,
  FIRST_ANOM_RESP: 2200,
  LAST_ANOM_RESP: 2299,
  FIRST_USER_LSPP_MSG: 2300,
  LAST_USER_LSPP_MSG: 2399,
  FIRST_CRYPTO_MSG: 2400,
  LAST_CRYPTO_MSG: 2499,
  FIRST_VIRT_MSG: 2500,
  LAST_VIRT_MSG: 2599,
  FIRST_USER_MSG2: 2100,
  LAST_USER_MSG2: 2999,
} as const;
