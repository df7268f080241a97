// -k drops events by their bytes before extraction (src/search/needle.ts). The drop must never lose an event
// ausearch selects: keys written as text, as hex of either case (also mixed, and with an odd last digit),
// several keys in one hex value, and needles that only hex holds. Checked against ausearch itself, and the
// needle's own test on its cases.

import { describe, expect, it } from 'vitest';
import { Needle } from '../../../src/search/needle.js';
import { ausearch, HAVE_AUSEARCH, search, tempLog } from './harness.js';

const hex = (s: string): string => Buffer.from(s, 'latin1').toString('hex');

describe('Needle', () => {
  const n = Needle.of('passwd')!;
  it.each([
    ['key="passwd"', true],
    ['key="/etc/passwd-watch"', true],
    [`key=${hex('passwd').toUpperCase()}`, true],
    [`key=${hex('/etc/passwd')}`, true],
    [`key=2F6574632f706173737764`, true],
    ['key=70617373776', false], // odd: "passw" and 0x60
    ['key=7061737377', false],
    ['key="PaSsWd"', true], // may say yes where the selector says no
    ['key="exec"', false],
    ['key=(null)', false],
  ])('%s: %s', (line, expected) => {
    expect(n.test(`type=SYSCALL msg=audit(1.000:1): ${line}`)).toBe(expected);
  });

  it('reads an odd last hex digit as the high half of its byte', () => {
    expect(Needle.of('passw`')!.test('key=70617373776')).toBe(true);
    expect(Needle.of('passw`')!.test('key=70617373774')).toBe(false);
  });

  it('finds every place in a block, overlapping ones too, and escapes what a regular expression would read', () => {
    const places = (value: string, text: string): number[] => Needle.of(value)!.places(Buffer.from(text, 'latin1'), text.length);
    expect(places('a.b', 'axb a.b 612e62')).toEqual([4, 8]);
    expect(places('x', 'x 78 7 x')).toEqual([0, 2, 7]); // "7a": no digits to look for first
    expect(places('p', 'p 7 x')).toEqual([0, 2]);
    expect(places('abab', 'ababab')).toEqual([0, 2]);
    expect(places('/etc/shadow', 'key=2F6574632f736861646F77 key="/etc/shadow"')).toEqual([4, 32]);
    expect(places('/etc/shadow', '2F6574632f73686164xF77 736861646')).toEqual([]);
    // only the bytes before the end count
    expect(Needle.of('passwd')!.places(Buffer.from('passwd passwd'), 10)).toEqual([0]);
  });

  it('declines values it could not test exactly', () => {
    expect(Needle.of('')).toBeUndefined();
    expect(Needle.of('caf\xc3\xa9')).toBeUndefined();
    expect(Needle.of('a\nb')).toBeUndefined();
  });
});

/** One SYSCALL event per key value, a second apart. */
function log(keys: string[]): string {
  return keys
    .map(
      (k, i) =>
        `type=SYSCALL msg=audit(1795272300.${String(i).padStart(3, '0')}:${700 + i}): arch=c000003e syscall=2 success=yes exit=3 a0=1 a1=0 a2=0 a3=0 items=0 ppid=1 pid=${100 + i} auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="cat" exe="/usr/bin/cat" key=${k}\n`,
    )
    .join('');
}

describe.skipIf(!HAVE_AUSEARCH)('-k with keys in every spelling, against ausearch', () => {
  const KEYS = [
    '"passwd"',
    hex('passwd').toUpperCase(),
    hex('/etc/gshadow'), // lower case digits
    '70617373776', // odd: "passw" and 0x60
    '70617373774', // odd: "passw" and 0x40
    hex('a\x01passwd\x01b').toUpperCase(),
    '2f6574632F736861646F77', // "/etc/shadow", digits of both cases
    '(null)',
    '"exec"',
    `${hex('passwd').toUpperCase()}00${hex('tail').toUpperCase()}`, // a NUL ends the C string
  ];
  const file = tempLog('keys.log', () => log(KEYS));

  const QUERIES = [
    ['passwd'],
    ['passw`'],
    ['passw@'],
    ['pass'],
    ['paSs'],
    ['null'],
    ['exec'],
    ['b'],
    ['tail'],
    ['/etc/sha'],
    ['shadow'],
    ['gshadow'],
    ['passwd', '-w'],
    ['a', '-w'],
  ];
  it.each(QUERIES.map((q) => [q.join(' '), q]))('-k %s', async (_name, [key, ...rest]) => {
    const args = ['-if', file(), '-k', key!, ...rest, '--raw'];
    const a = ausearch(args);
    const t = await search(args);
    expect(t.stdout.toString('latin1')).toBe(a.stdout.toString('latin1'));
    expect(t.status).toBe(a.status);
  });
});
