// Start and stop of a stream session: who receives, which settings change, and putting everything back.
//
// Unicast (default): tsaudit registers itself as the audit daemon (the kernel's audit pid). If another live
// process holds the pid (auditd), it refuses and names that process; a pid left behind by a process that has
// died is replaced (the kernel checks the old connection and drops it). Multicast: join the read-only log group
// beside whatever daemon runs; the pid is left alone.
// Settings asked for (--enable, --backlog-limit, --rate-limit, --backlog-wait-time) are applied at start and the
// previous values restored at stop. At stop the audit pid is cleared first, so the kernel stops sending to a
// socket nobody reads any more. stop() is idempotent and never throws; problems are returned as messages.

import { readFileSync } from 'node:fs';
import { TsauditError } from '../errors.js';

/** The part of the kernel status a stream session needs. */
export interface SessionStatus {
  enabled: number;
  pid: number;
  rateLimit: number;
  backlogLimit: number;
  backlogWaitTime: number;
  lost: number;
}

export type SettingName = 'enabled' | 'rateLimit' | 'backlogLimit' | 'backlogWaitTime';
export type SettingChange = Partial<Record<SettingName, number>>;

/** What a session does to the kernel (implemented over the netlink AuditClient; faked in unit tests). */
export interface KernelControl {
  getStatus(): Promise<SessionStatus>;
  setStatus(change: SettingChange): Promise<void>;
  setPid(pid: number): Promise<void>;
  joinMulticast(): Promise<void>;
}

export interface SessionOptions {
  multicast?: boolean;
  /** enable auditing (enabled=1) while streaming */
  enable?: boolean;
  backlogLimit?: number;
  rateLimit?: number;
  backlogWaitTime?: number;
  /** this process (default process.pid) */
  pid?: number;
  /** is that process alive? (default: /proc/<pid> exists) */
  isAlive?: (pid: number) => boolean;
  /** its command name, for the refusal message (default: /proc/<pid>/comm) */
  processName?: (pid: number) => string | undefined;
}

export interface Session {
  readonly mode: 'unicast' | 'multicast';
  /** status read at start, before anything changed */
  readonly initial: SessionStatus;
  /**
   * False when the status could not be read: a multicast reader with CAP_AUDIT_READ but not
   * CAP_AUDIT_CONTROL (then `initial` holds zeros and the kernel's lost counter is not available).
   */
  readonly statusReadable: boolean;
  /** settings changed at start, with the values they had before */
  readonly changed: SettingChange;
  /** undoes what start did; returns the problems met (empty when all went well) */
  stop(): Promise<string[]>;
  /** the kernel gave the audit pid to another process: stop() must not try to clear it */
  lostRegistration(): void;
}

const SETTING_LABEL: Record<SettingName, string> = {
  enabled: 'enabled',
  rateLimit: 'rate_limit',
  backlogLimit: 'backlog_limit',
  backlogWaitTime: 'backlog_wait_time',
};

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processComm(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function heldError(pid: number, name: string | undefined): TsauditError {
  const who = name ? `process ${pid} (${name})` : `process ${pid}`;
  return new TsauditError(
    'E_AUDIT_PID_HELD',
    `the kernel's audit pid is held by ${who}: stop it first, or use --multicast to read beside it`,
    { context: { pid, name } },
  );
}

function errnoOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; context?: { errno?: unknown } };
  for (const v of [e?.code, e?.context?.errno, e?.errno]) if (typeof v === 'string') return v;
  if (typeof e?.errno === 'number' && e.errno === -17) return 'EEXIST';
  return undefined;
}

function message(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/** The status before anything changed; a multicast reader without CAP_AUDIT_CONTROL gets zeros (readable: false). */
async function readInitial(
  ctl: KernelControl,
  mode: Session['mode'],
  wantsSettings: boolean,
): Promise<{ initial: SessionStatus; readable: boolean }> {
  try {
    return { initial: await ctl.getStatus(), readable: true };
  } catch (err) {
    // Reading the status needs CAP_AUDIT_CONTROL; joining the multicast group needs only CAP_AUDIT_READ.
    if (mode !== 'multicast' || wantsSettings || (err as { code?: string }).code !== 'E_NOT_ROOT') throw err;
    return { initial: { enabled: 0, pid: 0, rateLimit: 0, backlogLimit: 0, backlogWaitTime: 0, lost: 0 }, readable: false };
  }
}

/** The settings asked for, and of those the ones that differ now, with their present values (to restore). */
function settingsToChange(opts: SessionOptions, initial: SessionStatus): { want: SettingChange; changed: SettingChange } {
  const want: SettingChange = {};
  if (opts.enable) want.enabled = 1;
  if (opts.backlogLimit !== undefined) want.backlogLimit = opts.backlogLimit;
  if (opts.rateLimit !== undefined) want.rateLimit = opts.rateLimit;
  if (opts.backlogWaitTime !== undefined) want.backlogWaitTime = opts.backlogWaitTime;
  const changed: SettingChange = {};
  for (const key of Object.keys(want) as SettingName[]) {
    if (want[key] !== initial[key]) changed[key] = initial[key];
  }
  if (Object.keys(changed).length > 0 && initial.enabled === 2) {
    throw new TsauditError(
      'E_LOCKED',
      `cannot change ${Object.keys(changed)
        .map((k) => SETTING_LABEL[k as SettingName])
        .join(', ')}: the audit configuration is locked (enabled=2) until reboot`,
    );
  }
  return { want, changed };
}

/** Settings in the order they are applied; restored in the same order (enabled last: the others may still change while auditing is on). */
const SETTING_ORDER: SettingName[] = ['backlogLimit', 'rateLimit', 'backlogWaitTime', 'enabled'];

/** Undoes a start: clears the audit pid (when ours), then restores the changed settings. Never throws. */
async function undoStart(ctl: KernelControl, registered: boolean, changed: SettingChange): Promise<string[]> {
  const problems: string[] = [];
  if (registered) {
    try {
      await ctl.setPid(0);
    } catch (err) {
      problems.push(`could not clear the audit pid: ${message(err)}`);
    }
  }
  for (const key of SETTING_ORDER) {
    const value = changed[key];
    if (value === undefined) continue;
    try {
      await ctl.setStatus({ [key]: value });
    } catch (err) {
      problems.push(`could not restore ${SETTING_LABEL[key]}=${value}: ${message(err)}`);
    }
  }
  return problems;
}

/** Registers `own` as the audit daemon; a refusal (EEXIST) names whoever holds the pid now. */
async function registerDaemon(ctl: KernelControl, own: number, nameOf: (pid: number) => string | undefined): Promise<void> {
  try {
    await ctl.setPid(own);
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') {
      const now = await ctl.getStatus().catch(() => undefined);
      const pid = now?.pid ?? 0;
      throw heldError(pid, pid ? nameOf(pid) : undefined);
    }
    throw err;
  }
}

/** The order of the kernel requests is the contract: register, change, restore in reverse. */
export async function startSession(ctl: KernelControl, opts: SessionOptions = {}): Promise<Session> {
  const own = opts.pid ?? process.pid;
  const isAlive = opts.isAlive ?? processAlive;
  const nameOf = opts.processName ?? processComm;
  const mode = opts.multicast ? 'multicast' : 'unicast';
  const wantsSettings =
    opts.enable === true || opts.backlogLimit !== undefined || opts.rateLimit !== undefined || opts.backlogWaitTime !== undefined;
  const { initial, readable } = await readInitial(ctl, mode, wantsSettings);
  if (mode === 'unicast' && initial.pid !== 0 && initial.pid !== own && isAlive(initial.pid)) {
    throw heldError(initial.pid, nameOf(initial.pid));
  }
  const { want, changed } = settingsToChange(opts, initial);

  let registered = false;
  let stopped: Promise<string[]> | undefined;
  try {
    if (mode === 'unicast') {
      await registerDaemon(ctl, own, nameOf);
      registered = true;
    } else {
      await ctl.joinMulticast();
    }
    // applied after registering, so that enabling never sends events to nobody
    for (const key of SETTING_ORDER) {
      if (changed[key] !== undefined) await ctl.setStatus({ [key]: want[key] });
    }
  } catch (err) {
    await undoStart(ctl, registered, changed);
    throw err;
  }

  return {
    mode,
    initial,
    statusReadable: readable,
    changed,
    stop: () => {
      stopped ??= undoStart(ctl, registered, changed);
      return stopped;
    },
    lostRegistration: () => {
      registered = false;
    },
  };
}
