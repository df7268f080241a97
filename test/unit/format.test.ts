import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/format/color.js';
import { createWriter, type FormatName, Output, parseFormat } from '../../src/format/index.js';
import { plainTable } from '../../src/format/table.js';

const event = {
  '@timestamp': '2026-11-21T14:00:00.123Z',
  sequence: 42,
  record_type: 'syscall',
  result: 'success',
  process: { pid: '1234', exe: '/usr/bin/cat', args: ['cat', 'a file', 'héllo', ''] },
  keys: ['passwd'],
};
type Ev = typeof event;
const text = (e: Ev) => `${e['@timestamp']} ${e.record_type} ${e.process.exe} ${e.result}`;

async function render(format: FormatName, items: Ev[]): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const writer = await createWriter(format, { output: new Output(sink), text });
  for (const item of items) writer.write(item);
  await writer.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('formatters', () => {
  it('render the same event as text, JSON and YAML', async () => {
    expect(await render('text', [event])).toBe('2026-11-21T14:00:00.123Z syscall /usr/bin/cat success\n');
    expect(JSON.parse(await render('json', [event]))).toEqual(event);
    const y = await render('yaml', [event]);
    expect(y.startsWith('---\n')).toBe(true);
    expect(yaml.load(y)).toEqual(event);
  });

  it('write NDJSON that jq -c accepts, one object per line', async () => {
    const items = [event, { ...event, sequence: 43 }, { ...event, sequence: 44 }];
    const out = await render('json', items);
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    const jq = execFileSync('jq', ['-c', '.sequence'], { input: out, encoding: 'utf8' });
    expect(jq).toBe('42\n43\n44\n');
  });

  it('write one YAML document per event', async () => {
    const out = await render('yaml', [event, { ...event, sequence: 43 }]);
    const docs = yaml.loadAll(out) as Ev[];
    expect(docs.map((d) => d.sequence)).toEqual([42, 43]);
  });

  it('batch large output and keep every byte', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ ...event, sequence: i }));
    const out = await render('json', items);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(5000);
    expect(JSON.parse(lines[4999]!).sequence).toBe(4999);
  });

  it('reject an unknown format, naming it', () => {
    expect(() => parseFormat('xml')).toThrow('flag --format: expected one of text, json, yaml, got "xml"');
  });
});

describe('colour policy', () => {
  it.each([
    [{ isTTY: true, env: {} }, 1],
    [{ isTTY: false, env: {} }, 0],
    [{ isTTY: true, env: { NO_COLOR: '1' } }, 0],
    [{ isTTY: true, env: { NO_COLOR: '' } }, 1],
    [{ isTTY: false, env: { FORCE_COLOR: '1' } }, 1],
    [{ isTTY: false, env: { FORCE_COLOR: '3' } }, 3],
    [{ isTTY: true, env: { FORCE_COLOR: '0' } }, 0],
    [{ isTTY: true, env: {}, noColor: true }, 0],
    [{ isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }, 0],
  ] as const)('%j -> level %i', (opts, level) => {
    expect(colorLevel(opts as Parameters<typeof colorLevel>[0])).toBe(level);
  });
});

describe('plain tables', () => {
  it('align columns without trailing spaces', () => {
    expect(
      plainTable(
        ['a', 'long header'],
        [
          ['xxxx', 'y'],
          ['z', ''],
        ],
      ),
    ).toBe('a     long header\nxxxx  y\nz\n');
  });
});
