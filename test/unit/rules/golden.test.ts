// Byte conformance with go-libaudit's rule goldens: each rule line (as recorded in the golden file) encodes
// to the kernel bytes captured after loading it with the real auditctl, and those bytes decode and render
// back to auditctl's `-l` text. The goldens were made on x86_64 hosts with watched paths rewritten under
// /tmp/audit-test/; we create exactly those paths (files or directories, as the goldens recorded them) for
// the duration of the test, so that the stat(2) that picks a file or a directory watch sees what it saw.

import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRule, encodeRule } from '../../../src/rules/codec.js';
import { hostEnv } from '../../../src/rules/host-env.js';
import { parseRuleArgs, splitRuleLine } from '../../../src/rules/parse.js';
import { renderRule, renderRules } from '../../../src/rules/render.js';
import { FIELD } from '../../../src/tables/rule-fields.js';
import { ROOT } from '../../helpers/cli.js';

const DIR = join(ROOT, 'test/fixtures/go-libaudit/rule/testdata');
const TREE = '/tmp/audit-test';

interface Golden {
  file: string;
  flags: string;
  bytes: Buffer;
}

function load(file: string): Golden[] {
  const doc = yaml.load(readFileSync(join(DIR, file), 'utf8')) as { rules: { flags: string; bytes: Buffer | Uint8Array }[] };
  return doc.rules.map((r) => ({ file, flags: r.flags, bytes: Buffer.from(r.bytes) }));
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.rules.golden.yml'))
  .sort();
const goldens = files.flatMap(load);
const extra = load('rule_data.yml');

// The uid/gid names of the goldens resolve as on the generating host (none are used by name but "unset").
const env = hostEnv({ machine: 'x86_64', passwd: '/dev/null', group: '/dev/null' });

/** The watched paths of the goldens, with the type the kernel bytes say they had (AUDIT_DIR or AUDIT_WATCH). */
function watchedPaths(): Map<string, 'dir' | 'file'> {
  const paths = new Map<string, 'dir' | 'file'>();
  for (const g of goldens) {
    if (!g.flags.startsWith('-w ')) continue;
    const rule = decodeRule(g.bytes);
    const f = rule.fields[0]!;
    paths.set(f.str!, f.field === FIELD.AUDIT_DIR ? 'dir' : 'file');
  }
  // -F path= and -F dir= do not stat, but create them too so the tree looks like the generating host's
  for (const g of goldens) {
    for (const m of g.flags.matchAll(/-F (path|dir)=(\S+)/g)) {
      const p = m[2]!.replace(/\/+$/, '');
      if (!paths.has(p)) paths.set(p, m[1] === 'dir' ? 'dir' : 'file');
    }
  }
  return paths;
}

// Several checkouts may run this test at once (each engineer's npm test): the tree is shared, so hold a
// lock file while it exists. A lock older than a minute is from a run that died; take it over.
const LOCK = `${TREE}.lock`;
let locked = false;

async function lock(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      locked = true;
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 60_000) rmSync(LOCK, { force: true });
      } catch {
        /* released meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`${LOCK} held for 20 s by another run`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

beforeAll(async () => {
  await lock();
  rmSync(TREE, { recursive: true, force: true });
  for (const [p, type] of watchedPaths()) {
    expect(p.startsWith(`${TREE}/`)).toBe(true);
    if (type === 'dir') mkdirSync(p, { recursive: true });
    else {
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, '');
    }
  }
}, 30_000);

afterAll(() => {
  if (!locked) return;
  rmSync(TREE, { recursive: true, force: true });
  rmSync(LOCK, { force: true });
});

describe('go-libaudit rule goldens', () => {
  it('has the 90 rules of the 11 rule files', () => {
    expect(files).toHaveLength(11);
    expect(goldens).toHaveLength(90);
  });

  it.each(goldens.map((g, i) => [i + 1, g.file, g.flags, g] as const))('#%i %s: %s encodes to the golden bytes', (_n, _f, flags, g) => {
    const tokens = splitRuleLine(flags)!;
    const cmds = parseRuleArgs(tokens, env);
    expect(cmds).toHaveLength(1);
    const cmd = cmds[0]!;
    expect(cmd.kind).toBe('add');
    if (cmd.kind !== 'add') return;
    const bytes = Buffer.from(encodeRule(cmd.rule));
    expect(bytes.toString('hex')).toBe(g.bytes.toString('hex'));
  });

  // auditctl -l's text of each golden rule, captured from the real auditctl by test/kernel/rules-golden-listing.test.ts
  const listing = readFileSync(join(ROOT, 'test/fixtures/rules/go-libaudit-listing.txt'), 'utf8').trimEnd().split('\n');

  it.each(goldens.map((g, i) => [i + 1, g.file, listing[i]!, g] as const))('#%i %s: golden bytes render as %s', (_n, _f, text, g) => {
    expect(renderRule(decodeRule(g.bytes), env)).toBe(text);
  });

  it('the extra rules of rule_data.yml encode to their bytes (unpadded there)', () => {
    for (const g of extra) {
      const cmd = parseRuleArgs(splitRuleLine(g.flags)!, env)[0]!;
      if (cmd.kind !== 'add') throw new Error('not a rule');
      const bytes = Buffer.from(encodeRule(cmd.rule));
      expect(bytes.subarray(0, g.bytes.length).toString('hex')).toBe(g.bytes.toString('hex'));
      expect(bytes.subarray(g.bytes.length).every((b) => b === 0)).toBe(true);
    }
  });

  it('a whole golden file lists as auditctl -l would (one line per rule)', () => {
    const nispom = goldens.filter((g) => g.file.startsWith('30-nispom'));
    const first = goldens.indexOf(nispom[0]!);
    const text = renderRules(
      nispom.map((g) => decodeRule(g.bytes)),
      env,
    );
    expect(text).toBe(`${listing.slice(first, first + nispom.length).join('\n')}\n`);
    expect(renderRules([], env)).toBe('No rules\n');
  });
});
