// Properties of the rules library, over generated input (fast-check):
// - any tokens give commands or a TsauditError, never another exception;
// - any valid rule (generated from the grammar) survives parse -> encode -> decode -> render -> parse with
//   identical kernel bytes, and decode(encode(rule)) gives the rule back;
// - any rule's tokens, written as a rules-file line the auditctl way, split back into the same tokens.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { decodeRule, encodeRule } from '../../../src/rules/codec.js';
import { hostEnv } from '../../../src/rules/host-env.js';
import { parseRuleArgs, splitRuleLine } from '../../../src/rules/parse.js';
import { renderRule } from '../../../src/rules/render.js';
import type { RuleData } from '../../../src/rules/types.js';
import { syscallNames } from '../../../src/tables/syscalls.js';

const env = hostEnv({ machine: 'x86_64', passwd: '/dev/null', group: '/dev/null', pathType: (p) => (p.endsWith('d') ? 'dir' : 'other') });

function rule(tokens: string[]): RuleData {
  const c = parseRuleArgs(tokens, env).at(-1)!;
  if (c.kind !== 'add') throw new Error('not an add');
  return c.rule;
}

const word = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/);
const path = fc.array(word, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const key = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/);
const num = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: -5000, max: -1 }));
const numText = fc.oneof(
  num.map(String),
  fc.integer({ min: 0, max: 0xffffffff }).map((n) => `0x${n.toString(16)}`),
);
const anyOp = fc.constantFrom('=', '!=', '<', '>', '<=', '>=', '&', '&=');
const eqOp = fc.constantFrom('=', '!=');

const exitField = fc.oneof(
  fc.tuple(fc.constantFrom('uid', 'euid', 'suid', 'fsuid', 'auid', 'obj_uid', 'loginuid'), anyOp, fc.oneof(numText, fc.constant('unset'))),
  fc.tuple(fc.constantFrom('gid', 'egid', 'sgid', 'fsgid', 'obj_gid'), anyOp, fc.integer({ min: 0, max: 100000 }).map(String)),
  fc.tuple(
    fc.constantFrom('a0', 'a1', 'a2', 'a3', 'pid', 'ppid', 'pers', 'devmajor', 'devminor', 'success'),
    anyOp,
    fc.nat({ max: 0x7fffffff }).map(String),
  ),
  fc.tuple(fc.constant('exit'), anyOp, fc.oneof(numText, fc.constantFrom('-EPERM', '-ENOENT', 'EACCES', '-EINVAL', '-EIO'))),
  fc.tuple(fc.constant('inode'), eqOp, fc.integer({ min: 0, max: 0xffffffff }).map(String)),
  fc.tuple(fc.constant('sessionid'), anyOp, fc.oneof(numText, fc.constant('unset'))),
  fc.tuple(fc.constant('saddr_fam'), anyOp, fc.integer({ min: 0, max: 45 }).map(String)),
  fc.tuple(
    fc.constant('perm'),
    fc.constant('='),
    fc.subarray(['r', 'w', 'x', 'a'], { minLength: 1 }).map((a) => a.join('')),
  ),
  fc.tuple(fc.constant('filetype'), anyOp, fc.constantFrom('file', 'dir', 'socket', 'link', 'block', 'character', 'fifo')),
  fc.tuple(
    fc.constantFrom(
      'subj_user',
      'subj_role',
      'subj_type',
      'subj_sen',
      'subj_clr',
      'obj_user',
      'obj_role',
      'obj_type',
      'obj_lev_low',
      'obj_lev_high',
    ),
    eqOp,
    word,
  ),
  fc.tuple(fc.constantFrom('path', 'dir'), fc.constant('='), path),
  fc.tuple(fc.constant('exe'), fc.constant('='), path),
);
const compare = fc
  .tuple(
    fc.constantFrom('uid', 'euid', 'suid', 'fsuid', 'auid', 'obj_uid'),
    eqOp,
    fc.constantFrom('uid', 'euid', 'suid', 'fsuid', 'auid', 'obj_uid'),
  )
  .filter(([a, , b]) => a !== b && !(a === 'auid' && b === 'auid'));

const arch = fc.constantFrom('b64', 'b32', 'x86_64', 'i386');
const archCode = (a: string) => (a === 'b64' || a === 'x86_64' ? 'x86_64' : 'i386');

const syscallRule = arch
  .chain((a) =>
    fc.record({
      action: fc.constantFrom('always', 'never'),
      reversed: fc.boolean(),
      prepend: fc.boolean(),
      arch: fc.constant(a),
      syscalls: fc.oneof(fc.constant(['all']), fc.subarray([...syscallNames(archCode(a))], { minLength: 1, maxLength: 6 })),
      fields: fc.array(exitField, { maxLength: 6 }),
      compares: fc.array(compare, { maxLength: 2 }),
      keys: fc.array(key, { maxLength: 3 }),
    }),
  )
  .map((r) => {
    const t = [
      r.prepend ? '-A' : '-a',
      r.reversed ? `exit,${r.action}` : `${r.action},exit`,
      '-F',
      `arch=${r.arch}`,
      '-S',
      r.syscalls.join(','),
    ];
    for (const [n, op, v] of r.fields) t.push('-F', `${n}${op}${v}`);
    for (const [x, op, y] of r.compares) t.push('-C', `${x}${op}${y}`);
    for (const k of r.keys) t.push('-k', k);
    return t;
  });

const watchRule = fc
  .record({
    path,
    perms: fc.option(fc.subarray(['r', 'w', 'x', 'a'], { minLength: 1 }).map((a) => a.join(''))),
    keys: fc.array(key, { maxLength: 3 }),
  })
  .map((w) => ['-w', w.path, ...(w.perms ? ['-p', w.perms] : []), ...w.keys.flatMap((k) => ['-k', k])]);

const otherListRule = fc
  .oneof(
    fc.tuple(
      fc.constantFrom('user', 'exclude'),
      fc.array(fc.tuple(fc.constantFrom('uid', 'gid', 'auid', 'pid'), anyOp, fc.nat({ max: 65535 }).map(String)), { maxLength: 4 }),
      fc.constantFrom('USER_LOGIN', 'CWD', '1300'),
    ),
  )
  .map(([list, fields, type]) => [
    '-a',
    `never,${list}`,
    '-F',
    `msgtype=${type}`,
    ...fields.flatMap(([n, op, v]) => ['-F', `${n}${op}${v}`]),
  ]);

const validRule = fc.oneof(syscallRule, watchRule, otherListRule);

describe('rules properties', () => {
  it('any tokens give commands or a TsauditError, never another exception', () => {
    const token = fc.oneof(
      fc.constantFrom(
        '-a',
        '-A',
        '-d',
        '-w',
        '-W',
        '-S',
        '-F',
        '-C',
        '-k',
        '-p',
        '-D',
        '-b',
        '-e',
        '-f',
        '-r',
        '-i',
        '-c',
        '--backlog_wait_time',
        ';',
        '--',
        '-',
      ),
      fc.constantFrom(
        'always,exit',
        'exit,never',
        'never,user',
        'always,exclude',
        'always,task',
        'always,filesystem',
        'always,io_uring',
        'arch=b64',
        'arch=b32',
        'open,openat',
        'all',
        'uid=0',
        'auid>=1000',
        'auid!=unset',
        'exit=-EACCES',
        'a0&=1',
        'uid!=euid',
        '/etc/passwd',
        'wa',
        'key=x',
        'msgtype=CWD',
        'fstype=debugfs',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        try {
          parseRuleArgs(tokens, env);
        } catch (e) {
          if (!(e instanceof TsauditError)) throw e;
          expect(e.message).not.toMatch(/\n/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a valid rule survives parse -> encode -> decode -> render -> parse with identical bytes', () => {
    fc.assert(
      fc.property(validRule, (tokens) => {
        const r = rule(tokens);
        const bytes = encodeRule(r);
        const back = decodeRule(bytes);
        expect(back).toEqual({ ...r, fields: r.fields.map((f) => (f.str === undefined ? f : { ...f })) });
        const text = renderRule(back, env);
        const again = encodeRule(rule(splitRuleLine(text)!));
        // -A is a request flag, the listing cannot show it; everything else must be the same bytes
        const strip = (b: Uint8Array) => Buffer.from(b).toString('hex').slice(2);
        expect(strip(again)).toBe(strip(bytes));
      }),
      { numRuns: 1500 },
    );
  });

  it('tokens written as a rules-file line (spaces and backslashes escaped) split back the same', () => {
    const tok = fc.string({ minLength: 1, maxLength: 10 }).filter((t) => !/[\t\r\n]/.test(t) && !/^["'#]/.test(t));
    fc.assert(
      fc.property(fc.array(tok, { minLength: 1, maxLength: 8 }), (tokens) => {
        const line = tokens.map((t) => t.replace(/\\/g, '\\\\').replace(/ /g, '\\ ')).join(' ');
        expect(splitRuleLine(line)).toEqual(tokens);
      }),
      { numRuns: 2000 },
    );
  });
});
