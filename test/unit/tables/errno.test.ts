import { constants } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ERRNOS, ERRNO_ALIASES, errnoMessage, errnoName, errnoNumber } from '../../../src/tables/errno.js';
import { loadLibAudit } from './libaudit.js';

describe('errno', () => {
  it('knows well-known errnos and their strerror text', () => {
    expect(errnoNumber('EACCES')).toBe(13);
    expect(errnoName(13)).toBe('EACCES');
    expect(errnoName(-13)).toBe('EACCES');
    expect(errnoMessage(13)).toBe('Permission denied');
    expect(errnoMessage(-2)).toBe('No such file or directory');
    expect(errnoMessage(17)).toBe('File exists');
    expect(errnoName(17)).toBe('EEXIST');
    expect(errnoMessage(1)).toBe('Operation not permitted');
    expect(errnoMessage(11)).toBe('Resource temporarily unavailable');
    expect(errnoName(133)).toBe('EHWPOISON');
    expect(errnoName(0)).toBeUndefined();
    expect(errnoName(41)).toBeUndefined();
    expect(errnoMessage(600)).toBe('Unknown error 600');
  });

  it('resolves aliases and any case', () => {
    expect(errnoNumber('EWOULDBLOCK')).toBe(11);
    expect(errnoNumber('EDEADLOCK')).toBe(35);
    expect(errnoNumber('ENOTSUP')).toBe(95);
    expect(errnoName(95)).toBe('EOPNOTSUPP');
    expect(errnoNumber('eacces')).toBe(13);
    expect(errnoNumber('ENOPE')).toBeUndefined();
  });

  it('matches every errno Node knows on this platform', () => {
    const names = Object.entries(constants.errno);
    expect(names.length).toBeGreaterThan(70);
    for (const [name, n] of names) expect(errnoNumber(name), name).toBe(n);
  });

  it('is one-to-one', () => {
    const names = new Set(ERRNOS.map(([, name]) => name));
    expect(names.size).toBe(ERRNOS.length);
    for (const [n, name, message] of ERRNOS) {
      expect(errnoNumber(name)).toBe(n);
      expect(message).not.toMatch(/^Unknown error/);
    }
    for (const [alias, n] of ERRNO_ALIASES) expect(errnoName(n), alias).toBeDefined();
  });

  const { lib, reason } = loadLibAudit();
  it.skipIf(!lib)(`agrees with the installed libaudit's audit_errno_to_name${lib ? '' : ` (skipped: ${reason})`}`, () => {
    let compared = 0;
    for (let n = 1; n < 600; n++) {
      const peer = lib!.errnoToName(n);
      if (peer === null) continue;
      compared++;
      expect(errnoName(n), String(n)).toBe(peer);
    }
    expect(compared).toBeGreaterThan(120);
  });
});
