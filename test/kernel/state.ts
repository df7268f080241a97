// Saves and restores the kernel's audit state (status settings and rules) around kernel tests.
// It uses the real auditctl, not tsaudit, so a bug under test cannot corrupt the restore.
// Never restores enabled=2 or failure=2: those must never be set on this machine in the first place.

import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface KernelSnapshot {
  status: Record<string, string>;
  rules: string[];
}

function auditctl(args: string[]): string {
  return execFileSync('auditctl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });
}

export function readStatus(): Record<string, string> {
  const status: Record<string, string> = {};
  for (const line of auditctl(['-s']).split('\n')) {
    const [key, value] = line.split(' ', 2);
    if (key && value !== undefined) status[key] = value;
  }
  return status;
}

export function readRules(): string[] {
  const text = auditctl(['-l']).trim();
  return text === 'No rules' || text === '' ? [] : text.split('\n');
}

export function snapshotKernel(): KernelSnapshot {
  return { status: readStatus(), rules: readRules() };
}

export function restoreKernel(snap: KernelSnapshot): void {
  const s = snap.status;
  auditctl(['-D']);
  if (snap.rules.length > 0) {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-restore-'));
    try {
      const file = join(dir, 'rules');
      writeFileSync(file, `${snap.rules.join('\n')}\n`);
      auditctl(['-R', file]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const args: string[] = [];
  if (s.failure === '0' || s.failure === '1') args.push('-f', s.failure);
  if (s.rate_limit !== undefined) args.push('-r', s.rate_limit);
  if (s.backlog_limit !== undefined) args.push('-b', s.backlog_limit);
  if (s.backlog_wait_time !== undefined) args.push('--backlog_wait_time', s.backlog_wait_time);
  if (args.length > 0) auditctl(args);
  if (s.enabled === '0' || s.enabled === '1') auditctl(['-e', s.enabled]);
}

/** Differences between two snapshots that a test must not leave behind (lost and backlog move by themselves). */
export function stateDrift(before: KernelSnapshot, after: KernelSnapshot): string[] {
  const drift: string[] = [];
  for (const key of ['enabled', 'failure', 'pid', 'rate_limit', 'backlog_limit', 'backlog_wait_time', 'loginuid_immutable']) {
    if (before.status[key] !== after.status[key]) drift.push(`${key}: ${before.status[key]} -> ${after.status[key]}`);
  }
  if (before.rules.join('\n') !== after.rules.join('\n')) drift.push(`rules: ${before.rules.length} -> ${after.rules.length} lines`);
  return drift;
}

/** Saves the state before the file's tests and restores it after them, even when they fail. */
export function useKernelState(): { snapshot: () => KernelSnapshot } {
  let snap: KernelSnapshot | undefined;
  beforeAll(() => {
    snap = snapshotKernel();
  });
  afterAll(() => {
    if (snap) restoreKernel(snap);
  });
  return {
    snapshot: () => {
      if (!snap) throw new Error('useKernelState: no snapshot yet (called outside a test?)');
      return snap;
    },
  };
}

/**
 * Stops streams a test started, so that a failed test cannot leave one holding the audit pid: SIGINT (a clean
 * exit that gives the pid back), then SIGKILL after 5 s.
 */
export async function stopStreams(children: Iterable<ChildProcess | undefined>): Promise<void> {
  for (const child of [...children]) {
    if (!child || child.exitCode !== null || child.signalCode !== null) continue;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
}
