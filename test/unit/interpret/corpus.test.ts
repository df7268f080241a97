// Normalization on the real corpus (test/fixtures/corpus): argv reassembly cases go-libaudit drops, UTF-8,
// every SOCKADDR family, and ENRICHED vs RAW logs giving the same normalized events.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IdResolver } from '../../../src/ids.js';
import { TABLE_LOOKUPS } from '../../../src/parse/interpret/lookups.js';
import { type NormalizedEvent, normalizeEvent } from '../../../src/parse/normalize/event.js';
import { eventLine } from '../../../src/parse/normalize/text.js';
import { EventAssembler } from '../../../src/parse/reassemble.js';
import { isRecordError, parseRecord } from '../../../src/parse/record.js';

const CORPUS = 'test/fixtures/corpus';

function normalizeText(text: string, ids: IdResolver | null = null): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  const asm = new EventAssembler((e) => out.push(normalizeEvent(e.records, { lookups: TABLE_LOOKUPS, ids })));
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const r = parseRecord(line);
    if (!isRecordError(r)) asm.push(r);
  }
  asm.flush();
  return out;
}

const read = (f: string) => readFileSync(`${CORPUS}/${f}`, 'utf8');
const small = normalizeText(read('real-small.log'));
const smallRaw = normalizeText(read('real-small-raw.log'));
const live = normalizeText(read('live-stream.log'));

function bySerial(evs: NormalizedEvent[], serial: number): NormalizedEvent {
  const found = evs.filter((e) => e.sequence === serial && e.record_type === 'syscall');
  expect(found, `serial ${serial}`).toHaveLength(1);
  return found[0]!;
}

describe('EXECVE argv on the real corpus', () => {
  it('reassembles the 9,000-byte argument chunked over 3 EXECVE records', () => {
    const ev = bySerial(small, 2791513);
    expect(ev.process.args).toEqual(['/bin/echo', 'A'.repeat(9000)]);
    expect(ev.warnings ?? []).toEqual([]);
  });

  it('joins hex chunks before decoding (a UTF-8 sequence is split between a2[0] and a2[1])', () => {
    const ev = bySerial(small, 2791514);
    expect(ev.process.args).toHaveLength(3);
    expect(ev.process.args![1]).toBe('short');
    expect(ev.process.args![2]).toBe('é '.repeat(3000));
    expect(Buffer.byteLength(ev.process.args![2]!)).toBe(9000);
    expect(ev.process.args![2]).not.toContain('\ufffd');
  });

  it('keeps all 2,501 arguments of one argv spread over 5 EXECVE records', () => {
    const ev = bySerial(small, 2791515);
    const args = ev.process.args!;
    expect(args).toHaveLength(2501);
    expect(args[0]).toBe('/bin/echo');
    for (let i = 1; i < 2501; i++) expect(args[i]).toBe(String(i));
    expect(ev.data?.argc).toBe('2501');
  });

  it('keeps the empty argument and quote/tab/newline arguments', () => {
    const ev = bySerial(small, 2791512);
    expect(ev.process.args).toEqual(['/bin/echo', 'quote"inside', "single'quote", 'tab\there', 'new\nline', '']);
  });

  it('decodes UTF-8 and emoji arguments', () => {
    const ev = bySerial(small, 2791511);
    expect(ev.process.args).toEqual(['/bin/echo', 'héllo wörld', '日本語テキスト', 'emoji 🚀']);
    // The kernel cuts proctitle at 128 bytes, here inside the emoji: the broken tail is dropped, not shown as U+FFFD.
    expect(ev.process.title).toBe('/bin/echo héllo wörld 日本語テキスト emoji ');
  });

  it('keeps interleaved events apart (the PROCTITLE of 2791496 arrives after the SYSCALL of 2791497)', () => {
    expect(bySerial(small, 2791496).process.title).toBe('head -c 9000 /dev/zero');
    expect(bySerial(small, 2791497).process.args).toEqual(['tr', '\\0', 'A']);
    expect(bySerial(small, 2791497).process.title).toBe('tr \\0 A');
  });

  it('gives every successful exec its full argv (argc matches) in all three files', () => {
    for (const evs of [small, smallRaw, live]) {
      const execs = evs.filter((e) => e.summary.action === 'executed' && e.result === 'success');
      expect(execs.length).toBeGreaterThan(100);
      for (const e of execs) {
        expect(e.process.args, `serial ${e.sequence}`).toBeDefined();
        expect(String(e.process.args!.length), `serial ${e.sequence}`).toBe(e.data?.argc);
      }
    }
  });
});

describe('SOCKADDR families on the real corpus', () => {
  it('decodes unix, inet, inet6 and netlink addresses', () => {
    const fams = new Set<string>();
    for (const e of [...small, ...live]) if (e.data?.socket_family) fams.add(e.data.socket_family);
    expect([...fams].sort()).toEqual(['ipv4', 'ipv6', 'netlink', 'unix']);
  });

  it('sets the destination and object of connects', () => {
    const connects = small.filter((e) => e.summary.action === 'connected-to');
    const find = (pred: (e: NormalizedEvent) => boolean) => connects.find(pred);
    const v4 = find((e) => e.destination?.ip === '127.0.0.1' && e.destination.port === '9');
    expect(v4?.summary.object).toEqual({ type: 'socket', primary: '127.0.0.1', secondary: '9' });
    expect(v4?.network).toEqual({ direction: 'egress' });
    const v6 = find((e) => e.destination?.ip === '::1');
    expect(v6?.destination).toEqual({ ip: '::1', port: '1' });
    expect(v6?.result).toBe('fail');
    expect(v6?.data?.exit).toBe('ECONNREFUSED');
    const dns = find((e) => e.destination?.ip === '127.0.0.53');
    expect(dns?.destination?.port).toBe('53');
    const unix = find((e) => e.destination?.path === '/tmp/lab-no-such.sock');
    expect(unix?.summary.object.primary).toBe('/tmp/lab-no-such.sock');
    expect(unix?.data?.exit).toBe('ENOENT');
    // nscd's sockaddr carries stack garbage after the NUL-terminated path
    expect(find((e) => e.destination?.path === '/var/run/nscd/socket')).toBeDefined();
  });

  it('keeps netlink sockaddrs as netlink (auditctl, nft)', () => {
    const nl = small.filter((e) => e.data?.socket_family === 'netlink');
    expect(nl.length).toBeGreaterThan(10);
    for (const e of nl) expect(e.data?.socket_nl_pid).toBe('0');
    const cfg = nl.find((e) => e.record_type === 'config_change');
    expect(cfg?.summary.action).toBe('changed-audit-configuration');
  });
});

describe('ENRICHED and RAW logs', () => {
  const stripNames = (e: NormalizedEvent) => {
    const c = structuredClone(e);
    delete c.user.names;
    if (c.file) {
      delete c.file.owner;
      delete c.file.group;
    }
    return c;
  };

  it('the ENRICHED file and its RAW form give the same events (names aside)', () => {
    const raw = read('real-small.log').replace(/\x1d[^\n]*/g, '');
    const fromRaw = normalizeText(raw);
    expect(fromRaw.length).toBe(small.length);
    for (let i = 0; i < small.length; i++) expect(stripNames(small[i]!)).toEqual(stripNames(fromRaw[i]!));
  });

  it('takes names from ENRICHED fields, not from this host', () => {
    const ev = bySerial(small, 2791511);
    expect(ev.user.ids?.auid).toBe('1001');
    expect(ev.user.names?.auid).toBe('labuser');
    expect(ev.user.names?.uid).toBe('root');
    const withIds = normalizeText(read('real-small.log'), new IdResolver({ passwdFile: '/nonexistent' }));
    expect(withIds.find((e) => e.sequence === 2791511)?.user.names?.auid).toBe('labuser');
  });

  it('a separate RAW run of the same activity gives the same kinds of events', () => {
    const shape = (evs: NormalizedEvent[]) => {
      const m = new Map<string, number>();
      for (const e of evs) {
        const k = `${e.category} ${e.record_type} ${e.summary.action}`;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      return [...m.keys()].sort();
    };
    expect(shape(smallRaw)).toEqual(shape(small));
  });
});

describe('whole files', () => {
  it('normalizes every event with a mapped action, no crash and no warning', () => {
    for (const evs of [small, smallRaw, live]) {
      for (const e of evs) {
        expect(e.summary.action, `serial ${e.sequence}`).toMatch(/^[a-z-]+$/);
        expect(e.warnings, `serial ${e.sequence}`).toBeUndefined();
        expect(typeof eventLine(e)).toBe('string');
      }
    }
  });

  it('maps the corpus record types to go-libaudit categories', () => {
    const cat = (t: string) => small.find((e) => e.record_type === t)?.category;
    expect(cat('syscall')).toBe('audit-rule');
    expect(cat('user_start')).toBe('user-login');
    expect(cat('add_user')).toBe('user-account');
    expect(cat('config_change')).toBe('configuration');
    expect(cat('seccomp')).toBe('dac-decision');
    expect(cat('anom_abend')).toBe('anomaly');
    expect(cat('daemon_start')).toBe('audit-daemon');
    expect(cat('user_cmd')).toBe('user-space');
  });

  it('handles the i386 helper (arch=40000003) with i386 syscall names', () => {
    const i386 = small.filter((e) => e.data?.arch === 'i386');
    expect(i386.map((e) => e.data?.syscall).sort()).toEqual(
      ['execve', 'fchmodat', 'fchownat', 'openat']
        .sort()
        .flatMap((s) => [s, s])
        .sort(),
    );
  });

  it('interprets a0..a3 of the common syscalls as auditd does', () => {
    const args = (name: string) => small.find((e) => e.syscall?.name === name)?.syscall?.args;
    expect(args('kill')?.[1]).toBe('SIGKILL');
    expect(args('ptrace')?.[0]).toBe('PTRACE_SEIZE');
    expect(args('openat')?.[0]).toBe('AT_FDCWD');
    expect(args('openat')?.[2]).toMatch(/^O_/);
    expect(args('mount')?.[3]).toMatch(/^MS_/);
    expect(args('fchmodat')?.[2]).toMatch(/^0[0-7]{3}$/);
    const setuid = small.find((e) => e.syscall?.name === 'setuid');
    expect(setuid?.syscall?.args[0]).toMatch(/^\d+$/);
  });

  it('names the SECCOMP signal and the LOGIN change', () => {
    const seccomp = small.filter((e) => e.record_type === 'seccomp').map((e) => [e.data?.code, e.data?.sig, e.data?.syscall]);
    // code=0x80000000 is SECCOMP_RET_KILL_PROCESS (audit 3.0.9's ausearch says "kill"), 0x7ffc0000 SECCOMP_RET_LOG.
    expect([...new Set(seccomp.map((x) => x.join(' ')))].sort()).toEqual(['kill-process SIGSYS getppid', 'log SIG0 getpid']);
    expect(seccomp).toHaveLength(4);
    const logins = small.filter((e) => e.record_type === 'login');
    expect(logins.map((e) => [e.summary.actor.primary, e.summary.object.primary])).toEqual([
      ['unset', '1001'],
      ['1001', '1002'],
      ['1001', '1002'],
    ]);
    expect(logins[1]?.summary.action).toBe('changed-login-id-to');
    expect(logins[1]?.user.names).toMatchObject({ auid: 'labuser2', 'old-auid': 'labuser', uid: 'root' });
  });
});
