// normalize.c's normalize_syscall: the action and object of an event with a SYSCALL record. Its kind comes
// from a record type that decides it (an AVC, a NETFILTER_CFG, ...) or else from the syscall's name; one step
// per kind finds the object and names the action.

import type { Normalizer } from './normalize.js';
import { RECORD_ACTION_OVERRIDES, RECORD_ACTIONS, RECORD_SYSCALL_KINDS, SYSCALL_KINDS, W } from './normalize-kinds.js';

/** One kind's step: finds the object, returns the action. `ttype` is the record type the kind came from. */
type Step = (n: Normalizer, sys: string, ttype: number) => string | undefined;

export function normalizeSyscall(n: Normalizer, syscall: string | undefined): void {
  const au = n.au;
  let objtype: string | undefined;
  let override: string | undefined;
  let ttype = 0;
  for (let rc = au.firstRecord(); rc === 1; rc = au.nextRecord()) {
    ttype = au.type();
    override = RECORD_ACTION_OVERRIDES.get(ttype);
    objtype = RECORD_SYSCALL_KINDS.get(ttype);
    if (override !== undefined || objtype !== undefined) break;
  }
  if (objtype === undefined && syscall !== undefined) objtype = SYSCALL_KINDS.get(syscall);
  const step = (objtype !== undefined ? STEPS[objtype] : undefined) ?? auditRuleStep;
  // the step runs even when a record names the action: it still finds the object
  const act = step(n, syscall ?? '', ttype);
  if ((override ?? act) !== undefined) n.D.action = override ?? act;
}

/** A file object from record 2 + adjust, with the file's attributes; `before` finds a second object first. */
function fileStep(
  act: string,
  what: number,
  adjust: number | ((sys: string) => number) = 0,
  before?: (n: Normalizer, sys: string) => void,
): Step {
  return (n, sys) => {
    before?.(n, sys);
    n.D.objKind = what;
    n.setFileObject(typeof adjust === 'number' ? adjust : adjust(sys));
    n.simpleFileAttr();
    return act;
  };
}

function socketStep(act: string): Step {
  return (n) => {
    n.D.objKind = W.SOCKET;
    n.setSocketObject();
    return act;
  };
}

/** An action with an object kind and no object. */
function kindStep(act: string, what: number): Step {
  return (n) => {
    n.D.objKind = what;
    return act;
  };
}

/** A MAC change: the record's own action, and `field` of it as the object. */
function macStep(field?: string): Step {
  return (n, _sys, ttype) => {
    const act = RECORD_ACTIONS.get(ttype);
    if (field !== undefined) n.markHere('objPrimary', field);
    n.D.objKind = W.MAC_CONFIG;
    return act;
  };
}

/** A change to a process: the program is the object and the syscall is the how. */
function processStep(act: string, after?: (n: Normalizer, sys: string) => void): Step {
  return (n, sys) => {
    n.D.objKind = W.PROCESS;
    n.setProgramObj();
    if (n.D.how !== undefined) n.D.how = sys;
    after?.(n, sys);
    return act;
  };
}

/** Fields of the first record: `field` is the object. */
function firstRecordStep(act: string, field: string, what: number): Step {
  return (n) => {
    n.au.firstRecord();
    n.markHere('objPrimary', field);
    n.D.objKind = what;
    return act;
  };
}

function auditRuleStep(n: Normalizer): string {
  n.au.firstRecord();
  const k = n.au.findField('key');
  n.D.objKind = W.AUDIT_RULE;
  if (k === undefined || k === '(null)') return 'triggered-unknown-audit-rule';
  n.D.objPrimary = [n.au.recordNum(), n.au.fieldNum()];
  return 'triggered-audit-rule';
}

const STEPS: Record<string, Step> = {
  NORM_FILE: (n) => {
    n.setFileObject(0);
    n.D.objKind = W.FILE;
    n.simpleFileAttr();
    return 'opened-file';
  },
  NORM_FILE_CHATTR: fileStep('changed-file-attributes-of', W.FILE, (sys) => (sys === 'fsetxattr' ? -1 : 0)),
  NORM_FILE_CHPERM: fileStep(
    'changed-file-permissions-of',
    W.FILE,
    (sys) => (sys === 'fchmod' ? -1 : 0),
    (n, sys) => n.collectPermObj2(sys),
  ),
  NORM_FILE_CHOWN: fileStep(
    'changed-file-ownership-of',
    W.FILE,
    (sys) => (sys === 'fchown' ? -1 : 0),
    (n, sys) => n.collectOwnObj2(sys),
  ),
  NORM_FILE_LDMOD: (n) => {
    n.D.objKind = W.FILE;
    n.au.gotoRecordNum(1);
    n.setPrimeObject('name', 1);
    return 'loaded-kernel-module';
  },
  NORM_FILE_UNLDMOD: kindStep('unloaded-kernel-module', W.FILE),
  NORM_FILE_DIR: fileStep('created-directory', W.FILE, 1),
  NORM_FILE_MOUNT: (n) => {
    n.D.objKind = W.FILESYSTEM;
    if (n.syscallSuccess === 1) n.setPrimeObject2('name', 0);
    n.setFileObject(n.syscallSuccess);
    n.collectPathAttrs();
    return 'mounted';
  },
  NORM_FILE_RENAME: fileStep('renamed', W.FILE, 2, (n) => n.setPrimeObject2('name', 4)),
  NORM_FILE_STAT: fileStep('checked-metadata-of', W.FILE),
  NORM_FILE_SYS_STAT: fileStep('checked-filesystem-metadata-of', W.FILESYSTEM),
  NORM_FILE_LNK: fileStep('symlinked', W.FILE, 2, (n) => n.setPrimeObject2('name', 0)),
  NORM_FILE_UMNT: fileStep('unmounted', W.FILESYSTEM),
  NORM_FILE_DEL: fileStep('deleted', W.FILE),
  NORM_FILE_TIME: fileStep('changed-timestamp-of', W.FILE),
  NORM_EXEC: fileStep('executed', W.FILE, 1),
  NORM_SOCKET_ACCEPT: socketStep('accepted-connection-from'),
  NORM_SOCKET_BIND: socketStep('bound-socket'),
  NORM_SOCKET_CONN: socketStep('connected-to'),
  NORM_SOCKET_RECV: socketStep('received-from'),
  NORM_SOCKET_SEND: socketStep('sent-to'),
  NORM_PID: (n) => {
    const act = n.au.numRecords() > 2 ? 'killed-list-of-pids' : 'killed-pid';
    n.au.gotoRecordNum(1);
    n.au.firstField();
    n.markHere('objPrimary', 'saddr');
    n.D.objKind = W.PROCESS;
    return act;
  },
  NORM_MAC_LOAD: macStep(),
  NORM_MAC_CONFIG: macStep('bool'),
  NORM_MAC_ENFORCE: macStep('enforcing'),
  NORM_MAC_ERR: kindStep('caused-mac-policy-error', W.SYSTEM),
  NORM_IPTABLES: firstRecordStep('loaded-firewall-rule-to', 'table', W.FIREWALL),
  NORM_PROMISCUOUS: (n) => {
    n.au.firstRecord();
    n.markHere('objPrimary', 'dev');
    let act: string | undefined;
    if (n.au.findField('prom') !== undefined) {
      act = n.au.fieldInt() === 0 ? 'left-promiscuous-mode-on-device' : 'entered-promiscuous-mode-on-device';
    }
    n.D.objKind = W.SOCKET;
    return act;
  },
  NORM_UID: processStep('changed-identity-of', (n, sys) => n.collectIdObj2(sys)),
  NORM_GID: processStep('changed-identity-of', (n, sys) => n.collectIdObj2(sys)),
  NORM_SYSTEM_TIME: kindStep('changed-system-time', W.SYSTEM),
  NORM_MAKE_DEV: (n) => {
    n.setFileObject(0);
    n.simpleFileAttr();
    const kind = n.D.objKind;
    return kind === W.CHAR_DEV ? 'made-character-device' : kind === W.BLOCK_DEV ? 'made-block-device' : 'make-device';
  },
  NORM_SYSTEM_NAME: kindStep('changed-system-name', W.SYSTEM),
  NORM_SYSTEM_MEMORY: (n) => {
    n.D.objKind = W.MEMORY;
    if (n.syscallSuccess !== 1) return 'allocated-memory';
    n.au.firstRecord();
    n.markHere('objPrimary', 'comm');
    return 'allocated-memory-in';
  },
  NORM_SCHEDULER: processStep('adjusted-scheduling-policy-of'),
  NORM_BPF: (n) => {
    const act = n.bpfAction();
    n.D.objKind = W.PROCESS;
    n.setProgramObj();
    return act;
  },
  NORM_EV_LISTEN: (n) => {
    const act = n.listenerAction();
    n.D.objKind = W.SOCKET;
    n.setProgramObj();
    return act;
  },
};
