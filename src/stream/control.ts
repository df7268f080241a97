// The main thread's side of the control worker (see control-worker.ts for why it exists).

import { Worker } from 'node:worker_threads';
import { TsauditError } from '../errors.js';
import type { AuditStatus, StatusChange } from '../netlink/codec.js';
import type { ControlOp, ControlReply } from './control-worker.js';

export class ControlChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ControlReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(new TsauditError(reply.error.code ?? 'E_KERNEL', reply.error.message, { context: reply.error.context }));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => this.failAll(new TsauditError('E_INTERNAL', 'the netlink control thread exited')));
    // not unref'd: while a request is outstanding the worker is what keeps the process alive
  }

  static open(): ControlChannel {
    return new ControlChannel(new Worker(new URL('./control-worker.js', import.meta.url)));
  }

  private failAll(err: Error): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call<T>(op: ControlOp, arg?: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new TsauditError('E_INTERNAL', `control request ${op} after close`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, arg });
    });
  }

  getStatus(): Promise<AuditStatus> {
    return this.call('getStatus');
  }

  setStatus(change: Omit<StatusChange, 'resetLost' | 'resetBacklogWaitTimeActual' | 'pid'>): Promise<void> {
    return this.call('setStatus', change);
  }

  clearPid(): Promise<void> {
    return this.call('clearPid');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
    setTimeout(() => void this.worker.terminate(), 1000).unref();
  }
}
