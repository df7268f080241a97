// The renderers' API on a few real records, with ausearch 3.0.9's output for them written out (captured with
// TZ=UTC LC_ALL=C ausearch -if test/fixtures/corpus/real-small.log -a 2791453 -i / --format csv / --format text,
// and live-stream.log -a 3002481 -i). Runs without ausearch; the differential tests beside it cover the rest.
// ENRICHED records name their own ids, so these do not depend on this host's users.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type AuditRecord, isRecordError, parseRecord } from '../../../../src/parse/record.js';
import { csvHeader, renderCsv, renderInterpreted, renderText } from '../../../../src/search/render/index.js';

process.env.TZ = 'UTC';

const NOBODY = { user: () => undefined, group: () => undefined };

function records(file: string, serial: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (const line of readFileSync(`test/fixtures/corpus/${file}`, 'utf8').split('\n')) {
    const r = parseRecord(line);
    if (!isRecordError(r) && r.serial === serial) out.push(r);
  }
  return out;
}

describe('render one event as ausearch does', () => {
  const all = records('real-small.log', 2791453); // LOGIN, then the SYSCALL and PROCTITLE of its write: two events
  const login = all.slice(0, 1);
  const write = all.slice(1);

  it('-i: fields interpreted, ENRICHED names used, records last-received first, each value followed by a space', () => {
    expect(renderInterpreted(login, { ids: NOBODY })).toBe(
      '----\ntype=LOGIN msg=audit(11/21/26 14:39:47.142:2791453) : pid=19314 uid=root old-auid=unset auid=labuser tty=(none) old-ses=4294967295 ses=607 res=yes \n',
    );
    expect(renderInterpreted(write, { ids: NOBODY })).toBe(
      '----\n' +
        'type=PROCTITLE msg=audit(11/21/26 14:39:47.142:2791453) : proctitle=/bin/bash /srv/auditlab/gen/session.sh 2 \n' +
        'type=SYSCALL msg=audit(11/21/26 14:39:47.142:2791453) : arch=x86_64 syscall=write success=yes exit=5 a0=0x1 ' +
        'a1=0x5638bd27abf0 a2=0x5 a3=0x1000 items=0 ppid=19232 pid=19314 auid=labuser uid=root gid=root euid=root ' +
        'suid=root fsuid=root egid=root sgid=root fsgid=root tty=(none) ses=607 comm=bash exe=/usr/bin/bash key=(null) \n',
    );
  });

  it('-i: a record without fields (EOE) prints its rest and an empty line', () => {
    const eoe = records('live-stream.log', 3002481).filter((r) => r.typeName === 'EOE');
    expect(renderInterpreted(eoe, { ids: NOBODY })).toBe('----\ntype=EOE msg=audit(11/21/26 14:42:30.506:3002481) : \n\n');
  });

  it('--format csv: the header once, then one line per event', () => {
    expect(csvHeader({})).toBe(
      'NODE,EVENT,DATE,TIME,SERIAL_NUM,EVENT_KIND,SESSION,SUBJ_PRIME,SUBJ_SEC,SUBJ_KIND,ACTION,RESULT,OBJ_PRIME,OBJ_SEC,OBJ_KIND,HOW\n',
    );
    expect(renderCsv(login, { ids: NOBODY })).toBe(
      ',LOGIN,11/21/26,14:39:47,2791453,user-login,607,system,root,privileged-acct,changed-login-id-to,success,labuser,,user-session,\n',
    );
    expect(renderCsv(write, { ids: NOBODY })).toBe(
      ',SYSCALL,11/21/26,14:39:47,2791453,audit-rule,607,labuser,root,privileged-acct,triggered-unknown-audit-rule,success,,,admin-defined-rule,bash\n',
    );
  });

  it('--format text: one sentence per event', () => {
    expect(renderText(login, { ids: NOBODY })).toBe(
      'At 14:39:47 11/21/26 system, acting as root, successfully changed-login-id-to labuser \n',
    );
    expect(renderText(write, { ids: NOBODY })).toBe(
      'At 14:39:47 11/21/26 labuser, acting as root, successfully triggered-unknown-audit-rule using bash\n',
    );
  });
});
