import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import {
  DEFAULT_LOG_FILE,
  auditdConfSettings,
  readAuditdConf,
  readable,
  rotatedSet,
  systemLogFile,
  systemLogFiles,
} from '../../../src/pipeline/system-logs.js';

function logDir(names: string[], logName = 'audit.log'): { dir: string; conf: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-syslogs-'));
  chmodSync(dir, 0o755); // the unreadable-file cases run as another user when the tests run as root
  for (const n of names) writeFileSync(join(dir, n), '');
  const log = join(dir, logName);
  const conf = join(dir, 'auditd.conf');
  writeFileSync(
    conf,
    `#\n# This file controls the configuration of the audit daemon\n#\n\nlocal_events = yes\nwrite_logs = yes\nlog_file = ${log}\nlog_format = ENRICHED\nnum_logs = 5\n`,
  );
  return { dir, conf, log };
}

// Root reads a file whatever its mode, so as root the unreadable-file cases run the built module as "nobody".
const asRoot = process.getuid?.() === 0;
const noRunuser = asRoot && spawnSync('runuser', ['-u', 'nobody', '--', 'true'], { stdio: 'ignore' }).status !== 0;
const builtModule = pathToFileURL(resolve('dist/pipeline/system-logs.js')).href;

/** `fn(arg)` of src/pipeline/system-logs, as a user to whom mode 000 means unreadable: its value, or its error. */
function unprivileged(fn: 'rotatedSet' | 'systemLogFiles', arg: unknown): { value?: unknown; error?: string } {
  const call = (f: (a: never) => unknown) => {
    try {
      return { value: f(arg as never) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  if (!asRoot) return call(fn === 'rotatedSet' ? rotatedSet : systemLogFiles);
  const script = `const m = await import(${JSON.stringify(builtModule)}); let r; try { r = { value: m.${fn}(${JSON.stringify(arg)}) }; } catch (e) { r = { error: e.message }; } process.stdout.write(JSON.stringify(r));`;
  const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`runuser -u nobody failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { value?: unknown; error?: string };
}

describe('auditdConfSettings: log_file', () => {
  it.each([
    ['log_file = /var/log/audit/audit.log\n', '/var/log/audit/audit.log'],
    ['log_file=/srv/a.log', '/srv/a.log'],
    ['  log_file   =   /srv/a b.log  \n', '/srv/a b.log'],
    ['# log_file = /commented\nlog_file = /real # trailing comment\n', '/real'],
    ['log_file = /first\nlog_file = /last\n', '/last'],
    ['max_log_file = 8\nlog_file_x = 1\n', undefined],
    ['', undefined],
  ])('%j -> %j', (text, expected) => expect(auditdConfSettings(text).get('log_file')).toBe(expected));
});

describe('auditdConfSettings', () => {
  it('reads every key = value, comments cut, the last of a key winning', () => {
    const text = 'log_file = /a\n# num_logs = 9\nnum_logs=5 # five\nLog_Format = RAW\nlog_file = /b\nnot a setting\nempty =\n';
    expect([...auditdConfSettings(text)]).toEqual([
      ['log_file', '/b'],
      ['num_logs', '5'],
      ['Log_Format', 'RAW'],
    ]);
  });
});

describe('readAuditdConf', () => {
  const conf = (text: string | Buffer) => {
    const { dir } = logDir([]);
    writeFileSync(join(dir, 'c.conf'), text);
    return join(dir, 'c.conf');
  };

  it('an absent file: the defaults, and says it was not read (aureport notes it)', () => {
    expect(readAuditdConf('/nonexistent/auditd.conf')).toEqual({ logFile: DEFAULT_LOG_FILE, eoeTimeout: undefined, read: false });
  });

  it('a file without the settings: the default log, no timeout, read', () => {
    expect(readAuditdConf(conf('num_logs = 5\n'))).toEqual({ logFile: DEFAULT_LOG_FILE, eoeTimeout: undefined, read: true });
  });

  it('end_of_event_timeout as written, 0 included; not a whole number is no timeout', () => {
    expect(readAuditdConf(conf('end_of_event_timeout = 0\n')).eoeTimeout).toBe(0);
    expect(readAuditdConf(conf('end_of_event_timeout = 7\n')).eoeTimeout).toBe(7);
    expect(readAuditdConf(conf('end_of_event_timeout = -1\n')).eoeTimeout).toBeUndefined();
    expect(readAuditdConf(conf('end_of_event_timeout = 2s\n')).eoeTimeout).toBeUndefined();
  });

  it('a log path that is not ASCII is read as UTF-8, the encoding file names are opened with', () => {
    const { dir } = logDir(['jüli.log']);
    const path = conf(Buffer.from(`log_file = ${join(dir, 'jüli.log')}\n`, 'utf8'));
    const { logFile } = readAuditdConf(path);
    expect(logFile).toBe(join(dir, 'jüli.log'));
    expect(readable(logFile)).toBe(true);
  });
});

describe('rotatedSet', () => {
  it('counts readable rotations up from .1 until a gap; the log last', () => {
    const { log } = logDir(['audit.log', 'audit.log.1', 'audit.log.2', 'audit.log.4']);
    expect(rotatedSet(log)).toEqual([`${log}.2`, `${log}.1`, log]);
  });

  it('keeps the log even when it is not there (the verb decides what that means)', () => {
    const { log } = logDir(['audit.log.1']);
    expect(readable(log)).toBe(false);
    expect(rotatedSet(log)).toEqual([`${log}.1`, log]);
    expect(rotatedSet(log, () => false)).toEqual([log]);
  });

  it.skipIf(noRunuser)(`a rotation that cannot be read ends the readable set${noRunuser ? ' (skipped: root without runuser)' : ''}`, () => {
    const { log } = logDir(['audit.log', 'audit.log.1', 'audit.log.2']);
    chmodSync(`${log}.2`, 0o000);
    expect(unprivileged('rotatedSet', log)).toEqual({ value: [`${log}.1`, log] });
  });
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

  it.skipIf(noRunuser)(`an unreadable rotation is a one-line error naming it${noRunuser ? ' (skipped: root without runuser)' : ''}`, () => {
    const { conf, log } = logDir(['audit.log', 'audit.log.1']);
    chmodSync(`${log}.1`, 0o000);
    expect(unprivileged('systemLogFiles', { conf })).toEqual({
      error: `no input given and cannot read the system's audit log ${log}.1: permission denied (run as root); name a log file or pipe one in`,
    });
  });
});
