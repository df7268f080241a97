import { describe, expect, it } from 'vitest';
import { AuditClient, type ReceivedItem } from '../../../src/netlink/client.js';
import { AUDIT, AUDIT_NLGRP_READLOG } from '../../../src/netlink/codec.js';
import { TsauditError } from '../../../src/errors.js';
import { NLM_F, encodeMessage } from '../../../src/netlink/wire.js';
import { FakeKernel } from './fake-kernel.js';

async function withClient<T>(kernel: FakeKernel, fn: (c: AuditClient) => Promise<T>, timeoutMs?: number): Promise<T> {
  const client = await AuditClient.open({ transport: kernel, timeoutMs });
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<TsauditError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TsauditError);
    return err as TsauditError;
  }
  throw new Error('expected a rejection');
}

describe('AuditClient requests', () => {
  it('getStatus returns every field and uses increasing non-zero sequence numbers', async () => {
    const k = new FakeKernel();
    await withClient(k, async (c) => {
      const s = await c.getStatus();
      expect(s).toMatchObject({ enabled: 1, failure: 1, backlogLimit: 8192, lost: 7, backlogWaitTime: 60000, backlogWaitTimeActual: 0 });
      await c.getStatus();
    });
    expect(k.sent.map((m) => [m.type, m.seq, m.flags])).toEqual([
      [AUDIT.GET, 1, NLM_F.REQUEST],
      [AUDIT.GET, 2, NLM_F.REQUEST],
    ]);
  });

  it('getStatus tolerates the short struct of an old kernel', async () => {
    const s = await withClient(new FakeKernel({ statusSize: 36 }), (c) => c.getStatus());
    expect(s.featureBitmap).toBe(0x7f);
    expect(s.backlogWaitTime).toBeUndefined();
  });

  it('setStatus sends all settings in one AUDIT_SET and resolves on the ACK', async () => {
    const k = new FakeKernel();
    await withClient(k, (c) => c.setStatus({ failure: 0, rateLimit: 10, backlogLimit: 100, backlogWaitTime: 500 }));
    expect(k.sent).toHaveLength(1);
    expect(k.sent[0]!.flags).toBe(NLM_F.REQUEST | NLM_F.ACK);
    expect(k.status).toMatchObject({ failure: 0, rateLimit: 10, backlogLimit: 100, backlogWaitTime: 500 });
  });

  it('resetLost returns the old counter carried in the ACK', async () => {
    const k = new FakeKernel();
    const old = await withClient(k, (c) => c.resetLost());
    expect(old).toBe(7);
    expect(k.status.lost).toBe(0);
    expect(await withClient(k, (c) => c.resetLost())).toBe(0);
  });

  it('setPid/clearPid send the pid bit', async () => {
    const k = new FakeKernel();
    await withClient(k, async (c) => {
      await c.setPid();
      expect(k.status.pid).toBe(process.pid);
      await c.clearPid();
    });
    expect(k.status.pid).toBe(0);
  });

  it('setPid while another daemon is registered names it (EEXIST); clearPid by another process too (EACCES)', async () => {
    const k = new FakeKernel();
    k.status.pid = 31337;
    await withClient(k, async (c) => {
      const e = await rejection(c.setPid());
      expect(e.code).toBe('E_KERNEL');
      expect(e.message).toBe('registering as the audit daemon: pid 31337 is already registered (EEXIST)');
      expect(e.context).toMatchObject({ errno: 'EEXIST', op: 'AUDIT_SET', pid: 31337 });
      const f = await rejection(c.clearPid());
      expect(f.code).toBe('E_KERNEL');
      expect(f.message).toBe('unregistering the audit daemon: only the registered daemon (pid 31337) may do that (EACCES)');
    });
    expect(k.status.pid).toBe(31337);
  });

  it('features: read and set loginuid_immutable (fake kernel only)', async () => {
    const k = new FakeKernel();
    await withClient(k, async (c) => {
      expect(await c.getLoginuidImmutable()).toEqual({ enabled: false, locked: false });
      await c.setFeature('loginuid_immutable', true, true);
      expect(await c.getLoginuidImmutable()).toEqual({ enabled: true, locked: true });
      const e = await rejection(c.setFeature('loginuid_immutable', false));
      expect(e.code).toBe('E_LOCKED'); // EPERM from a locked feature is not a missing capability
      expect(e.message).toBe('changing audit features: the feature is locked until reboot');
      expect(e.context).toMatchObject({ errno: 'EPERM', op: 'AUDIT_SET_FEATURE' });
    });
  });

  it('getFeatures on a kernel without the features API is E_KERNEL EINVAL', async () => {
    const e = await rejection(withClient(new FakeKernel({ noFeatures: true }), (c) => c.getFeatures()));
    expect(e.code).toBe('E_KERNEL');
    expect(e.context).toMatchObject({ errno: 'EINVAL', op: 'AUDIT_GET_FEATURE' });
  });

  it('rules: add, list as a multi-part dump until NLMSG_DONE, delete, EEXIST', async () => {
    const k = new FakeKernel();
    await withClient(k, async (c) => {
      expect(await c.listRules()).toEqual([]);
      await c.addRule(Buffer.from('rule-one'));
      await c.addRule(Buffer.from('rule-two'));
      const e = await rejection(c.addRule(Buffer.from('rule-one')));
      expect(e.code).toBe('E_KERNEL');
      expect(e.context).toMatchObject({ errno: 'EEXIST', op: 'AUDIT_ADD_RULE' });
      const rules = await c.listRules();
      expect(rules.map((r) => Buffer.from(r).toString())).toEqual(['rule-one', 'rule-two']);
      await c.deleteRule(Buffer.from('rule-one'));
      expect((await c.listRules()).length).toBe(1);
    });
    const list = k.sent.find((m) => m.type === AUDIT.LIST_RULES)!;
    expect(list.flags & NLM_F.ACK).toBe(0);
  });

  it('maps EPERM to E_NOT_ROOT with a one-line message naming the capability', async () => {
    const k = new FakeKernel();
    k.failWith.set(AUDIT.GET, 1);
    const e = await rejection(withClient(k, (c) => c.getStatus()));
    expect(e.code).toBe('E_NOT_ROOT');
    expect(e.message).toBe('reading audit status requires root (CAP_AUDIT_CONTROL)');
    expect(e.context).toMatchObject({ errno: 'EPERM', op: 'AUDIT_GET' });
  });

  it('EPERM once the configuration is immutable is E_LOCKED, not a missing capability', async () => {
    const k = new FakeKernel();
    k.status.enabled = 2;
    const e = await rejection(withClient(k, (c) => c.addRule(Buffer.from('r'))));
    expect(e.code).toBe('E_LOCKED');
    expect(e.message).toBe('adding an audit rule: the audit configuration is locked (enabled 2) until reboot');
    expect(e.context).toMatchObject({ errno: 'EPERM', op: 'AUDIT_ADD_RULE' });
  });

  it('EINVAL names the setting', async () => {
    const e = await rejection(withClient(new FakeKernel(), (c) => c.setStatus({ backlogWaitTime: 999999 })));
    expect(e.code).toBe('E_KERNEL');
    expect(e.message).toBe('changing audit settings: kernel rejected backlog_wait_time 999999: EINVAL (Invalid argument)');
  });

  it('a silent kernel gives E_TIMEOUT, and the client still works afterwards', async () => {
    const k = new FakeKernel();
    k.silent.add(AUDIT.GET);
    await withClient(
      k,
      async (c) => {
        const e = await rejection(c.getStatus());
        expect(e.code).toBe('E_TIMEOUT');
        expect(e.message).toBe('no reply from the kernel to AUDIT_GET within 50 ms');
        k.silent.clear();
        expect((await c.getStatus()).enabled).toBe(1);
      },
      50,
    );
  });

  it('ignores replies with a stale sequence number', async () => {
    const k = new FakeKernel();
    // a reply to some earlier request (seq 77) is already waiting on the socket
    k.push(encodeMessage({ type: AUDIT.GET, flags: 0, seq: 77, pid: 0 }, Buffer.alloc(44, 0xff)));
    const s = await withClient(k, (c) => c.getStatus());
    expect(s.enabled).toBe(1);
  });

  it('close() rejects requests in flight', async () => {
    const k = new FakeKernel();
    k.silent.add(AUDIT.GET);
    const c = await AuditClient.open({ transport: k });
    const p = c.getStatus();
    c.close();
    expect((await rejection(p)).code).toBe('E_CLOSED');
    expect(k.closed).toBe(true);
  });
});

describe('AuditClient.receive', () => {
  it('yields records in batches, an overrun as its own item, and ends on abort', async () => {
    const k = new FakeKernel();
    const c = await AuditClient.open({ transport: k });
    c.joinMulticast();
    expect(k.groups).toEqual([AUDIT_NLGRP_READLOG]);
    const ac = new AbortController();
    const seen: ReceivedItem[] = [];
    k.emit(1300, 'audit(1.000:1): syscall=59');
    k.emit(1320, 'audit(1.000:1): ');
    const done = (async () => {
      for await (const batch of c.receive({ signal: ac.signal })) {
        seen.push(...batch);
        if (seen.length === 2) {
          k.overrun();
          k.emit(1300, 'audit(2.000:2): syscall=2');
        }
        if (seen.length >= 4) ac.abort();
      }
    })();
    await done;
    c.close();
    expect(seen.map((i) => (i.kind === 'message' ? `${i.type} ${i.payload.toString()}` : i.kind))).toEqual([
      '1300 audit(1.000:1): syscall=59',
      '1320 audit(1.000:1): ',
      'overrun',
      '1300 audit(2.000:2): syscall=2',
    ]);
  });

  it('answers requests while receiving, without giving replies to the receiver', async () => {
    const k = new FakeKernel();
    const c = await AuditClient.open({ transport: k });
    const ac = new AbortController();
    const types: number[] = [];
    const loop = (async () => {
      for await (const batch of c.receive({ signal: ac.signal })) for (const i of batch) if (i.kind === 'message') types.push(i.type);
    })();
    k.emit(1305, 'audit(3.000:3): op=set');
    const s = await c.getStatus();
    k.emit(1300, 'audit(3.000:4): x');
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await loop;
    c.close();
    expect(s.backlogLimit).toBe(8192);
    expect(types).toEqual([1305, 1300]);
  });

  it('close() ends a receive loop', async () => {
    const k = new FakeKernel();
    const c = await AuditClient.open({ transport: k });
    const loop = (async () => {
      let n = 0;
      for await (const b of c.receive()) n += b.length;
      return n;
    })();
    setTimeout(() => c.close(), 10);
    expect(await loop).toBe(0);
  });
});
