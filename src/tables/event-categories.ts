// GENERATED FILE, do not edit: node scripts/gen-tables/interpret-tables.mjs <audit-userspace> [include dir]
// Event category of a record type, in go-libaudit's vocabulary (user-login, configuration, audit-rule, ...).
// Ranges: elastic/go-libaudit v2.6.2 aucoalesce/event_type.go (ported there from audit-userspace
// auparse/normalize.c); numbers: <linux/audit.h> and audit-userspace lib/audit-records.h (commit ea8550209d556fdf44a2c13d4b54a9803dd07442).

/** [first, last, category] ranges of message type numbers; the first matching range wins. */
export const EVENT_CATEGORY_RANGES: ReadonlyArray<readonly [number, number, string]> = [
  [1100, 1106, "user-login"], // USER_AUTH..USER_END
  [1108, 1110, "user-login"], // USER_CHAUTHTOK..CRED_REFR
  [1112, 1113, "user-login"], // USER_LOGIN..USER_LOGOUT
  [1126, 1126, "user-login"], // GRP_AUTH
  [1114, 1117, "user-account"], // ADD_USER..DEL_GROUP
  [1132, 1133, "user-account"], // GRP_MGMT..GRP_CHAUTHTOK
  [1135, 1136, "user-account"], // ACCT_LOCK..ACCT_UNLOCK
  [2000, 2000, "system-services"], // KERNEL
  [1127, 1131, "system-services"], // SYSTEM_BOOT..SERVICE_STOP
  [1111, 1111, "configuration"], // USYS_CONFIG
  [1305, 1305, "configuration"], // CONFIG_CHANGE
  [1325, 1325, "configuration"], // NETFILTER_CFG
  [1328, 1329, "configuration"], // FEATURE_CHANGE..REPLACE
  [1326, 1326, "dac-decision"], // SECCOMP
  [1119, 1121, "user-space"], // CHGRP_ID..TRUSTED_APP
  [1123, 1123, "user-space"], // USER_CMD
  [1125, 1125, "user-space"], // CHUSER_ID
  [1124, 1124, "TTY"], // USER_TTY
  [1319, 1319, "TTY"], // TTY
  [1200, 1299, "audit-daemon"], // DAEMON_START..LAST_DAEMON
  [1122, 1122, "mac-decision"], // USER_SELINUX_ERR
  [1107, 1107, "mac-decision"], // USER_AVC
  [1502, 1503, "mac-decision"], // APPARMOR_ALLOWED..APPARMOR_DENIED
  [1506, 1506, "mac-decision"], // APPARMOR_ERROR
  [1400, 1402, "mac-decision"], // AVC..AVC_PATH
  [1800, 1899, "integrity"], // INTEGRITY_DATA..INTEGRITY_LAST_MSG
  [2109, 2109, "integrity"], // ANOM_RBAC_INTEGRITY_FAIL
  [1700, 1799, "anomaly"], // ANOM_PROMISCUOUS..LAST_KERN_ANOM_MSG
  [2100, 2108, "anomaly"], // ANOM_LOGIN_FAILURES..ANOM_RBAC_FAIL
  [2110, 2199, "anomaly"], // ANOM_CRYPTO_FAIL..LAST_ANOM_MSG
  [2200, 2299, "anomaly-response"], // RESP_ANOMALY..LAST_ANOM_RESP
  [1403, 1499, "mac"], // MAC_POLICY_LOAD..LAST_SELINUX
  [1500, 1501, "mac"], // AA..APPARMOR_AUDIT
  [1504, 1505, "mac"], // APPARMOR_HINT..APPARMOR_STATUS
  [2300, 2399, "mac"], // USER_ROLE_CHANGE..LAST_USER_LSPP_MSG
  [1600, 1699, "crypto"], // FIRST_KERN_CRYPTO_MSG..LAST_KERN_CRYPTO_MSG
  [2400, 2499, "crypto"], // CRYPTO_TEST_USER..LAST_CRYPTO_MSG
  [2500, 2599, "virt"], // VIRT_CONTROL..LAST_VIRT_MSG
  [1300, 1304, "audit-rule"], // SYSCALL..SOCKETCALL
  [1306, 1315, "audit-rule"], // SOCKADDR..MQ_GETSETATTR
  [1317, 1318, "audit-rule"], // FD_PAIR..OBJ_PID
  [1321, 1324, "audit-rule"], // BPRM_FCAPS..NETFILTER_PKT
];

/** Category of message type `type`; "unknown" when no range holds it. */
export function eventCategory(type: number): string {
  for (const [a, b, c] of EVENT_CATEGORY_RANGES) if (type >= a && type <= b) return c;
  return 'unknown';
}
