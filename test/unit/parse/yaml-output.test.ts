// YAML output reads back as the JSON output's values, with js-yaml (YAML 1.2) and with PyYAML (YAML 1.1,
// which also takes yes/no/on/off, 0777, 1_000, 1:30 and dates for other types): every string stays a string.
// PyYAML is Debian's python3-yaml (.ci/run installs it); without it that half is skipped with the reason.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { yaml11SafeSchema, isYaml11NonString } from '../../../src/format/yaml.js';
import { runCli } from '../../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/corpus/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-yaml-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const H = (serial: number, type: string) => `type=${type} msg=audit(1795271992.201:${serial}): `;
// Values a YAML 1.1 reader would retype if they were written plain.
const TRICKY = join(tmp, 'tricky.log');
writeFileSync(
  TRICKY,
  [
    // a long argument of digits: its hex (and its text) is one long all-digit string
    `${H(1, 'EXECVE')}argc=3 a0="echo" a1=${Buffer.from('1'.repeat(200)).toString('hex').toUpperCase()} a2="${'7'.repeat(400)}"`,
    `${H(2, 'USER_CMD')}pid=1 uid=0 auid=1000 ses=1 msg='cwd="/" cmd=6C73202D6C terminal=yes res=success'`,
    `${H(3, 'CONFIG_CHANGE')}op=on old=off key="no" list=0777 flag=1_000 t=1:30 d=2026-01-01 m=<< v== n=~ f=.inf e=1e5 y=y res=1`,
    `${H(4, 'CWD')}cwd="caf\udce9"`, // written as the escape of byte 0xe9
  ].join('\n') + '\n',
);

/**
 * A quarter of a corpus file's lines (PyYAML's pure-Python reader is slow), plus every line with hex that
 * decodes beyond ASCII (the proctitles cut inside a UTF-8 character give escaped bytes).
 */
function sample(name: string): string {
  const lines = readFileSync(join(CORPUS, name), 'utf8').split('\n').filter(Boolean);
  const out = join(tmp, name);
  writeFileSync(out, `${lines.filter((l, i) => i % 4 === 0 || /=(?:[0-9A-F]{2})*(?:C[2-9A-F]|E[0-9A-F]|F[0-4])/.test(l)).join('\n')}\n`);
  return out;
}

const FILES = [sample('real-small.log'), sample('live-stream.log'), TRICKY];

const python = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
if (!python) console.log('PyYAML check skipped: python3 with the yaml module not found (apt-get install python3-yaml)');

/** PyYAML's reading of a YAML stream compared with the JSON lines: the number of documents that differ. */
function pyyamlDiffers(yamlText: string, jsonText: string): { docs: number; differ: number; first: string } {
  const script = [
    'import json, sys, yaml',
    'Loader = yaml.SafeLoader  # as yaml.safe_load; libyaml (CSafeLoader) rejects the \\uDCxx escape of a byte that is not UTF-8',
    'y = list(yaml.load_all(open(sys.argv[1], encoding="utf-8", errors="surrogatepass"), Loader=Loader))',
    'j = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8", errors="surrogatepass") if l.strip()]',
    'bad = [i for i, (a, b) in enumerate(zip(y, j)) if a != b]',
    'first = repr((y[bad[0]], j[bad[0]]))[:400] if bad else ""',
    'print(json.dumps({"docs": len(y), "differ": len(bad) + abs(len(y) - len(j)), "first": first}))',
  ].join('\n');
  const yf = join(tmp, 'out.yaml');
  const jf = join(tmp, 'out.json');
  writeFileSync(yf, yamlText);
  writeFileSync(jf, jsonText);
  const r = spawnSync('python3', ['-c', script, yf, jf], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3: ${r.stderr}`);
  return JSON.parse(r.stdout) as { docs: number; differ: number; first: string };
}

describe('YAML output loads back as the JSON output', () => {
  const cases = FILES.flatMap((f) => [
    [f.replace(/^.*\//, ''), f, ['-format=yaml'], ['-format=json']],
    [`${f.replace(/^.*\//, '')} --raw-values`, f, ['-format=yaml', '--raw-values'], ['-format=json', '--raw-values']],
    [`${f.replace(/^.*\//, '')} -i`, f, ['-i', '--no-id', '-format=yaml'], ['-i', '--no-id', '-format=json']],
  ]) as [string, string, string[], string[]][];

  it.each(cases)('%s: js-yaml and PyYAML read the same values as JSON', (_name, file, yamlArgs, jsonArgs) => {
    const y = runCli(['parse', ...yamlArgs, file]);
    const j = runCli(['parse', ...jsonArgs, file]);
    expect(y.status).toBe(0);
    expect(j.status).toBe(0);
    const json = j.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(yaml.loadAll(y.stdout)).toEqual(json);
    if (python) {
      const r = pyyamlDiffers(y.stdout, j.stdout);
      expect(r.docs).toBe(json.length);
      expect(r.differ, r.first).toBe(0);
    }
  });

  it('the tricky values are quoted (and would be retyped by YAML 1.1 if they were not)', () => {
    const y = runCli(['parse', '-format=yaml', '--raw-values', TRICKY]).stdout;
    for (const v of ['on', 'off', 'no', '0777', '1_000', '1:30', '2026-01-01', '<<', '=', '~', '.inf', '1e5', 'y', '7'.repeat(400)]) {
      expect(isYaml11NonString(v), v).toBe(v !== '1e5'); // 1e5 is a YAML 1.2 float only: js-yaml's own schema quotes it
      expect(y, v).toMatch(new RegExp(`: (['"])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1\\n`));
    }
    expect(y).toMatch(/a1: '(?:31){200}'\n/);
  });

  it('the schema quotes only what needs it: plain words and paths stay plain', () => {
    const dump = (v: unknown) => yaml.dump(v, { schema: yaml11SafeSchema(yaml) });
    expect(dump({ a: 'x86_64', b: '/usr/bin/bash', c: 'execve', d: 'success' })).toBe(
      'a: x86_64\nb: /usr/bin/bash\nc: execve\nd: success\n',
    );
    expect(dump({ on: 'yes' })).toBe("'on': 'yes'\n");
  });
});
