// The `auditctl -l` text of every go-libaudit golden rule, taken from the real auditctl on this machine.
// With UPDATE_GOLDEN=1 it rewrites test/fixtures/rules/go-libaudit-listing.txt (read by the unit golden
// test); otherwise it checks that the fixture still matches what auditctl prints here.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { expect, it } from 'vitest';
import { splitRuleLine } from '../../src/rules/parse.js';
import { ROOT } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { useKernelState } from './state.js';

const DIR = join(ROOT, 'test/fixtures/go-libaudit/rule/testdata');
const FIXTURE = join(ROOT, 'test/fixtures/rules/go-libaudit-listing.txt');
// The goldens' paths are under /tmp/audit-test/; the rules are loaded from a private copy of that tree (the
// unit golden test of another checkout may be using /tmp/audit-test right now) and the listing mapped back.
const GOLDEN_TREE = '/tmp/audit-test';
const TREE = `/tmp/tsaudit-golden-listing-${process.pid}`;

function auditctl(args: string[]): string {
  return execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describeKernel('auditctl -l of the go-libaudit golden rules', () => {
  useKernelState();

  it('matches test/fixtures/rules/go-libaudit-listing.txt (UPDATE_GOLDEN=1 rewrites it)', () => {
    const flags: string[] = [];
    for (const f of readdirSync(DIR)
      .filter((x) => x.endsWith('.rules.golden.yml'))
      .sort()) {
      const doc = yaml.load(readFileSync(join(DIR, f), 'utf8')) as { rules: { flags: string }[] };
      flags.push(...doc.rules.map((r) => r.flags.replaceAll(`${GOLDEN_TREE}/`, `${TREE}/`)));
    }
    rmSync(TREE, { recursive: true, force: true });
    // Directories are the paths the goldens recorded as AUDIT_DIR; everything else is a file.
    for (const d of ['var/log/audit', 'home']) mkdirSync(join(TREE, d), { recursive: true });
    for (const fl of flags) {
      for (const m of fl.matchAll(/(?:-w '([^']+)'|-w (\S+)|-F path=(\S+))/g)) {
        const p = (m[1] ?? m[2] ?? m[3])!.replace(/\/+$/, '');
        if (!existsSync(p)) {
          mkdirSync(dirname(p), { recursive: true });
          writeFileSync(p, '');
        }
      }
    }
    const lines: string[] = [];
    try {
      auditctl(['-D']);
      for (const fl of flags) {
        const argv = splitRuleLine(fl)!;
        auditctl(argv);
        const listed = auditctl(['-l']).trimEnd().split('\n');
        expect(listed).toHaveLength(1);
        lines.push(listed[0]!.replaceAll(`${TREE}/`, `${GOLDEN_TREE}/`));
        auditctl(['-D']);
      }
    } finally {
      auditctl(['-D']);
      rmSync(TREE, { recursive: true, force: true });
    }
    const text = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(FIXTURE, text);
    expect(text).toBe(readFileSync(FIXTURE, 'utf8'));
  });
});
