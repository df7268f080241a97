// aureport's rules that the corpus does not exercise much: event order behind a building event, C number
// conversions, escapes, TTY data, and parsers that drop an event when a field they need is missing.

import { describe, expect, it } from 'vitest';
import { extractItems, Items } from '../../../src/report/extract.js';
import { Grouper, parseHeader, type ReportEvent } from '../../../src/report/group.js';
import { wantOf } from '../../../src/report/kinds.js';
import { safe, ttyData } from '../../../src/report/text.js';

const rec = (type: string, sec: number, serial: number, body: string) => `type=${type} msg=audit(${sec}.000:${serial}): ${body}`;

function group(lines: string[]): ReportEvent[] {
  const out: ReportEvent[] = [];
  const g = new Grouper({ start: 0, end: 0, timeout: 2 }, (e) => out.push(e));
  for (const l of lines) g.add(l);
  g.end();
  return out;
}

describe('grouping (ausearch-lol.c)', () => {
  it('a complete event waits behind an older event that is still building, then both leave in time order', () => {
    const ev = group([
      rec('SYSCALL', 100, 1, 'syscall=2'),
      rec('USER_AUTH', 100, 2, "pid=1 msg='res=success'"),
      rec('PATH', 100, 1, 'name="/x"'),
    ]);
    expect(ev.map((e) => [e.serial, e.records.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  it('an event completes when a new one starts 2 s later; a late record then starts a new event', () => {
    const ev = group([rec('SYSCALL', 100, 1, 'a'), rec('SYSCALL', 102, 2, 'b'), rec('PATH', 100, 1, 'c')]);
    expect(ev.map((e) => [e.serial, e.records.map((r) => r.type)])).toEqual([
      [1, [1300]],
      [1, [1302]],
      [2, [1300]],
    ]);
  });

  it('a stray EOE is eaten; node= and UNKNOWN[n] headers are read', () => {
    const ev = group([rec('EOE', 100, 9, ''), `node=web1 ${rec('UNKNOWN[1999]', 100, 3, 'x=1')}`]);
    expect(ev.map((e) => [e.node, e.type, e.serial])).toEqual([['web1', 1999, 3]]);
    expect(parseHeader('garbage')).toBeUndefined();
  });
});

describe('C conversions', () => {
  it('control characters print as octal escapes; TTY input as quoted runs and named keys', () => {
    expect(safe('a\tb')).toBe('a\\011b');
    expect(safe(undefined)).toBe('(null)');
    expect(ttyData('6C730D')).toBe('"ls",<ret>');
    expect(ttyData('not hex')).toBe('not hex');
  });
});

describe('field extraction (ausearch-parse.c)', () => {
  const syscall = (extra: string) => ({
    type: 1300,
    msg: `type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 success=no exit=-2 a0=1 a1=2 a2=3 a3=4 items=1 ppid=1 pid=42 auid=1001 uid=0 gid=0 euid=0 tty=pts0 ses=3 comm="ls" ${extra}`,
  });

  it('a SYSCALL without exe= drops the event from reports that ask for exe, not from others', () => {
    const s = new Items();
    expect(extractItems([syscall('key=(null)')], wantOf('executable', false), s)).not.toBe(0);
    const t = new Items();
    expect(extractItems([syscall('key=(null)')], wantOf('event', false), t)).toBe(0);
    expect([t.pid, t.loginuid, t.success, t.syscall]).toEqual([42, 1001, 0, 59]);
  });

  it('keys: quoted, hex with 0x01 separators, and (null)', () => {
    const s = new Items();
    expect(extractItems([syscall('exe="/bin/ls" key=6101620163')], wantOf('key', false), s)).toBe(0);
    expect(s.key).toEqual(['a', 'b', 'c']);
    const n = new Items();
    extractItems([syscall('exe="/bin/ls" key=(null)')], wantOf('key', false), n);
    expect(n.key).toEqual(['(null)']);
  });

  it("a user message's hostname runs to the next comma anywhere in the record, as aureport reads it", () => {
    const s = new Items();
    const msg =
      'type=USER_LOGIN msg=audit(1.000:1): pid=5 uid=0 auid=1001 ses=1 msg=\'op=login acct="bob" exe="/usr/sbin/sshd" hostname=host1 addr=10.0.0.1 terminal=ssh res=failed, extra\'';
    expect(extractItems([{ type: 1112, msg }], wantOf('login', false), s)).toBe(0);
    expect(s.hostname).toBe('host1 addr=10.0.0.1 terminal=ssh res=failed');
    expect([s.acct, s.exe, s.terminal, s.success]).toEqual(['bob', '/usr/sbin/sshd', 'ssh', 0]);
  });
});
