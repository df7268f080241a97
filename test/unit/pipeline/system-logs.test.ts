import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { DEFAULT_LOG_FILE, logFileSetting, systemLogFile, systemLogFiles } from '../../../src/pipeline/system-logs.js';

function logDir(names: string[], logName = 'audit.log'): { dir: string; conf: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-syslogs-'));
  for (const n of names) writeFileSync(join(dir, n), '');
  const log = join(dir, logName);
  const conf = join(dir, 'auditd.conf');
  writeFileSync(
    conf,
    `#\n# This file controls the configuration of the audit daemon\n#\n\nlocal_events = yes\nwrite_logs = yes\nlog_file = ${log}\nlog_format = ENRICHED\nnum_logs = 5\n`,
  );
  return { dir, conf, log };
}

describe('logFileSetting', () => {
  it.each([
    ['log_file = /var/log/audit/audit.log\n', '/var/log/audit/audit.log'],
    ['log_file=/srv/a.log', '/srv/a.log'],
    ['  log_file   =   /srv/a b.log  \n', '/srv/a b.log'],
    ['# log_file = /commented\nlog_file = /real # trailing comment\n', '/real'],
    ['log_file = /first\nlog_file = /last\n', '/last'],
    ['max_log_file = 8\nlog_file_x = 1\n', undefined],
    ['', undefined],
  ])('%j -> %j', (text, expected) => expect(logFileSetting(text)).toBe(expected));
});

describe('systemLogFile', () => {
  it('is the log_file of auditd.conf', () => {
    const { conf, log } = logDir([]);
    expect(systemLogFile({ conf })).toBe(log);
  });
  it('is /var/log/audit/audit.log when auditd.conf is absent or says nothing', () => {
    expect(systemLogFile({ conf: '/nonexistent/auditd.conf' })).toBe(DEFAULT_LOG_FILE);
    const { dir } = logDir([]);
    writeFileSync(join(dir, 'empty.conf'), 'num_logs = 5\n');
    expect(systemLogFile({ conf: join(dir, 'empty.conf') })).toBe(DEFAULT_LOG_FILE);
  });
});

describe('systemLogFiles', () => {
  it('is the log and its rotations, oldest first', () => {
    const { conf, log } = logDir(['audit.log', 'audit.log.1', 'audit.log.2', 'audit.log.3', 'other.log']);
    expect(systemLogFiles({ conf })).toEqual([`${log}.3`, `${log}.2`, `${log}.1`, log]);
  });

  it('takes rotations while they are numbered without a gap, as ausearch does', () => {
    const { conf, log } = logDir(['audit.log', 'audit.log.1', 'audit.log.3']);
    expect(systemLogFiles({ conf })).toEqual([`${log}.1`, log]);
  });

  it('is the log alone when it was never rotated', () => {
    const { conf, log } = logDir(['audit.log']);
    expect(systemLogFiles({ conf })).toEqual([log]);
  });

  it('a missing log is a one-line error naming it', () => {
    const { conf, log } = logDir([]);
    expect(() => systemLogFiles({ conf })).toThrow(TsauditError);
    expect(() => systemLogFiles({ conf })).toThrow(
      `no input given and cannot read the system's audit log ${log}: no such file; name a log file or pipe one in`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable rotation is a one-line error naming it (not root)', () => {
    const { conf, log } = logDir(['audit.log', 'audit.log.1']);
    chmodSync(`${log}.1`, 0o000);
    expect(() => systemLogFiles({ conf })).toThrow(`cannot read the system's audit log ${log}.1: permission denied (run as root)`);
  });
});
