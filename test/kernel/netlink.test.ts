// AuditClient against the real kernel: requests compared with auditctl, and the receive path (as the
// registered audit pid, and read-only through the multicast group). State saved and restored.

import { execFileSync, spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { TsauditError } from '../../src/errors.js';
import { AuditClient, type ReceivedItem } from '../../src/netlink/client.js';
import { describeKernel } from './describe.js';
import { readRules, readStatus, useKernelState } from './state.js';

const auditctl = (...args: string[]) => execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function withClient<T>(fn: (c: AuditClient) => Promise<T>): Promise<T> {
  const c = await AuditClient.open({ timeoutMs: 5000 });
  try {
    return await fn(c);
  } finally {
    c.close();
  }
}

/** Collects records until `until` holds or `ms` pass. */
async function collect(c: AuditClient, until: (items: ReceivedItem[]) => boolean, ms = 5000): Promise<ReceivedItem[]> {
  const items: ReceivedItem[] = [];
  const signal = AbortSignal.timeout(ms);
  for await (const batch of c.receive({ signal })) {
    items.push(...batch);
    if (until(items)) break;
  }
  return items;
}

const text = (items: ReceivedItem[]) => items.flatMap((i) => (i.kind === 'message' ? [`${i.type} ${i.payload.toString()}`] : []));

describeKernel('AuditClient on the real kernel', () => {
  useKernelState();

  it('getStatus and features agree with auditctl -s', async () => {
    const { s, f } = await withClient(async (c) => ({ s: await c.getStatus(), f: await c.getLoginuidImmutable() }));
    const a = readStatus();
    expect(String(s.enabled)).toBe(a.enabled);
    expect(String(s.failure)).toBe(a.failure);
    expect(String(s.backlogLimit)).toBe(a.backlog_limit);
    expect(String(s.rateLimit)).toBe(a.rate_limit);
    expect(String(s.backlogWaitTime)).toBe(a.backlog_wait_time);
    expect(s.backlogWaitTimeActual).toBeTypeOf('number');
    expect(f).toEqual({ enabled: a.loginuid_immutable === '1', locked: false });
  });

  it('listRules returns one struct audit_rule_data per rule, in a multi-part reply', async () => {
    auditctl('-D');
    auditctl('-a', 'always,exit', '-F', 'arch=b64', '-S', 'getpgid', '-F', 'auid=4242', '-k', 'tsaudit-nl-1');
    auditctl('-w', '/etc/hostname', '-p', 'wa', '-k', 'tsaudit-nl-2');
    const rules = await withClient((c) => c.listRules());
    expect(rules).toHaveLength(readRules().length);
    expect(rules).toHaveLength(2);
    const keyOf = (r: Uint8Array) => Buffer.from(r).toString('latin1');
    expect(keyOf(rules[0]!)).toContain('tsaudit-nl-1');
    expect(keyOf(rules[1]!)).toContain('tsaudit-nl-2');
    // deleting with the kernel's own bytes removes exactly that rule; adding them back restores it
    await withClient(async (c) => {
      await c.deleteRule(rules[0]!);
      expect(readRules()).toHaveLength(1);
      await c.addRule(rules[0]!);
      const e = await c.addRule(rules[0]!).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(TsauditError);
      expect((e as TsauditError).context).toMatchObject({ errno: 'EEXIST', op: 'AUDIT_ADD_RULE' });
    });
    expect(readRules()).toHaveLength(2);
    auditctl('-D');
  });

  it('a malformed rule is E_KERNEL EINVAL, not a crash', async () => {
    const e = await withClient((c) => c.addRule(new Uint8Array(4))).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TsauditError);
    expect((e as TsauditError).code).toBe('E_KERNEL');
    expect((e as TsauditError).context).toMatchObject({ errno: 'EINVAL', op: 'AUDIT_ADD_RULE' });
  });

  it('receives records as the audit pid, and a copy through the multicast group', async () => {
    // The kernel never audits the registered audit daemon itself, so the records come from a child.
    const daemon = await AuditClient.open();
    const reader = await AuditClient.open();
    try {
      expect(daemon.setReceiveBuffer(1 << 20)).toBeGreaterThanOrEqual(1 << 20);
      await daemon.setPid();
      expect(readStatus().pid).toBe(String(process.pid));
      // a second registration is refused while the first daemon's socket is alive, naming the holder
      const dup = await reader.setPid().catch((err: unknown) => err);
      expect(dup).toBeInstanceOf(TsauditError);
      expect((dup as TsauditError).message).toBe(`registering as the audit daemon: pid ${process.pid} is already registered (EEXIST)`);
      reader.joinMulticast();
      auditctl('-D');
      auditctl('-e', '1');
      auditctl('-a', 'always,exit', '-F', 'arch=b64', '-S', 'execve', '-F', `ppid=${process.pid}`, '-k', 'tsaudit-recv-test');
      const isOurs = (t: string) => t.startsWith('1300 ') && t.includes('key="tsaudit-recv-test"');
      const seen = (items: ReceivedItem[]) => {
        const records = text(items);
        const i = records.findIndex(isOurs);
        return i >= 0 && records.slice(i).some((t) => t.startsWith('1320 '));
      };
      const fromDaemon = collect(daemon, seen);
      const fromGroup = collect(reader, seen);
      spawnSync('/usr/bin/true');
      const [a, b] = await Promise.all([fromDaemon, fromGroup]);
      for (const items of [a, b]) {
        const records = text(items);
        const syscall = records.find(isOurs);
        expect(syscall, records.join('\n')).toMatch(/^1300 audit\(\d+\.\d{3}:\d+\): arch=c000003e syscall=59 success=yes /);
        expect(syscall).toContain(`ppid=${process.pid} `);
        const serial = /:(\d+)\)/.exec(syscall!)![1];
        // the whole event: EXECVE, CWD, PATH, PROCTITLE and EOE with the same serial
        const types = records.filter((t) => t.includes(`:${serial}):`)).map((t) => Number(t.split(' ')[0]));
        expect(types).toEqual(expect.arrayContaining([1300, 1309, 1307, 1302, 1327, 1320]));
      }
    } finally {
      auditctl('-D');
      await daemon.clearPid().catch(() => {});
      daemon.close();
      reader.close();
    }
    expect(readStatus().pid).toBe('0');
  });
  it('a full receive buffer (ENOBUFS) is an overrun item, and reading goes on', async () => {
    const daemon = await AuditClient.open();
    const reader = await AuditClient.open();
    try {
      await daemon.setPid();
      const granted = reader.setReceiveBuffer(1); // the kernel rounds up to its minimum (a few KiB)
      expect(granted).toBeLessThan(64 * 1024);
      reader.joinMulticast();
      auditctl('-D');
      auditctl('-e', '1');
      auditctl('-a', 'always,exit', '-F', 'arch=b64', '-S', 'execve', '-F', `ppid=${process.pid}`, '-k', 'tsaudit-overrun-test');
      // the daemon drains its own copy so the kernel's queue keeps moving; the reader does not read yet
      const ac = new AbortController();
      const drained = (async () => {
        for await (const _batch of daemon.receive({ signal: ac.signal })) {
          /* discard */
        }
      })();
      for (let i = 0; i < 40; i++) spawnSync('/usr/bin/true');
      await new Promise((r) => setTimeout(r, 200));
      const items = await collect(reader, (all) => all.some((i) => i.kind === 'overrun') && all.some((i) => i.kind === 'message'), 3000);
      ac.abort();
      await drained;
      expect(items.some((i) => i.kind === 'overrun')).toBe(true);
      // after the overrun, records still arrive on the same socket
      spawnSync('/usr/bin/true');
      const more = await collect(reader, (all) => text(all).some((t) => t.includes('key="tsaudit-overrun-test"')), 3000);
      expect(text(more).some((t) => t.includes('key="tsaudit-overrun-test"'))).toBe(true);
    } finally {
      auditctl('-D');
      await daemon.clearPid().catch(() => {});
      daemon.close();
      reader.close();
    }
  });
});
