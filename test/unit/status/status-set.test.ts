import { PassThrough } from 'node:stream';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { Output } from '../../../src/format/index.js';
import { AuditClient } from '../../../src/netlink/client.js';
import { AUDIT } from '../../../src/netlink/codec.js';
import { readStatusReport, statusText } from '../../../src/status/report.js';
import { runStatus } from '../../../src/status/run.js';
import { type SetOptions, planSet, runSet } from '../../../src/status/set.js';
import { runCli } from '../../helpers/cli.js';
import { FakeKernel } from '../netlink/fake-kernel.js';

async function capture(fn: (output: Output) => Promise<void>): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await fn(new Output(sink));
  return Buffer.concat(chunks).toString('utf8');
}

async function status(kernel: FakeKernel, extra: { format?: 'text' | 'json' | 'yaml'; interpret?: boolean } = {}): Promise<string> {
  const client = await AuditClient.open({ transport: kernel });
  try {
    return await capture((output) => runStatus({ format: extra.format ?? 'text', interpret: extra.interpret, client, output }));
  } finally {
    client.close();
  }
}

async function set(kernel: FakeKernel, opts: Partial<SetOptions>): Promise<string> {
  const client = await AuditClient.open({ transport: kernel });
  try {
    return await capture((output) => runSet({ format: 'text', ...opts, client, output }));
  } finally {
    client.close();
  }
}

const STATUS_TEXT = `enabled 1
failure 1
pid 0
rate_limit 0
backlog_limit 8192
lost 7
backlog 0
backlog_wait_time 60000
backlog_wait_time_actual 0
`;

describe('tsaudit status (fake kernel)', () => {
  it('prints the lines of auditctl -s in its order, loginuid_immutable last', async () => {
    expect(await status(new FakeKernel())).toBe(`${STATUS_TEXT}loginuid_immutable 0 unlocked\n`);
  });

  it('-i words enabled and failure like auditctl -s -i', async () => {
    const k = new FakeKernel();
    k.status.enabled = 0;
    k.status.failure = 0;
    let out = await status(k, { interpret: true });
    expect(out.split('\n').slice(0, 2)).toEqual(['enabled disable', 'failure silent']);
    k.status.enabled = 2;
    k.status.failure = 2;
    out = await status(k, { interpret: true });
    expect(out.split('\n').slice(0, 2)).toEqual(['enabled enabled+immutable', 'failure panic']);
    k.status.enabled = 1;
    expect((await status(k, { interpret: true })).split('\n')[0]).toBe('enabled enabled');
  });

  it('shows a locked loginuid_immutable', async () => {
    const k = new FakeKernel();
    k.features.features = 2;
    k.features.lock = 2;
    expect((await status(k)).endsWith('loginuid_immutable 1 locked\n')).toBe(true);
  });

  it('leaves out what an old kernel does not send', async () => {
    const out = await status(new FakeKernel({ statusSize: 40, noFeatures: true }));
    expect(out).toBe(STATUS_TEXT.replace('backlog_wait_time_actual 0\n', ''));
  });

  it('JSON and YAML carry the same fields', async () => {
    const json = JSON.parse(await status(new FakeKernel(), { format: 'json' }));
    expect(json).toEqual({
      enabled: 1,
      failure: 1,
      pid: 0,
      rate_limit: 0,
      backlog_limit: 8192,
      lost: 7,
      backlog: 0,
      backlog_wait_time: 60000,
      backlog_wait_time_actual: 0,
      loginuid_immutable: { value: 0, locked: false },
    });
    const y = await status(new FakeKernel(), { format: 'yaml' });
    expect(y.startsWith('---\n')).toBe(true);
    expect(yaml.load(y.slice(4))).toEqual(json);
  });

  it('statusText is a pure function of the report', async () => {
    const c = await AuditClient.open({ transport: new FakeKernel() });
    const r = await readStatusReport(c);
    c.close();
    expect(statusText(r)).toBe(`${STATUS_TEXT}loginuid_immutable 0 unlocked\n`);
  });
});

describe('tsaudit set (fake kernel)', () => {
  it('sends several settings in one AUDIT_SET, then prints the status like auditctl', async () => {
    const k = new FakeKernel();
    const out = await set(k, { failure: 0, rateLimit: 5, backlogLimit: 64, backlogWaitTime: 100 });
    expect(k.sent.filter((m) => m.type === AUDIT.SET)).toHaveLength(1);
    expect(out).toBe(
      STATUS_TEXT.replace('failure 1', 'failure 0')
        .replace('rate_limit 0', 'rate_limit 5')
        .replace('backlog_limit 8192', 'backlog_limit 64')
        .replace('backlog_wait_time 60000', 'backlog_wait_time 100'),
    );
  });

  it('--reset-lost prints the old count and resets it alone', async () => {
    const k = new FakeKernel();
    expect(await set(k, { resetLost: true })).toBe('lost: 7\n');
    expect(k.status.lost).toBe(0);
    const json = JSON.parse(await set(k, { resetLost: true, rateLimit: 3, format: 'json' }));
    expect(json.lost_before_reset).toBe(0);
    expect(json.status.rate_limit).toBe(3);
    expect(k.sent.filter((m) => m.type === AUDIT.SET)).toHaveLength(3);
  });

  it('--immutable --yes sends enabled 2 last, after the other settings', async () => {
    const k = new FakeKernel();
    const out = await set(k, { immutable: true, yes: true, rateLimit: 9, interpret: true });
    const sets = k.sent.filter((m) => m.type === AUDIT.SET);
    expect(sets).toHaveLength(2);
    expect(sets[1]!.payload.readUInt32LE(0)).toBe(1);
    expect(sets[1]!.payload.readUInt32LE(4)).toBe(2);
    expect(out.split('\n')[0]).toBe('enabled enabled+immutable');
    expect(k.status.rateLimit).toBe(9);
  });

  it('--failure panic --yes sets failure 2', async () => {
    const k = new FakeKernel();
    const out = await set(k, { failure: 2, yes: true });
    expect(k.status.failure).toBe(2);
    expect(out.split('\n')[1]).toBe('failure 2');
  });

  it('--loginuid-immutable --yes sets and locks the feature and shows it', async () => {
    const k = new FakeKernel();
    const out = await set(k, { loginuidImmutable: true, yes: true });
    const f = k.sent.find((m) => m.type === AUDIT.SET_FEATURE)!;
    expect(f.payload.toString('hex')).toBe('01000000020000000200000002000000');
    expect(out.endsWith('loginuid_immutable 1 locked\n')).toBe(true);
  });

  it('a locked kernel refuses further changes with a one-line error', async () => {
    const k = new FakeKernel();
    k.status.enabled = 2;
    await expect(set(k, { rateLimit: 1 })).rejects.toThrow(
      'changing audit settings: the audit configuration is locked (enabled 2) until reboot',
    );
  });

  it('EINVAL from the kernel names the setting', async () => {
    const err = await set(new FakeKernel(), { backlogWaitTime: 700000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TsauditError);
    expect((err as TsauditError).message).toBe(
      'changing audit settings: kernel rejected backlog_wait_time 700000: EINVAL (Invalid argument)',
    );
  });

  it.each([
    [{ immutable: true }, /--immutable locks the audit configuration until reboot.*add --yes/],
    [{ enabled: 2 }, /--immutable locks/],
    [{ loginuidImmutable: true }, /--loginuid-immutable .* add --yes/],
    [{ failure: 2 }, /--failure panic .* add --yes/],
    [{}, /nothing to set/],
    [{ immutable: true, enabled: 0, yes: true }, /contradicts/],
  ])('planSet refuses %j with a usage error', (opts, message) => {
    let err: unknown;
    try {
      planSet({ format: 'text', ...opts });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TsauditError);
    expect((err as TsauditError).exitCode).toBe(2);
    expect((err as TsauditError).message).toMatch(message);
  });
});

describe('tsaudit set: usage errors from the command line (no kernel needed)', () => {
  it.each([
    [['set', '--immutable'], '--immutable locks'],
    [['set', '--failure', 'panic'], '--failure panic'],
    [['set', '--loginuid-immutable'], '--loginuid-immutable'],
    [['set', '--rate-limit', '-3'], '--rate-limit'],
    [['set', '--failure', 'loud'], '"loud"'],
    [['set', '-backlog-limit=abc'], '"abc"'],
    [['set'], 'nothing to set'],
  ])('%j exits 2 with one line', (args, needle) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tsaudit: [^\n]+\n$/);
    expect(r.stderr).toContain(needle);
  });
});
