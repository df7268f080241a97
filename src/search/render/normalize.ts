// auparse 3.0.9's normalizer (auparse/normalize.c), the source of ausearch's --format csv and --format text:
// who (subject) did what (action) to what (object), how, with what result. It is a walk over auparse's cursor
// (./auparse-event.ts), and it is kept as that walk, step for step, because its answers depend on where each
// search starts: which PATH record is the object of an execve, whether a search that ran off the end of the
// event leaves the next one empty-handed. Locations are [record, field] pairs, read back through the cursor.
// The tables it walks with are in ./normalize-kinds.ts; the steps per kind of syscall in ./normalize-syscall.ts.

import type { AuEvent } from './auparse-event.js';
import { T } from './auparse-values.js';
import {
  ANOM_ABEND,
  ANOM_EXEC,
  ANOM_LINK,
  ANOM_PROMISCUOUS,
  AVC,
  BPF,
  CONFIG_CHANGE,
  CRYPTO_SESSION,
  CWD,
  DAEMON_ABORT,
  DAEMON_ACCEPT,
  DAEMON_START,
  EVENT_LISTENER,
  FEATURE_CHANGE,
  FILE_KINDS,
  FIRST_DAEMON,
  LAST_DAEMON,
  LAST_SELINUX,
  LOGIN,
  MAC_MAP_ADD,
  MAC_MAP_DEL,
  MAC_UNLBL_ALLOW,
  NETFILTER_CFG,
  PATH,
  RECORD_ACTIONS,
  SECCOMP,
  SOCKADDR,
  SOFTWARE_UPDATE,
  SYSCALL,
  SYSTEM_BOOT,
  SYSTEM_SHUTDOWN,
  TTY,
  USER_AVC,
  USER_DEVICE,
  USER_END,
  USER_ERR,
  USER_LOGIN,
  USER_START,
  USYS_CONFIG,
  VIRT_CONTROL,
  VIRT_RESOURCE,
  W,
  eventKind,
  simpleObject,
} from './normalize-kinds.js';
import { normalizeSyscall } from './normalize-syscall.js';

export { eventKind, objectKindName } from './normalize-kinds.js';

/** A [record, field] location in the event, or undefined (auparse's UNSET). */
export type Location = readonly [number, number] | undefined;

export interface Normalized {
  evkind: string | undefined;
  session: Location;
  subjPrimary: Location;
  subjSecondary: Location;
  subjKind: string | undefined;
  subjAttrs: [number, number][];
  action: string | undefined;
  objPrimary: Location;
  objSecondary: Location;
  objPrimary2: Location;
  objAttrs: [number, number][];
  objKind: number;
  results: Location;
  how: string | undefined;
  key: Location;
  /** auparse_normalize's return: non-zero when a compound event has no usable SYSCALL record. */
  rc: number;
}

type Slot = 'session' | 'subjPrimary' | 'subjSecondary' | 'objPrimary' | 'objSecondary' | 'objPrimary2' | 'results' | 'key';

const NORM_ACCT_MAX_SYS = 1000;
const NORM_ACCT_MAX_USER = 60000;

const SCRIPT_HOSTS = ['/usr/bin/python', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/perl'];
const isScriptHost = (exe: string): boolean => SCRIPT_HOSTS.some((p) => exe.startsWith(p));

const ID_SYSCALL_ARGS: Record<string, number> = { setuid: 1, setreuid: 2, setresuid: 3, setgid: 1, setregid: 2, setresgid: 3 };
const CONFIG_OBJECT_FIELDS = ['audit_enabled', 'audit_pid', 'audit_backlog_limit', 'audit_failure', 'actions'];

/** auparse_normalize(au, opt): `attrs` is NORM_OPT_ALL (csv with --extra-labels), else NORM_OPT_NO_ATTRS. */
export function normalize(au: AuEvent, attrs: boolean, getpwnam: (name: string) => number | undefined): Normalized {
  const n = new Normalizer(au, attrs, getpwnam);
  au.firstRecord();
  const rc = au.numRecords() > 1 ? n.compound() : n.simple();
  au.firstRecord();
  n.D.rc = rc;
  return n.D;
}

/** Moves the cursor to a location (seek_field); 1 when there, 0 when unset, < 0 when it cannot. */
export function seek(au: AuEvent, loc: Location): number {
  if (loc === undefined) return 0;
  if (au.gotoRecordNum(loc[0]) !== 1) return -1;
  if (au.gotoFieldNum(loc[1]) !== 1) return -2;
  return 1;
}

/** One normalization: the cursor, what has been found so far, and normalize.c's helpers as methods. */
export class Normalizer {
  readonly D: Normalized = {
    evkind: undefined,
    session: undefined,
    subjPrimary: undefined,
    subjSecondary: undefined,
    subjKind: undefined,
    subjAttrs: [],
    action: undefined,
    objPrimary: undefined,
    objSecondary: undefined,
    objPrimary2: undefined,
    objAttrs: [],
    objKind: W.UNKNOWN,
    results: undefined,
    how: undefined,
    key: undefined,
    rc: 0,
  };
  /** The SYSCALL record's success=: 1 yes, 0 no, -1 not seen. */
  syscallSuccess = -1;

  constructor(
    readonly au: AuEvent,
    readonly attrs: boolean,
    private readonly getpwnam: (name: string) => number | undefined,
  ) {}

  // ---- the cursor helpers of normalize.c

  /** Finds `name` from the cursor on and keeps [rnum, its field] in `slot`; 1 when it is not there. */
  mark(slot: Slot, name: string, rnum: number): number {
    if (this.au.findField(name) === undefined) return 1;
    this.D[slot] = [rnum, this.au.fieldNum()];
    return 0;
  }

  /** Finds `name` from the cursor on and keeps where the cursor is in `slot`. */
  markHere(slot: Slot, name: string): void {
    if (this.au.findField(name) !== undefined) this.D[slot] = [this.au.recordNum(), this.au.fieldNum()];
  }

  /** Finds `name` from the cursor on and takes its interpreted value as the "how". */
  howFrom(name: string): void {
    if (this.au.findField(name) !== undefined) this.D.how = this.au.interpret();
  }

  /** set_subject_what: the kind of account the cursor's uid (or acct name) is. */
  setSubjectWhat(): number {
    const au = this.au;
    let uid: number;
    if (au.fieldType() === T.UID) uid = au.fieldInt();
    else {
      const acct = au.fieldName() === 'acct' ? au.interpret() : undefined;
      const pw = acct !== undefined ? this.getpwnam(acct) : undefined;
      if (pw === undefined) {
        this.D.subjKind = 'unknown-acct';
        return 1;
      }
      uid = pw | 0;
    }
    if (uid === 0) this.D.subjKind = 'privileged-acct';
    else if (uid === -1) this.D.subjKind = 'unset-acct';
    else if (uid < NORM_ACCT_MAX_SYS) this.D.subjKind = 'service-acct';
    else if (uid < NORM_ACCT_MAX_USER) this.D.subjKind = 'user-acct';
    else this.D.subjKind = 'unknown-acct';
    return 0;
  }

  setPrimeSubject(name: string, rnum: number): number {
    return this.mark('subjPrimary', name, rnum);
  }

  setSecondarySubject(name: string, rnum: number): number {
    return this.mark('subjSecondary', name, rnum) || this.setSubjectWhat();
  }

  setPrimeObject(name: string, rnum: number): number {
    return this.mark('objPrimary', name, rnum);
  }

  setPrimeObject2(name: string, adjust: number): number {
    const rnum = 2 + adjust;
    this.au.gotoRecordNum(rnum);
    this.au.firstField();
    return this.mark('objPrimary2', name, rnum);
  }

  /** add_subj_attr / add_obj_attr: a found field joins the list; a missing one rewinds to the record. */
  private addAttr(list: [number, number][], name: string, rnum: number): number {
    if (this.au.findField(name) !== undefined) {
      list.push([rnum, this.au.fieldNum()]);
      return 0;
    }
    this.au.gotoRecordNum(rnum);
    return 1;
  }

  addSubjAttr(name: string, rnum: number): number {
    return this.addAttr(this.D.subjAttrs, name, rnum);
  }

  addObjAttr(name: string, rnum: number): number {
    return this.addAttr(this.D.objAttrs, name, rnum);
  }

  addSession(rnum: number): number {
    if (this.mark('session', 'ses', rnum) === 0) return 0;
    this.au.firstRecord();
    return 1;
  }

  setResults(rnum: number): number {
    return this.mark('results', 'res', rnum);
  }

  // ---- objects of syscall events

  collectPermObj2(syscall: string): void {
    this.au.firstRecord();
    this.mark('objPrimary2', syscall === 'fchmodat' ? 'a2' : 'a1', 0);
  }

  collectOwnObj2(syscall: string): void {
    const au = this.au;
    au.firstRecord();
    if (au.findField(syscall === 'fchownat' ? 'a2' : 'a1') !== undefined) {
      if (au.fieldInt() === -1 && au.fieldStr() !== undefined) au.nextField();
      this.D.objPrimary2 = [0, au.fieldNum()];
    }
  }

  /** The first id argument of set*id that is not "unset" (-1). */
  collectIdObj2(syscall: string): void {
    const au = this.au;
    const limit = ID_SYSCALL_ARGS[syscall];
    if (limit === undefined) return;
    au.firstRecord();
    if (au.findField('a0') === undefined) return;
    for (let cnt = 1; cnt <= limit && au.interpret() === 'unset'; cnt++) {
      if (cnt >= limit || au.nextField() === 0) return;
    }
    this.D.objPrimary2 = [0, au.fieldNum()];
  }

  collectPathAttrs(): void {
    const rnum = this.au.recordNum();
    this.au.firstField();
    if (this.addObjAttr('mode', rnum)) return;
    while (this.au.nextField()) this.D.objAttrs.push([rnum, this.au.fieldNum()]);
  }

  /** The attributes of the first non-PARENT PATH record (else the first PARENT), with cwd and saddr on the way. */
  simpleFileAttr(): void {
    const au = this.au;
    if (!this.attrs) return;
    let parent = 0;
    au.firstRecord();
    do {
      const type = au.type();
      if (type === PATH) {
        if (au.findField('nametype') === 'PARENT') {
          if (parent === 0) parent = au.recordNum();
          continue;
        }
        this.collectPathAttrs();
        return;
      } else if (type === CWD) this.addObjAttr('cwd', au.recordNum());
      else if (type === SOCKADDR) this.addObjAttr('saddr', au.recordNum());
    } while (au.nextRecord() === 1);
    if (parent) {
      au.gotoRecordNum(parent);
      this.collectPathAttrs();
    }
  }

  /** The file object: from record 2 + adjust on, the first PATH that is not a PARENT, else the first PARENT. */
  setFileObject(adjust: number): void {
    const au = this.au;
    const rnum = this.fileObjectRecord(adjust);
    if (rnum === undefined || au.type() !== PATH) return;
    au.firstField();
    this.setPrimeObject('name', rnum);
    this.mark('objSecondary', 'inode', rnum);
    const mode = au.findField('mode');
    if (mode === undefined) return;
    const m = Number.parseInt(mode, 8);
    const kind = Number.isNaN(m) ? undefined : FILE_KINDS.get(m & 0o170000);
    if (kind !== undefined) this.D.objKind = kind;
  }

  private fileObjectRecord(adjust: number): number | undefined {
    const au = this.au;
    let parent = 0;
    au.gotoRecordNum(2 + adjust);
    au.firstField();
    let f: string | undefined;
    do {
      f = au.findField('nametype');
      if (f !== undefined) {
        if (f !== 'PARENT') break;
        if (parent === 0) parent = au.recordNum();
      }
    } while (f !== undefined && au.nextRecord() === 1);
    if (f !== undefined) return au.recordNum();
    if (parent === 0) return undefined;
    au.gotoRecordNum(parent);
    au.firstField();
    return parent;
  }

  setSocketObject(): void {
    this.au.gotoRecordNum(1);
    this.au.firstField();
    this.setPrimeObject('saddr', 1);
  }

  /** The program as the object: a BPF program id, a netlink group, else the exe (or comm, for scripts). */
  setProgramObj(): number {
    const au = this.au;
    au.firstRecord();
    const type = au.type();
    if (type === BPF) this.markHere('objPrimary', 'prog-id');
    else if (type === EVENT_LISTENER) this.markHere('objPrimary', 'nl-mcgrp');
    else if (au.findField('exe') !== undefined) {
      if (isScriptHost(au.interpret() ?? '')) {
        const fnum = au.fieldNum();
        if (fnum > 0) au.gotoFieldNum(fnum - 1);
        else au.firstRecord();
        au.findField('comm');
      }
      this.D.objPrimary = [au.recordNum(), au.fieldNum()];
      return 0;
    }
    return 1;
  }

  /** The "how" from the exe at the cursor; for a script interpreter, the comm instead. */
  setHowFromExe(): void {
    const au = this.au;
    const exe = au.interpret() ?? '';
    this.D.how = exe;
    if (isScriptHost(exe)) {
      let rc = 0;
      const fnum = au.fieldNum();
      if (fnum > 0) rc = au.gotoFieldNum(fnum - 1);
      if (rc === 0) au.firstRecord();
      this.howFrom('comm');
    }
  }

  /** "loaded-bpf-program" or "unloaded-bpf-program" by the BPF record's op. */
  bpfAction(): string {
    this.au.firstRecord();
    if (this.au.findField('op') === undefined) return 'bpf-program';
    return this.au.fieldStr() === 'LOAD' ? 'loaded-bpf-program' : 'unloaded-bpf-program';
  }

  /** "connected-to" or "disconnected-from" by the EVENT_LISTENER record's op. */
  listenerAction(): string {
    this.au.firstRecord();
    if (this.au.findField('op') === undefined) return 'connected';
    return this.au.fieldStr() === 'connect' ? 'connected-to' : 'disconnected-from';
  }

  // ---- objects of records that come alone

  private findConfigChangeObject(): string | undefined {
    const au = this.au;
    au.firstRecord();
    const f = au.findField('key');
    if (f !== undefined) {
      const str = au.fieldStr();
      if (str && str !== '(null)') return f;
    }
    for (const name of CONFIG_OBJECT_FIELDS) {
      au.firstRecord();
      const g = au.findField(name);
      if (g !== undefined) return g;
    }
    return undefined;
  }

  /** find_simple_object: the object of a record by its type (and its kind, as a side effect). */
  findSimpleObject(type: number): Location {
    this.au.firstField();
    return this.simpleObjectField(type) !== undefined ? [0, this.au.fieldNum()] : undefined;
  }

  private simpleObjectField(type: number): string | undefined {
    const au = this.au;
    if (type === CONFIG_CHANGE) {
      this.D.objKind = W.AUDIT_CONFIG;
      return this.findConfigChangeObject();
    }
    if (type === USYS_CONFIG) {
      this.D.objKind = W.SYSTEM;
      if (au.findField('op') !== undefined) this.D.action = au.interpret();
      return undefined;
    }
    const spec = simpleObject(type);
    if (spec === undefined) return undefined;
    if (spec.what !== undefined) this.D.objKind = spec.what;
    if (spec.field === undefined) return undefined;
    if (spec.rewind) au.firstRecord();
    const f = au.findField(spec.field);
    if (f !== undefined || spec.fallback === undefined) return f;
    au.firstRecord();
    return au.findField(spec.fallback);
  }

  /** find_simple_obj_secondary / find_simple_obj_primary2: `name` in the record, else unset. */
  private findSimpleSecondField(slot: 'objSecondary' | 'objPrimary2', name: string | undefined): void {
    this.au.firstField();
    this.D[slot] = name !== undefined && this.au.findField(name) !== undefined ? [0, this.au.fieldNum()] : undefined;
  }

  // ---- events with a SYSCALL record

  /** normalize_compound: subject, result, how and key from the SYSCALL record, then the action and object. */
  compound(): number {
    const au = this.au;
    const otype = au.type();
    let type = otype;
    if (type !== SYSCALL) {
      do {
        au.nextRecord();
        type = au.type();
      } while (type && type !== SYSCALL);
    }
    if (!type) return 1;
    this.D.evkind = eventKind(otype);
    const recno = au.recordNum();
    let syscall: string | undefined;
    if (au.findField('syscall') !== undefined) syscall = au.interpret();
    if (au.findField('success') !== undefined) {
      this.syscallSuccess = au.fieldStr() === 'no' ? 0 : 1;
      this.D.results = [recno, au.fieldNum()];
    } else if (!this.rewindTo(recno)) return 1;
    if (this.setPrimeSubject('auid', recno) && !this.rewindTo(recno)) return 1;
    if (this.setSecondarySubject('uid', recno) && !this.rewindTo(recno)) return 1;
    this.syscallSubjAttr();
    au.firstField();
    if (au.findField('exe') !== undefined) this.setHowFromExe();
    else if (!this.rewindTo(recno)) return 1;
    if (au.findField('key') !== undefined && au.fieldStr() !== '(null)') this.D.key = [recno, au.fieldNum()];
    this.compoundAction(otype, syscall);
    return 0;
  }

  private rewindTo(recno: number): boolean {
    if (this.au.gotoRecordNum(recno) !== 1) return false;
    this.au.firstField();
    return true;
  }

  private compoundAction(otype: number, syscall: string | undefined): void {
    if (otype === ANOM_LINK) {
      const act = RECORD_ACTIONS.get(otype);
      if (act !== undefined) this.D.action = act;
    } else if (otype === CONFIG_CHANGE) {
      this.au.firstRecord();
      if (this.au.findField('op') !== undefined) {
        this.D.action = this.au.interpret();
        this.D.objPrimary = this.findSimpleObject(CONFIG_CHANGE);
      }
    } else normalizeSyscall(this, syscall);
  }

  private syscallSubjAttr(): void {
    const au = this.au;
    au.firstRecord();
    do {
      const rnum = au.recordNum();
      if (au.type() === SYSCALL) {
        if (!this.attrs) {
          this.addSession(rnum);
          return;
        }
        for (const f of ['ppid', 'pid', 'gid', 'euid', 'suid', 'fsuid', 'egid', 'sgid', 'fsgid', 'tty']) this.addSubjAttr(f, rnum);
        this.addSession(rnum);
        this.addSubjAttr('subj', rnum);
        return;
      }
    } while (au.nextRecord() === 1);
  }

  // ---- events of one record

  private collectSimpleSubjAttr(): void {
    if (!this.attrs) return;
    this.au.firstRecord();
    this.addSubjAttr('pid', 0);
    this.addSubjAttr('subj', 0);
  }

  private collectUserspaceSubjAttr(type: number): void {
    if (!this.attrs) return;
    this.addSubjAttr('hostname', 0);
    this.addSubjAttr('addr', 0);
    if (type !== USER_START && type !== USER_END && type !== USER_ERR) this.addSubjAttr('terminal', 0);
  }

  private recordAction(type: number): void {
    const act = RECORD_ACTIONS.get(type);
    if (act !== undefined) this.D.action = act;
  }

  /** normalize_simple: an event of one record, by its type. */
  simple(): number {
    const type = this.au.type();
    if (type === SYSCALL) return this.compound();
    this.D.evkind = eventKind(type);
    if (KERNEL_RECORDS.has(type)) this.kernelRecord(type);
    else if (type === LOGIN) this.login();
    else if (type === NETFILTER_CFG) this.netfilter();
    else if (type === AVC) this.avc();
    else if (type >= FIRST_DAEMON && type < LAST_DAEMON) this.daemon(type);
    else if (type === BPF) this.bpf();
    else if (type === EVENT_LISTENER) this.eventListener();
    else if (type >= MAC_UNLBL_ALLOW && type <= LAST_SELINUX && MAC_UNLBL_ALLOW >= 0) this.macLabel(type);
    else this.userspace(type);
    return 0;
  }

  /** CONFIG_CHANGE, FEATURE_CHANGE, SECCOMP, ANOM_ABEND and ANOM_PROMISCUOUS on their own. */
  private kernelRecord(type: number): void {
    this.setPrimeSubject('auid', 0);
    this.addSession(0);
    this.collectSimpleSubjAttr();
    if (!(type === CONFIG_CHANGE && this.ruleChange())) {
      this.recordAction(type);
      if (type === CONFIG_CHANGE) this.D.objPrimary = this.findSimpleObject(type);
      this.au.firstRecord();
    }
    const tail = KERNEL_RECORD_TAILS.get(type);
    if (tail?.(this) === 'done') return;
    this.setResults(0);
  }

  /** A CONFIG_CHANGE that added or removed an audit rule: true when it was one. */
  private ruleChange(): boolean {
    const au = this.au;
    au.firstField();
    if (au.findField('op') === undefined) return false;
    let str = au.interpret() ?? '';
    if (str.charCodeAt(0) === 34) str = str.slice(1);
    if (str.startsWith('add_rule')) this.D.action = 'added-audit-rule';
    else if (str.startsWith('remove_rule')) this.D.action = 'deleted-audit-rule';
    else return false;
    this.D.objPrimary = this.findSimpleObject(CONFIG_CHANGE);
    return true;
  }

  /** The uid after the cursor as the secondary subject, else back to the first record. */
  subjectUid(): void {
    if (this.setSecondarySubject('uid', 0)) this.au.firstRecord();
  }

  private login(): void {
    this.subjectUid();
    this.collectSimpleSubjAttr();
    if (this.setPrimeSubject('old-auid', 0)) this.au.firstRecord();
    if (this.setPrimeObject('auid', 0)) this.au.firstRecord();
    this.D.objKind = W.USER_SESSION;
    this.addSession(0);
    this.setResults(0);
    this.recordAction(LOGIN);
  }

  private netfilter(): void {
    this.collectSimpleSubjAttr();
    this.howFrom('comm');
    this.D.action = 'loaded-firewall-rule-to';
    this.au.firstRecord();
    this.markHere('objPrimary', 'table');
    this.D.subjKind = 'system';
    this.D.objKind = W.FIREWALL;
  }

  private avc(): void {
    const au = this.au;
    if (au.findField('comm') !== undefined) this.D.how = au.interpret();
    else au.firstRecord();
    this.setPrimeSubject('scontext', 0);
    this.D.subjKind = 'unknown-acct';
    au.firstRecord();
    if (this.attrs) {
      this.setPrimeObject('tcontext', 0);
      au.firstRecord();
    }
    this.D.objKind = W.UNKNOWN;
    this.recordAction(AVC);
    au.firstRecord();
    this.mark('results', 'seresult', 0);
  }

  private daemon(type: number): void {
    this.setPrimeSubject('auid', 0);
    this.subjectUid();
    if (this.addSession(0)) this.au.firstRecord();
    this.collectSimpleSubjAttr();
    this.D.subjKind = 'auditd';
    this.recordAction(type);
    this.D.objKind = W.SERVICE;
    if (type === DAEMON_START) this.D.how = 'init';
    else if (type < DAEMON_ACCEPT && type !== DAEMON_ABORT) this.D.how = 'signal';
    this.setResults(0);
  }

  private bpf(): void {
    this.D.subjKind = 'system';
    this.D.action = this.bpfAction();
    this.D.objKind = W.PROCESS;
    this.setProgramObj();
  }

  private eventListener(): void {
    const au = this.au;
    this.setPrimeSubject('auid', 0);
    au.firstRecord();
    this.setSecondarySubject('uid', 0);
    au.firstRecord();
    this.addSession(0);
    this.collectSimpleSubjAttr();
    this.D.action = this.listenerAction();
    this.setProgramObj();
    this.D.objKind = W.SOCKET;
    au.firstRecord();
    this.howFrom('exe');
    au.firstRecord();
    this.setResults(0);
  }

  private macLabel(type: number): void {
    const au = this.au;
    this.setPrimeSubject('auid', 0);
    this.setSubjectWhat();
    this.addSession(0);
    this.addSubjAttr('subj', 0);
    let act: string | undefined;
    if (type !== MAC_UNLBL_ALLOW) act = RECORD_ACTIONS.get(type);
    else if (au.findField('unlbl_accept') !== undefined)
      act = au.fieldInt() === 1 ? 'is-allowing-unlabeled-network-traffic' : 'is-disallowing-unlabeled-network-traffic';
    else au.firstRecord();
    if (act !== undefined) this.D.action = act;
    if ((type === MAC_MAP_ADD || type === MAC_MAP_DEL) && this.setPrimeObject('nlbl_domain', 0)) au.firstRecord();
    this.D.objKind = W.MAC_CONFIG;
    this.setResults(0);
  }

  /** Everything else: the records user space writes (logins, accounts, sessions, commands, ...). */
  private userspace(type: number): void {
    this.userspaceSubject(type);
    if (type !== USER_AVC) this.setResults(0);
    else this.userAvcResults();
    let act: string | undefined;
    if (type === USER_DEVICE) {
      this.au.firstRecord();
      act = this.au.findField('op');
    }
    if (act === undefined) act = RECORD_ACTIONS.get(type);
    if (act !== undefined) this.D.action = act;
    if (type !== USER_AVC) this.userspaceObject(type);
    this.userspaceHow(type);
  }

  private userspaceSubject(type: number): void {
    const au = this.au;
    if (type === USER_LOGIN) {
      if (this.setPrimeSubject('id', 0)) {
        au.firstRecord();
        if (this.setPrimeSubject('acct', 0) === 0) this.setSubjectWhat();
      } else this.setSubjectWhat();
      au.firstRecord();
    } else {
      this.subjectUid();
      this.setPrimeSubject('auid', 0);
    }
    this.addSession(0);
    this.collectSimpleSubjAttr();
    if ((type >= 1100 && type < 1199) || (type >= 2100 && type < 2999)) this.collectUserspaceSubjAttr(type);
  }

  private userAvcResults(): void {
    const au = this.au;
    au.firstRecord();
    this.mark('results', 'seresult', 0);
    au.firstRecord();
    this.setPrimeSubject('scontext', 0);
    if (this.attrs) {
      au.firstRecord();
      this.setPrimeObject('tcontext', 0);
    }
  }

  private userspaceObject(type: number): void {
    this.au.firstRecord();
    this.D.objPrimary = this.findSimpleObject(type);
    this.findSimpleSecondField('objSecondary', type === CRYPTO_SESSION ? 'rport' : type === SOFTWARE_UPDATE ? 'sw_type' : undefined);
    this.findSimpleSecondField(
      'objPrimary2',
      type === VIRT_CONTROL || type === VIRT_RESOURCE ? 'vm' : type === SOFTWARE_UPDATE ? 'root_dir' : undefined,
    );
    if (!this.attrs) return;
    if (type === USER_DEVICE) this.addObjAttr('uuid', 0);
    else if (type === SOFTWARE_UPDATE) {
      this.au.firstRecord();
      this.addObjAttr('key_enforce', 0);
      this.addObjAttr('gpg_res', 0);
    }
  }

  private userspaceHow(type: number): void {
    if (type === SYSTEM_BOOT || type === SYSTEM_SHUTDOWN) {
      this.D.objKind = type === SYSTEM_BOOT ? W.SYSTEM : W.SERVICE;
      this.howFrom('exe');
      return;
    }
    this.au.firstRecord();
    if (type === ANOM_EXEC) this.howFrom('terminal');
    else if (type === TTY) this.howFrom('comm');
    else if (this.au.findField('exe') !== undefined) this.setHowFromExe();
  }
}

const KERNEL_RECORDS = new Set([CONFIG_CHANGE, FEATURE_CHANGE, SECCOMP, ANOM_ABEND, ANOM_PROMISCUOUS]);

/** What each kernel record adds after the subject and action; 'done' when it sets its own result. */
const KERNEL_RECORD_TAILS = new Map<number, (n: Normalizer) => 'done' | void>([
  [
    FEATURE_CHANGE,
    (n) => {
      n.au.firstField();
      n.subjectUid();
      n.howFrom('exe');
      n.setPrimeObject('feature', 0);
      n.D.objKind = W.SYSTEM;
    },
  ],
  [
    SECCOMP,
    (n) => {
      n.au.firstField();
      n.subjectUid();
      n.howFrom('exe');
      if (n.setPrimeObject('syscall', 0)) n.au.firstRecord();
      n.D.objKind = W.PROCESS;
      n.mark('results', 'code', 0);
      return 'done';
    },
  ],
  [
    ANOM_ABEND,
    (n) => {
      n.au.firstField();
      n.subjectUid();
      if (n.setPrimeObject('exe', 0)) n.au.firstRecord();
      n.D.objKind = W.PROCESS;
      n.howFrom('sig');
    },
  ],
  [
    ANOM_PROMISCUOUS,
    (n) => {
      n.au.firstField();
      n.setPrimeObject('dev', 0);
      n.setSecondarySubject('uid', 0);
      n.D.objKind = W.SOCKET;
    },
  ],
]);
