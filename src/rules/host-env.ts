// The RuleEnv of this host: tsaudit's generated tables for arches, syscalls, errno and message types, the
// local /etc/passwd and /etc/group for user and group names (getpwnam without NSS modules), stat(2) for
// watched paths, uname -m for the machine.

import { statSync } from 'node:fs';
import { machine as osMachine } from 'node:os';
import { type IdTable, readIdTable } from '../ids.js';
import { archCode as tableArchCode, archInfo } from '../tables/arch.js';
import { errnoName as tableErrnoName, errnoNumber as tableErrnoNumber } from '../tables/errno.js';
import { messageTypeName, messageTypeNumber } from '../tables/message-types.js';
import { syscallName, syscallNames, syscallNumber } from '../tables/syscalls.js';
import type { RuleEnv } from './env.js';

/** The machine names auditctl 3.0.x accepts for -F arch= (its machinetab, built with ARM and AArch64). */
const AUDITCTL_MACHINES = new Set([
  'i386',
  'i486',
  'i586',
  'i686',
  'x86_64',
  'ppc64',
  'ppc64le',
  'ppc',
  's390x',
  's390',
  'armeb',
  'arm',
  'armv5tejl',
  'armv5tel',
  'armv6l',
  'armv7l',
  'aarch64',
  'armv8l',
]);

export interface HostEnvOptions {
  machine?: string;
  passwd?: string;
  group?: string;
  /** Overrides stat(2) for watched paths. */
  pathType?: RuleEnv['pathType'];
}

export function hostEnv(opts: HostEnvOptions = {}): RuleEnv {
  let users: IdTable | undefined;
  let groups: IdTable | undefined;
  const userTable = () => (users ??= readIdTable(opts.passwd ?? '/etc/passwd'));
  const groupTable = () => (groups ??= readIdTable(opts.group ?? '/etc/group'));
  return {
    machine: opts.machine ?? osMachine(),
    archCode(machine) {
      return AUDITCTL_MACHINES.has(machine) ? tableArchCode(machine) : undefined;
    },
    archName(code) {
      return archInfo(code)?.ausearchName;
    },
    syscallNumber: (arch, name) => syscallNumber(arch, name),
    syscallName: (arch, nr) => syscallName(arch, nr),
    syscallNames: (arch) => syscallNames(arch),
    errnoNumber: (name) => tableErrnoNumber(name),
    errnoName: (n) => tableErrnoName(n),
    messageTypeNumber: (name) => messageTypeNumber(name),
    messageTypeName: (n) => {
      const name = messageTypeName(n);
      return /^UNKNOWN\[/.test(name) ? undefined : name;
    },
    uid: (name) => userTable().byName.get(name),
    gid: (name) => groupTable().byName.get(name),
    userName: (uid) => userTable().byId.get(uid),
    groupName: (gid) => groupTable().byId.get(gid),
    pathType:
      opts.pathType ??
      ((path) => {
        try {
          return statSync(path).isDirectory() ? 'dir' : 'other';
        } catch {
          return 'missing';
        }
      }),
  };
}
