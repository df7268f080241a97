// Property: a conjunction of selectors selects exactly the events that each of them selects alone (the
// intersection). Selectors of one family (uids, gids, SELinux contexts) are not combined with each other:
// ausearch lets a later one of a family override an earlier one, so they do not form a conjunction. -w is
// not a selector but changes every string selector of the query, so it is left out.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { search } from './harness.js';

const LOGS = [
  new URL('../../fixtures/corpus/real-small.log', import.meta.url).pathname,
  new URL('../../fixtures/search/synthetic.log', import.meta.url).pathname,
];

// one array per family; a query takes at most one selector from each
const FAMILIES: string[][][] = [
  [
    ['-k', 'exec'],
    ['-k', 'net'],
    ['-k', 'e'],
  ],
  [
    ['-m', 'SYSCALL'],
    ['-m', 'USER_START,USER_END,CRED_ACQ'],
    ['-m', 'PATH,SOCKADDR'],
  ],
  [
    ['-sv', 'yes'],
    ['-sv', 'no'],
  ],
  [
    ['-ui', '0'],
    ['-ua', '1001'],
    ['-ul', '1001'],
    ['-ue', '0'],
    ['-ui', 'root'],
  ],
  [
    ['-gi', '0'],
    ['-ge', '1001'],
    ['-ga', '1002'],
  ],
  [
    ['-sc', 'openat'],
    ['-sc', '59'],
    ['-sc', '42'],
  ],
  [
    ['-e', '0'],
    ['-e', '-2'],
    ['-e', '-ENOENT'],
  ],
  [
    ['-x', '/usr/bin'],
    ['-x', 'runuser'],
    ['-c', 'id'],
  ],
  [
    ['-f', '/etc'],
    ['-f', '/srv/auditlab'],
    ['-f', 'passwd'],
  ],
  [
    ['-tm', 'pts'],
    ['-tm', '(none)'],
    ['-hn', '?'],
  ],
  [
    ['--session', '607'],
    ['-pp', '19694'],
    ['-p', '19293'],
  ],
  [
    ['-ts', '11/21/26', '14:39:48'],
    ['-te', '11/21/26', '14:39:48'],
    ['-ts', '11/21/26', '14:43:22'],
  ],
  [
    ['-su', 'unconfined'],
    ['-o', 'shadow_t'],
    ['-se', 'init_t'],
  ],
  [
    ['-n', 'hostA'],
    ['-n', 'hostB'],
  ],
];

/** The events of a --raw output, as "node sec.msec:serial" keys. */
function eventKeys(raw: Buffer): Set<string> {
  const keys = new Set<string>();
  for (const line of raw.toString('latin1').split('\n')) {
    const m = /^(?:node=(\S+) )?type=\S+ msg=audit\((\d+\.\d+:\d+)\)/.exec(line);
    if (m) keys.add(`${m[1] ?? '-'} ${m[2]}`);
  }
  return keys;
}

describe('search: a conjunction selects the intersection', () => {
  for (const log of LOGS) {
    it(`on ${log.split('/').pop()}`, async () => {
      readFileSync(log); // fail early and clearly when the fixture is missing
      const cache = new Map<string, Set<string>>();
      const select = async (args: string[]): Promise<Set<string>> => {
        const key = args.join('\0');
        let s = cache.get(key);
        if (s === undefined) {
          const r = await search(['-if', log, ...args, '--raw']);
          expect([0, 1]).toContain(r.status);
          s = eventKeys(r.stdout);
          cache.set(key, s);
        }
        return s;
      };
      const query = fc
        .subarray(
          FAMILIES.map((_, i) => i),
          { minLength: 2, maxLength: 4 },
        )
        .chain((fams) => fc.tuple(...fams.map((f) => fc.constantFrom(...FAMILIES[f]!))));
      await fc.assert(
        fc.asyncProperty(query, async (parts) => {
          const alone = await Promise.all(parts.map((p) => select(p)));
          const both = await select(parts.flat());
          const expected = [...alone[0]!].filter((k) => alone.every((s) => s.has(k)));
          expect([...both].sort()).toEqual(expected.sort());
        }),
        { numRuns: 40 },
      );
    });
  }
});
