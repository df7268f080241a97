// The RuleEnv of this host: tsaudit's generated tables for arches, syscalls, errno and message types, the
// local /etc/passwd and /etc/group for user and group names (getpwnam without NSS modules), stat(2) for
// watched paths, uname -m for the machine.

import { readFileSync, statSync } from 'node:fs';
import { machine as osMachine } from 'node:os';
import { archCode as tableArchCode, archInfo } from '../tables/arch.js';
import { errnoName as tableErrnoName, errnoNumber as tableErrnoNumber } from '../tables/errno.js';
import { messageTypeName, messageTypeNumber } from '../tables/message-types.js';
import { syscallName, syscallNames, syscallNumber } from '../tables/syscalls.js';
import type { RuleEnv } from './env.js';

/** The machine names auditctl 3.0.x accepts for -F arch= (its machinetab, built with ARM and AArch64). */
const AUDITCTL_MACHINES = new Set([
  'i386', 'i486', 'i586', 'i686', 'x86_64', 'ppc64', 'ppc64le', 'ppc', 's390x', 's390',
  'armeb', 'arm', 'armv5tejl', 'armv5tel', 'armv6l', 'armv7l', 'aarch64', 'armv8l',
]);

function idFile(path: string): Map<string, number> {
  const ids = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return ids;
  }
  for (const line of text.split('\n')) {
    const parts = line.split(':');
    if (parts.length >= 3 && parts[0] && !ids.has(parts[0])) {
      const id = Number(parts[2]);
      if (Number.isInteger(id) && id >= 0) ids.set(parts[0], id);
    }
  }
  return ids;
}

export interface HostEnvOptions {
  machine?: string;
  passwd?: string;
  group?: string;
  /** Overrides stat(2) for watched paths. */
  pathType?: RuleEnv['pathType'];
}

export function hostEnv(opts: HostEnvOptions = {}): RuleEnv {
  let users: Map<string, number> | undefined;
  let groups: Map<string, number> | undefined;
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
    uid(name) {
      users ??= idFile(opts.passwd ?? '/etc/passwd');
      return users.get(name);
    },
    gid(name) {
      groups ??= idFile(opts.group ?? '/etc/group');
      return groups.get(name);
    },
    userName(uid) {
      users ??= idFile(opts.passwd ?? '/etc/passwd');
      for (const [name, id] of users) if (id === uid) return name;
      return undefined;
    },
    groupName(gid) {
      groups ??= idFile(opts.group ?? '/etc/group');
      for (const [name, id] of groups) if (id === gid) return name;
      return undefined;
    },
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
