// renderInterpreted against the installed `ausearch -i` (audit 3.0.9) on every corpus file: every event
// ausearch prints, byte for byte. Ids are named by this host's passwd/group, as ausearch names them.

import { describe, expect, it } from 'vitest';
import { hostIdNames } from '../../../../src/search/render/ids.js';
import { renderInterpreted } from '../../../../src/search/render/interpreted.js';
import { DEVIATIONS } from './deviations.js';
import { ausearch, compareEvents, corpusFiles, eventsOf, skipReason, splitDashed } from './ausearch-diff.js';

process.env.TZ = 'UTC';

const SKIP = skipReason();
if (SKIP) console.warn(`SKIPPED renderInterpreted vs ausearch -i: ${SKIP}`);

/** Texts are compared as bytes: each side is held as a latin1 string of its UTF-8 bytes. */
const bytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** The serial and the first record's type: two events share a serial (LOGIN, then its SYSCALL). */
function keyOf(text: string): string {
  const m = /^(?:node=\S+ )?type=(\S+) msg=audit\([^)]*:(\d+)\)/m.exec(text);
  return m ? `${m[2]} ${m[1]}` : text;
}

describe.skipIf(SKIP !== undefined)('renderInterpreted = ausearch -i', () => {
  const ids = hostIdNames();
  for (const file of corpusFiles()) {
    it(file.label, () => {
      const theirs = splitDashed(ausearch(file.path, ['-i']).toString('latin1'));
      const ours = eventsOf(file.path).map((e) => bytes(renderInterpreted(e.records, { ids })));
      const res = compareEvents(theirs, ours, keyOf, (o, t) => DEVIATIONS.find((d) => d.modes.includes('-i') && d.explains(o, t))?.reason);
      console.log(
        `-i ${file.label}: ${res.matched}/${res.ausearchEvents} events byte-identical` +
          [...res.deviations].map(([r, n]) => `; ${n} deviate: ${r}`).join(''),
      );
      expect(res.diffs).toEqual([]);
      expect(res.ourEvents).toBe(res.ausearchEvents);
      expect(res.matched).toBeGreaterThan(res.ausearchEvents * 0.99);
    });
  }
});
