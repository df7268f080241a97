// The caches of interpreted records (auxRecordData, eventArgv): an event normalizes to the same thing whether
// its PATH/CWD/PROCTITLE/BPRM_FCAPS/SOCKADDR records and its argv come from a cache or not, what a cache hands
// out cannot be changed by a later event, and it stays bounded.

import { describe, expect, it } from 'vitest';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import { eventArgv, reassembleArgv } from '../../../src/parse/normalize/execve.js';
import { AUX_MAX, auxRecordData, recordData } from '../../../src/parse/normalize/record-data.js';
import { recordOf } from '../../helpers/records.js';
import { eventsOfFile } from '../../helpers/log-events.js';

const eventsOf = eventsOfFile;

const record = recordOf;

const PATH_LINE =
  'type=PATH msg=audit(1700000000.123:42): item=0 name="/usr/bin/id" inode=260399 dev=fe:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0';

describe('auxRecordData', () => {
  it.each(['test/fixtures/corpus/real-small.log', 'test/fixtures/corpus/real-small-raw.log'])(
    '%s: the same events with a cold cache, a warm one, and none',
    (file) => {
      const events = eventsOf(file);
      expect(events.length).toBeGreaterThan(500);
      // a Lookups object the cache has not seen empties it: a new one per event means no cache at all
      const uncached = events.map((rs) => JSON.stringify(normalizeEvent(rs, { lookups: { ...TABLE_LOOKUPS }, ids: null })));
      const lookups = { ...TABLE_LOOKUPS };
      const cold = events.map((rs) => JSON.stringify(normalizeEvent(rs, { lookups, ids: null })));
      const warm = events.map((rs) => JSON.stringify(normalizeEvent(rs, { lookups, ids: null })));
      expect(cold).toEqual(uncached);
      expect(warm).toEqual(uncached);
    },
  );

  it('hands out one frozen interpretation per type and body', () => {
    const lookups = { ...TABLE_LOOKUPS };
    const a = auxRecordData(record(PATH_LINE), lookups);
    const b = auxRecordData(record(PATH_LINE.replace(':42)', ':43)')), lookups);
    expect(b).toBe(a);
    expect(a).toEqual(recordData(record(PATH_LINE), lookups));
    expect(Object.isFrozen(a.data)).toBe(true);
    expect(() => {
      (a.data as Record<string, string>).name = '/etc/shadow';
    }).toThrow(TypeError);
    // the same body under another type is interpreted on its own
    const cwd = auxRecordData(record(PATH_LINE.replace('type=PATH', 'type=CWD')), lookups);
    expect(cwd).not.toBe(a);
  });

  it(`keeps at most ${AUX_MAX} bodies, then starts over`, () => {
    const lookups = { ...TABLE_LOOKUPS };
    const first = auxRecordData(record(PATH_LINE), lookups);
    for (let i = 1; i < AUX_MAX; i++) auxRecordData(record(PATH_LINE.replace('inode=260399', `inode=${i}`)), lookups);
    expect(auxRecordData(record(PATH_LINE), lookups)).toBe(first);
    auxRecordData(record(PATH_LINE.replace('inode=260399', 'inode=-1')), lookups);
    const again = auxRecordData(record(PATH_LINE), lookups);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('eventArgv', () => {
  it.each(['test/fixtures/corpus/real-small.log', 'test/fixtures/corpus/real-small-raw.log'])(
    "%s: every event's argv equals the uncached reassembly, first time and again",
    (file) => {
      const execves = eventsOf(file)
        .map((rs) => rs.filter((r) => r.type === 1309))
        .filter((rs) => rs.length > 0);
      expect(execves.length).toBeGreaterThan(50);
      for (const pass of [1, 2]) {
        for (const rs of execves) expect(eventArgv(rs), `pass ${pass}`).toEqual(reassembleArgv(rs));
      }
    },
  );

  it('hands out one frozen argv per EXECVE body; one spread over several records is not kept', () => {
    const line = (serial: number, body: string) => record(`type=EXECVE msg=audit(1700000000.123:${serial}): ${body}`);
    const a = eventArgv([line(1, 'argc=2 a0="ls" a1="-l"')]);
    expect(eventArgv([line(2, 'argc=2 a0="ls" a1="-l"')])).toBe(a);
    expect(a.args).toEqual(['ls', '-l']);
    expect(Object.isFrozen(a.args)).toBe(true);
    expect(() => (a.args as string[]).push('x')).toThrow(TypeError);
    const split = [line(3, 'argc=3 a0="ls" a1="-l"'), line(3, 'a2="/"')];
    expect(eventArgv(split).args).toEqual(['ls', '-l', '/']);
    expect(eventArgv(split)).not.toBe(eventArgv(split));
  });
});
