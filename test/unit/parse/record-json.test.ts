// Record-level JSON, value by value: what go-libaudit's auparse makes of each field (facts from its
// auparse.go and sockaddr.go), where we keep more, and --raw-values. Each case checks the object form and
// that the JSON text reads back as the same object.

import { describe, expect, it } from 'vitest';
import { recordJSON, recordToPlain } from '../../../src/parse/record-json.js';
import { recordOf } from '../../helpers/records.js';

const H = (type: string) => `type=${type} msg=audit(1500661699.656:1208725): `;

function plain(line: string, rawValues = false): Record<string, unknown> {
  const r = recordOf(line);
  const obj = recordToPlain(r, { rawValues });
  expect(JSON.parse(recordJSON(r, { rawValues }))).toEqual(JSON.parse(JSON.stringify(obj)));
  return obj;
}

/** The data members only. */
function data(line: string, rawValues = false): Record<string, unknown> {
  const { '@timestamp': _t, record_type: _r, sequence: _s, raw_msg: _m, ...rest } = plain(line, rawValues);
  return rest;
}

describe('record JSON in go-libaudit shape', () => {
  it('decodes hex-encoded strings: cwd (the RHEL 7 "/tmp/a b c"), exe, comm, name, cmd, acct', () => {
    expect(data(`${H('CWD')} cwd=2F746D702F6120622063`)).toEqual({ cwd: '/tmp/a b c' });
    expect(data(`${H('PATH')}item=0 name=2F746D702F612062 nametype=NORMAL`)).toEqual({ item: '0', name: '/tmp/a b', nametype: 'NORMAL' });
    expect(data(`${H('USER_CMD')}pid=1 uid=0 auid=0 ses=1 msg='cwd="/" cmd=6C73202D6C terminal=pts/0 res=success'`)).toMatchObject({
      cmd: 'ls -l',
      result: 'success',
    });
    expect(data(`${H('ANOM_ABEND')}auid=0 uid=0 pid=7 comm=6120622063 exe=2F62696E2F612062 sig=11 res=1`)).toMatchObject({
      comm: 'a b c',
      exe: '/bin/a b',
      sig: '11',
    });
  });

  it('a quoted value is never hex; a bare word that is not hex stays', () => {
    expect(data(`${H('CWD')}cwd="2F746D70"`)).toEqual({ cwd: '2F746D70' });
    expect(data(`${H('PATH')}item=0 name=(null) inode=5`)).toEqual({ item: '0', inode: '5' });
  });

  it('proctitle: hex decoded, its NUL separators as spaces', () => {
    expect(data(`${H('PROCTITLE')}proctitle=2F7573722F7362696E2F617564697464002D6E`)).toEqual({ proctitle: '/usr/sbin/auditd -n' });
    expect(data(`${H('PROCTITLE')}proctitle="bash"`)).toEqual({ proctitle: 'bash' });
  });

  it('EXECVE arguments and their chunks decoded; TTY data decoded, data= elsewhere not', () => {
    expect(data(`${H('EXECVE')}argc=3 a0="echo" a1=68C3A96C6C6F a2=""`)).toEqual({ argc: '3', a0: 'echo', a1: 'héllo', a2: '' });
    expect(data(`${H('EXECVE')}argc=2 a0="x" a1_len=6 a1[0]=616263 a1[1]=646566`)).toEqual({
      argc: '2',
      a0: 'x',
      a1_len: '6',
      'a1[0]': 'abc',
      'a1[1]': 'def',
    });
    expect(data(`${H('TTY')}tty=pts0 ses=1 comm="bash" data=6C730D`)).toMatchObject({ data: 'ls\r' });
    expect(data(`${H('USER_TTY')}pid=1 uid=0 auid=0 ses=1 data=6C73`)).toMatchObject({ data: 'ls' });
  });

  it('SOCKADDR saddr: family and its parts, unknown families kept', () => {
    expect(data(`${H('SOCKADDR')}saddr=02000050A9FEA9FE0000000000000000`)).toEqual({ family: 'ipv4', addr: '169.254.169.254', port: '80' });
    expect(data(`${H('SOCKADDR')}saddr=0A001F90000000002001067C2564A17000000000000000010000000000`)).toEqual({
      family: 'ipv6',
      addr: '2001:67c:2564:a170::1',
      port: '8080',
    });
    expect(data(`${H('SOCKADDR')}saddr=01007075626C69632F7069636B75700000000000`)).toEqual({ family: 'unix', path: 'public/pickup' });
    expect(data(`${H('SOCKADDR')}saddr=0100002F6F72672F6B65726E656C00`)).toEqual({ family: 'unix', path: '@/org/kernel' }); // abstract
    expect(data(`${H('SOCKADDR')}saddr=100000000000000000000000`)).toEqual({ family: 'netlink', saddr: '100000000000000000000000' });
    expect(data(`${H('SOCKADDR')}saddr=2C000000`)).toEqual({ family: '44', saddr: '2C000000' });
    expect(data(`${H('SOCKADDR')}saddr=0200`)).toEqual({ saddr: '0200' }); // too short for inet
  });

  it('exit by errno name when negative; arch, syscall, SECCOMP sig by name; unset ids', () => {
    const d = data(
      `${H('SYSCALL')}arch=c000003e syscall=2 success=no exit=-13 a0=1 items=1 auid=4294967295 uid=890 ses=-1 comm="pickup" exe="/x" key=(null)`,
    );
    expect(d).toEqual({
      arch: 'x86_64',
      syscall: 'open',
      exit: 'EACCES',
      a0: '1',
      items: '1',
      auid: 'unset',
      uid: '890',
      ses: 'unset',
      comm: 'pickup',
      exe: '/x',
      result: 'fail',
    });
    expect(data(`${H('SYSCALL')}arch=c000003e syscall=42 success=no exit=-115`)).toMatchObject({ exit: 'EINPROGRESS' });
    expect(data(`${H('SYSCALL')}arch=c000003e syscall=0 success=yes exit=464`)).toMatchObject({ exit: '464' });
    expect(data(`${H('SECCOMP')}auid=1 uid=2 sig=31 arch=40000003 syscall=132 code=0x0`)).toMatchObject({
      sig: 'SIGSYS',
      arch: 'i386',
      syscall: 'getpgid',
    });
  });

  it('key= becomes keys[] (hex lists decoded, (null) none); success=/res= become result', () => {
    expect(plain(`${H('SYSCALL')}arch=c000003e syscall=59 success=yes exit=0 key=65786563013634626974`)).toMatchObject({
      keys: ['exec', '64bit'],
      result: 'success',
    });
    expect(plain(`${H('CONFIG_CHANGE')}auid=1 ses=2 op=add_rule key="passwd" list=4 res=1`)).toMatchObject({
      keys: ['passwd'],
      result: 'success',
    });
    const none = plain(`${H('SYSCALL')}arch=c000003e syscall=59 success=yes exit=0 key=(null)`);
    expect(none).not.toHaveProperty('keys');
    expect(none).not.toHaveProperty('key');
    expect(none).not.toHaveProperty('success');
  });

  it('subj (and a PATH obj) split as SELinux contexts; AppArmor labels and other obj= stay', () => {
    expect(data(`${H('USER_ACCT')}pid=1 uid=0 subj=system_u:system_r:crond_t:s0-s0:c0.c1023 msg='op=x res=success'`)).toMatchObject({
      subj_user: 'system_u',
      subj_role: 'system_r',
      subj_domain: 'crond_t',
      subj_level: 's0-s0',
      subj_category: 'c0.c1023',
    });
    expect(data(`${H('PATH')}item=0 obj=system_u:object_r:su_exec_t:s0`)).toEqual({
      item: '0',
      obj_user: 'system_u',
      obj_role: 'object_r',
      obj_domain: 'su_exec_t',
      obj_level: 's0',
    });
    expect(data(`${H('SYSCALL')}arch=c000003e syscall=0 subj=unconfined`)).toMatchObject({ subj: 'unconfined' });
    expect(data(`${H('IPC')}ouid=0 obj=system_u:object_r:x_t:s0`)).toMatchObject({ obj: 'system_u:object_r:x_t:s0' });
  });

  it('SELinux AVC text as seresult/seperms; old LOGIN and PAM spellings', () => {
    expect(data(`${H('AVC')}avc:  denied  { read write } for  pid=1 comm="x" tclass=dir`)).toEqual({
      seresult: 'denied',
      seperms: 'read,write',
      pid: '1',
      comm: 'x',
      tclass: 'dir',
    });
    expect(data(`${H('LOGIN')}login pid=13015 uid=0 old auid=4294967295 new auid=0 old ses=1 new ses=2`)).toEqual({
      pid: '13015',
      uid: '0',
      old_auid: '4294967295',
      new_auid: '0',
      old_ses: '1',
      new_ses: '2',
    });
    expect(
      data(
        `${H('USER_END')}user pid=1 uid=0 auid=0 msg='PAM: session close acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)'`,
      ),
    ).toEqual({
      pid: '1',
      uid: '0',
      auid: '0',
      acct: 'root',
      exe: '/usr/sbin/crond',
      terminal: 'cron',
      result: 'success',
    });
  });

  it('leaves out "no value" (? and (null)) but keeps an empty value; inner msg fields win', () => {
    expect(data(`${H('USER_LOGIN')}pid=1 uid=0 auid=5 msg='op=login uid=7 hostname=? addr=? mac= res=failed'`)).toEqual({
      pid: '1',
      uid: '7',
      auid: '5',
      op: 'login',
      mac: '',
      result: 'fail',
    });
  });

  it('raw_msg is everything after msg= as read, ENRICHED part included; the interpretations under enriched', () => {
    const line = `${H('CWD')}cwd="/root"\x1dUID="root" AUID="labuser"`;
    expect(plain(line)).toEqual({
      '@timestamp': '2017-07-21T18:28:19.656Z',
      record_type: 'CWD',
      sequence: 1208725,
      raw_msg: line.slice(line.indexOf('msg=') + 4),
      cwd: '/root',
      enriched: { UID: 'root', AUID: 'labuser' },
    });
    expect(plain(`node=web1 ${line}`)).toMatchObject({ node: 'web1' });
  });

  it('--raw-values: every field as logged, nothing added or left out', () => {
    expect(
      data(`${H('SYSCALL')}arch=c000003e syscall=2 success=no exit=-13 auid=4294967295 subj=a:b:c:s0 exe=2F78 key=(null)`, true),
    ).toEqual({
      arch: 'c000003e',
      syscall: '2',
      success: 'no',
      exit: '-13',
      auid: '4294967295',
      subj: 'a:b:c:s0',
      exe: '2F78',
      key: '(null)',
    });
    expect(data(`${H('SOCKADDR')}saddr=02000050A9FEA9FE0000000000000000`, true)).toEqual({ saddr: '02000050A9FEA9FE0000000000000000' });
  });

  it('a field named like a member of the object does not overwrite it; __proto__ is a plain member', () => {
    const d = plain(`${H('USER')}pid=1 sequence=5 raw_msg=x __proto__=y msg='hello'`);
    expect(d.sequence).toBe(1208725);
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(d, '__proto__')).toBe(true);
  });
});

// The writer keeps output by record text (from the body on) and, for SYSCALL, by the fields before and after
// a0..pid; a record whose text was seen before must still come out exactly as recordToPlain says.
describe('record JSON from the caches', () => {
  /** recordJSON is JSON.stringify of recordToPlain whenever no key repeats (then the object keeps only the last). */
  const same = (line: string) => {
    const r = recordOf(line);
    expect(recordJSON(r)).toBe(`${JSON.stringify(recordToPlain(r))}\n`);
  };
  const G = '\x1d';
  const T = (serial: number, node = '') => `${node}type=SYSCALL msg=audit(17000000${serial}.${serial % 1000}:${serial}): `;

  it('a record text seen before, under another header (time, serial, node), a CR at its end', () => {
    const rest = ['PATH', `item=0 name="/etc/a b" inode=5 mode=0100644 ouid=0 nametype=NORMAL${G}OUID="root"`];
    for (const [i, node] of ['', 'node=h1 ', 'node=h\u00e9 ', ''].entries())
      same(`${node}type=${rest[0]} msg=audit(1700000000.${i}:${90 + i}): ${rest[1]}`);
    for (let i = 0; i < 3; i++) same(`type=CWD msg=audit(1700000001.00${i}:${i}): cwd=2F746D70${i === 2 ? '\r' : ''}`);
    for (let i = 0; i < 3; i++)
      same(`type=SOCKADDR msg=audit(1700000002.00${i}:${i}): saddr=02000050A9FEA9FE0000000000000000${G}SADDR={ x }`);
  });

  it('SYSCALL: the fields around a0..pid cached, result and keys from either side, arguments each time', () => {
    const head = (ok: string) => `arch=c000003e syscall=59 success=${ok} exit=0`;
    const tail = ` auid=4294967295 uid=0 ses=4294967295 comm="ls" exe="/usr/bin/ls" subj=u:r:t:s0 key=6578656301726F6F74${G}ARCH=x86_64 AUID="unset"`;
    for (let i = 0; i < 4; i++)
      same(`${T(i)}${head(i % 2 ? 'yes' : 'no')} a0=${i} a1=7ffd a2=0 a3=${i * 7} items=2 ppid=${i + 1} pid=${i + 2}${tail}`);
    // the tail's key= and the head's success= seen in other combinations
    same(`${T(5)}${head('yes')} a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2 auid=1000 key=(null)`);
    same(`${T(6)}${head('no')} a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2${tail}`);
    same(`${T(7, 'node=n ')}arch=40000003 syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2${tail}`);
  });

  it('SYSCALL: a syscall= after the run is named by the arch= before it, never from another record', () => {
    const tail = ' syscall=59 comm="x"';
    same(`${T(8)}arch=c000003e a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2${tail}`); // execve on x86_64
    same(`${T(9)}arch=40000003 a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2${tail}`); // oldolduname on i386
    const i386 = JSON.parse(recordJSON(recordOf(`${T(9)}arch=40000003 a0=1 a1=2 a2=3 a3=4 items=0 ppid=1 pid=2${tail}`)));
    expect(i386.syscall).toBe('oldolduname');
  });

  it('SYSCALL: a quoted value before a0.. that holds " a0=" or " pid=" is one value, not a split point', () => {
    for (let i = 0; i < 2; i++) same(`${T(10 + i)}arch=c000003e comm="x a0=1 pid=2 y" a0=${i} a1=2 a2=3 a3=4 items=0 ppid=1 pid=2 uid=0`);
    for (let i = 0; i < 2; i++) same(`${T(12 + i)}arch=c000003e syscall=1 a0=${i} a1=2 a2=3 a3=4 items=0 ppid=1 pid=2 msg='op=x res=yes'`);
  });
});
