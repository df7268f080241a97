// The selectors as an event predicate (for `tsaudit stream`): on decoded records, grouped the same way,
// it keeps the events search keeps.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../../src/parse/record.js';
import { AusearchAssembler, type SearchEvent } from '../../../src/search/assemble.js';
import { eventSelector, hasSelectors } from '../../../src/search/select.js';
import { search } from './harness.js';

const LOG = new URL('../../fixtures/corpus/live-stream.log', import.meta.url).pathname;
const key = (e: { sec: number; msec: number; serial: number }) => `${e.sec}.${e.msec}:${e.serial}`;

function events(): SearchEvent[] {
  const out: SearchEvent[] = [];
  const asm = new AusearchAssembler((e) => out.push(e));
  for (const l of readFileSync(LOG, 'utf8').split('\n')) {
    const r = parseRecord(l);
    if (r.kind === 'record') asm.push(r);
  }
  asm.end();
  return out;
}

describe('eventSelector', () => {
  it('no selector: no predicate', () => {
    expect(hasSelectors({ word: true })).toBe(false);
    expect(eventSelector({})).toBeUndefined();
  });

  it.each([
    [{ key: 'exec' }, ['-k', 'exec']],
    [{ message: 'SYSCALL', success: 'no' }, ['-m', 'SYSCALL', '-sv', 'no']],
    [{ uidAll: '1001', syscall: 'openat' }, ['-ua', '1001', '-sc', 'openat']],
    [{ start: ['11/21/26', '14:42:31'] }, ['-ts', '11/21/26', '14:42:31']],
  ])('%j keeps what search %j keeps', async (flags, args) => {
    process.env.TZ = 'UTC';
    const select = eventSelector(flags)!;
    const kept = events()
      .filter((e) => select(e))
      .map(key);
    const r = await search(['-if', LOG, ...args, '--raw']);
    const expected = [
      ...new Set(
        [...r.stdout.toString('latin1').matchAll(/msg=audit\((\d+)\.(\d+):(\d+)\)/g)].map((m) => `${m[1]}.${Number(m[2])}:${m[3]}`),
      ),
    ];
    expect(kept).toEqual(expected);
    expect(kept.length).toBeGreaterThan(0);
  });
});
