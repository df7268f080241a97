// ECS documents beyond Auditbeat's goldens: the real corpus (ENRICHED and raw), names from the log itself,
// SOCKADDR data, ids kept numeric when resolution is off, and the JSON line the `ecs` format writes.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EcsDocument, ecsDocument } from '../../../src/ecs/document.js';
import { readEcsIds } from '../../../src/ecs/ids.js';
import { ECS_VERSION, ecsSerializer } from '../../../src/ecs/serialize.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { type AuditEvent, EventAssembler } from '../../../src/parse/reassemble.js';
import { type AuditRecord, isRecordError, parseRecord } from '../../../src/parse/record.js';

function events(text: string): AuditEvent[] {
  const out: AuditEvent[] = [];
  const asm = new EventAssembler((e) => out.push(e));
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const r = parseRecord(line);
    if (!isRecordError(r)) asm.push(r);
  }
  asm.flush();
  return out;
}

/** A document read loosely in assertions (the shape is what the test checks). */
type Loose = EcsDocument & { [k: string]: { [k: string]: unknown } & Record<string, Record<string, unknown>> };

const records = (lines: string[]): AuditRecord[] => events(lines.join('\n'))[0]!.records;
const FIXTURE_IDS = readEcsIds({ passwdFile: 'test/fixtures/auditbeat/passwd', groupFile: 'test/fixtures/auditbeat/group' });

describe('ECS documents of the real corpus', () => {
  for (const file of ['real-small.log', 'real-small-raw.log']) {
    it(`${file}: one document per event, each with the event's lines, sequence and an action`, () => {
      const evs = events(readFileSync(`test/fixtures/corpus/${file}`, 'utf8'));
      expect(evs.length).toBeGreaterThan(500);
      for (const e of evs) {
        const d = ecsDocument(e.records, { lookups: TABLE_LOOKUPS, ids: null }) as {
          event: { original: string[]; action: string; kind: string; category: unknown };
          auditd: { sequence: number; message_type: string };
        };
        expect(d.auditd.sequence).toBe(e.serial);
        expect(d.event.original).toEqual(e.records.map((r) => r.line));
        expect(d.event.kind).toBe('event');
        expect(d.event.action).toMatch(/^[a-z-]+$/);
        expect(JSON.parse(JSON.stringify(d))).toEqual(d); // plain JSON, nothing lost on the way
      }
    });
  }

  it('ENRICHED logs name their own ids, also with resolution off (the log may come from another host)', () => {
    const line =
      'type=USER_AUTH msg=audit(1610876676.623:458): pid=14178 uid=4242 auid=4242 ses=15 msg=\'op=PAM:authentication acct="zed" exe="/usr/bin/sudo" hostname=localhost addr=127.0.0.1 terminal=/dev/pts/1 res=success\'\x1dUID="zed" AUID="zed"';
    const d = ecsDocument(records([line]), { lookups: TABLE_LOOKUPS, ids: null }) as {
      user: { id: string; name?: string; audit: { id: string; name?: string } };
    };
    expect(d.user.audit).toEqual({ id: '4242', name: 'zed' });
    expect(d.user.id).toBe('4242');
  });
});

describe('ECS details', () => {
  const connect = [
    'type=SYSCALL msg=audit(1700000000.000:77): arch=c000003e syscall=42 success=no exit=-115 a0=3 a1=7ffd a2=10 a3=0 items=0 ppid=1 pid=500 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=2 comm="curl" exe="/usr/bin/curl" key="net"',
    'type=SOCKADDR msg=audit(1700000000.000:77): saddr=020001BBC0A800010000000000000000',
    'type=EOE msg=audit(1700000000.000:77): ',
  ];

  it('a connect: destination, egress, socket data under auditd.data.socket, outcome from the result', () => {
    const d = ecsDocument(records(connect), { lookups: TABLE_LOOKUPS, ids: FIXTURE_IDS }) as Loose;
    expect(d.destination).toEqual({ ip: '192.168.0.1', port: '443' });
    expect(d.network).toEqual({ direction: 'egress' });
    expect(d.auditd.data.socket).toMatchObject({ addr: '192.168.0.1', port: '443', family: 'ipv4' });
    expect(d.event.outcome).toBe('failure');
    expect(d.auditd.result).toBe('fail');
    expect(d.user).toMatchObject({ id: '1000', name: 'vagrant', audit: { id: '1000', name: 'vagrant' } });
    expect(d.user.effective).toBeUndefined(); // same as user: Auditbeat leaves it out
    expect(d.tags).toEqual(['net']);
    expect(d.event.original).toHaveLength(3);
  });

  it('with resolution off, ids stay numeric and related.user is not written', () => {
    const d = ecsDocument(records(connect), { lookups: TABLE_LOOKUPS, ids: null }) as Loose;
    expect(d.user.name).toBeUndefined();
    expect(d.related).toBeUndefined();
  });

  it('the ecs format writes one JSON line with host.name and ecs.version', () => {
    const line = ecsSerializer({ ids: false })(records(connect)).toString('utf8');
    expect(line.includes('\n')).toBe(false);
    const d = JSON.parse(line) as { host: { name: string }; ecs: { version: string } };
    expect(d.ecs.version).toBe(ECS_VERSION);
    expect(d.host.name.length).toBeGreaterThan(0);
    expect(Object.keys(JSON.parse(ecsSerializer({ ids: false, original: false })(records(connect)).toString('utf8')).event)).not.toContain(
      'original',
    );
  });
});
