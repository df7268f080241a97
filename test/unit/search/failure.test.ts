// -sv no drops events by their text before extraction (src/search/failure.ts). The drop must never lose an
// event ausearch selects: failures written by every scan that can write one (success=, numeric and word
// res=, result=, an AVC's denied), values that are neither yes nor no, markers in another field of a
// successful record, a later record of an event turning its success around, and markers in records whose
// scans read no result. Checked against ausearch itself, and the test's own cases.

import { describe, expect, it } from 'vitest';
import { mayFail } from '../../../src/search/failure.js';
import { AUDIT_MESSAGE as T } from '../../../src/tables/message-types-data.js';
import { ausearch, HAVE_AUSEARCH, search, tempLog } from './harness.js';

describe('mayFail', () => {
  it.each([
    ['success=no exit=-13', true],
    ['success=yes exit=3', false],
    ['success=maybe exit=3', true],
    ['success=yes', true], // no space after it: may be anything up to one
    ['success=yesterday exit=3', true],
    ['success=yes exit=3 comm="res=0"', true],
    ['success=yes comm="success=no" exe="/x"', true],
    ["msg='op=login res=failed'", true],
    ["msg='op=login res=success'", true], // some scans read res= as a number: "success" is 0
    ['res=1', true],
    ['(hostname=?, addr=?, terminal=pts/0 result=Authentication failure)', true],
    ['avc:  denied  { read } for pid=1', true],
    ['avc:  granted  { setenforce } for pid=1', false],
    ['proctitle=2F62696E2F7368', false],
  ])('%s: %s', (body, expected) => {
    expect(mayFail(T.SYSCALL, `type=X msg=audit(1.000:1): ${body}`)).toBe(expected);
  });

  it('does not read the records whose scans read no result', () => {
    for (const type of [T.PATH, T.CWD, T.PROCTITLE, T.EXECVE, T.SOCKADDR])
      expect(mayFail(type, 'name="res=0" success=no denied')).toBe(false);
    for (const type of [T.USER_LOGIN, T.LOGIN, T.AVC, T.CONFIG_CHANGE, T.ANOM_ABEND, 9999]) expect(mayFail(type, 'x res=0')).toBe(true);
  });
});

const SYSCALL_TAIL =
  'a0=1 a1=0 a2=0 a3=0 items=0 ppid=1 pid=100 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1';

/** Events a second apart, each one or more records (header built here). */
function log(events: string[][]): string {
  return events
    .map((records, i) => records.map((r) => `type=${r.replace(' ', ` msg=audit(${1795272300 + i}.000:${800 + i}): `)}\n`).join(''))
    .join('');
}

const EVENTS: string[][] = [
  [`SYSCALL arch=c000003e syscall=2 success=no exit=-13 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`],
  [`SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`],
  [`SYSCALL arch=c000003e syscall=2 success=maybe exit=3 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`],
  [`SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="res=0" exe="/usr/bin/cat" key=(null)`],
  [`SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="success=no" exe="/usr/bin/cat" key=(null)`],
  [
    `SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`,
    'AVC avc:  denied  { read } for  pid=100 comm="cat" name="x" dev="sda1" ino=1 scontext=u:r:a tcontext=u:r:b tclass=file permissive=0',
  ],
  [
    'AVC avc:  denied  { read } for  pid=100 comm="cat" name="x" dev="sda1" ino=1 scontext=u:r:a tcontext=u:r:b tclass=file permissive=0',
    `SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`,
  ],
  [
    'USER_LOGIN pid=1 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login acct="x" exe="/usr/sbin/sshd" hostname=? addr=10.0.0.1 terminal=sshd res=failed\'',
  ],
  [
    'USER_LOGIN pid=1 uid=0 auid=1000 ses=3 msg=\'op=login id=1000 exe="/usr/sbin/sshd" hostname=? addr=10.0.0.1 terminal=/dev/pts/0 res=success\'',
  ],
  ['LOGIN pid=1 uid=0 subj=unconfined old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=3 res=0'],
  ['LOGIN pid=1 uid=0 subj=unconfined old-auid=4294967295 auid=1000 tty=(none) old-ses=4294967295 ses=3 res=1'],
  ['LOGIN pid=1 uid=0 old auid=4294967295 new auid=1000 old ses=4294967295 new ses=3'],
  ['CONFIG_CHANGE auid=1000 ses=1 op=add_rule key="k" list=4 res=0'],
  ['CONFIG_CHANGE auid=1000 ses=1 op=add_rule key="k" list=4 res=success'],
  ['CONFIG_CHANGE auid=1000 ses=1 op=remove_rule key="k" list=4 res=1'],
  ['DAEMON_START op=start ver=3.0.9 format=enriched kernel=6.1.0 auid=4294967295 pid=1 uid=0 ses=4294967295 subj=unconfined res=failed'],
  [
    'USER_AUTH pid=1 uid=0 auid=0 msg=\'PAM authentication acct=root : exe="/bin/su" (hostname=?, addr=?, terminal=pts/0 result=Authentication failure)\'',
  ],
  ['ANOM_ABEND auid=1000 uid=1000 gid=1000 ses=2 pid=5 comm="x" exe="/usr/bin/x" sig=11 res=0'],
  ['ANOM_ABEND auid=1000 uid=1000 gid=1000 ses=2 pid=5 comm="x" exe="/usr/bin/x" sig=11 res=1'],
  ['PROCTITLE proctitle=2F62696E2F7368'],
  [
    `SYSCALL arch=c000003e syscall=2 success=yes exit=3 ${SYSCALL_TAIL} comm="cat" exe="/usr/bin/cat" key=(null)`,
    'CWD cwd="/tmp/res=0"',
    'PATH item=0 name="/tmp/res=0/denied" inode=1 dev=08:01 mode=0100644 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  ],
];

describe.skipIf(!HAVE_AUSEARCH)('-sv with failures written every way, against ausearch', () => {
  const file = tempLog('failures.log', () => log(EVENTS));

  const QUERIES = [
    ['-sv', 'no', '--raw'],
    ['-sv', 'no'],
    ['-sv', 'yes', '--raw'],
    ['-m', 'SYSCALL', '-sv', 'no', '--raw'],
    ['-m', 'LOGIN,CONFIG_CHANGE', '-sv', 'no', '--raw'],
    ['-sv', 'no', '-k', 'k', '--raw'],
    ['-sv', 'no', '-i'],
  ];
  it.each(QUERIES.map((q) => [q.join(' '), q]))('%s', async (_name, query) => {
    const args = ['-if', file(), ...query];
    const a = ausearch(args);
    const t = await search(args);
    expect(t.stdout.toString('latin1')).toBe(a.stdout.toString('latin1'));
    expect(t.status).toBe(a.status);
  });

  it('the log has failures the marks must keep and successes they may drop', () => {
    const a = ausearch(['-if', file(), '-sv', 'no', '--raw']);
    const kept = a.stdout.toString('latin1').split('\n').filter(Boolean).length;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(log(EVENTS).split('\n').length - 5);
  });
});
