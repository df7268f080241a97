import { describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { type KernelControl, type SessionStatus, type SettingChange, startSession } from '../../../src/stream/session.js';

/** A fake kernel that behaves like the real one for the audit pid (EEXIST when a healthy daemon holds it). */
class FakeKernel implements KernelControl {
  status: SessionStatus = { enabled: 0, pid: 0, rateLimit: 0, backlogLimit: 64, backlogWaitTime: 15000, lost: 0 };
  calls: string[] = [];
  multicast = false;
  failOn?: string;
  heldBy?: number;

  async getStatus() {
    this.calls.push('get');
    return { ...this.status };
  }
  async setStatus(change: SettingChange) {
    const [key, value] = Object.entries(change)[0]!;
    this.calls.push(`set ${key}=${value}`);
    if (this.failOn === key) throw new Error(`EPERM setting ${key}`);
    Object.assign(this.status, change);
  }
  async setPid(pid: number) {
    this.calls.push(`pid ${pid}`);
    if (this.failOn === 'pid') throw new Error('EPERM');
    if (pid !== 0 && this.heldBy !== undefined) {
      this.status.pid = this.heldBy;
      throw Object.assign(new Error('audit pid set: EEXIST'), { code: 'EEXIST' });
    }
    this.status.pid = pid;
  }
  async joinMulticast() {
    this.calls.push('join');
    this.multicast = true;
  }
}

const ME = 4242;

describe('stream session (unicast)', () => {
  it('registers, and at stop clears the pid', async () => {
    const k = new FakeKernel();
    const s = await startSession(k, { pid: ME });
    expect(s.mode).toBe('unicast');
    expect(k.status.pid).toBe(ME);
    expect(await s.stop()).toEqual([]);
    expect(k.status.pid).toBe(0);
    expect(k.calls).toEqual(['get', `pid ${ME}`, 'pid 0']);
  });

  it('refuses when a live process holds the audit pid, naming it, and changes nothing', async () => {
    const k = new FakeKernel();
    k.status.pid = 999;
    const err = await startSession(k, { pid: ME, enable: true, isAlive: () => true, processName: () => 'auditd' }).catch((e) => e);
    expect(err).toBeInstanceOf(TsauditError);
    expect(err.code).toBe('E_AUDIT_PID_HELD');
    expect(err.message).toBe("the kernel's audit pid is held by process 999 (auditd): stop it first, or use --multicast to read beside it");
    expect(k.calls).toEqual(['get']);
  });

  it('replaces a pid left by a dead process', async () => {
    const k = new FakeKernel();
    k.status.pid = 999;
    const s = await startSession(k, { pid: ME, isAlive: () => false });
    expect(k.status.pid).toBe(ME);
    await s.stop();
  });

  it("turns the kernel's EEXIST (a daemon that registered meanwhile) into the same refusal, restoring settings", async () => {
    const k = new FakeKernel();
    k.heldBy = 777;
    const err = await startSession(k, { pid: ME, backlogLimit: 8192, processName: () => undefined }).catch((e) => e);
    expect(err.code).toBe('E_AUDIT_PID_HELD');
    expect(err.message).toContain('held by process 777:');
    expect(k.status.backlogLimit).toBe(64);
  });

  it('applies settings after registering and restores them (enabled last) after clearing the pid', async () => {
    const k = new FakeKernel();
    const s = await startSession(k, { pid: ME, enable: true, backlogLimit: 8192, rateLimit: 0, backlogWaitTime: 60000 });
    expect(k.status).toMatchObject({ enabled: 1, backlogLimit: 8192, rateLimit: 0, backlogWaitTime: 60000, pid: ME });
    expect(s.changed).toEqual({ enabled: 0, backlogLimit: 64, backlogWaitTime: 15000 }); // rate_limit was already 0
    k.calls = [];
    await s.stop();
    expect(k.calls).toEqual(['pid 0', 'set backlogLimit=64', 'set backlogWaitTime=15000', 'set enabled=0']);
    expect(k.status).toMatchObject({ enabled: 0, backlogLimit: 64, rateLimit: 0, backlogWaitTime: 15000, pid: 0 });
  });

  it('stop() runs once however often it is called', async () => {
    const k = new FakeKernel();
    const s = await startSession(k, { pid: ME, enable: true });
    await Promise.all([s.stop(), s.stop()]);
    await s.stop();
    expect(k.calls.filter((c) => c === 'pid 0')).toHaveLength(1);
  });

  it('a failing setting at start undoes everything done so far', async () => {
    const k = new FakeKernel();
    k.failOn = 'enabled';
    await expect(startSession(k, { pid: ME, enable: true, backlogLimit: 1000 })).rejects.toThrow(/EPERM setting enabled/);
    expect(k.status).toMatchObject({ pid: 0, backlogLimit: 64, enabled: 0 });
  });

  it('stop() reports problems instead of throwing, and still does the rest', async () => {
    const k = new FakeKernel();
    const s = await startSession(k, { pid: ME, backlogLimit: 100 });
    k.failOn = 'pid';
    expect(await s.stop()).toEqual(['could not clear the audit pid: EPERM']);
    expect(k.status.backlogLimit).toBe(64);
  });

  it('refuses to change settings when the configuration is locked (enabled=2)', async () => {
    const k = new FakeKernel();
    k.status.enabled = 2;
    await expect(startSession(k, { pid: ME, backlogLimit: 100 })).rejects.toThrow(
      'cannot change backlog_limit: the audit configuration is locked (enabled=2) until reboot',
    );
    expect(k.calls).toEqual(['get']);
  });
});

describe('stream session (multicast)', () => {
  it('joins the group, leaves the pid alone even when a daemon holds it', async () => {
    const k = new FakeKernel();
    k.status.pid = 999;
    const s = await startSession(k, { pid: ME, multicast: true, isAlive: () => true });
    expect(s.mode).toBe('multicast');
    expect(k.multicast).toBe(true);
    await s.stop();
    expect(k.status.pid).toBe(999);
    expect(k.calls).toEqual(['get', 'join']);
  });

  it('runs with CAP_AUDIT_READ only: an unreadable status is not fatal when no setting is asked for', async () => {
    const k = new FakeKernel();
    k.getStatus = async () => {
      throw new TsauditError('E_NOT_ROOT', 'reading audit status requires root (CAP_AUDIT_CONTROL)');
    };
    const s = await startSession(k, { pid: ME, multicast: true });
    expect(s.statusReadable).toBe(false);
    expect(k.multicast).toBe(true);
    await expect(startSession(k, { pid: ME, multicast: true, backlogLimit: 10 })).rejects.toThrow(/requires root/);
    await expect(startSession(k, { pid: ME })).rejects.toThrow(/requires root/);
  });

  it('restores settings it changed', async () => {
    const k = new FakeKernel();
    const s = await startSession(k, { pid: ME, multicast: true, rateLimit: 500 });
    expect(k.status.rateLimit).toBe(500);
    await s.stop();
    expect(k.status.rateLimit).toBe(0);
  });
});
