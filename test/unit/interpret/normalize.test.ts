// normalizeEvent on hand-written events: generic actions with warnings for what the table does not map,
// argv gaps reported, and no input that makes it throw.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdResolver } from '../../../src/ids.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import { reassembleArgv } from '../../../src/parse/normalize/execve.js';
import { type AuditRecord, isRecordError, parseRecord } from '../../../src/parse/record.js';
import { recordOf } from '../../helpers/records.js';

const opts = { lookups: TABLE_LOOKUPS, ids: null };

function records(...lines: string[]): AuditRecord[] {
  return lines.map(recordOf);
}

const SYSCALL_READ =
  'type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=39 success=yes exit=5 a0=3 a1=7ffd a2=5 a3=0 items=0 ppid=1 pid=2 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=3 comm="cat" exe="/usr/bin/cat" key="rd"';

describe('normalizeEvent', () => {
  it('gives an unmapped syscall a generic action and a warning', () => {
    const ev = normalizeEvent(records(SYSCALL_READ), opts);
    expect(ev.data?.syscall).toBe('getpid');
    expect(ev.summary.action).toBe('called-getpid');
    expect(ev.warnings).toEqual(['no action for syscall getpid']);
    expect(ev.ecs?.event.category).toEqual(['process']); // the catch-all still categorizes
    expect(ev.tags).toEqual(['rd']);
    expect(ev['@timestamp']).toBe('2023-11-14T22:13:20.123Z');
  });

  it('gives an unmapped record type a generic action and a warning', () => {
    const ev = normalizeEvent(records('type=UNKNOWN[1999] msg=audit(1700000000.001:7): foo=bar res=1'), opts);
    expect(ev.record_type).toBe('unknown[1999]');
    expect(ev.category).toBe('unknown');
    expect(ev.summary.action).toBe('logged-unknown[1999]');
    expect(ev.warnings).toEqual(['no normalization for record type UNKNOWN[1999]']);
    expect(ev.result).toBe('success');
  });

  it('uses the first non-auxiliary record for the type even when PROCTITLE arrives first', () => {
    const ev = normalizeEvent(
      records(
        'type=PROCTITLE msg=audit(1700000000.001:8): proctitle=6C73002F746D70',
        SYSCALL_READ.replace(':42)', ':8)').replace('syscall=39', 'syscall=2'),
      ),
      opts,
    );
    expect(ev.record_type).toBe('syscall');
    expect(ev.summary.action).toBe('opened-file');
    expect(ev.process.title).toBe('ls /tmp');
  });

  it('handles an event without a SYSCALL record and an empty one', () => {
    const ev = normalizeEvent(
      records('type=CWD msg=audit(1700000000.001:9): cwd="/"', 'type=PATH msg=audit(1700000000.001:9): item=0 name="/x"'),
      opts,
    );
    expect(ev.record_type).toBe('cwd');
    expect(ev.warnings?.[0]).toMatch(/no normalization/);
    expect(normalizeEvent([], opts).warnings).toEqual(['empty event']);
  });

  it('reports missing EXECVE arguments and chunks instead of dropping them silently', () => {
    const argv = reassembleArgv(records('type=EXECVE msg=audit(1700000000.001:10): argc=4 a0="x" a2="" a3_len=8 a3[0]=41424344'));
    expect(argv.args).toEqual(['x', '', 'ABCD']);
    expect(argv.warnings).toEqual(['EXECVE: 1 of 4 argument(s) missing (argc=4)']);
    const short = reassembleArgv(records('type=EXECVE msg=audit(1700000000.001:11): argc=2 a0="x" a1_len=10 a1[0]=4142'));
    expect(short.args).toEqual(['x', 'AB']);
    expect(short.warnings).toEqual(['EXECVE a1: expected 10 bytes of chunks, got 4']);
  });

  it('never throws, whatever the records', () => {
    const line = fc
      .tuple(
        fc.constantFrom('SYSCALL', 'PATH', 'EXECVE', 'SOCKADDR', 'PROCTITLE', 'USER_LOGIN', 'AVC', 'CWD', 'LOGIN', 'UNKNOWN[1234]'),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'arch',
              'syscall',
              'a0',
              'a1',
              'argc',
              'a1_len',
              'a1[0]',
              'saddr',
              'mode',
              'name',
              'subj',
              'auid',
              'uid',
              'res',
              'exit',
              'key',
              'proctitle',
              'msg',
            ),
            fc.oneof(
              fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF') }),
              fc.string(),
              fc.constantFrom('c000003e', '59', '"x"', "'op=x res=1'", '(null)', '-13', '0100644'),
            ),
          ),
          { maxLength: 12 },
        ),
      )
      .map(([t, kv]) => `type=${t} msg=audit(1700000000.001:1): ${kv.map(([k, v]) => `${k}=${v.replace(/[\s\n]/g, '')}`).join(' ')}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const recs = lines.map((l) => parseRecord(l)).filter((r): r is AuditRecord => !isRecordError(r));
        const ev = normalizeEvent(recs, opts);
        JSON.stringify(ev);
        return typeof ev.summary === 'object';
      }),
      { numRuns: 500 },
    );
  });
});

describe('reassembleArgv on corrupt input', () => {
  it('does not loop over a huge argc or argument index', () => {
    const argv = reassembleArgv(
      records('type=EXECVE msg=audit(1700000000.001:12): argc=4000000000 a0="x" a3999999999="y" a1_len=4 a1[99999999]=4142'),
    );
    expect(argv.args).toEqual(['x', 'AB', 'y']);
    expect(argv.warnings).toContain('EXECVE: 3999999997 of 4000000000 argument(s) missing (argc=4000000000)');
  });
});

describe('summary.actor names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-actor-'));
  writeFileSync(join(dir, 'passwd'), 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/:/bin/sh\n');
  writeFileSync(join(dir, 'group'), 'root:x:0:\n');
  const ids = new IdResolver({ passwdFile: join(dir, 'passwd'), groupFile: join(dir, 'group') });
  const GS = '\x1d';

  it('names a RAW actor from passwd when ids are resolved, and keeps ids with -id=false', () => {
    const ev = normalizeEvent(records(SYSCALL_READ), { lookups: TABLE_LOOKUPS, ids });
    expect(ev.summary.actor).toEqual({ primary: 'alice', secondary: 'root' });
    expect(ev.user.ids).toMatchObject({ auid: '1000', uid: '0' }); // the ids themselves stay numeric
    expect(normalizeEvent(records(SYSCALL_READ), opts).summary.actor).toEqual({ primary: '1000', secondary: '0' });
  });

  it('prefers the ENRICHED names of the log over this host', () => {
    const line = `${SYSCALL_READ.replace('auid=1000 uid=0', 'auid=1001 uid=1000')}${GS}ARCH=x86_64 SYSCALL=getpid AUID="carol" UID="dave"`;
    const ev = normalizeEvent(records(line), { lookups: TABLE_LOOKUPS, ids });
    expect(ev.summary.actor).toEqual({ primary: 'carol', secondary: 'dave' });
    expect(normalizeEvent(records(line), opts).summary.actor).toEqual({ primary: '1001', secondary: '1000' });
  });

  it('names the subject of a mapped user record (USER_LOGIN id=) and leaves unknown ids, unset and names alone', () => {
    const login =
      'type=USER_LOGIN msg=audit(1700000000.200:50): pid=9 uid=0 auid=4294967295 ses=4294967295 msg=\'op=login id=1001 exe="/usr/sbin/sshd" hostname=h addr=10.0.0.1 terminal=/dev/pts/1 res=success\'';
    const ev = normalizeEvent(records(login), { lookups: TABLE_LOOKUPS, ids });
    expect(ev.summary.actor).toEqual({ primary: 'unset', secondary: 'bob' });
    const unknown = normalizeEvent(records(SYSCALL_READ.replace('auid=1000', 'auid=4242')), { lookups: TABLE_LOOKUPS, ids });
    expect(unknown.summary.actor).toEqual({ primary: '4242', secondary: 'root' });
    const acct = login.replace('id=1001', 'acct="bob"');
    expect(normalizeEvent(records(acct), { lookups: TABLE_LOOKUPS, ids }).summary.actor.secondary).toBe('bob');
  });
});
