import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES, NOT_IN_AUSEARCH, messageTypeName, messageTypeNumber } from '../../../src/tables/message-types.js';
import { loadLibAudit } from './libaudit.js';

describe('message types', () => {
  it('knows well-known kernel and user-space types', () => {
    const facts: [number, string][] = [
      [1005, 'USER'],
      [1006, 'LOGIN'],
      [1100, 'USER_AUTH'],
      [1112, 'USER_LOGIN'],
      [1123, 'USER_CMD'],
      [1200, 'DAEMON_START'],
      [1300, 'SYSCALL'],
      [1302, 'PATH'],
      [1307, 'CWD'],
      [1309, 'EXECVE'],
      [1320, 'EOE'],
      [1327, 'PROCTITLE'],
      [1336, 'URINGOP'],
      [1400, 'AVC'],
      [1500, 'APPARMOR'],
      [1700, 'ANOM_PROMISCUOUS'],
      [1800, 'INTEGRITY_DATA'],
      [2000, 'KERNEL'],
      [2100, 'ANOM_LOGIN_FAILURES'],
      [2300, 'USER_ROLE_CHANGE'],
      [2500, 'VIRT_CONTROL'],
    ];
    for (const [n, name] of facts) {
      expect(messageTypeName(n)).toBe(name);
      expect(messageTypeNumber(name)).toBe(n);
    }
  });

  it('names unknown numbers UNKNOWN[n] and reads them back', () => {
    expect(messageTypeName(1308)).toBe('UNKNOWN[1308]');
    expect(messageTypeName(0)).toBe('UNKNOWN[0]');
    expect(messageTypeName(99999)).toBe('UNKNOWN[99999]');
    expect(messageTypeNumber('UNKNOWN[1308]')).toBe(1308);
    expect(messageTypeNumber('UNKNOWN[abc]')).toBeUndefined();
    expect(messageTypeNumber('NO_SUCH_TYPE')).toBeUndefined();
  });

  it('accepts lower case and the AUDIT_ prefix', () => {
    expect(messageTypeNumber('syscall')).toBe(1300);
    expect(messageTypeNumber('AUDIT_EOE')).toBe(1320);
  });

  it('is a bijection of about 200+ entries in the audit number ranges', () => {
    expect(MESSAGE_TYPES.size).toBeGreaterThan(200);
    const names = new Set(MESSAGE_TYPES.values());
    expect(names.size).toBe(MESSAGE_TYPES.size);
    for (const [n, name] of MESSAGE_TYPES) {
      expect(n).toBeGreaterThanOrEqual(1000);
      expect(n).toBeLessThan(3000);
      expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(messageTypeNumber(name)).toBe(n);
    }
    for (const n of NOT_IN_AUSEARCH) expect(MESSAGE_TYPES.has(n)).toBe(true);
  });

  const { lib, reason } = loadLibAudit();
  it.skipIf(!lib)(`agrees with the installed libaudit's audit_msg_type_to_name${lib ? '' : ` (skipped: ${reason})`}`, () => {
    let compared = 0;
    const disagreements: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const peer = lib!.msgTypeToName(n);
      if (peer === null) continue; // ours may know newer types than the installed library
      compared++;
      if (messageTypeName(n) !== peer) disagreements.push(`${n}: ours ${messageTypeName(n)}, libaudit ${peer}`);
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(150);
  });
});
