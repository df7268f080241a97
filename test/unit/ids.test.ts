// The shared passwd/group reader (src/ids.ts): id -> name and name -> id, first entry wins, comments and
// malformed lines skipped, a missing file gives no names.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IdResolver, readIdTable } from '../../src/ids.js';

const dir = mkdtempSync(join(tmpdir(), 'tsaudit-ids-'));
const passwd = join(dir, 'passwd');
const group = join(dir, 'group');
writeFileSync(
  passwd,
  [
    '# comment',
    'root:x:0:0:root:/root:/bin/bash',
    'labuser:x:1001:1001::/home/labuser:/bin/sh',
    'toor:x:0:0:second root:/root:/bin/sh',
    'labuser:x:1005:1005::/home/other:/bin/sh',
    'broken-line',
    'noid:x::0::/:/bin/sh',
    'neg:x:-3:0::/:/bin/sh',
    '',
  ].join('\n'),
);
writeFileSync(group, 'root:x:0:\nadm:x:4:syslog\n');

describe('readIdTable', () => {
  it('maps ids and names both ways, the first entry winning', () => {
    const t = readIdTable(passwd);
    expect(t.byId.get(0)).toBe('root');
    expect(t.byId.get(1001)).toBe('labuser');
    expect(t.byName.get('toor')).toBe(0);
    expect(t.byName.get('labuser')).toBe(1001);
    expect(t.byName.has('broken-line')).toBe(false);
    expect(t.byName.has('noid')).toBe(false);
    expect(t.byName.has('neg')).toBe(false);
    expect([...t.byId.keys()].sort((a, b) => a - b)).toEqual([0, 1001, 1005]);
  });

  it('gives empty maps for a missing file', () => {
    const t = readIdTable(join(dir, 'nope'));
    expect(t.byId.size).toBe(0);
    expect(t.byName.size).toBe(0);
  });
});

describe('IdResolver', () => {
  const ids = new IdResolver({ passwdFile: passwd, groupFile: group });
  it('resolves uids and gids to names', () => {
    expect(ids.user('1001')).toBe('labuser');
    expect(ids.user(0)).toBe('root');
    expect(ids.group('4')).toBe('adm');
    expect(ids.group('10')).toBeUndefined();
  });
  it('knows the unset id and leaves unknown or non-numeric ids undefined', () => {
    expect(ids.user('4294967295')).toBe('unset');
    expect(ids.group(-1)).toBe('unset');
    expect(ids.user('4242')).toBeUndefined();
    expect(ids.user('')).toBeUndefined();
    expect(ids.user('labuser')).toBeUndefined();
  });
});
