// normalizeEvent on hand-written events: generic actions with warnings for what the table does not map,
// argv gaps reported, and no input that makes it throw.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import { reassembleArgv } from '../../../src/parse/normalize/execve.js';
import { type AuditRecord, isRecordError, parseRecord } from '../../../src/parse/record.js';

const opts = { lookups: TABLE_LOOKUPS, ids: null };

function records(...lines: string[]): AuditRecord[] {
  return lines.map((l) => {
    const r = parseRecord(l);
    if (isRecordError(r)) throw new Error(r.reason);
    return r;
  });
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
    const ev = normalizeEvent(records('type=CWD msg=audit(1700000000.001:9): cwd="/"', 'type=PATH msg=audit(1700000000.001:9): item=0 name="/x"'), opts);
    expect(ev.record_type).toBe('cwd');
    expect(ev.warnings?.[0]).toMatch(/no normalization/);
    expect(normalizeEvent([], opts).warnings).toEqual(['empty event']);
  });

  it('reports missing EXECVE arguments and chunks instead of dropping them silently', () => {
    const argv = reassembleArgv(
      records('type=EXECVE msg=audit(1700000000.001:10): argc=4 a0="x" a2="" a3_len=8 a3[0]=41424344'),
    );
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
            fc.constantFrom('arch', 'syscall', 'a0', 'a1', 'argc', 'a1_len', 'a1[0]', 'saddr', 'mode', 'name', 'subj', 'auid', 'uid', 'res', 'exit', 'key', 'proctitle', 'msg'),
            fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF') }), fc.string(), fc.constantFrom('c000003e', '59', '"x"', "'op=x res=1'", '(null)', '-13', '0100644')),
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
