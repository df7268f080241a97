import { describe, expect, it } from 'vitest';
import { ARCHES } from '../../../src/tables/arch.js';
import { ADDRESS_FAMILIES } from '../../../src/tables/families.js';
import { ADDRESS_FAMILY, AUDIT_STATUS, AUDIT_UAPI, NETLINK_SOCKET, PATH_LIMITS } from '../../../src/tables/linux-constants.js';

// The generated constants agree with the other tables generated from their own sources.
describe('linux-constants', () => {
  it('names each address family as auditd does', () => {
    expect(ADDRESS_FAMILIES.get(ADDRESS_FAMILY.AF_LOCAL)).toBe('local');
    expect(ADDRESS_FAMILIES.get(ADDRESS_FAMILY.AF_INET)).toBe('inet');
    expect(ADDRESS_FAMILIES.get(ADDRESS_FAMILY.AF_INET6)).toBe('inet6');
    expect(ADDRESS_FAMILIES.get(ADDRESS_FAMILY.AF_NETLINK)).toBe('netlink');
  });

  it('has AF_MAX above every family auditd names', () => {
    for (const n of ADDRESS_FAMILIES.keys()) expect(n).toBeLessThan(ADDRESS_FAMILY.AF_MAX);
  });

  it('marks exactly the 64-bit architectures with __AUDIT_ARCH_64BIT', () => {
    for (const a of ARCHES) expect((a.code & AUDIT_UAPI.__AUDIT_ARCH_64BIT) !== 0, a.name).toBe(a.bits === 64);
  });

  it('has one audit_status mask bit per field, in order', () => {
    expect(Object.values(AUDIT_STATUS)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });

  it('keeps the socket numbers of the generic ABI', () => {
    expect(NETLINK_SOCKET.SOCK_NONBLOCK).toBe(NETLINK_SOCKET.EFD_NONBLOCK);
    expect(NETLINK_SOCKET.SOCK_CLOEXEC).toBe(NETLINK_SOCKET.EFD_CLOEXEC);
    expect(PATH_LIMITS.PATH_MAX).toBeGreaterThan(PATH_LIMITS.NAME_MAX);
  });
});
