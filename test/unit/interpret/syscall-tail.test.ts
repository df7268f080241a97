// A SYSCALL record read as its head plus a cached tail (src/parse/normalize/syscall-tail.ts) gives what the
// whole record gives; the tail's objects, shared between events, are frozen, and neither the ECS builder nor
// a later event changes them. The plain-argv path of reassembleArgv matches its general path.

import { describe, expect, it } from 'vitest';
import { EcsWriter } from '../../../src/ecs/document.js';
import { JsonBytes } from '../../../src/parse/json-bytes.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import { reassembleArgv } from '../../../src/parse/normalize/execve.js';
import { MainParts, recordData } from '../../../src/parse/normalize/record-data.js';
import { mainRecordData } from '../../../src/parse/normalize/syscall-tail.js';
import type { AuditRecord } from '../../../src/parse/record.js';
import { eventsOfFile } from '../../helpers/log-events.js';
import { recordOf } from '../../helpers/records.js';

const CORPUS = ['test/fixtures/corpus/real-small.log', 'test/fixtures/corpus/real-small-raw.log', 'test/fixtures/corpus/live-stream.log'];

const eventsOf = eventsOfFile;

function recordsOf(file: string): AuditRecord[] {
  return eventsOf(file).flat();
}

/** What the main record puts in an event's parts, as plain data. */
function partsOf(p: MainParts, tags: readonly string[] | undefined) {
  return {
    data: { ...p.data },
    dataKeys: Object.keys(p.data),
    ids: { ...p.ids },
    idKeys: Object.keys(p.ids),
    proc: { ...p.proc },
    selinux: { ...p.selinux },
    session: p.session,
    result: p.result,
    hasIds: p.nIds > 0,
    hasSelinux: p.nSelinux > 0,
    tags,
  };
}

const SYSCALL_LINE =
  'type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes exit=0 a0=55d0 a1=55d1 a2=55d2 a3=0 items=2 ppid=10 pid=11 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="id" exe="/usr/bin/id" subj=unconfined_u:unconfined_r:unconfined_t:s0 key="exec"\x1dARCH=x86_64 SYSCALL=execve AUID="labuser" UID="root" GID="root" EUID="root" SUID="root" FSUID="root" EGID="root" SGID="root" FSGID="root"';

describe('mainRecordData', () => {
  it.each(CORPUS)('%s: every SYSCALL record gives the parts, tags and raw fields the whole record gives', (file) => {
    const lookups = { ...TABLE_LOOKUPS };
    const syscalls = recordsOf(file).filter((r) => r.type === 1300);
    expect(syscalls.length).toBeGreaterThan(50);
    let split = 0;
    for (const pass of [1, 2]) {
      for (const r of syscalls) {
        const whole = new MainParts();
        const w = recordData(r, lookups, whole);
        const parts = new MainParts();
        const s = mainRecordData(r, lookups, parts);
        if (s === undefined) continue;
        split++;
        expect(partsOf(parts, s.tags), `pass ${pass}: ${r.line}`).toEqual(partsOf(whole, w.tags));
        for (const f of r.fields()) expect(s.view.get(f.key)).toBe(r.get(f.key));
        expect(s.view.get('no-such-key')).toBeUndefined();
        expect(s.view.isEnriched).toBe(r.isEnriched);
        expect(s.view.enriched()).toEqual(r.enriched());
      }
    }
    expect(split).toBe(2 * syscalls.length);
  });

  it('reads a record whole when its head could hide the split: quotes before auid=, an old two-word key', () => {
    const lookups = { ...TABLE_LOOKUPS };
    const quoted = recordOf(SYSCALL_LINE.replace('a0=55d0', 'a0="x auid=7 y"'));
    expect(mainRecordData(quoted, lookups, new MainParts())).toBeUndefined();
    const oldKey = recordOf(SYSCALL_LINE.replace('pid=11 auid=1001', 'pid=11 old auid=1001'));
    expect(mainRecordData(oldKey, lookups, new MainParts())).toBeUndefined();
    const noAuid = recordOf(SYSCALL_LINE.replace('auid=', 'loginuid='));
    expect(mainRecordData(noAuid, lookups, new MainParts())).toBeUndefined();
    const tab = recordOf(SYSCALL_LINE.replace('items=2 ppid', 'items=2\tppid'));
    expect(mainRecordData(tab, lookups, new MainParts())).toBeUndefined();
    const bareValue = recordOf(SYSCALL_LINE.replace('items=2', '=2'));
    expect(mainRecordData(bareValue, lookups, new MainParts())).toBeUndefined();
    for (const r of [quoted, oldKey, noAuid, tab, bareValue]) {
      const ev = normalizeEvent([r], { lookups, ids: null });
      expect(ev.process.exe).toBe('/usr/bin/id');
    }
  });

  it('reads the head as the lexer does: runs of spaces, empty values, a second = in a value', () => {
    const lookups = { ...TABLE_LOOKUPS };
    const r = recordOf(SYSCALL_LINE.replace('items=2 ppid=10', 'items=  x=a=b  y= ppid=10'));
    const s = splitSameAsWhole(r, lookups);
    for (const f of r.fields()) expect(s.view.get(f.key)).toBe(r.get(f.key));
    expect(s.view.get('x')).toBe('a=b');
  });

  it('a key in both head and tail keeps its place and takes the tail value, as in the whole record', () => {
    const lookups = { ...TABLE_LOOKUPS };
    const r = recordOf(SYSCALL_LINE.replace('items=2', 'tty=early items=2 uid=5 key=61'));
    const s = splitSameAsWhole(r, lookups);
    expect(s.tags).toEqual(['a', 'exec']); // head's (hex) then tail's
    expect(s.view.get('uid')).toBe('0');
  });
});

describe('the shared tail', () => {
  it('is handed to every event with the same tail, frozen', () => {
    const lookups = { ...TABLE_LOOKUPS };
    const a = normalizeEvent([recordOf(SYSCALL_LINE)], { lookups, ids: null });
    const b = normalizeEvent([recordOf(SYSCALL_LINE.replace(':42)', ':43)').replace('pid=11', 'pid=12'))], { lookups, ids: null });
    expect(b.user.ids).toBe(a.user.ids);
    expect(b.user.names).toBe(a.user.names);
    expect(b.user.selinux).toBe(a.user.selinux);
    expect(b.tags).toBe(a.tags);
    expect(b.process.pid).toBe('12');
    expect(a.user.names).toEqual({
      auid: 'labuser',
      uid: 'root',
      gid: 'root',
      euid: 'root',
      suid: 'root',
      fsuid: 'root',
      egid: 'root',
      sgid: 'root',
      fsgid: 'root',
    });
    for (const o of [a.user.ids, a.user.names, a.user.selinux, a.tags]) expect(Object.isFrozen(o)).toBe(true);
    expect(() => {
      a.user.ids!.auid = '0';
    }).toThrow(TypeError);
    expect(() => a.tags!.push('x')).toThrow(TypeError);
  });

  it.each(CORPUS)('%s: building ECS documents changes no normalized event (nor the cache behind it)', (file) => {
    const lookups = { ...TABLE_LOOKUPS };
    const events = eventsOf(file);
    const before = events.map((rs) => JSON.stringify(normalizeEvent(rs, { lookups, ids: null })));
    // the ECS builder takes the normalized event's objects over; with shared ones, a change would show below
    // (or throw: they are frozen)
    const normalized = events.map((rs) => normalizeEvent(rs, { lookups, ids: null }));
    const writer = new EcsWriter({ lookups, ids: null });
    const out = new JsonBytes();
    for (let i = 0; i < events.length; i++) {
      out.reset();
      writer.write(out, normalized[i]!, events[i]);
      const doc = JSON.parse(out.buf.toString('utf8', 0, out.pos)) as Record<string, unknown>;
      expect(JSON.stringify(normalized[i])).toBe(before[i]);
      expect(doc['@timestamp']).toBe(normalized[i]!['@timestamp']);
    }
    const after = events.map((rs) => JSON.stringify(normalizeEvent(rs, { lookups, ids: null })));
    expect(after).toEqual(before);
  });
});

/** mainRecordData of a SYSCALL record, after checking it puts the same parts as reading the record whole. */
function splitSameAsWhole(r: AuditRecord, lookups: typeof TABLE_LOOKUPS) {
  const whole = new MainParts();
  const w = recordData(r, lookups, whole);
  const parts = new MainParts();
  const s = mainRecordData(r, lookups, parts)!;
  expect(partsOf(parts, s.tags)).toEqual(partsOf(whole, w.tags));
  return s;
}

describe('reassembleArgv: one plain record', () => {
  const execve = (body: string) => recordOf(`type=EXECVE msg=audit(1700000000.123:9): ${body}`);
  // A second record without arguments sends the same argv down the general path.
  const general = (r: AuditRecord) => reassembleArgv([r, execve('x=1')]);

  it.each([
    'argc=3 a0="ls" a1="-l" a2="/tmp"',
    'argc=2 a0="echo" a1=68656C6C6F20776F726C64',
    'argc=1 a0=""',
    'argc=0',
    'argc=3 a0="ls" a1="-l"',
    'argc=2 a0="ls" a1="-l" a2="/"',
    'argc=2 a1="-l" a0="ls"',
    'argc=2 a0="ls" a0="-l"',
    'argc=2 a0="ls" a1_len=4 a1[0]=2D6C',
    'a0="ls" a1="-l"',
    'argc=x a0="ls"',
  ])('%s', (body) => {
    const r = execve(body);
    expect(reassembleArgv([r])).toEqual(general(r));
  });

  it.each(CORPUS)('%s: every EXECVE record', (file) => {
    const execves = recordsOf(file).filter((r) => r.type === 1309);
    expect(execves.length).toBeGreaterThan(10);
    for (const r of execves) expect(reassembleArgv([r])).toEqual(general(r));
  });
});
