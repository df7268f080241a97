// Local time in the three formats, in zones other than UTC, against ausearch run in the same zone: the dates
// and times, --extra-time's columns, and GMT_OFFSET, where ausearch drops a zone's minutes (the listed
// deviation: +05:30 is +05:00 to ausearch 3.0.9).

import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { hostIdNames } from '../../../../src/search/render/ids.js';
import { renderCsv } from '../../../../src/search/render/csv.js';
import { renderInterpreted } from '../../../../src/search/render/interpreted.js';
import { renderText } from '../../../../src/search/render/text.js';
import { ausearch, eventsInAusearchOrder, skipReason, splitDashed } from './ausearch-diff.js';
import { DEVIATIONS } from './deviations.js';

const SKIP = skipReason() ?? (existsSync('/usr/share/zoneinfo/Asia/Kolkata') ? undefined : 'no tzdata (/usr/share/zoneinfo)');
if (SKIP) console.warn(`SKIPPED renderers in other time zones: ${SKIP}`);

const bytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const FILE = 'test/fixtures/corpus/live-stream.log';
const ids = hostIdNames();
const saved = process.env.TZ;
afterAll(() => {
  process.env.TZ = saved;
});

describe.skipIf(SKIP !== undefined)('renderers in other time zones = ausearch in the same zone', () => {
  for (const tz of ['Asia/Kolkata', 'America/New_York']) {
    it(tz, () => {
      process.env.TZ = tz;
      const events = eventsInAusearchOrder(FILE, tz).map((e) => e!);
      const i = splitDashed(ausearch(FILE, ['-i'], tz).toString('latin1'));
      const csv = ausearch(FILE, ['--format', 'csv', '--extra-time'], tz).toString('latin1').split('\n').slice(1, -1);
      const text = ausearch(FILE, ['--format', 'text'], tz).toString('latin1').split('\n').slice(0, -1);
      expect(events.length).toBe(i.length);
      let deviations = 0;
      events.forEach((e, n) => {
        const ours = bytes(renderCsv(e.records, { ids, extraTime: true }));
        if (ours !== `${csv[n]}\n`) {
          const d = DEVIATIONS.find((x) => x.modes.includes('csv') && x.explains(ours, `${csv[n]}\n`));
          expect(d?.reason ?? `${ours}${csv[n]}\n`).toMatch(/GMT_OFFSET/);
          deviations++;
        }
        expect(bytes(renderText(e.records, { ids }))).toBe(`${text[n]}\n`);
        const oursI = bytes(renderInterpreted(e.records, { ids }));
        if (!DEVIATIONS.some((d) => d.modes.includes('-i') && d.explains(oursI, i[n]!))) expect(oursI).toBe(i[n]);
      });
      // Kolkata is +05:30: every line's offset differs from ausearch's +05:00; New York's has no minutes
      expect(deviations).toBe(tz === 'Asia/Kolkata' ? events.length : 0);
    });
  }
});
