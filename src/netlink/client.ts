// AuditClient: requests to the kernel's audit subsystem and the receive path for audit records, over an
// injectable Transport (src/netlink/transport.ts). The CLI verbs status/set/rules/stream all go through it.
//
//   const client = await AuditClient.open();            // real NETLINK_AUDIT socket (koffi loaded lazily)
//   const client = await AuditClient.open({ transport }); // tests: a fake transport answering from bytes
//   try { const s = await client.getStatus(); } finally { client.close(); }
//
// Requests
//   getStatus()                       AUDIT_GET -> AuditStatus (every field the kernel sends; old kernels send fewer)
//   setStatus(change)                 AUDIT_SET, all given settings in ONE request (the kernel applies them in
//                                     the order enabled, failure, pid, rate_limit, backlog_limit,
//                                     backlog_wait_time and stops at the first error)
//   setPid(pid = process.pid)         AUDIT_SET pid: this socket becomes the audit daemon's (records are
//                                     unicast to it); the kernel accepts only the caller's own pid
//   clearPid()                        AUDIT_SET pid 0 (only the registered process may do it)
//   resetLost()                       AUDIT_SET lost -> the old lost counter (the kernel returns it in the ACK)
//   resetBacklogWaitTimeActual()      likewise for backlog_wait_time_actual
//   getFeatures()                     AUDIT_GET_FEATURE -> AuditFeatures (+ featureState() from codec.ts)
//   setFeature(name, enabled, lock)   AUDIT_SET_FEATURE (loginuid_immutable; locking lasts until reboot)
//   addRule(data) / deleteRule(data)  AUDIT_ADD_RULE / AUDIT_DEL_RULE with one struct audit_rule_data payload
//   listRules()                       AUDIT_LIST_RULES -> one Uint8Array (struct audit_rule_data) per rule,
//                                     collected over the multi-part reply until NLMSG_DONE
//
// Every request has a sequence number and a timeout (default 5 s, `timeoutMs`): a silent kernel gives
// E_TIMEOUT instead of a hang. Kernel errors become TsauditError (see errors.ts): E_NOT_ROOT for
// EPERM/EACCES, E_NO_AUDIT for ECONNREFUSED, E_KERNEL otherwise, with context.errno and context.op.
// Two refinements ask the kernel why: an EPERM on a change while enabled=2 (or on a locked feature) is
// E_LOCKED, and setPid/clearPid name the registered daemon for EEXIST/EACCES. E_TIMEOUT, E_CLOSED as named.
//
// Receiving records (stream)
//   joinMulticast()                   joins AUDIT_NLGRP_READLOG (needs CAP_AUDIT_READ): a read-only copy of
//                                     every record, without becoming the audit daemon
//   setReceiveBuffer(bytes)           SO_RCVBUFFORCE with SO_RCVBUF fallback; returns the size granted
//   receive({ signal })               AsyncIterable of batches (ReceivedItem[]): `{ kind: 'message', type,
//                                     payload }` for each record (payload is the record text, trailing NULs
//                                     and newline removed) and `{ kind: 'overrun' }` when the kernel dropped
//                                     records because the receive buffer was full (ENOBUFS) — reading goes on.
// Requests may be made while receive() runs: replies are matched by sequence number and records go to the
// receiver.

import { TsauditError } from '../errors.js';
import {
  AUDIT,
  AUDIT_NLGRP_READLOG,
  type AuditFeatures,
  type AuditStatus,
  type FeatureName,
  type StatusChange,
  decodeFeatures,
  decodeStatus,
  encodeRequest,
  encodeSetFeature,
  encodeStatusChange,
  featureState,
  messageName,
} from './codec.js';
import { kernelError, opWords } from './errors.js';
import { OVERRUN, type Transport } from './transport.js';
import {
  AUDIT_FIRST_EVENT_TYPE,
  LITTLE_ENDIAN,
  NLMSG,
  NLMSG_HDRLEN,
  isAuditRecord,
  type NetlinkMessage,
  decodeNetlinkError,
  splitDatagram,
} from './wire.js';

export type { AuditFeatures, AuditStatus, FeatureName, StatusChange } from './codec.js';
export type { Transport } from './transport.js';

export interface AuditMessage {
  kind: 'message';
  /** Audit record type (1300 SYSCALL, 1320 EOE, ...). */
  type: number;
  /** The record text, e.g. `audit(1700000000.123:42): arch=c000003e syscall=59 ...`. */
  payload: Buffer;
}

/** The kernel dropped records because the socket's receive buffer was full (ENOBUFS). */
export interface Overrun {
  kind: 'overrun';
}

export type ReceivedItem = AuditMessage | Overrun;

export interface AuditClientOptions {
  transport?: Transport;
  /** Per-request timeout in milliseconds (default 5000). */
  timeoutMs?: number;
}

export interface ReceiveOptions {
  signal?: AbortSignal;
  /** Largest batch handed out at once (default 1024 items). */
  maxBatch?: number;
}

/** A request's reply: payloads of the messages of the expected type, and a positive ACK value if any. */
interface Reply {
  payloads: Buffer[];
  value: number;
}

interface Pending {
  op: string;
  replyType: number;
  /** Resolve on the first message of replyType (false), or gather until NLMSG_DONE (true). */
  multi: boolean;
  /** Resolve on an ACK (NLMSG_ERROR with error >= 0). */
  ack: boolean;
  setting?: string;
  payloads: Buffer[];
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** Requests that change kernel state (refused with EPERM once the configuration is immutable). */
const CHANGES = new Set<number>([AUDIT.SET, AUDIT.ADD_RULE, AUDIT.DEL_RULE, AUDIT.SET_FEATURE]);
/** How long one wait() may sleep before the pump looks around again (closing, timeouts). */
const WAIT_SLICE_MS = 1000;
/** Datagrams drained before yielding to the event loop. */
const DRAIN_BUDGET = 1024;
/**
 * Queued records beyond which the pump stops draining until the consumer catches up. A few drains' worth: what
 * waits beyond that waits in the socket's receive buffer, not on the V8 heap, where records held for long
 * outlive the young generation and make every collection dearer.
 */
const QUEUE_HIGH_WATER = 2 * DRAIN_BUDGET;

export class AuditClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private pumping = false;
  private closed = false;
  private receiving = false;
  private queue: ReceivedItem[] = [];
  private notify: (() => void) | null = null;
  private consumerWaiting: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly transport: Transport,
    private readonly timeoutMs: number,
  ) {}

  /** Opens a client on `opts.transport`, or on a new NETLINK_AUDIT socket (E_NO_AUDIT if the kernel has none). */
  static async open(opts: AuditClientOptions = {}): Promise<AuditClient> {
    let transport = opts.transport;
    if (!transport) {
      const { openNetlinkSocket } = await import('./socket.js');
      transport = openNetlinkSocket();
    }
    return new AuditClient(transport, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  /** Closes the socket; pending requests fail and receive() ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [seq, p] of this.pending) {
      this.pending.delete(seq);
      p.reject(new TsauditError('E_CLOSED', `${p.op}: client closed before the kernel replied`, { context: { op: p.op } }));
    }
    this.transport.close();
    this.wake();
  }

  async getStatus(): Promise<AuditStatus> {
    const r = await this.request(AUDIT.GET, undefined, { replyType: AUDIT.GET });
    return decodeStatus(this.only(r, 'AUDIT_GET'));
  }

  /** Changes the given settings in one AUDIT_SET request. */
  async setStatus(change: Omit<StatusChange, 'resetLost' | 'resetBacklogWaitTimeActual' | 'pid'>): Promise<void> {
    const setting = describeChange(change);
    await this.request(AUDIT.SET, encodeStatusChange(change), { ack: true, setting });
  }

  /** Registers `pid` (default: this process) as the audit daemon; records are then unicast to this socket. */
  async setPid(pid: number = process.pid): Promise<void> {
    try {
      await this.request(AUDIT.SET, encodeStatusChange({ pid }), { ack: true, setting: `pid ${pid}` });
    } catch (err) {
      // EEXIST: the kernel does not replace a live audit daemon. Say which one holds it.
      throw await this.explainPidError(err, (holder) => `registering as the audit daemon: pid ${holder} is already registered`);
    }
  }

  /** Unregisters the audit daemon (pid 0); only the registered process may do this. */
  async clearPid(): Promise<void> {
    try {
      await this.request(AUDIT.SET, encodeStatusChange({ pid: 0 }), { ack: true, setting: 'pid 0' });
    } catch (err) {
      // EACCES here is not a missing capability: only the registered daemon may unregister itself.
      throw await this.explainPidError(
        err,
        (holder) => `unregistering the audit daemon: only the registered daemon (pid ${holder}) may do that`,
      );
    }
  }

  private async explainPidError(err: unknown, say: (holder: number) => string): Promise<unknown> {
    if (!(err instanceof TsauditError)) return err;
    const errno = err.context.errno;
    if (errno !== 'EEXIST' && errno !== 'EACCES') return err;
    let holder: number;
    try {
      holder = (await this.getStatus()).pid;
    } catch {
      return err;
    }
    if (holder === 0) return err;
    return new TsauditError('E_KERNEL', `${say(holder)} (${errno})`, { context: { ...err.context, pid: holder }, cause: err });
  }

  /** Resets the lost counter and returns its old value. */
  async resetLost(): Promise<number> {
    const r = await this.request(AUDIT.SET, encodeStatusChange({ resetLost: true }), { ack: true, setting: 'lost (reset)' });
    return r.value;
  }

  /** Resets backlog_wait_time_actual and returns its old value. */
  async resetBacklogWaitTimeActual(): Promise<number> {
    const r = await this.request(AUDIT.SET, encodeStatusChange({ resetBacklogWaitTimeActual: true }), {
      ack: true,
      setting: 'backlog_wait_time_actual (reset)',
    });
    return r.value;
  }

  /** AUDIT_GET_FEATURE. Kernels before 3.14 answer EINVAL (E_KERNEL with context.errno 'EINVAL'). */
  async getFeatures(): Promise<AuditFeatures> {
    const r = await this.request(AUDIT.GET_FEATURE, undefined, { replyType: AUDIT.GET_FEATURE });
    return decodeFeatures(this.only(r, 'AUDIT_GET_FEATURE'));
  }

  /** Turns a feature on or off; `lock` makes that permanent until reboot. */
  async setFeature(name: FeatureName, enabled: boolean, lock = false): Promise<void> {
    await this.request(AUDIT.SET_FEATURE, encodeSetFeature(name, enabled, lock), {
      ack: true,
      setting: `${name} ${enabled ? 1 : 0}${lock ? ' (locked)' : ''}`,
    });
  }

  /** Convenience: the loginuid_immutable feature state, or undefined if the kernel does not report it. */
  async getLoginuidImmutable(): Promise<{ enabled: boolean; locked: boolean } | undefined> {
    return featureState(await this.getFeatures(), 'loginuid_immutable');
  }

  async addRule(data: Uint8Array): Promise<void> {
    await this.request(AUDIT.ADD_RULE, data, { ack: true });
  }

  async deleteRule(data: Uint8Array): Promise<void> {
    await this.request(AUDIT.DEL_RULE, data, { ack: true });
  }

  /** Every rule in the kernel, in kernel order, each one struct audit_rule_data. */
  async listRules(): Promise<Uint8Array[]> {
    const r = await this.request(AUDIT.LIST_RULES, undefined, { replyType: AUDIT.LIST_RULES, multi: true });
    return r.payloads;
  }

  /** Joins AUDIT_NLGRP_READLOG: a copy of every record, read-only (needs CAP_AUDIT_READ). */
  joinMulticast(): void {
    this.transport.joinGroup(AUDIT_NLGRP_READLOG);
  }

  setReceiveBuffer(bytes: number): number {
    return this.transport.setReceiveBuffer(bytes);
  }

  /**
   * Audit records as they arrive, in batches. Ends when `signal` aborts or the client is closed.
   * Only one receive() at a time.
   *
   * Receive-path choice (see socket.ts): wait with one async poll() off the main thread, then drain with
   * non-blocking recvfrom() on the main thread, at most DRAIN_BUDGET datagrams before yielding.
   */
  async *receive(opts: ReceiveOptions = {}): AsyncGenerator<ReceivedItem[], void, undefined> {
    if (this.receiving) throw new TsauditError('E_INTERNAL', 'AuditClient.receive: already receiving');
    const maxBatch = opts.maxBatch ?? DRAIN_BUDGET;
    const signal = opts.signal;
    const onAbort = () => this.wake();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.receiving = true;
    this.failure = null;
    void this.pump();
    try {
      for (;;) {
        if (this.queue.length === 0) {
          if (this.failure) throw this.failure;
          if (this.closed || signal?.aborted) return;
          await new Promise<void>((resolve) => {
            this.notify = resolve;
          });
          this.notify = null;
          continue;
        }
        let batch: ReceivedItem[];
        if (this.queue.length <= maxBatch) {
          batch = this.queue;
          this.queue = [];
        } else {
          batch = this.queue.splice(0, maxBatch);
        }
        if (this.consumerWaiting) {
          const go = this.consumerWaiting;
          this.consumerWaiting = null;
          go();
        }
        yield batch;
        if (signal?.aborted) return;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.receiving = false;
      this.queue = [];
      this.wake();
    }
  }

  // ---- request machinery -------------------------------------------------------------------------

  private nextSeq(): number {
    this.seq = (this.seq % 0xfffffffe) + 1; // 1..2^32-2, never 0 (the kernel's own records carry seq 0)
    return this.seq;
  }

  private only(r: Reply, op: string): Buffer {
    const p = r.payloads[0];
    if (!p) throw new TsauditError('E_KERNEL', `${op}: the kernel sent no reply`, { context: { op } });
    return p;
  }

  /**
   * Sends a request and waits for its reply. An EPERM on a change is checked against the kernel's state:
   * with enabled=2 the configuration is locked until reboot, which root cannot fix either (E_LOCKED).
   */
  private async request(
    type: number,
    payload: Uint8Array | undefined,
    opts: { replyType?: number; multi?: boolean; ack?: boolean; setting?: string },
  ): Promise<Reply> {
    try {
      return await this.exchange(type, payload, opts);
    } catch (err) {
      if (!(err instanceof TsauditError) || err.context.errno !== 'EPERM' || !CHANGES.has(type)) throw err;
      let why = '';
      try {
        if ((await this.getStatus()).enabled === 2) why = 'the audit configuration is locked (enabled 2) until reboot';
        else if (type === AUDIT.SET_FEATURE && payload && payload.length >= 16) {
          const asked = decodeFeatures(Buffer.from(payload));
          const current = await this.getFeatures();
          if (asked.mask & current.lock) why = 'the feature is locked until reboot';
        }
      } catch {
        throw err;
      }
      if (!why) throw err;
      throw new TsauditError('E_LOCKED', `${opWords(messageName(type))}: ${why}`, { context: err.context, cause: err });
    }
  }

  private exchange(
    type: number,
    payload: Uint8Array | undefined,
    opts: { replyType?: number; multi?: boolean; ack?: boolean; setting?: string },
  ): Promise<Reply> {
    const op = messageName(type);
    if (this.closed) return Promise.reject(new TsauditError('E_CLOSED', `${op}: client is closed`, { context: { op } }));
    const seq = this.nextSeq();
    // Requests that answer with data do not ask for an ACK: for a dump the ACK would come before the data.
    const datagram = encodeRequest(type, seq, payload, { ack: opts.ack === true });
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(seq)) return;
        reject(
          new TsauditError('E_TIMEOUT', `no reply from the kernel to ${op} within ${this.timeoutMs} ms`, {
            context: { op },
          }),
        );
      }, this.timeoutMs);
      const done =
        <T>(fn: (v: T) => void) =>
        (v: T) => {
          clearTimeout(timer);
          this.pending.delete(seq);
          fn(v);
        };
      const p: Pending = {
        op,
        replyType: opts.replyType ?? -1,
        multi: opts.multi === true,
        ack: opts.ack === true,
        setting: opts.setting,
        payloads: [],
        resolve: done(resolve),
        reject: done(reject),
      };
      this.pending.set(seq, p);
      try {
        this.transport.send(datagram);
      } catch (err) {
        p.reject(err as Error);
        return;
      }
      void this.pump();
    });
  }

  /** Delivers one message to the request it answers; returns false if it answers none. */
  private deliver(msg: NetlinkMessage): boolean {
    const p = this.pending.get(msg.seq);
    if (!p) return false;
    if (msg.type === NLMSG.ERROR) {
      const { error } = decodeNetlinkError(msg.payload);
      if (error < 0) p.reject(kernelError(p.op, -error, { setting: p.setting }));
      else if (p.ack || error > 0) p.resolve({ payloads: p.payloads, value: error });
      return true;
    }
    if (msg.type === NLMSG.DONE) {
      p.resolve({ payloads: p.payloads, value: 0 });
      return true;
    }
    if (msg.type === p.replyType) {
      p.payloads.push(Buffer.from(msg.payload));
      if (!p.multi) p.resolve({ payloads: p.payloads, value: 0 });
      return true;
    }
    return false;
  }

  private dispatch(datagram: Buffer): void {
    // A record is the whole datagram after one header (splitDatagram takes it so too) and answers no request
    // (those reply below AUDIT_FIRST_EVENT_TYPE, with our nonzero seq): during a burst nearly every datagram is
    // one, taken here without splitDatagram's objects.
    const header = recordHeader(datagram);
    if (header !== -1) {
      if (this.receiving) this.queue.push({ kind: 'message', type: header, payload: trimRecord(datagram, NLMSG_HDRLEN) });
      return;
    }
    for (const msg of splitDatagram(datagram)) {
      if (this.deliver(msg)) continue;
      if (this.receiving && isAuditRecord(msg.type, msg.seq)) {
        this.queue.push({ kind: 'message', type: msg.type, payload: trimRecord(msg.payload) });
      }
      // Anything else (a late reply to a timed-out request, NLMSG_NOOP) is dropped.
    }
  }

  private wake(): void {
    const n = this.notify;
    this.notify = null;
    n?.();
    const c = this.consumerWaiting;
    this.consumerWaiting = null;
    c?.();
  }

  private get wanted(): boolean {
    return !this.closed && (this.pending.size > 0 || this.receiving);
  }

  /** The single reader: drains the transport while anyone waits for a reply or records, and waits asynchronously. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.wanted) {
        if (this.receiving && this.queue.length >= QUEUE_HIGH_WATER) {
          await new Promise<void>((resolve) => {
            this.consumerWaiting = resolve;
          });
          continue;
        }
        let got = 0;
        while (got < DRAIN_BUDGET && this.wanted) {
          const d = this.transport.receive();
          if (d === null) break;
          got++;
          if (d === OVERRUN) {
            if (this.receiving) this.queue.push({ kind: 'overrun' });
            continue;
          }
          this.dispatch(d);
        }
        if (this.queue.length > 0) this.wake();
        if (!this.wanted) break;
        if (got === 0) await this.transport.wait(WAIT_SLICE_MS);
        else if (got >= DRAIN_BUDGET) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      // A transport failure ends everything in flight; the receiver sees it as an error on its next step.
      this.failure = err as Error;
      for (const p of [...this.pending.values()]) p.reject(err as Error);
      this.wake();
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * Record text without the NUL padding and trailing newline some kernels include. A view, not a copy: the
 * transport hands over a datagram buffer that belongs to us.
 */
function trimRecord(payload: Buffer, start = 0): Buffer {
  let end = payload.length;
  while (end > start && (payload[end - 1] === 0 || payload[end - 1] === 10)) end--;
  return payload.subarray(start, end);
}

/** The type of a datagram that starts with an audit record's header, else -1. */
function recordHeader(datagram: Buffer): number {
  if (datagram.length < NLMSG_HDRLEN) return -1;
  const type = LITTLE_ENDIAN ? datagram.readUInt16LE(4) : datagram.readUInt16BE(4);
  if (type >= AUDIT_FIRST_EVENT_TYPE) return type;
  const seq = LITTLE_ENDIAN ? datagram.readUInt32LE(8) : datagram.readUInt32BE(8);
  return isAuditRecord(type, seq) ? type : -1;
}

function describeChange(change: StatusChange): string {
  const parts: string[] = [];
  if (change.enabled !== undefined) parts.push(`enabled ${change.enabled}`);
  if (change.failure !== undefined) parts.push(`failure ${change.failure}`);
  if (change.rateLimit !== undefined) parts.push(`rate_limit ${change.rateLimit}`);
  if (change.backlogLimit !== undefined) parts.push(`backlog_limit ${change.backlogLimit}`);
  if (change.backlogWaitTime !== undefined) parts.push(`backlog_wait_time ${change.backlogWaitTime}`);
  return parts.join(', ');
}
