// Watching the kernel while streaming: its lost counter (polled once a second) and, in unicast mode, whether
// the audit pid is still ours.
//
// In multicast mode with no audit daemon registered, a kernel booted with audit=1 counts records it could not
// hold for a future daemon; multicast listeners got those, so they are not this stream's loss and are only
// counted in the summary. In unicast mode kauditd drops an audit daemon whose socket it could not write to (a
// send that timed out too often); records then go nowhere. The poll notices that the pid is no longer ours
// and registers again, unless someone else took it meanwhile.

import type { LossRecord } from './loss.js';
import { LostPoller } from './lost-poller.js';
import type { Session } from './session.js';

export interface KernelWatchOptions {
  client: { getStatus(): Promise<{ pid: number; lost: number }>; setPid(pid?: number): Promise<void> };
  session: Session;
  /** the pid registered as the audit daemon */
  own: number;
  intervalMs: number;
  note: (line: string) => void;
  /** a rise of the lost counter that is this stream's loss */
  onKernelLoss: (loss: LossRecord) => void;
  /** another process took the audit pid: the stream must stop */
  onReplaced: () => void;
}

export class KernelWatch {
  readonly poller: LostPoller;
  private daemonPid: number;
  private stopping = false;
  private reregistering = false;

  constructor(private readonly o: KernelWatchOptions) {
    this.daemonPid = o.session.initial.pid;
    this.poller = new LostPoller({
      read: async () => {
        const s = await o.client.getStatus();
        this.daemonPid = s.pid;
        this.checkRegistration(s.pid);
        return s.lost;
      },
      intervalMs: o.intervalMs,
      onLoss: (delta, total) => {
        if (o.session.mode === 'multicast' && this.daemonPid === 0) return;
        o.onKernelLoss({ type: 'TSAUDIT_LOSS', source: 'kernel', count: delta, time: new Date().toISOString(), kernel_lost: total });
      },
      onError: (err) => o.note(`cannot read the kernel's lost counter: ${(err as Error).message}`),
      onReset: (from, to) => o.note(`the kernel's lost counter was reset by another process (${from} -> ${to}); not counted as loss`),
    });
  }

  /** The stream is stopping: a pid change is no longer worth acting on. */
  stop(): void {
    this.stopping = true;
  }

  private checkRegistration(pid: number): void {
    const { session, own, note } = this.o;
    if (session.mode !== 'unicast' || this.stopping || this.reregistering || pid === own) return;
    if (pid !== 0) {
      note(`the kernel's audit pid is now held by process ${pid}: this stream no longer receives events`);
      session.lostRegistration();
      this.o.onReplaced();
      return;
    }
    this.reregistering = true;
    note('the kernel unregistered tsaudit as the audit daemon (its socket stayed full); registering again');
    this.o.client
      .setPid(own)
      .catch((err) => note(`could not register again: ${(err as Error).message}`))
      .finally(() => {
        this.reregistering = false;
      });
  }
}
