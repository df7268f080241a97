// The rules verbs against a fake kernel (the netlink area's FakeKernel transport): kernel error sentences,
// immutable mode, rule files with control lines (including -e 2 and -f 2, which must never reach this
// machine's kernel), continue/ignore modes, drift detection and listing.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { AUDIT } from '../../../src/netlink/codec.js';
import { decodeRule } from '../../../src/rules/codec.js';
import { hostEnv } from '../../../src/rules/host-env.js';
import { renderRules } from '../../../src/rules/render.js';
import { type RunContext, runAdd, runDelete, runDiff, runList, runLoad } from '../../../src/rules/run.js';
import { FIELD } from '../../../src/tables/rule-fields.js';
import { FakeKernel } from '../netlink/fake-kernel.js';

const tmp = mkdtempSync(join(tmpdir(), 'tsaudit-rules-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = hostEnv({ machine: 'x86_64', pathType: (p) => (p === '/etc' || p === '/var/log/audit' ? 'dir' : 'other') });

let kernel: FakeKernel;
let stdout: string;
let stderr: string;
let ctx: RunContext;

beforeEach(() => {
  kernel = new FakeKernel();
  stdout = '';
  stderr = '';
  ctx = {
    env,
    client: { transport: kernel, timeoutMs: 2000 },
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  };
});

const listing = (): string =>
  renderRules(
    kernel.rules.map((b) => decodeRule(b)),
    env,
  );
const words = (s: string): string[] => s.split(' ');

function file(name: string, text: string, mode = 0o644): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

async function failure(p: Promise<unknown>): Promise<TsauditError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TsauditError);
    return e as TsauditError;
  }
  throw new Error('expected a failure');
}

describe('rules add / delete / list', () => {
  it('adds rules as the kernel stores them and lists them as auditctl -l', async () => {
    await runAdd(words('-w /etc/passwd -p wa -k passwd'), ctx);
    await runAdd(words('-a always,exit -F arch=b64 -S openat,open -F exit=-EACCES -F auid>=1000 -k denied ; -w /etc/ -p x'), ctx);
    expect(kernel.rules).toHaveLength(3);
    await runList({ format: 'text' }, ctx);
    expect(stdout).toBe(
      '-w /etc/passwd -p wa -k passwd\n' +
        '-a always,exit -F arch=b64 -S open,openat -F exit=-EACCES -F auid>=1000 -F key=denied\n' +
        '-w /etc -p x\n',
    );
    expect(stdout).toBe(listing());
  });

  it('lists "No rules", filters by key (substring, as auditctl), and gives structured JSON', async () => {
    await runList({ format: 'text' }, ctx);
    expect(stdout).toBe('No rules\n');
    await runAdd(words('-w /etc/passwd -p wa -k passwd-watch'), ctx);
    await runAdd(words('-a never,exit -F arch=b32 -S all -F uid=0 -k other'), ctx);
    stdout = '';
    await runList({ format: 'text', key: 'passwd' }, ctx);
    expect(stdout).toBe('-w /etc/passwd -p wa -k passwd-watch\n');
    stdout = '';
    await runList({ format: 'text', key: 'nomatch' }, ctx);
    expect(stdout).toBe('');
    stdout = '';
    await runList({ format: 'text', interpret: true }, ctx);
    expect(stdout).toContain('-a never,exit -F arch=i386 -S all -F uid=0 -F key=other\n');
    stdout = '';
    await runList({ format: 'json' }, ctx);
    const [watch, rule] = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(watch).toEqual({
      text: '-w /etc/passwd -p wa -k passwd-watch',
      list: 'exit',
      action: 'always',
      watch: { path: '/etc/passwd', kind: 'file', perms: 'wa' },
      fields: [],
      keys: ['passwd-watch'],
    });
    expect(rule).toEqual({
      text: '-a never,exit -F arch=b32 -S all -F uid=0 -F key=other',
      list: 'exit',
      action: 'never',
      arch: 'b32',
      syscalls: 'all',
      fields: [{ name: 'uid', op: '=', value: 0 }],
      keys: ['other'],
    });
  });

  it('add/delete/load print nothing (or a count) as text, and one object per rule with --format json|yaml', async () => {
    await runAdd(words('-w /etc/passwd -p wa -k passwd'), ctx);
    expect(stdout).toBe(''); // as auditctl
    await runAdd(words('-format=json -w /etc/shadow -p wa -k shadow ; -a always,exit -F arch=b64 -S execve -k exec'), ctx);
    const added = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(added).toEqual([
      {
        result: 'added',
        rule: {
          text: '-w /etc/shadow -p wa -k shadow',
          list: 'exit',
          action: 'always',
          watch: { path: '/etc/shadow', kind: 'file', perms: 'wa' },
          fields: [],
          keys: ['shadow'],
        },
      },
      {
        result: 'added',
        rule: {
          text: '-a always,exit -F arch=b64 -S execve -F key=exec',
          list: 'exit',
          action: 'always',
          arch: 'b64',
          syscalls: ['execve'],
          fields: [],
          keys: ['exec'],
        },
      },
    ]);
    expect(kernel.rules).toHaveLength(3);
    stdout = '';
    await runDelete(words('--format yaml -W /etc/shadow -p wa -k shadow'), ctx);
    expect(stdout).toMatch(/^---\nresult: deleted\nrule:\n {2}text: '-w \/etc\/shadow -p wa -k shadow'\n/);
    stdout = '';
    await runDelete(words('--format=json --all -k exec'), ctx);
    expect(JSON.parse(stdout)).toEqual({ result: 'deleted', count: 1, key: 'exec' });
    stdout = '';
    await runDelete(words('--all'), ctx);
    expect(stdout).toBe('deleted 1 rule\n');
    stdout = '';
    await runLoad(file('fmt.rules', '-D\n-b 320\n-w /etc/passwd -p wa\n-a always,exit -F arch=b64 -S openat\n'), { format: 'json' }, ctx);
    expect(JSON.parse(stdout)).toEqual({ file: join(tmp, 'fmt.rules'), added: 2, deleted: 0, settings: 1, failed: 0 });
    await expect(runAdd(words('-format=csv -w /etc/passwd'), ctx)).rejects.toThrow(
      'flag --format: expected one of text, json, yaml, got "csv"',
    );
  });

  it('gives YAML documents with the same content as JSON', async () => {
    const yaml = await import('js-yaml');
    await runAdd(words('-w /etc/passwd -p wa -k passwd ; -a always,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -k setuid'), ctx);
    await runList({ format: 'json' }, ctx);
    const json = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    stdout = '';
    await runList({ format: 'yaml' }, ctx);
    expect(stdout.startsWith('---\n')).toBe(true);
    expect(yaml.loadAll(stdout)).toEqual(json);
    expect(json[1].fields).toEqual([
      { name: 'uid', op: '!=', value: 'euid', compare: true },
      { name: 'euid', op: '=', value: 0 },
    ]);
  });

  it('says "rule already exists" and "no such rule", naming the rule', async () => {
    await runAdd(words('-w /etc/passwd -p wa -k passwd'), ctx);
    const exists = await failure(runAdd(words('-w /etc/passwd -p wa -k passwd'), ctx));
    expect(exists.code).toBe('E_RULE_EXISTS');
    expect(exists.message).toBe('rule already exists: -w /etc/passwd -p wa -k passwd');
    const none = await failure(runDelete(words('-w /etc/shadow -p wa'), ctx));
    expect(none.code).toBe('E_NO_SUCH_RULE');
    expect(none.message).toBe('no such rule: -w /etc/shadow -p wa');
    await runDelete(words('-W /etc/passwd -p wa -k passwd'), ctx);
    expect(kernel.rules).toHaveLength(0);
  });

  it('deletes with the -a form, the -d form, and --all [-k KEY] (keys matched as substrings)', async () => {
    await runAdd(words('-a always,exit -F arch=b64 -S execve -k exec'), ctx);
    await runAdd(words('-A always,exit -F arch=b64 -S kill -k kill'), ctx);
    await runAdd(words('-w /etc/hosts -k net-hosts'), ctx);
    await runAdd(words('-w /etc/hostname -k net-name'), ctx);
    await runDelete(words('-a always,exit -F arch=b64 -S execve -k exec'), ctx);
    expect(kernel.rules).toHaveLength(3);
    await runDelete(words('--all -k net'), ctx);
    expect(stdout).toBe('deleted 2 rules with key "net"\n');
    expect(listing()).toBe('-a always,exit -F arch=b64 -S kill -F key=kill\n');
    await runDelete(['-D'], ctx);
    expect(kernel.rules).toHaveLength(0);
  });

  it('names the rule the kernel rejects with EINVAL, and retries a dir watch as a path watch like auditctl', async () => {
    kernel.failWith.set(AUDIT.ADD_RULE, 22);
    const e = await failure(runAdd(words('-a always,exit -F arch=b64 -S open -F path=relative'), ctx));
    expect(e.code).toBe('E_RULE_INVALID');
    expect(e.message).toBe('the kernel rejected the rule as invalid (EINVAL): -a always,exit -F arch=b64 -S open -F path=relative');
    kernel.failWith.set(AUDIT.ADD_RULE, 22);
    await runAdd(words('-w /etc -p wa'), ctx);
    expect(decodeRule(kernel.rules[0]!).fields[0]!.field).toBe(FIELD.AUDIT_WATCH);
  });

  it('refuses rule changes in immutable mode before sending any rule', async () => {
    kernel.status.enabled = 2;
    const e = await failure(runAdd(words('-w /etc/passwd'), ctx));
    expect(e.code).toBe('E_IMMUTABLE');
    expect(e.message).toMatch(/immutable mode/);
    expect(kernel.sent.some((m) => m.type === AUDIT.ADD_RULE)).toBe(false);
  });

  it('turns EPERM into "requires root"', async () => {
    kernel.failWith.set(AUDIT.LIST_RULES, 1);
    const e = await failure(runList({ format: 'text' }, ctx));
    expect(e.code).toBe('E_NOT_ROOT');
    expect(e.message).toBe('rules list requires root (CAP_AUDIT_CONTROL)');
  });

  it('keeps syntax errors as usage errors and sends nothing', async () => {
    const e = await failure(runAdd(words('-a always,exit -F auid=>1000'), ctx));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('bad rule field at token 4: got "auid=>1000" (unknown user ">1000")');
    const notRule = await failure(runAdd(words('-b 100'), ctx));
    expect(notRule.message).toMatch(/is not a rule/);
    expect(kernel.sent).toHaveLength(0);
  });
});

describe('rules load', () => {
  const RULES = `## a rules file
-D
-b 321
--backlog_wait_time 1234
-f 1

-w /etc/passwd -p wa -k identity
-a always,exit -F arch=b64 -S adjtimex,settimeofday -k time-change
-a always,exit -F arch=b32 -S adjtimex,settimeofday,stime -k time-change
`;

  it('applies control lines and rules in order, like auditctl -R', async () => {
    await runAdd(words('-w /etc/shadow'), ctx); // removed by -D
    await runLoad(file('ok.rules', RULES), {}, ctx);
    expect(kernel.status.backlogLimit).toBe(321);
    expect(kernel.status.backlogWaitTime).toBe(1234);
    expect(kernel.status.failure).toBe(1);
    expect(listing()).toBe(
      '-w /etc/passwd -p wa -k identity\n' +
        '-a always,exit -F arch=b64 -S adjtimex,settimeofday -F key=time-change\n' +
        '-a always,exit -F arch=b32 -S stime,settimeofday,adjtimex -F key=time-change\n',
    );
    expect(stdout).toMatch(/ok\.rules: 3 rules added, 1 deleted, 3 settings applied\n$/);
  });

  it('applies -e 2 and -f 2 in order (fake kernel only): later rules hit immutable mode', async () => {
    const p = file('lock.rules', `-w /etc/passwd\n-f 2\n-e 2\n-w /etc/shadow\n`);
    const e = await failure(runLoad(p, {}, ctx));
    expect(kernel.status.failure).toBe(2);
    expect(kernel.status.enabled).toBe(2);
    expect(e.message).toBe(`${p}:4: the audit system is in immutable mode, no rule changes allowed (until reboot): -w /etc/shadow`);
    expect(listing()).toBe('-w /etc/passwd -p rwxa\n');
    // and a locked kernel refuses the next load up front
    const again = await failure(runLoad(file('again.rules', '-w /etc/group\n'), {}, ctx));
    expect(again.code).toBe('E_IMMUTABLE');
  });

  it('applies --loginuid-immutable and the counter resets of a rules file (fake kernel only)', async () => {
    await runLoad(file('feat.rules', `--reset-lost\n--loginuid-immutable\n-w /etc/passwd\n`), {}, ctx);
    expect(kernel.status.lost).toBe(0);
    const loginuid = 1 << 1; // AUDIT_FEATURE_LOGINUID_IMMUTABLE = 1
    expect(kernel.features.features & loginuid).toBe(loginuid);
    expect(kernel.features.lock & loginuid).toBe(loginuid);
    expect(stdout).toMatch(/feat\.rules: 1 rule added, 2 settings applied\n$/);
  });

  it('stops at the first bad line with FILE:LINE: reason', async () => {
    const p = file('bad.rules', `-w /etc/passwd\n\n# x\n-a always,exit -F arch=b64 -S opne\n-w /etc/shadow\n`);
    const e = await failure(runLoad(p, {}, ctx));
    expect(e.message).toBe(`${p}:4: unknown syscall at token 6: got "opne" ("opne" is not a x86_64 syscall, did you mean "open"?)`);
    expect(e.exitCode).toBe(1);
    expect(listing()).toBe('-w /etc/passwd -p rwxa\n');
  });

  it('with --continue (or a -c line) tries every line, reports each failure and fails at the end', async () => {
    const p = file('cont.rules', `-w /etc/passwd\n-w /etc/passwd\n-a always,exit -F bogus=1\n-w /etc/shadow\n`);
    const e = await failure(runLoad(p, { continue: true }, ctx));
    expect(e.message).toBe(`${p}: 2 of 4 lines failed (first: ${p}:2: rule already exists: -w /etc/passwd)`);
    expect(stderr).toBe(
      `tsaudit: ${p}:2: rule already exists: -w /etc/passwd\ntsaudit: ${p}:3: bad rule field at token 4: got "bogus=1" (unknown field "bogus")\n`,
    );
    expect(listing()).toBe('-w /etc/passwd -p rwxa\n-w /etc/shadow -p rwxa\n');
    kernel.rules = [];
    await failure(runLoad(file('cont2.rules', `-c\n-w /etc/passwd\n-w /etc/passwd\n-w /etc/group\n`), {}, ctx));
    expect(listing()).toBe('-w /etc/passwd -p rwxa\n-w /etc/group -p rwxa\n');
  });

  it('after a -i line reports errors and still succeeds; -c before -i still fails at the end, as in auditctl', async () => {
    await runLoad(file('ign.rules', `-i\n-w /etc/passwd\n-w /etc/passwd\n-w /etc/group\n`), {}, ctx);
    expect(stderr).toMatch(/ign\.rules:3: rule already exists/);
    expect(stdout).toMatch(/2 rules added, 1 line failed/);
    kernel.rules = [];
    const e = await failure(runLoad(file('ci.rules', `-c\n-i\n-w /etc/passwd\n-w /etc/passwd\n-w /etc/group\n`), {}, ctx));
    expect(e.message).toMatch(/ci\.rules: 1 of 5 lines failed/);
    expect(listing()).toBe('-w /etc/passwd -p rwxa\n-w /etc/group -p rwxa\n');
  });

  it('reads stdin for -, and refuses world-writable files like auditctl -R', async () => {
    await runLoad('-', {}, { ...ctx, stdin: () => '-w /etc/passwd -p wa\n' });
    expect(listing()).toBe('-w /etc/passwd -p wa\n');
    const e = await failure(runLoad(file('ww.rules', '-w /etc/passwd\n', 0o666), {}, ctx));
    expect(e.message).toMatch(/is world writable/);
    const missing = await failure(runLoad(join(tmp, 'nope.rules'), {}, ctx));
    expect(missing.message).toBe(`cannot read rules file ${join(tmp, 'nope.rules')}: ENOENT`);
  });
});

describe('rules diff', () => {
  it('reports missing, extra and reordered rules and fails; passes when they agree', async () => {
    const p = file(
      'want.rules',
      `-D\n-b 8192\n-w /etc/passwd -p wa -k identity\n-a always,exit -F arch=b64 -S execve -k exec\n-w /etc/group -p wa -k identity\n`,
    );
    await runLoad(p, {}, ctx);
    stdout = '';
    await runDiff(p, { format: 'text' }, ctx);
    expect(stdout).toBe(`no drift: the kernel has the 3 rules of ${p}, in order\n`);

    await runDelete(words('-w /etc/group -p wa -k identity'), ctx);
    await runAdd(words('-w /etc/shadow -p wa'), ctx);
    stdout = '';
    const e = await failure(runDiff(p, { format: 'text' }, ctx));
    expect(e.code).toBe('E_RULES_DIFFER');
    expect(e.exitCode).toBe(1);
    expect(stdout).toBe(`missing from kernel: ${p}:5: -w /etc/group -p wa -k identity\nnot in ${p}: -w /etc/shadow -p wa\n`);

    kernel.rules = [];
    await runAdd(
      words('-a always,exit -F arch=b64 -S execve -k exec ; -w /etc/passwd -p wa -k identity ; -w /etc/group -p wa -k identity'),
      ctx,
    );
    stdout = '';
    await failure(runDiff(p, { format: 'json' }, ctx));
    expect(JSON.parse(stdout)).toEqual({ file: p, missing: [], extra: [], same: 3, orderDiffers: true });
  });
});

describe('rules diff of a file with deletions', () => {
  it('compares with what loading the file leaves: -d/-W remove, -D -k KEY removes matching keys', async () => {
    const p = file(
      'del.rules',
      `-w /etc/passwd -k a\n-w /etc/group -k b\n-w /etc/shadow -k keep\n-W /etc/passwd -k a\n-D -k b\n-w /etc/hosts\n`,
    );
    await runAdd(words('-w /etc/shadow -k keep ; -w /etc/hosts'), ctx);
    await runDiff(p, { format: 'text' }, ctx);
    expect(stdout).toBe(`no drift: the kernel has the 2 rules of ${p}, in order\n`);
  });
});

describe('diffRules order', () => {
  it('knows the kernel keeps one list per filter and -A prepends', async () => {
    const { diffRules } = await import('../../../src/rules/diff.js');
    const { parseRuleArgs } = await import('../../../src/rules/parse.js');
    const r = (l: string) => {
      const c = parseRuleArgs(l.split(' '), env)[0]!;
      if (c.kind !== 'add') throw new Error('not a rule');
      return c.rule;
    };
    const a = r('-a always,exit -F arch=b64 -S open');
    const u = r('-a never,user -F uid=0');
    const p = r('-A always,exit -F arch=b64 -S kill');
    const file = [a, u, p].map((rule, i) => ({ line: i + 1, rule }));
    expect(diffRules(file, [u, { ...p, prepend: false }, a], env)).toEqual({ missing: [], extra: [], same: 3, orderDiffers: false });
    expect(diffRules(file, [u, a, p], env).orderDiffers).toBe(true);
  });
});
