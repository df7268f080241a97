import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneFlagsText, openFlagsText, ptraceText, syscallArgText } from '../../../src/parse/interpret/args.js';
import { decodeHex, decodeUntrusted, isHexEncoded } from '../../../src/parse/interpret/hex.js';
import { IdResolver } from '../../../src/ids.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { normalizeEvent } from '../../../src/parse/normalize/event.js';
import { proctitleArgv, proctitleText } from '../../../src/parse/interpret/proctitle.js';
import { type AuditRecord, parseRecord } from '../../../src/parse/record.js';
import { decodeSockaddr, formatIpv6, type SockAddr } from '../../../src/parse/interpret/sockaddr.js';
import {
  capabilityBitmapText,
  capabilityNames,
  isUnsetId,
  modeShortText,
  modeText,
  nfprotoText,
  ruleListText,
  resultOf,
  ruleKeys,
  seccompCodeText,
  signalText,
  splitContext,
} from '../../../src/parse/interpret/values.js';

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

describe('hex', () => {
  it('recognizes only the kernel encoding (upper case, even length)', () => {
    expect(isHexEncoded('2F746D70')).toBe(true);
    expect(isHexEncoded('2f746d70')).toBe(false);
    expect(isHexEncoded('2F7')).toBe(false);
    expect(isHexEncoded('')).toBe(false);
    expect(isHexEncoded('(null)')).toBe(false);
  });
  it('decodes UTF-8 (accents, CJK, emoji)', () => {
    for (const s of ['héllo wörld', '日本語テキスト', 'emoji 🎉 arg', 'tab\there', 'new\nline', 'quote " it']) {
      expect(decodeHex(hex(s))).toBe(s);
    }
  });
  it('leaves quoted values and non-hex words alone', () => {
    expect(decodeUntrusted('ABCD', true)).toBe('ABCD');
    expect(decodeUntrusted('/bin/ls', false)).toBe('/bin/ls');
    expect(decodeUntrusted(hex('/tmp/a b'), false)).toBe('/tmp/a b');
  });
  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => decodeHex(hex(s)) === s));
  });
});

describe('proctitle', () => {
  it('splits NUL-separated argv from the corpus', () => {
    // real-small.log: proctitle of `head -c 9000 /dev/zero`
    const v = '68656164002D630039303030002F6465762F7A65726F';
    expect(proctitleArgv(v)).toEqual(['head', '-c', '9000', '/dev/zero']);
    expect(proctitleText(v)).toBe('head -c 9000 /dev/zero');
  });
  it('keeps a quoted single word and empty arguments', () => {
    expect(proctitleArgv('"sleep"', true)).toEqual(['"sleep"']);
    expect(proctitleArgv('sleep', true)).toEqual(['sleep']);
    expect(proctitleArgv(hex('a\0\0b'))).toEqual(['a', '', 'b']);
  });
});

describe('sockaddr', () => {
  it('decodes every family of the corpus as auditd does', () => {
    const cases: [string, Partial<SockAddr>][] = [
      ['01002F6465762F6C6F67000000000000', { family: 'local', path: '/dev/log' }],
      ['100000000000000000000000', { family: 'netlink', pid: 0, groups: 0 }],
      ['0A000001000000000000000000000000000000000000000100000000', { family: 'inet6', addr: '::1', port: 1 }],
      ['020000357F0000350000000000000000', { family: 'inet', addr: '127.0.0.53', port: 53 }],
      ['02009FB57F0000010000000000000000', { family: 'inet', addr: '127.0.0.1', port: 40885 }],
      ['01002F7661722F72756E2F6E7363642F736F636B6574006BF0030000000000003F', { family: 'local', path: '/var/run/nscd/socket' }],
    ];
    for (const [raw, want] of cases) {
      const sa = decodeSockaddr(raw);
      expect(sa).toMatchObject(want);
      expect(sa.error).toBeUndefined();
    }
  });
  it('gives abstract unix names an @ and keeps unknown families raw', () => {
    const abs = decodeSockaddr(`0100${'00'}${hex('my-abstract')}`);
    expect(abs.path).toBe('@my-abstract');
    const unk = decodeSockaddr('2900AABBCCDD');
    expect(unk.family).toBe('kcm');
    expect(unk.raw).toBe('2900AABBCCDD');
    const weird = decodeSockaddr('FF00AABB');
    expect(weird.family).toBe('unknown-family(255)');
    expect(decodeSockaddr('zz').error).toBeDefined();
    expect(decodeSockaddr('0200').error).toBe('sockaddr len too short');
  });
  it('formats IPv6 per RFC 5952', () => {
    const b = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');
    expect(formatIpv6(b('20010db8000000000000000000000001'))).toBe('2001:db8::1');
    expect(formatIpv6(b('00000000000000000000000000000000'))).toBe('::');
    expect(formatIpv6(b('20010db8000100000001000000000001'))).toBe('2001:db8:1:0:1::1');
    expect(formatIpv6(b('00000000000000000000ffff7f000001'))).toBe('::ffff:127.0.0.1');
  });
  it('never throws on any hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const sa = decodeSockaddr(Buffer.from(bytes).toString('hex').toUpperCase());
        return typeof sa.family === 'string' && typeof sa.raw === 'string';
      }),
    );
  });
});

describe('values', () => {
  it('names capability bitmaps (BPRM_FCAPS of the corpus)', () => {
    expect(capabilityBitmapText('0')).toBe('none');
    expect(capabilityNames('3')).toEqual(['chown', 'dac_override']);
    // corpus pp=: caps 0..40 except bit 24
    const names = capabilityNames('000001fffeffffff');
    expect(names).not.toContain('sys_resource');
    expect(names).toContain('sys_admin');
    expect(names).toHaveLength(40);
  });
  it('interprets modes, signals, results and unset ids', () => {
    expect(modeText('0100644')).toBe('file,644');
    expect(modeText('040755')).toBe('dir,755');
    expect(modeText('041777')).toBe('dir,sticky,777');
    expect(modeText('0104755')).toBe('file,suid,755');
    expect(modeShortText('1ed')).toBe('0755');
    expect(modeShortText('9ed')).toBe('suid,0755');
    expect(signalText('9')).toBe('SIGKILL');
    expect(signalText('31')).toBe('SIGSYS');
    expect(signalText('99')).toBe('unknown-signal(99)');
    expect(resultOf('yes')).toBe('success');
    expect(resultOf('success')).toBe('success');
    expect(resultOf('1')).toBe('success');
    expect(resultOf('no')).toBe('fail');
    expect(resultOf('failed')).toBe('fail');
    expect(seccompCodeText('0x7ffc0000')).toBe('log');
    expect(seccompCodeText('0x80000000')).toBe('kill-process');
    expect(seccompCodeText('0x00050001')).toBe('errno');
    expect(nfprotoText('1')).toBe('inet');
    expect(nfprotoText('10')).toBe('ipv6');
    expect(ruleListText('4')).toBe('exit');
    expect(ruleListText('9')).toBe('unknown-list(9)');
    expect(capabilityBitmapText('?')).toBe('none');
    expect(isUnsetId('4294967295')).toBe(true);
    expect(isUnsetId('-1')).toBe(true);
    expect(isUnsetId('1001')).toBe(false);
  });
  it('splits SELinux and AppArmor contexts', () => {
    expect(splitContext('system_u:system_r:sshd_t:s0-s0:c0.c1023')).toEqual({
      user: 'system_u',
      role: 'system_r',
      domain: 'sshd_t',
      level: 's0-s0',
      category: 'c0.c1023',
    });
    expect(splitContext('unconfined_u:unconfined_r:unconfined_t:s0')).toMatchObject({ domain: 'unconfined_t', level: 's0' });
    expect(splitContext('unconfined')).toEqual({ profile: 'unconfined' });
    expect(splitContext('/usr/sbin/cupsd (enforce)')).toEqual({ profile: '/usr/sbin/cupsd', mode: 'enforce' });
  });
  it('splits rule keys on \\x01 and drops (null)', () => {
    expect(ruleKeys('(null)')).toBeUndefined();
    expect(ruleKeys('exec', true)).toEqual(['exec']);
    expect(ruleKeys(hex('exec\x01ids'))).toEqual(['exec', 'ids']);
    expect(ruleKeys('key=net', true)).toEqual(['net']);
  });
});

describe('syscall arguments', () => {
  it('interprets the common syscalls as auditd does', () => {
    expect(syscallArgText('socket', 0, '2')).toBe('inet');
    expect(syscallArgText('socket', 0, 'a')).toBe('inet6');
    expect(syscallArgText('socket', 1, '80801')).toBe('SOCK_STREAM');
    expect(syscallArgText('socket', 2, '6')).toBe('tcp');
    expect(syscallArgText('openat', 0, 'ffffff9c')).toBe('AT_FDCWD');
    expect(syscallArgText('openat', 2, '0')).toBe('O_RDONLY');
    expect(syscallArgText('openat', 2, '241')).toBe('O_WRONLY|O_CREAT|O_TRUNC');
    expect(syscallArgText('openat', 3, '1b6', ['ffffff9c', 'x', '241'])).toBe('0x1b6'); // auditd leaves it
    expect(syscallArgText('mount', 3, '44000')).toBe('MS_REC|MS_PRIVATE');
    expect(syscallArgText('renameat2', 2, 'ffffff9c')).toBe('AT_FDCWD');
    expect(syscallArgText('chown', 1, '3e9', [], (n) => `u${n}`)).toBe('u1001');
    // ausearch -i 3.0.9 leaves chown's group in hex, and reads clone's flags from a2 (not x86_64's a0)
    expect(syscallArgText('chown', 2, '3e9', [], (n, k) => `${k}${n}`)).toBe('0x3e9');
    expect(syscallArgText('fchownat', 2, '3ea')).toBe('0x3ea');
    expect(syscallArgText('kill', 1, '9')).toBe('SIGKILL');
    expect(syscallArgText('ptrace', 0, '4206')).toBe('PTRACE_SEIZE');
    expect(syscallArgText('ptrace', 0, '10')).toBe('PTRACE_ATTACH');
    expect(syscallArgText('clone', 0, '1200011')).toBe('0x1200011');
    expect(syscallArgText('clone', 2, '1200011')).toBe('CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD');
    expect(syscallArgText('unshare', 0, '20000')).toBe('CLONE_NEWNS');
    expect(syscallArgText('setuid', 0, '3e9', [], (n) => (n === 1001 ? 'labuser' : String(n)))).toBe('labuser');
    expect(syscallArgText('setuid', 0, 'ffffffff')).toBe('unset');
    expect(syscallArgText('write', 0, '3')).toBe('0x3');
  });
  it('keeps unknown values visible', () => {
    expect(ptraceText('9999')).toBe('unknown-ptrace(0x9999)');
    expect(openFlagsText('zz')).toBe('conversion error(zz)');
    expect(cloneFlagsText('0')).toBe('0x0');
  });
});

describe('ids', () => {
  it('names uids and gids from the given files, caches, and marks unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-ids-'));
    writeFileSync(join(dir, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\nlabuser:x:1001:1001::/home/labuser:/bin/sh\n');
    writeFileSync(join(dir, 'group'), 'root:x:0:\nlab:x:1001:\n');
    const ids = new IdResolver({ passwdFile: join(dir, 'passwd'), groupFile: join(dir, 'group') });
    expect(ids.user('1001')).toBe('labuser');
    expect(ids.user(0)).toBe('root');
    expect(ids.user('4294967295')).toBe('unset');
    expect(ids.user('4242')).toBeUndefined();
    expect(ids.group('1001')).toBe('lab');
    writeFileSync(join(dir, 'passwd'), 'other:x:1001:1001::/:/bin/sh\n');
    expect(ids.user('1001')).toBe('labuser'); // cached
    expect(new IdResolver({ passwdFile: join(dir, 'missing') }).user('0')).toBeUndefined();
  });
});

describe('data interpretation', () => {
  it("reads fp= as a capability set in BPRM_FCAPS only, not sshd's key fingerprint", () => {
    const opts = { lookups: TABLE_LOOKUPS, ids: null };
    const fcaps = parseRecord('type=BPRM_FCAPS msg=audit(1.000:1): fver=0 fp=0000000000000003 fi=0 fe=0') as AuditRecord;
    expect(normalizeEvent([fcaps], opts).data).toMatchObject({ fp: 'chown,dac_override', fi: 'none', fe: '0' });
    const key = parseRecord(
      'type=CRYPTO_KEY_USER msg=audit(1.000:2): pid=1 uid=0 auid=4294967295 ses=4294967295 msg=\'op=destroy kind=server fp=SHA256:6d:a3 direction=? spid=1 suid=0 exe="/usr/sbin/sshd" hostname=? addr=? terminal=? res=success\'',
    ) as AuditRecord;
    expect(normalizeEvent([key], opts).data?.fp).toBe('SHA256:6d:a3');
  });
});
