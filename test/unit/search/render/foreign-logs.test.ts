// The three renderers against the installed ausearch on records from other machines: the go-libaudit test logs
// in test/fixtures/go-libaudit (RHEL 6/7, Ubuntu 14-24: SELinux and AppArmor AVCs, subj= contexts, hex exe
// and keys, i386 SECCOMP, USER_LOGIN, EXECVE, mounts, renames, ...), record types our own corpus lacks. Each
// input file and each yaml case is written to one log; every event ausearch prints must match ours.
// fixtures/edge-cases.log adds records written for this test (not from a machine) that reach the corners of
// ausearch's field cutting and auparse's normalizer: comma-ended values, an unclosed quote, a character eaten
// after a closing quote, hex with control bytes and a leading 00, multi-key hex, node= prefixes, i386
// socketcall, inet6 and abstract unix sockaddrs, an UNKNOWN[n] type, TTY data, MCS labels with commas,
// relative and hex file names with a hex cwd, rename, mount, chmod, setuid, kill.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { hostIdNames } from '../../../../src/search/render/ids.js';
import { renderCsv } from '../../../../src/search/render/csv.js';
import { renderInterpreted } from '../../../../src/search/render/interpreted.js';
import { renderText } from '../../../../src/search/render/text.js';
import { ausearch, eventsInAusearchOrder, skipReason, splitDashed } from './ausearch-diff.js';
import { DEVIATIONS } from './deviations.js';

process.env.TZ = 'UTC';

const SKIP = skipReason();
if (SKIP) console.warn(`SKIPPED renderers vs ausearch on go-libaudit logs: ${SKIP}`);

const G = 'test/fixtures/go-libaudit';
const bytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
const ids = hostIdNames();

/** One log per source: each auparse test log as it is, and each yaml case's event. */
function logs(): { label: string; path: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-render-foreign-'));
  const out: { label: string; path: string }[] = [];
  for (const f of readdirSync(join(G, 'auparse/testdata'))
    .filter((n) => n.endsWith('.log'))
    .sort()) {
    out.push({ label: f, path: join(G, 'auparse/testdata', f) });
  }
  for (const f of readdirSync(join(G, 'aucoalesce/testdata'))
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const doc = yaml.load(readFileSync(join(G, 'aucoalesce/testdata', f), 'utf8')) as { tests: Record<string, string> };
    for (const [name, text] of Object.entries(doc.tests)) {
      const path = join(dir, `${out.length}.log`);
      writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
      out.push({ label: `${f}: ${name}`, path });
    }
  }
  out.push({ label: 'edge-cases.log', path: 'test/unit/search/render/fixtures/edge-cases.log' });
  return out;
}

describe.skipIf(SKIP !== undefined)('renderers = ausearch on go-libaudit logs and edge cases', () => {
  it('-i, csv and text match ausearch for every event of every log', () => {
    const counts = { '-i': [0, 0], csv: [0, 0], text: [0, 0] } as Record<'-i' | 'csv' | 'text', [number, number]>;
    const diffs: string[] = [];
    const devs = new Map<string, number>();
    const check = (mode: '-i' | 'csv' | 'text', label: string, ours: string, theirs: string): void => {
      counts[mode][1]++;
      if (ours === theirs) {
        counts[mode][0]++;
        return;
      }
      const why = DEVIATIONS.find((d) => d.modes.includes(mode) && d.explains(ours, theirs))?.reason;
      if (why) devs.set(why, (devs.get(why) ?? 0) + 1);
      else if (diffs.length < 12)
        diffs.push(`${mode} ${label}:\n  ours:     ${JSON.stringify(ours)}\n  ausearch: ${JSON.stringify(theirs)}`);
    };
    for (const log of logs()) {
      const theirsI = splitDashed(ausearch(log.path, ['-i']).toString('latin1'));
      const csv = ausearch(log.path, ['--format', 'csv', '--extra-keys', '--extra-obj2']).toString('latin1').split('\n').slice(1, -1);
      const text = ausearch(log.path, ['--format', 'text']).toString('latin1').split('\n').slice(0, -1);
      const ordered = eventsInAusearchOrder(log.path);
      theirsI.forEach((t, i) => {
        const e = ordered[i];
        if (!e) {
          if (diffs.length < 12) diffs.push(`${log.label}: no event of ours for ausearch's\n${t}`);
          return;
        }
        const opts = { ids, extraKeys: true, extraObj2: true };
        check('-i', log.label, bytes(renderInterpreted(e.records, { ids })), t);
        check('csv', log.label, bytes(renderCsv(e.records, opts)), `${csv[i]}\n`);
        check('text', log.label, bytes(renderText(e.records, { ids })), `${text[i]}\n`);
      });
    }
    for (const [mode, [m, n]] of Object.entries(counts))
      console.log(`${mode} go-libaudit logs + edge cases: ${m}/${n} events byte-identical`);
    for (const [r, n] of devs) console.log(`  ${n} deviate: ${r}`);
    expect(diffs).toEqual([]);
    expect(counts['-i'][1]).toBeGreaterThanOrEqual(54 + 23); // every event ausearch prints from these logs
  });
});
