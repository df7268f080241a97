// renderCsv and renderText against the installed `ausearch --format csv|text` (audit 3.0.9) on every corpus
// file: every event's line, byte for byte, with and without the --extra-* columns. Ids are named by this
// host's passwd/group, as ausearch names them. ausearch's text lines carry no serial: they are paired with
// events through `ausearch -i`, which prints the same events in the same order.

import { describe, expect, it } from 'vitest';
import { hostIdNames } from '../../../../src/search/render/ids.js';
import { csvHeader, renderCsv } from '../../../../src/search/render/csv.js';
import { renderText } from '../../../../src/search/render/text.js';
import { ausearch, corpusFiles, eventKey, eventsInAusearchOrder, skipReason } from './ausearch-diff.js';
import { DEVIATIONS } from './deviations.js';

process.env.TZ = 'UTC';

const SKIP = skipReason();
if (SKIP) console.warn(`SKIPPED renderCsv/renderText vs ausearch --format csv|text: ${SKIP}`);

const bytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

const ids = hostIdNames();

const deviation =
  (mode: '-i' | 'csv' | 'text') =>
  (ours: string, theirs: string): string | undefined =>
    DEVIATIONS.find((d) => d.modes.includes(mode) && d.explains(ours, theirs))?.reason;

const EXTRA = ['--extra-keys', '--extra-labels', '--extra-obj2', '--extra-time'];

describe.skipIf(SKIP !== undefined)('renderCsv = ausearch --format csv; renderText = ausearch --format text', () => {
  for (const file of corpusFiles()) {
    describe(file.label, () => {
      /** Our events in ausearch's order. */
      const ordered = eventsInAusearchOrder(file.path);
      const order = ordered.map((e) => (e ? eventKey(e) : '?'));

      for (const [mode, args] of [
        ['csv', []],
        ['csv --extra-*', EXTRA],
      ] as const) {
        it(mode, () => {
          const extra = args.length > 0;
          const opts = { ids, extraKeys: extra, extraLabels: extra, extraObj2: extra, extraTime: extra };
          const lines = ausearch(file.path, ['--format', 'csv', ...args])
            .toString('latin1')
            .split('\n');
          expect(lines[0]! + '\n').toBe(csvHeader(opts));
          const theirs = lines.slice(1, -1).map((l) => `${l}\n`);
          expect(ordered.every((e) => e !== undefined)).toBe(true);
          const ours = ordered.map((e) => bytes(renderCsv(e!.records, opts)));
          const matched = theirs.filter((t, i) => t === ours[i]).length;
          const devs = new Map<string, number>();
          const diffs: string[] = [];
          theirs.forEach((t, i) => {
            if (t === ours[i]) return;
            const why = deviation('csv')(ours[i] ?? '', t);
            if (why) devs.set(why, (devs.get(why) ?? 0) + 1);
            else if (diffs.length < 8)
              diffs.push(`event ${i + 1} (${order[i]}):\n  ours:     ${JSON.stringify(ours[i])}\n  ausearch: ${JSON.stringify(t)}`);
          });
          console.log(
            `${mode} ${file.label}: ${matched}/${theirs.length} events byte-identical${[...devs].map(([r, n]) => `; ${n} deviate: ${r}`).join('')}`,
          );
          expect(diffs).toEqual([]);
          expect(ours.length).toBe(theirs.length);
        });
      }

      it('text', () => {
        const theirs = ausearch(file.path, ['--format', 'text'])
          .toString('latin1')
          .split('\n')
          .slice(0, -1)
          .map((l) => `${l}\n`);
        const ours = ordered.map((e) => bytes(renderText(e!.records, { ids })));
        let matched = 0;
        const devs = new Map<string, number>();
        const diffs: string[] = [];
        theirs.forEach((t, i) => {
          if (t === ours[i]) {
            matched++;
            return;
          }
          const why = deviation('text')(ours[i] ?? '', t);
          if (why) devs.set(why, (devs.get(why) ?? 0) + 1);
          else if (diffs.length < 8)
            diffs.push(`event ${i + 1} (${order[i]}):\n  ours:     ${JSON.stringify(ours[i])}\n  ausearch: ${JSON.stringify(t)}`);
        });
        console.log(
          `text ${file.label}: ${matched}/${theirs.length} events byte-identical${[...devs].map(([r, n]) => `; ${n} deviate: ${r}`).join('')}`,
        );
        expect(diffs).toEqual([]);
        expect(ours.length).toBe(theirs.length);
      });
    });
  }
});
