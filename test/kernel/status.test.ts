// tsaudit status/set against the real kernel, compared with the real auditctl. State is saved before and
// restored after (useKernelState). Never sets enabled 2, failure 2 or loginuid_immutable here.

import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { readStatus, useKernelState } from './state.js';

const auditctl = (...args: string[]) => execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describeKernel('tsaudit status on the real kernel', () => {
  useKernelState();

  it('text output equals auditctl -s byte for byte', () => {
    const r = runCli(['status']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(auditctl('-s'));
  });

  it('-i equals auditctl -s -i byte for byte', () => {
    const r = runCli(['status', '-i']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(auditctl('-s', '-i'));
  });

  it('JSON carries the same values as auditctl -s', () => {
    const r = runCli(['status', '-format=json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    const text = readStatus();
    for (const key of ['enabled', 'failure', 'pid', 'rate_limit', 'backlog_limit', 'backlog_wait_time']) {
      expect(String(json[key]), key).toBe(text[key]);
    }
    expect(json.loginuid_immutable).toEqual({ value: Number(text.loginuid_immutable), locked: false });
  });
});

describeKernel('tsaudit set on the real kernel', () => {
  const state = useKernelState();

  const cases: [string, string[], string, (before: string) => string][] = [
    ['--rate-limit', ['--rate-limit'], 'rate_limit', (b) => String(Number(b) + 13)],
    ['--backlog-limit', ['--backlog-limit'], 'backlog_limit', (b) => String(Number(b) + 29)],
    ['--backlog-wait-time', ['--backlog-wait-time'], 'backlog_wait_time', (b) => String(Number(b) === 1000 ? 1001 : 1000)],
    ['--failure (0/1 only here)', ['--failure'], 'failure', (b) => (b === '1' ? '0' : '1')],
    ['--enabled (0/1 only here)', ['--enabled'], 'enabled', (b) => (b === '1' ? '0' : '1')],
  ];

  it.each(cases)('%s changes what auditctl -s reports, and prints it', (_name, flag, key, next) => {
    const before = readStatus();
    if (before.enabled === '2') throw new Error('kernel is immutable; cannot test set');
    const value = next(before[key]!);
    const r = runCli(['set', ...flag, value]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = readStatus();
    expect(after[key]).toBe(value);
    // like auditctl, the new status follows the change (auditctl prints it without the feature line)
    // counters that move by themselves (backlog, lost) are masked: they may change between the two reads
    expect(maskCounters(r.stdout)).toBe(maskCounters(auditctl('-s').replace(/^loginuid_immutable .*\n/m, '')));
    // restore this one setting at once, so each case starts from the saved state
    execFileSync('auditctl', restoreArgs(key, state.snapshot().status[key]!));
    expect(readStatus()[key]).toBe(state.snapshot().status[key]);
  });

  it('several settings go in one call', () => {
    const before = readStatus();
    const rate = String(Number(before.rate_limit) + 3);
    const backlog = String(Number(before.backlog_limit) + 5);
    const r = runCli(['set', '--rate-limit', rate, '--backlog-limit', backlog]);
    expect(r.status).toBe(0);
    expect(readStatus()).toMatchObject({ rate_limit: rate, backlog_limit: backlog });
  });

  it('an out-of-range backlog wait time is a one-line error naming the setting', () => {
    const r = runCli(['set', '--backlog-wait-time', '99999999']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tsaudit: changing audit settings: kernel rejected backlog_wait_time 99999999: EINVAL (Invalid argument)\n');
  });

  it('--reset-lost returns the old lost count and zeroes it', () => {
    // Make the kernel lose records: audit on, 1 record/s, and a rule matching this process's getpgid calls.
    const saved = state.snapshot().status;
    auditctl('-D');
    try {
      auditctl('-e', '1', '-r', '1');
      auditctl('-a', 'always,exit', '-F', 'arch=b64', '-S', 'getpgid', '-F', `pid=${process.pid}`, '-k', 'tsaudit-lost-test');
      const require = createRequire(import.meta.url);
      const koffi = require('koffi') as typeof import('koffi');
      const getpgid = koffi.load('libc.so.6').func('int getpgid(int pid)');
      for (let i = 0; i < 200; i++) getpgid(0);
    } finally {
      auditctl('-D');
      auditctl('-r', saved.rate_limit!);
      auditctl('-e', saved.enabled!);
    }
    const lost = Number(readStatus().lost);
    expect(lost).toBeGreaterThan(0);
    const r = runCli(['set', '--reset-lost']);
    expect(r.status).toBe(0);
    const m = /^lost: (\d+)\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(lost);
    expect(Number(readStatus().lost)).toBeLessThan(lost);
  });

  it('dangerous settings are refused without --yes before any request', () => {
    for (const args of [['--immutable'], ['--failure', 'panic'], ['--loginuid-immutable'], ['--enabled', '2']]) {
      const r = runCli(['set', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
    }
    expect(readStatus()).toMatchObject({
      enabled: state.snapshot().status.enabled,
      failure: state.snapshot().status.failure,
      loginuid_immutable: '0',
    });
    expect(auditctl('-s')).toContain('loginuid_immutable 0 unlocked\n');
  });
});

describeKernel('tsaudit status as a non-root user', () => {
  const runuser = spawnSync('runuser', ['--help'], { stdio: 'ignore' }).status === 0;
  const nobody = spawnSync('id', ['nobody'], { stdio: 'ignore' }).status === 0;
  const reason = !runuser ? 'runuser not installed' : !nobody ? 'no user "nobody"' : '';
  (reason ? describe.skip : describe)(`one-line error, exit 1${reason ? ` (skipped: ${reason})` : ''}`, () => {
    it.each([[['status']], [['set', '--rate-limit', '5']]])('%j', (args) => {
      const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, 'bin/tsaudit', ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^tsaudit: (reading audit status|changing audit settings) requires root \(CAP_AUDIT_CONTROL\)\n$/);
    });
  });
});

function restoreArgs(key: string, value: string): string[] {
  switch (key) {
    case 'rate_limit':
      return ['-r', value];
    case 'backlog_limit':
      return ['-b', value];
    case 'backlog_wait_time':
      return ['--backlog_wait_time', value];
    case 'failure':
      return ['-f', value];
    case 'enabled':
      return ['-e', value];
    default:
      throw new Error(`no restore for ${key}`);
  }
}

function maskCounters(status: string): string {
  return status.replace(/^(backlog|lost|backlog_wait_time_actual) \d+$/gm, '$1 N');
}
