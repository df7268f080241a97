// The C library behaviour ausearch's matching rests on: strtoul/strtoll wrap-around and overflow, the
// narrowing to uid_t/pid_t, and ausearch's unescape() of hex values.

import { describe, expect, it } from 'vitest';
import { hexOverflows, i32, strto, u32, unescape } from '../../../src/audit-fields/cstr.js';

describe('strto', () => {
  it.each([
    ['1001', 10, false, 1001],
    ['  42 rest', 10, false, 42],
    ['12abc', 10, false, 12],
    ['abc', 10, false, 0],
    ['-1', 10, false, -1],
    ['-13', 0, true, -13],
    ['0x1f', 0, true, 31],
    ['017', 0, true, 15],
    ['c000003e', 16, false, 0xc000003e],
  ] as const)('%s (base %d, signed %s) = %d', (s, base, signed, value) => {
    expect(strto(s, 0, base, signed).value).toBe(value);
    expect(strto(s, 0, base, signed).overflow).toBe(false);
  });

  it('overflow past 64 bits, as errno ERANGE', () => {
    expect(strto('18446744073709551616', 0, 10).overflow).toBe(true);
    expect(strto('18446744073709551615', 0, 10).overflow).toBe(false);
    expect(strto('9223372036854775808', 0, 10, true).overflow).toBe(true);
    expect(hexOverflows('ffffffffffffffff', 0)).toBe(false);
    expect(hexOverflows('00001ffffffffffffffff', 0)).toBe(true);
  });

  it('narrows as C assignments do', () => {
    expect(u32(4294967295)).toBe(4294967295);
    expect(u32(4294967296 + 7)).toBe(7);
    expect(u32(strto('-1', 0, 10).value)).toBe(4294967295); // strtoul("-1") as a uint32_t
    expect(i32(4294967295)).toBe(-1);
    expect(i32(2147483648)).toBe(-2147483648);
  });
});

describe('unescape', () => {
  it.each([
    ['2F746D70 rest', '/tmp'],
    ['6B31016B32', 'k1\x01k2'],
    ['2F746D7000414243', '/tmp'],
    ['(null) x', '(null)'],
    ['414', 'A@'],
    ['4', null],
    ['zz', null],
    ['(unclosed', null],
  ])('%s', (s, expected) => {
    expect(unescape(s, 0)).toBe(expected);
  });
});
