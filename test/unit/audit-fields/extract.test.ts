// The shared extraction (ausearch-parse.c's scans) under both flavours. The byte-for-byte comparisons with
// ausearch and aureport live in test/unit/search and test/unit/report; these pin the C rules a corpus
// rarely shows (error codes, defaults, the sockaddr cases) and what each flavour keeps.

import { describe, expect, it } from 'vitest';
import { FieldExtractor, type FieldItems, type Flavor, type Needs, S_FAILED, S_SUCCESS, UNSET } from '../../../src/audit-fields/extract.js';
import { sockaddrHost } from '../../../src/audit-fields/sockaddr-host.js';
import { formatIpv6 } from '../../../src/parse/interpret/sockaddr.js';
import { AUDIT_MESSAGE as T } from '../../../src/tables/message-types-data.js';

const AUSEARCH: Flavor = { none: null, own: false, detail: false };
const AUREPORT: Flavor = { none: undefined, own: true, detail: true };

const NONE: Needs = {
  ppid: false,
  pid: false,
  uid: false,
  euid: false,
  loginuid: false,
  tuid: false,
  teuid: false,
  tauid: false,
  gid: false,
  egid: false,
  session: false,
  success: false,
  exit: false,
  arch: false,
  key: false,
  filename: false,
  hostname: false,
  terminal: false,
  exe: false,
  comm: false,
  subject: false,
  object: false,
  uuid: false,
  vmname: false,
};
const ALL = Object.fromEntries(Object.keys(NONE).map((k) => [k, true])) as unknown as Needs;

function items(none: null | undefined): FieldItems {
  return {
    pid: UNSET.PID,
    uid: UNSET.ID,
    loginuid: UNSET.LOGINUID,
    success: -1,
    arch: 0,
    syscall: 0,
    session: UNSET.SESSION,
    hostname: none,
    filename: none,
    cwd: none,
    exe: none,
    key: none,
    terminal: none,
    comm: none,
    avc: none,
    acct: none,
    tuid: none,
    tauid: none,
    teuid: none,
  };
}

const HEAD = 'msg=audit(1795271991.086:2792449): ';
const SYSCALL =
  `type=SYSCALL ${HEAD}arch=c000003e syscall=44 success=yes exit=60 a0=3 a1=7fff7161bbf0 a2=3c a3=0 items=0 ppid=19232 ` +
  'pid=19673 auid=4294967295 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=4294967295 ' +
  'comm="auditd" exe="/usr/sbin/auditd" subj=unconfined key=6B31016B32';

function read(type: number, line: string, need: Needs, flavor: Flavor = AUSEARCH): { rc: number; s: FieldItems } {
  const s = items(flavor.none);
  const rc = new FieldExtractor(need, flavor, () => 'root').record(type, line, s);
  return { rc, s };
}

describe('SYSCALL (parse_syscall + parse_task_info)', () => {
  it('reads every wanted value with C types and splits hex keys at the separator', () => {
    const { rc, s } = read(T.SYSCALL, SYSCALL, ALL);
    expect(rc).toBe(0);
    expect(s).toMatchObject({ arch: -1073741762, syscall: 44, success: S_SUCCESS, exit: 60, ppid: 19232, pid: 19673 });
    expect(s).toMatchObject({ loginuid: 0xffffffff, uid: 0, gid: 0, euid: 0, egid: 0, terminal: '(none)', session: 0xffffffff });
    expect(s).toMatchObject({ comm: 'auditd', exe: '/usr/sbin/auditd', key: ['k1', 'k2'], tuid: 'root', tauid: 'root' });
    expect(s.avc).toEqual([{ scontext: 'unconfined', tcontext: null }]);
  });

  it('reads only what is needed', () => {
    const { rc, s } = read(T.SYSCALL, SYSCALL, { ...NONE, success: true });
    expect(rc).toBe(0);
    expect(s).toMatchObject({ success: S_SUCCESS, syscall: 44, pid: UNSET.PID, exe: null, key: null, tuid: null });
  });

  it('fails the record with the C codes: no syscall=, no a1=, a value with no space after it', () => {
    expect(read(T.SYSCALL, `type=SYSCALL ${HEAD}arch=c000003e success=yes`, NONE).rc).toBe(4);
    expect(read(T.SYSCALL, `type=SYSCALL ${HEAD}syscall=1 a0=1 pid=2 `, NONE).rc).toBe(11);
    expect(read(T.SYSCALL, `type=SYSCALL ${HEAD}syscall=1 a0=1 a1=2 a2=3`, { ...NONE, pid: true }).rc).toBe(16);
    expect(read(T.SYSCALL, `type=SYSCALL ${HEAD}syscall=1 a0=1 a1=2 pid=3`, { ...NONE, pid: true }).rc).toBe(17);
    expect(read(T.SYSCALL, `type=SYSCALL ${HEAD}syscall=1 a0=11111111111111111 a1=2 `, NONE).rc).toBe(13);
  });

  it('wraps ids as C assigns them to 32-bit fields', () => {
    const line = `type=SYSCALL ${HEAD}arch=c000003e syscall=1 exit=0 a0=1 a1=2 pid=-2 auid=5 uid=4294967297 gid=1 euid=1 egid=1 comm="a" exe="b" `;
    const { rc, s } = read(T.SYSCALL, line, ALL);
    expect(rc).toBe(0);
    expect(s.pid).toBe(-2);
    expect(s.uid).toBe(1);
  });
});

describe('flavours', () => {
  it('aureport keeps absent text as undefined, copies values and reads PATH name kinds and AVC detail', () => {
    const path = `type=PATH ${HEAD}item=0 name="/etc/" inode=19 dev=fe:00 mode=040755 nametype=PARENT`;
    const r = read(T.PATH, path, ALL, AUREPORT).s;
    expect(r.filename).toEqual([{ str: '/etc/', key: 'PARENT' }]);
    expect(r.cwd).toBeUndefined();
    expect(read(T.PATH, path, ALL).s.filename).toEqual(['/etc/']);
    const avc =
      `type=AVC ${HEAD}avc:  denied  { read } for  pid=5 comm="cat" name="f" dev="sda" ino=1 ` +
      'scontext=u:r:a_t:s0 tcontext=u:r:b_t:s0 tclass=file permissive=0';
    const a = read(T.AVC, avc, ALL, AUREPORT).s;
    expect(a.avc).toEqual([{ scontext: 'u:r:a_t:s0', tcontext: 'u:r:b_t:s0', result: 1, perm: 'read', cls: 'file' }]);
    expect(a.success).toBe(S_FAILED);
    expect(read(T.AVC, avc, ALL).s.avc).toEqual([{ scontext: 'u:r:a_t:s0', tcontext: 'u:r:b_t:s0' }]);
  });
});

describe('other record types', () => {
  it('LOGIN without res= is a success (older kernels); its subject keeps "subj="', () => {
    const login = `type=LOGIN ${HEAD}pid=19694 uid=0 subj=x:y old-auid=4294967295 auid=1001 tty=(none) old-ses=4294967295 ses=610`;
    const { rc, s } = read(T.LOGIN, login, ALL);
    expect(rc).toBe(0);
    expect(s).toMatchObject({ pid: 19694, loginuid: 1001, session: 610, success: S_SUCCESS });
    expect(s.avc).toEqual([{ scontext: 'subj=x:y', tcontext: null }]);
  });

  it('SECCOMP without arch= stops before res=; NETFILTER_CFG fills defaults', () => {
    const seccomp = `type=SECCOMP ${HEAD}auid=1 uid=0 gid=0 ses=3 pid=9 comm="a" exe="/b" sig=0 res=0`;
    expect(read(T.SECCOMP, seccomp, ALL).s.success).toBe(-1);
    const cfg = read(T.NETFILTER_CFG, `type=NETFILTER_CFG ${HEAD}table=filter family=2 entries=1 pid=4 comm="c" `, ALL);
    expect(cfg.rc).toBe(64); // no subj=: the C code insists
    const cfg2 = read(T.NETFILTER_CFG, `type=NETFILTER_CFG ${HEAD}table=filter pid=4 subj=s comm="c" `, ALL).s;
    expect(cfg2).toMatchObject({ uid: 0, loginuid: 0xffffffff, terminal: '(none)', session: 0xffffffff, exe: '(null)' });
  });

  it('USER records: the second uid=, hostname falling back to addr=, res= up to a quote', () => {
    const user =
      `type=USER_LOGIN ${HEAD}pid=7 uid=0 auid=1000 ses=2 msg='op=login id=1000 exe="/usr/sbin/sshd" ` +
      "hostname=? addr=10.0.0.1 terminal=ssh res=failed'";
    const { rc, s } = read(T.USER_LOGIN, user, ALL);
    expect(rc).toBe(0);
    expect(s).toMatchObject({ pid: 7, uid: 0, loginuid: 1000, exe: '/usr/sbin/sshd', hostname: '10.0.0.1', terminal: 'ssh' });
    expect(s.success).toBe(S_FAILED);
  });
});

describe('sockaddr', () => {
  const host = (hex: string, aureport = false) => ({ ...sockaddrHost(hex, 0, true, true, aureport) });

  it('reads inet, inet6 and unix addresses', () => {
    expect(host('0200003500000000')).toMatchObject({ code: 1 }); // 8 bytes: too short for inet
    expect(host('020000357f000001' + '0'.repeat(16))).toEqual({ code: 0, host: '127.0.0.1', path: null });
    const v6 = `0a000035000000002001${'0'.repeat(24)}0001` + '02000000';
    expect(host(v6)).toEqual({ code: 0, host: '2001::1', path: null });
    expect(host(v6, true).host).toBe('2001::1%2');
    expect(host(`01002f7275${'00'.repeat(4)}`)).toEqual({ code: 0, host: null, path: '/ru' });
  });

  it('fails where C unescape() does: a lone "(", fewer than two hex digits', () => {
    expect(host('(null').code).toBe(4);
    expect(host('1').code).toBe(4);
  });
});

describe('formatIpv6', () => {
  const bytes = (...words: number[]) => new Uint8Array(words.flatMap((w) => [w >> 8, w & 255]));

  it('prints v4-compatible addresses as inet_ntop does only when asked', () => {
    const compat = bytes(0, 0, 0, 0, 0, 0, 0x0a00, 0x0001);
    expect(formatIpv6(compat, 0, true)).toBe('::10.0.0.1');
    expect(formatIpv6(compat)).toBe('::a00:1');
    expect(formatIpv6(bytes(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001))).toBe('::ffff:10.0.0.1');
    expect(formatIpv6(bytes(0xfe80, 0, 0, 0, 1, 0, 0, 1), 0, true)).toBe('fe80::1:0:0:1');
  });
});
