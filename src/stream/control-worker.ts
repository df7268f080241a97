// Worker thread that sends the stream's control requests (status polls, clearing the audit pid, restoring
// settings) on a netlink socket of its own.
//
// Why a thread: the kernel makes any process that sends it an audit request while its backlog is over the
// limit sleep inside sendto() for up to backlog_wait_time (audit_receive, "penalize the sender"), the audit
// daemon included. A request sent from the main thread during a burst would therefore freeze the receive
// loop, the socket would fill, kauditd would block on it, and the backlog would never drain: a stall of up
// to backlog_wait_time (60 s by default). Sending from this thread, the main thread keeps draining and the
// kernel wakes the sleeper as soon as kauditd catches up.
//
// Protocol: { id, op, arg } in, { id, ok: true, value } or { id, ok: false, error: { message, code, context } } out.

import { parentPort } from 'node:worker_threads';
import { AuditClient } from '../netlink/client.js';

export type ControlOp = 'getStatus' | 'setStatus' | 'clearPid';

export interface ControlRequest {
  id: number;
  op: ControlOp;
  arg?: unknown;
}

export type ControlReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; code?: string; context?: Record<string, unknown> } };

const port = parentPort;
if (port) {
  const clientReady = AuditClient.open();
  port.on('message', async (req: ControlRequest | 'close') => {
    if (req === 'close') {
      (await clientReady.catch(() => undefined))?.close();
      port.close();
      return;
    }
    try {
      const client = await clientReady;
      let value: unknown;
      if (req.op === 'getStatus') value = await client.getStatus();
      else if (req.op === 'setStatus') value = await client.setStatus(req.arg as Parameters<AuditClient['setStatus']>[0]);
      else if (req.op === 'clearPid') value = await client.clearPid();
      else throw new Error(`unknown control op ${String(req.op)}`);
      port.postMessage({ id: req.id, ok: true, value } satisfies ControlReply);
    } catch (err) {
      const e = err as { message?: string; code?: string; context?: Record<string, unknown> };
      port.postMessage({
        id: req.id,
        ok: false,
        error: { message: e?.message ?? String(err), code: e?.code, context: e?.context },
      } satisfies ControlReply);
    }
  });
}
