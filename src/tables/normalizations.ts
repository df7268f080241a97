// GENERATED FILE, do not edit: node scripts/gen-tables/normalization-table.mjs
// How each syscall and record type is summarized: action, object type and fields, how, ECS category/type.
// Facts: elastic/go-libaudit v2.6.2 aucoalesce/normalizations.yaml (Apache-2.0, Copyright Elasticsearch B.V.,
// see test/fixtures/go-libaudit/NOTICE.txt), vocabulary kept as is; plus scripts/gen-tables/normalizations-extra.yaml
// (origin "tsaudit") for what real logs need beyond it. Record types AUDIT_ANOM_LOGIN_ACCT and ANOM_MK_EXE of the
// upstream file are renamed to the real names ANOM_LOGIN_ACCT and ANOM_MK_EXEC.

import type { Normalization } from './normalization.js';

export const NORMALIZATIONS: readonly Normalization[] = [
 {
  "origin": "go-libaudit",
  "action": "",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "*"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "opened-file",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "creat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "opened-file",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "fallocate",
   "truncate",
   "ftruncate"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "opened-file",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "open",
   "openat",
   "readlink",
   "readlinkat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "read-file",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "read"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "wrote-to-file",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "write"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-file-attributes-of",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "setxattr",
   "fsetxattr",
   "lsetxattr",
   "removexattr",
   "fremovexattr",
   "lremovexattr"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-file-permissions-of",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "chmod",
   "fchmod",
   "fchmodat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-file-ownership-of",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "chown",
   "fchown",
   "fchownat",
   "lchown"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "loaded-kernel-module",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "name"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "finit_module",
   "init_module"
  ],
  "recordTypes": [
   "KERN_MODULE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "driver"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "unloaded-kernel-module",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "delete_module"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "driver"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "created-directory",
  "objectWhat": "file",
  "objectPathIndex": 1,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "mkdir",
   "mkdirat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "mounted",
  "objectWhat": "filesystem",
  "objectPathIndex": 1,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "mount"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "renamed",
  "objectWhat": "file",
  "objectPathIndex": 2,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "rename",
   "renameat",
   "renameat2"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "checked-metadata-of",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "access",
   "faccessat",
   "fstatat",
   "newfstatat",
   "stat",
   "stat64",
   "fstat",
   "lstat",
   "getxattr",
   "lgetxattr",
   "fgetxattr"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "checked-filesystem-metadata-of",
  "objectWhat": "filesystem",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "statfs",
   "fstatfs"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "linked",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "link",
   "linkat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "symlinked",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "symlink",
   "symlinkat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "unmounted",
  "objectWhat": "filesystem",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "umount",
   "umount2"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "deletion"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "deleted",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "rmdir",
   "unlink",
   "unlinkat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "deletion"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-timestamp-of",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "utime",
   "utimes",
   "futimesat",
   "futimens",
   "utimensat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "executed",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "execve",
   "execveat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "listen-for-connections",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "listen"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "accepted-connection-from",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "accept",
   "accept4"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "bound-socket",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "bind"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "connected-to",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "connect"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "received-from",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "recv",
   "recvfrom",
   "recvmsg",
   "recvmmsg"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "sent-to",
  "objectWhat": "socket",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "send",
   "sendto",
   "sendmsg",
   "sendmmsg"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "killed-pid",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "kill",
   "tkill",
   "tgkill"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-identity-of",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [
   "syscall"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "setuid",
   "seteuid",
   "setfsuid",
   "setreuid",
   "setgid",
   "setegid",
   "setfsgid",
   "setregid",
   "setresuid",
   "setresgid"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-system-time",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "settimeofday",
   "clock_settime",
   "stime",
   "adjtimex",
   "clock_adjtime"
  ],
  "recordTypes": [
   "TIME_ADJNTPVAL",
   "TIME_INJOFFSET"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "make-device",
  "objectWhat": "file",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "mknod",
   "mknodat"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "file"
   ],
   "type": [
    "creation"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-system-name",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "sethostname",
   "setdomainname"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "allocated-memory",
  "objectWhat": "memory",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "mmap",
   "mmap2",
   "brk"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "adjusted-scheduling-policy-of",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [
   "syscall"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "sched_setparam",
   "sched_setscheduler",
   "sched_setattr"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "end",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [
   "syscall"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "exit_group"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "locked-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ACCT_LOCK"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "unlocked-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ACCT_UNLOCK"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "added-group-account-to",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ADD_GROUP"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "group",
    "creation"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    },
    {
     "from": "object.primary",
     "to": "group"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "added-user-account",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ADD_USER"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "creation"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    },
    {
     "from": "object.primary",
     "to": "user.target"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "deleted-group-account-from",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DEL_GROUP"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "group",
    "deletion"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    },
    {
     "from": "object.primary",
     "to": "group"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "deleted-user-account",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DEL_USER"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "deletion"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    },
    {
     "from": "object.primary",
     "to": "user.target"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "modified-group-account",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "GRP_MGMT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "group",
    "change"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "group"
    },
    {
     "from": "uid.uid",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "assigned-user-role-to",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ROLE_ASSIGN"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "modified-role",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ROLE_MODIFY"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "removed-user-role-from",
  "objectWhat": "account",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "id",
   "acct"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ROLE_REMOVE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "modified-user-account",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_MGMT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "change"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.target"
    },
    {
     "from": "uid.uid",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-password",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_CHAUTHTOK"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "user",
    "change"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "uid.uid",
     "to": "user.effective"
    },
    {
     "from": "subject.secondary",
     "to": "user.target"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-group-password",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "acct"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "GRP_CHAUTHTOK"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "iam"
   ],
   "type": [
    "group",
    "change"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "uid.uid",
     "to": "user.effective"
    },
    {
     "from": "subject.secondary",
     "to": "group"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "acquired-credentials",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRED_ACQ"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "disposed-credentials",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRED_DISP"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "refreshed-credentials",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRED_REFR"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "authenticated-to-group",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "GRP_AUTH"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-login-id-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "old_auid",
   "old-auid"
  ],
  "subjectSecondary": [
   "uid"
  ],
  "objectPrimary": [
   "new-auid",
   "new_auid",
   "auid"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "LOGIN"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "start"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "object.primary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "was-authorized",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_ACCT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "authenticated",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_AUTH"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "ended-session",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_END"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "session"
   ],
   "type": [
    "end"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "error",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [
   "addr"
  ],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_ERR"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "info"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "logged-in",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [
   "addr"
  ],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_LOGIN"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "start"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "logged-out",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_LOGOUT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "authentication"
   ],
   "type": [
    "end"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-role-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "selected-context"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_ROLE_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "started-session",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [
   "addr"
  ],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_START"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "session"
   ],
   "type": [
    "start"
   ],
   "mappings": [
    {
     "from": "subject.primary",
     "to": "user"
    },
    {
     "from": "subject.secondary",
     "to": "user.effective"
    }
   ]
  }
 },
 {
  "origin": "go-libaudit",
  "action": "issued-vm-control",
  "objectWhat": "virtual-machine",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "op"
  ],
  "objectSecondary": [
   "vm"
  ],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_CONTROL"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "created-vm-image",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_CREATE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "deleted-vm-image",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_DESTROY"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "checked-integrity-of",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_INTEGRITY_CHECK"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "assigned-vm-id",
  "objectWhat": "virtual-machine",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "vm"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_MACHINE_ID"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "migrated-vm-from",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_MIGRATE_IN"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "migrated-vm-to",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_MIGRATE_OUT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "assigned-vm-resource",
  "objectWhat": "virtual-machine",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "resrc"
  ],
  "objectSecondary": [
   "vm"
  ],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "VIRT_RESOURCE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-group",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CHGRP_ID"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-user-id",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CHUSER_ID"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "sent-test",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "TEST"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "unknown",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "TRUSTED_APP"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "ran-command",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "cmd"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_CMD"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "booted-system",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SYSTEM_BOOT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-to-runlevel",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "new-level"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SYSTEM_RUNLEVEL"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "shutdown-system",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SYSTEM_SHUTDOWN"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "host"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "started-service",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "unit"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SERVICE_START"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "stopped-service",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "unit"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SERVICE_STOP"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-audit-configuration",
  "objectWhat": "audit-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "op",
   "key",
   "audit_enabled",
   "audit_pid",
   "audit_backlog_limit",
   "audit_failure"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CONFIG_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process",
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "aborted-auditd-startup",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_ABORT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "remote-audit-connected",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_ACCEPT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "remote-audit-disconnected",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_CLOSE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "network"
   ],
   "type": [
    "connection",
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-auditd-configuration",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_CONFIG"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process",
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "shutdown-audit",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_END"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "end"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "audit-error",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_ERR"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "reconfigured-auditd",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_RECONFIG"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process",
    "configuration"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "resumed-audit-logging",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_RESUME"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "rotated-audit-logs",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_ROTATE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "started-audit",
  "objectWhat": "service",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAEMON_START"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "start"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "initialized-audit-subsystem",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "KERNEL"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-configuration",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "op"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USYS_CONFIG"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "loaded-firewall-rule-to",
  "objectWhat": "firewall",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "table"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "NETFILTER_CFG"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-audit-feature",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "feature"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "FEATURE_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "typed",
  "objectWhat": "keystrokes",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "data"
  ],
  "objectSecondary": [],
  "how": [
   "comm",
   "exe"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "TTY",
   "USER_TTY"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "violated-selinux-policy",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "scontext"
  ],
  "subjectSecondary": [],
  "objectPrimary": [
   "tcontext"
  ],
  "objectSecondary": [
   "tclass"
  ],
  "how": [],
  "sourceIp": [],
  "hasFields": [
   "seresult"
  ],
  "syscalls": [],
  "recordTypes": [
   "AVC"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "violated-apparmor-policy",
  "objectWhat": "policy",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "operation"
  ],
  "objectSecondary": [
   "requested_mask",
   "denied_mask",
   "capname"
  ],
  "how": [],
  "sourceIp": [],
  "hasFields": [
   "apparmor"
  ],
  "syscalls": [],
  "recordTypes": [
   "AVC"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "relabeled-filesystem",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "FS_RELABEL"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "modified-level-of",
  "objectWhat": "printer",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "printer"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "LABEL_LEVEL_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "overrode-label-of",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "LABEL_OVERRIDE"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "mac-permission",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "MAC_CHECK"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-selinux-boolean",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "bool"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "MAC_CONFIG_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "loaded-selinux-policy",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "MAC_POLICY_LOAD"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "access"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-selinux-enforcement",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "enforcing"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "MAC_STATUS"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "access-permission",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_AVC"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-mac-configuration",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_MAC_CONFIG_CHANGE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "loaded-mac-policy",
  "objectWhat": "mac-config",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_MAC_POLICY_LOAD"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "configuration"
   ],
   "type": [
    "access"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "access-error",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER_SELINUX_ERR"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "violated-seccomp-policy",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "syscall"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SECCOMP"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "caused-mac-policy-error",
  "objectWhat": "system",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SELINUX_ERR"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "negotiated-crypto-key",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "fp"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [
   "addr"
  ],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRYPTO_KEY_USER"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "crypto-officer-logged-in",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRYPTO_LOGIN"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "crypto-officer-logged-out",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRYPTO_LOGOUT"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "started-crypto-session",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "addr"
  ],
  "objectSecondary": [
   "rport"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [
   "addr"
  ],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "CRYPTO_SESSION"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "access-result",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "DAC_CHECK"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "crashed-program",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "comm",
   "exe"
  ],
  "objectSecondary": [
   "pid"
  ],
  "how": [
   "sig"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_ABEND"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "process",
    "intrusion_detection"
   ],
   "type": [
    "end",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "attempted-execution-of-forbidden-program",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "cmd"
  ],
  "objectSecondary": [],
  "how": [
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_EXEC"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "process",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "used-suspicious-link",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LINK"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "file",
    "intrusion_detection"
   ],
   "type": [
    "access",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "failed-log-in-too-many-times-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_FAILURES"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "attempted-log-in-from-unusual-place-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_LOCATION"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "opened-too-many-sessions-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_SESSIONS"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "attempted-log-in-during-unusual-hour-to",
  "objectWhat": "user-session",
  "objectPathIndex": 0,
  "subjectPrimary": [
   "auid"
  ],
  "subjectSecondary": [
   "acct",
   "id",
   "uid"
  ],
  "objectPrimary": [
   "terminal"
  ],
  "objectSecondary": [
   "addr",
   "hostname"
  ],
  "how": [
   "exe",
   "terminal"
  ],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_TIME"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "changed-promiscuous-mode-on-device",
  "objectWhat": "network-device",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "dev"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_PROMISCUOUS"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info",
    "change"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "tested-file-system-integrity-of",
  "objectWhat": "filesystem",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "hostname"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_RBAC_INTEGRITY_FAIL"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "attempted-log-in-to-watched-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_ACCT"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "max-discretionary-access-control-failures-reached",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_MAX_DAC"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "max-mandatory-access-control-failures-reached",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_MAX_MAC"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "abstract-machine-test-utility-failure",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_AMTU_FAIL"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "rbac-self-test-failure",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_RBAC_FAIL"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "crypto-system-test-failure",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_CRYPTO_FAIL"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "intrusion_detection"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "made-an-executable",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_MK_EXEC"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "file",
    "intrusion_detection"
   ],
   "type": [
    "change",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "accessed-watched-file-or-directory",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_ACCESS_FS"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "file",
    "intrusion_detection"
   ],
   "type": [
    "access",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "added-user-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_ADD_ACCT"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "iam",
    "intrusion_detection"
   ],
   "type": [
    "user",
    "creation",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "deleted-user-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_DEL_ACCT"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "iam",
    "intrusion_detection"
   ],
   "type": [
    "user",
    "deletion",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "modified-user-account",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_MOD_ACCT"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "iam",
    "intrusion_detection"
   ],
   "type": [
    "user",
    "change",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "user-became-root",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_ROOT_TRANS"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "service-account-attempted-login",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "ANOM_LOGIN_SERVICE"
  ],
  "ecs": {
   "kind": "alert",
   "category": [
    "authentication",
    "intrusion_detection"
   ],
   "type": [
    "start",
    "denied"
   ],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "sent-message",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "addr"
  ],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "USER"
  ],
  "ecs": {
   "kind": "",
   "category": [],
   "type": [],
   "mappings": []
  }
 },
 {
  "origin": "go-libaudit",
  "action": "package-updated",
  "objectWhat": "",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [],
  "objectSecondary": [],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [],
  "recordTypes": [
   "SOFTWARE_UPDATE"
  ],
  "ecs": {
   "kind": "",
   "category": [
    "package"
   ],
   "type": [
    "info"
   ],
   "mappings": []
  }
 },
 {
  "origin": "tsaudit",
  "action": "traced-pid",
  "objectWhat": "process",
  "objectPathIndex": 0,
  "subjectPrimary": [],
  "subjectSecondary": [],
  "objectPrimary": [
   "opid"
  ],
  "objectSecondary": [
   "ocomm"
  ],
  "how": [],
  "sourceIp": [],
  "hasFields": [],
  "syscalls": [
   "ptrace"
  ],
  "recordTypes": [],
  "ecs": {
   "kind": "",
   "category": [
    "process"
   ],
   "type": [
    "access"
   ],
   "mappings": []
  }
 }
];
