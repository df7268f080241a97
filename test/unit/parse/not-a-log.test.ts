// Input that is not an audit log: exit 1 with one line saying what it looks like (not a flood of
// "not an audit record" lines and exit 0); a log, however it is chunked, passes through untouched.

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { auditLogChunks, describeInput } from '../../../src/parse/not-a-log.js';
import { runCli } from '../../helpers/cli.js';

const RECORD = 'type=CWD msg=audit(1795271986.030:2791452): cwd="/root"';

async function collect(chunks: Buffer[], holdBytes?: number, emptyFails?: boolean): Promise<{ out: Buffer; error?: string }> {
  async function* source() {
    const reused = Buffer.alloc(64);
    for (const c of chunks) {
      // the source reuses its buffer, as the file reader does: held chunks must be copies
      if (c.length <= reused.length) {
        c.copy(reused);
        yield reused.subarray(0, c.length);
        reused.fill(0x58);
      } else {
        yield c;
      }
    }
  }
  const got: Buffer[] = [];
  try {
    for await (const c of auditLogChunks('in.log', source(), { holdBytes, emptyFails })) got.push(Buffer.from(c));
    return { out: Buffer.concat(got) };
  } catch (e) {
    return { out: Buffer.concat(got), error: (e as Error).message };
  }
}

describe('auditLogChunks', () => {
  it('passes a log through byte for byte, whatever the chunking (a record line cut anywhere)', async () => {
    const log = Buffer.from(`garbage first\n${RECORD}\n${RECORD}\n`);
    for (let cut = 1; cut < log.length; cut += 3) {
      const r = await collect([log.subarray(0, cut), log.subarray(cut)]);
      expect(r.error).toBeUndefined();
      expect(r.out.equals(log)).toBe(true);
    }
  });

  it('fails an input without a record line, before any of it reaches the parser', async () => {
    const r = await collect([Buffer.from('hello\n'), Buffer.from('world\n')]);
    expect(r.out.length).toBe(0);
    expect(r.error).toBe('in.log: not an audit log: it looks like text without audit records (first line: "hello")');
  });

  it('past the bytes it holds: text goes on to the parser (its lines get reported), binary fails there', async () => {
    const text = await collect([Buffer.from('a\n'.repeat(20)), Buffer.from('b\n'.repeat(20))], 30);
    expect(text.out.toString()).toBe('a\n'.repeat(20) + 'b\n'.repeat(20));
    expect(text.error).toMatch(/^in\.log: not an audit log: it looks like text/);
    const binary = await collect([Buffer.alloc(40, 0), Buffer.from(`${RECORD}\n`)], 30);
    expect(binary.out.length).toBe(0);
    expect(binary.error).toBe('in.log: not an audit log: it looks like binary data');
  });

  it('an empty input fails, unless it is one of several (a rotated set may hold an empty log)', async () => {
    expect((await collect([])).error).toBe('in.log: not an audit log: it is empty');
    expect((await collect([], undefined, false)).error).toBeUndefined();
    expect((await collect([Buffer.from('x\n')], undefined, false)).error).toMatch(/not an audit log/);
  });

  it('does not take a record header that is not at the start of a line', async () => {
    const r = await collect([Buffer.from(`x ${RECORD}\n`)]);
    expect(r.error).toMatch(/not an audit log/);
  });
});

describe('describeInput', () => {
  const d = (s: string | Buffer) => {
    const b = Buffer.from(s);
    return describeInput(b.subarray(0, 4096), b.length);
  };

  it.each([
    ['', 'it is empty'],
    [gzipSync(Buffer.from(`${RECORD}\n`)), 'it looks like gzip-compressed data'],
    [Buffer.from([0x42, 0x5a, 0x68, 0x39, 0x31]), 'it looks like bzip2-compressed data'],
    [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1]), 'it looks like xz-compressed data'],
    [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1]), 'it looks like zstd-compressed data'],
    [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'it looks like an ELF executable'],
    [Buffer.from('ab\0cd'), 'it looks like binary data'],
    ['{"a":1}\n', 'it looks like JSON'],
    [
      '{"@timestamp":"x","record_type":"CWD","raw_msg":"audit(1.000:1): cwd=/"}\n',
      'it looks like JSON records (tsaudit -format=json output?), not the log they came from',
    ],
    ['---\nrecord_type: CWD\nsequence: 1\n', 'it looks like YAML'],
    ['Dec  3 08:36:13 host sshd[1]: Accepted key\n', 'it looks like syslog or journal text'],
    [
      '2026-12-03T08:36:13.000+00:00 host kernel: audit: type=1300 audit(1795271986.030:1): arch=c000003e\n',
      'it looks like syslog or journal text with audit messages in it; tsaudit reads the log auditd writes (/var/log/audit/audit.log)',
    ],
    [
      '----\ntime->Sat Nov 21 14:39:47 2026\ntype=CWD msg=audit(11/21/26 14:39:47.142:2791457) : cwd=/root\n',
      'it looks like interpreted ausearch output (ausearch -i); give ausearch --raw output instead',
    ],
  ])('%j: %s', (input, hint) => {
    expect(d(input)).toBe(hint);
  });
});

describe('tsaudit parse on input that is not a log', () => {
  it.each([
    ['empty stdin', '', 'tsaudit: <stdin>: not an audit log: it is empty\n'],
    [
      'binary',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 10, 3]),
      'tsaudit: <stdin>: not an audit log: it looks like an ELF executable\n',
    ],
    ['JSON', '{"a": 1}\n{"a": 2}\n', 'tsaudit: <stdin>: not an audit log: it looks like JSON\n'],
    [
      'syslog',
      'Dec  3 08:36:13 host cron[12]: (root) CMD (true)\n',
      'tsaudit: <stdin>: not an audit log: it looks like syslog or journal text\n',
    ],
  ])('%s: exit 1, one line naming the input and what it looks like', (_what, input, stderr) => {
    for (const args of [['parse'], ['parse', '-format=json'], ['parse', '-i']]) {
      const r = runCli(args, { input });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(stderr);
    }
  });

  it('gzip is read by its magic (files and stdin: pipeline/sources.ts); gzipped garbage is judged by what is inside', () => {
    const log = `${RECORD}\n`;
    expect(runCli(['parse'], { input: gzipSync(Buffer.from(log)) }).stdout).toBe(`---\n${log}`);
    const r = runCli(['parse'], { input: gzipSync(Buffer.from('{"a": 1}\n')) });
    expect([r.status, r.stderr]).toEqual([1, 'tsaudit: <stdin>: not an audit log: it looks like JSON\n']);
  });

  it('a log with a bad line is still a log: exit 0, the line reported', () => {
    const r = runCli(['parse'], { input: `junk\n${RECORD}\n` });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`---\n${RECORD}\n`);
    expect(r.stderr).toContain('<stdin>:1: not an audit record');
  });
});
