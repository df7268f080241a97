import { describe, expect, it } from 'vitest';
import { recordOf } from '../../helpers/records.js';
import { parseRecord, recordFromNetlink, type RecordError } from '../../../src/parse/record.js';

const rec = recordOf;

function err(line: string): RecordError {
  const r = parseRecord(line);
  if (r.kind !== 'error') throw new Error(`expected an error for ${JSON.stringify(line)}`);
  return r;
}

describe('parseRecord header', () => {
  it('parses type, timestamp, serial and raw_msg', () => {
    const r = rec('type=PROCTITLE msg=audit(1451781471.394:194433): proctitle="bash"');
    expect(r.type).toBe(1327);
    expect(r.typeName).toBe('PROCTITLE');
    expect(r.sec).toBe(1451781471);
    expect(r.msec).toBe(394);
    expect(r.serial).toBe(194433);
    expect(r.node).toBeUndefined();
    expect(r.timestamp).toBe('1451781471.394');
    expect(r.timeMs).toBe(1451781471394);
    expect(r.rawMsg).toBe('audit(1451781471.394:194433): proctitle="bash"');
    expect(r.body).toBe('proctitle="bash"');
  });

  it('keeps leading zeros of the milliseconds', () => {
    const r = rec('type=CWD msg=audit(1170021493.007:293):  cwd="/var/spool/postfix"');
    expect(r.msec).toBe(7);
    expect(r.timestamp).toBe('1170021493.007');
    expect(r.get('cwd')).toBe('/var/spool/postfix');
  });

  it('takes the node= prefix', () => {
    const r = rec('node=web-1.example type=SYSCALL msg=audit(1.002:3): arch=c000003e syscall=59');
    expect(r.node).toBe('web-1.example');
    expect(r.type).toBe(1300);
    expect(r.get('syscall')).toBe('59');
  });

  it('keeps UNKNOWN[n] names and their number', () => {
    const r = rec('type=UNKNOWN[1334] msg=audit(1.000:5): foo=bar');
    expect(r.typeName).toBe('UNKNOWN[1334]');
    expect(r.type).toBe(1334);
  });

  it('gives -1 for a type name it does not know', () => {
    const r = rec('type=NO_SUCH_TYPE msg=audit(1.000:5): foo=bar');
    expect(r.type).toBe(-1);
    expect(r.typeName).toBe('NO_SUCH_TYPE');
  });

  it('accepts an EOE with an empty body and trailing space', () => {
    const r = rec('type=EOE msg=audit(1795272150.385:3064035): ');
    expect(r.type).toBe(1320);
    expect(r.fields()).toEqual([]);
    expect(r.body).toBe('');
  });

  it('keeps the CR of a CRLF line in the line (output gives it back), not in the values', () => {
    const r = rec('type=CWD msg=audit(1.000:1): cwd="/"\r\n');
    expect(r.line).toBe('type=CWD msg=audit(1.000:1): cwd="/"\r');
    expect(r.end).toBe(r.line.length - 1);
    expect(r.get('cwd')).toBe('/');
    expect(r.body).toBe('cwd="/"');
  });

  it('reads the old DAEMON_* header without a colon after the serial', () => {
    const r = rec('type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 res=success');
    expect(r.serial).toBe(34);
    expect(r.get('auid')).toBe('0');
    expect(err('type=DAEMON_CONFIG msg=audit(1490239800.477:34)x auid=0').code).toBe('E_PARSE_TIMESTAMP');
  });

  it.each([
    ['', 'E_PARSE_EMPTY'],
    ['\r', 'E_PARSE_EMPTY'],
    ['hello world', 'E_PARSE_HEADER'],
    ['type=UNKNOWN[1329] msg=?', 'E_PARSE_HEADER'],
    ['type=SYSCALL', 'E_PARSE_HEADER'],
    ['node=x', 'E_PARSE_HEADER'],
    ['type=SYSCALL msg=audit(abc:1): x=1', 'E_PARSE_TIMESTAMP'],
    ['type=SYSCALL msg=audit(1.1234:1): x=1', 'E_PARSE_TIMESTAMP'],
    ['type=SYSCALL msg=audit(1.123:): x=1', 'E_PARSE_TIMESTAMP'],
    ['type=SYSCALL msg=audit(1.123:5 x=1', 'E_PARSE_TIMESTAMP'],
  ])('%j is a record-level error %s', (line, code) => {
    const e = err(line);
    expect(e.code).toBe(code);
    expect(e.reason.length).toBeGreaterThan(5);
    expect(e.line).toBe(line);
  });
});

describe('body fields', () => {
  it('keeps quoting, (null), ? and empty values', () => {
    const r = rec(
      'type=SYSCALL msg=audit(1.000:1): arch=c000003e comm="bash" exe=2F62696E2F6C73 key=(null) tty=(none) hostname=? a1="" subj=?',
    );
    expect(r.fields().map((f) => [f.key, f.value, f.quote])).toEqual([
      ['arch', 'c000003e', ''],
      ['comm', 'bash', '"'],
      ['exe', '2F62696E2F6C73', ''],
      ['key', '(null)', ''],
      ['tty', '(none)', ''],
      ['hostname', '?', ''],
      ['a1', '', '"'],
      ['subj', '?', ''],
    ]);
  });

  it("flattens msg='…' but records the container and keeps the raw inside", () => {
    const r = rec(
      'type=USER_CMD msg=audit(1488862769.030:19469538): user pid=3027 uid=497 msg=\'cwd="/" cmd=2F7573 terminal=? res=success\'',
    );
    expect(r.fields().map((f) => [f.key, f.value, f.quote, f.container])).toEqual([
      ['pid', '3027', '', null],
      ['uid', '497', '', null],
      ['cwd', '/', '"', 'msg'],
      ['cmd', '2F7573', '', 'msg'],
      ['terminal', '?', '', 'msg'],
      ['res', 'success', '', 'msg'],
    ]);
    expect(r.msg).toBe('cwd="/" cmd=2F7573 terminal=? res=success');
    expect(r.text()).toEqual([{ text: 'user', container: null, after: -1 }]);
  });

  it('keeps free text of old PAM records', () => {
    const r = rec(
      'type=USER_START msg=audit(1170021601.344:297): user pid=13015 uid=0 msg=\'PAM: session open acct=root : exe="/usr/sbin/crond" (hostname=?, addr=?, terminal=cron res=success)\'',
    );
    expect(r.text().map((t) => t.text)).toEqual(['user', 'PAM: session open', ':']);
    expect(r.get('acct')).toBe('root');
    expect(r.get('exe')).toBe('/usr/sbin/crond');
    expect(r.get('terminal')).toBe('cron');
  });

  it('keeps free text runs with their spacing and position', () => {
    const r = rec('type=AVC msg=audit(1170021493.977:293): avc:  denied  { read } for  pid=13010 comm="pickup" tclass=dir');
    expect(r.text()).toEqual([{ text: 'avc:  denied  { read } for', container: null, after: -1 }]);
    expect(r.get('pid')).toBe('13010');
  });

  it('lets text=… be put back together from its position', () => {
    const r = rec('type=USER msg=audit(1.000:2): pid=1 msg=\'text=test message round 1 exe="/usr/sbin/auditctl" res=success\'');
    const t = r.text()[0]!;
    expect(t.text).toBe('message round 1');
    expect(r.fields()[t.after]!.key).toBe('text');
  });

  it('keeps the old LOGIN two-word keys as written', () => {
    const r = rec('type=LOGIN msg=audit(1170021601.343:296): login pid=13015 uid=0 old auid=4294967295 new auid=0');
    expect(r.fields().map((f) => [f.key, f.value])).toEqual([
      ['pid', '13015'],
      ['uid', '0'],
      ['old auid', '4294967295'],
      ['new auid', '0'],
    ]);
    expect(r.text().map((t) => t.text)).toEqual(['login']);
  });

  it('returns the inner value when a key repeats (inner msg wins), all kept in fields()', () => {
    const r = rec("type=USER_AUTH msg=audit(1.000:1): pid=1 uid=0 msg='op=x uid=5 res=failed'");
    expect(r.get('uid')).toBe('5');
    expect(r.fields().filter((f) => f.key === 'uid')).toHaveLength(2);
  });

  it('an unterminated quote takes the rest of the body', () => {
    const r = rec('type=SYSCALL msg=audit(1.000:1): comm="ba sh exe=/x');
    expect(r.get('comm')).toBe('ba sh exe=/x');
  });
});

describe('ENRICHED records', () => {
  const line =
    'type=SYSCALL msg=audit(1795271986.030:2791452): arch=c000003e syscall=44 key=(null)\x1dARCH=x86_64 SYSCALL=sendto AUID="unset" UID="root"';

  it('ends the last raw value at \\x1d and keeps the interpretations apart', () => {
    const r = rec(line);
    expect(r.get('key')).toBe('(null)');
    expect(r.isEnriched).toBe(true);
    expect(r.body).toBe('arch=c000003e syscall=44 key=(null)');
    // raw_msg is everything after msg=, as read (go-libaudit's raw_msg)
    expect(r.rawMsg).toBe(line.slice(line.indexOf('msg=') + 4));
    expect(r.enriched()).toEqual({ ARCH: 'x86_64', SYSCALL: 'sendto', AUID: 'unset', UID: 'root' });
    expect(r.fields().map((f) => f.key)).toEqual(['arch', 'syscall', 'key']);
  });

  it('reads braced SADDR groups', () => {
    const r = rec('type=SOCKADDR msg=audit(1.000:1): saddr=100000000000000000000000\x1dSADDR={ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }');
    expect(r.get('saddr')).toBe('100000000000000000000000');
    expect(r.enriched()).toEqual({ SADDR: '{ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }' });
  });

  it('an ENRICHED user record keeps msg= intact', () => {
    const r = rec(
      'type=USER msg=audit(1.000:2): pid=1 uid=0 msg=\'text=hi exe="/usr/sbin/auditctl" res=success\'\x1dUID="root" AUID="labuser"',
    );
    expect(r.get('res')).toBe('success');
    expect(r.msg).toBe('text=hi exe="/usr/sbin/auditctl" res=success');
    expect(r.enriched()).toEqual({ UID: 'root', AUID: 'labuser' });
  });

  it('records sharing an ENRICHED suffix share its (frozen) map; a different suffix gets its own', () => {
    const a = rec(line);
    const b = rec(line.replace('2791452', '2791453').replace('syscall=44', 'syscall=45'));
    const c = rec(line.replace('UID="root"', 'UID="labuser"'));
    expect(b.enriched()).toBe(a.enriched());
    expect(Object.isFrozen(a.enriched())).toBe(true);
    expect(c.enriched()).toEqual({ ARCH: 'x86_64', SYSCALL: 'sendto', AUID: 'unset', UID: 'labuser' });
    expect(a.enriched()).toEqual({ ARCH: 'x86_64', SYSCALL: 'sendto', AUID: 'unset', UID: 'root' });
  });

  it('RAW records have no interpretations', () => {
    expect(rec('type=CWD msg=audit(1.000:1): cwd="/"').enriched()).toEqual({});
  });
});

describe('recordFromNetlink', () => {
  it('names the type and parses the payload', () => {
    const r = recordFromNetlink(1320, 'audit(1795272150.385:3064035): \0');
    if (r.kind !== 'record') throw new Error(r.reason);
    expect(r.typeName).toBe('EOE');
    expect(r.serial).toBe(3064035);
    expect(r.line).toBe('type=EOE msg=audit(1795272150.385:3064035): ');
  });

  it('names unknown numbers UNKNOWN[n]', () => {
    const r = recordFromNetlink(1999, 'audit(1.000:1): a=b');
    if (r.kind !== 'record') throw new Error(r.reason);
    expect(r.typeName).toBe('UNKNOWN[1999]');
    expect(r.type).toBe(1999);
  });
});
