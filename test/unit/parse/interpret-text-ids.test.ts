// `parse -i` text says what its JSON says: the actor and object of each event's line are the summary's
// values, names with --id and numbers with --no-id, also for ENRICHED logs (which carry names of their own).

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));

interface Summary {
  actor: { primary?: string; secondary?: string };
  object: { primary?: string };
}

describe('parse -i text and JSON agree on who and on what', () => {
  it.each([
    ['real-small.log', '--no-id'],
    ['real-small.log', '--id'],
    ['real-small-raw.log', '--no-id'],
  ])('%s %s', (file, ids) => {
    const text = runCli(['parse', '-i', ids, CORPUS + file])
      .stdout.trimEnd()
      .split('\n');
    const json = runCli(['parse', '-i', ids, '-format=json', CORPUS + file])
      .stdout.trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { summary: Summary }).summary);
    expect(text).toHaveLength(json.length);
    json.forEach((s, i) => {
      const a = s.actor;
      const who = a.secondary !== undefined && a.secondary !== a.primary ? `${a.primary ?? '?'} as ${a.secondary}` : (a.primary ?? '?');
      // TIME SERIAL ACTOR ACTION …
      expect(text[i]!.split(' ').slice(2).join(' ').startsWith(`${who} `), `${text[i]} vs ${JSON.stringify(s)}`).toBe(true);
      if (s.object.primary !== undefined && !/[\s"\\]/.test(s.object.primary)) expect(text[i]).toContain(` ${s.object.primary}`);
    });
    if (ids === '--no-id') expect(text.filter((l) => / (labuser|root)\b.* (as|via)/.test(l.split(' via ')[0]!))).toEqual([]);
  });
});
