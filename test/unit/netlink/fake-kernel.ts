// A fake audit kernel behind the Transport interface: it decodes requests with the real wire functions,
// keeps a status and feature state, answers like the kernel does (replies framed properly, ACKs carrying
// errno or a value, LIST_RULES as a multi-part dump ending in NLMSG_DONE), and can be told to fail, stay
// silent, or emit records. Dangerous settings (panic, immutable, loginuid_immutable) are tested here only.

import { OVERRUN, type Overrun, type Transport } from '../../../src/netlink/transport.js';
import {
  AUDIT,
  AUDIT_STATUS,
  type AuditStatus,
  decodeFeatures,
  decodeStatus,
  encodeFeatures,
  encodeStatus,
} from '../../../src/netlink/codec.js';
import { NLM_F, NLMSG, type NetlinkMessage, encodeMessage, encodeNetlinkError, splitDatagram } from '../../../src/netlink/wire.js';

export interface FakeKernelOptions {
  /** Bytes of struct audit_status the kernel sends (44 now; 32/36/40 for older kernels). */
  statusSize?: number;
  /** No AUDIT_GET_FEATURE support (EINVAL), as before 3.14. */
  noFeatures?: boolean;
}

export class FakeKernel implements Transport {
  status: AuditStatus = {
    mask: 0,
    enabled: 1,
    failure: 1,
    pid: 0,
    rateLimit: 0,
    backlogLimit: 8192,
    lost: 7,
    backlog: 0,
    featureBitmap: 0x7f,
    backlogWaitTime: 60000,
    backlogWaitTimeActual: 0,
  };
  features = { vers: 1, mask: 0xffffffff, features: 0, lock: 0 };
  rules: Buffer[] = [];
  /** Every request datagram received, in order. */
  sent: NetlinkMessage[] = [];
  /** errno to answer the next request of a type with (e.g. { [AUDIT.SET]: 1 } for EPERM). */
  failWith = new Map<number, number>();
  /** Types the kernel never answers (to test timeouts). */
  silent = new Set<number>();
  inbox: (Buffer | Overrun)[] = [];
  closed = false;
  groups: number[] = [];
  private waiter: ((v: boolean) => void) | null = null;

  constructor(private readonly opts: FakeKernelOptions = {}) {}

  send(datagram: Buffer): void {
    for (const msg of splitDatagram(datagram)) {
      this.sent.push({ ...msg, payload: Buffer.from(msg.payload) });
      this.handle(msg);
    }
  }

  /** Queues a record as the kernel's kauditd sends it (nlmsg_len excludes the header, seq 0). */
  emit(type: number, text: string): void {
    const body = Buffer.from(`${text}\0`);
    const d = encodeMessage({ type, flags: 0, seq: 0, pid: 0 }, body);
    d.writeUInt32LE(body.length, 0); // the audit length quirk
    this.push(d);
  }

  overrun(): void {
    this.push(OVERRUN);
  }

  push(d: Buffer | Overrun): void {
    this.inbox.push(d);
    const w = this.waiter;
    this.waiter = null;
    w?.(true);
  }

  receive(): Buffer | null | Overrun {
    return this.inbox.shift() ?? null;
  }

  wait(timeoutMs: number): Promise<boolean> {
    if (this.inbox.length > 0) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waiter = null;
        resolve(false);
      }, timeoutMs);
      this.waiter = (v) => {
        clearTimeout(t);
        resolve(v);
      };
    });
  }

  joinGroup(group: number): void {
    this.groups.push(group);
  }

  setReceiveBuffer(bytes: number): number {
    return bytes * 2;
  }

  close(): void {
    this.closed = true;
    const w = this.waiter;
    this.waiter = null;
    w?.(false);
  }

  private reply(req: NetlinkMessage, type: number, payload: Buffer, flags = 0): Buffer {
    return encodeMessage({ type, flags, seq: req.seq, pid: 4242 }, payload);
  }

  private ack(req: NetlinkMessage, error: number): void {
    if (error === 0 && !(req.flags & NLM_F.ACK)) return;
    this.push(this.reply(req, NLMSG.ERROR, encodeNetlinkError(error, { ...req, len: 16 + req.payload.length })));
  }

  private handle(req: NetlinkMessage): void {
    if (this.silent.has(req.type)) return;
    const errno = this.failWith.get(req.type);
    if (errno !== undefined) {
      this.failWith.delete(req.type);
      this.ack(req, -errno);
      return;
    }
    switch (req.type) {
      case AUDIT.GET: {
        const full = encodeStatus(this.status);
        this.push(this.reply(req, AUDIT.GET, full.subarray(0, this.opts.statusSize ?? full.length)));
        this.ack(req, 0);
        return;
      }
      case AUDIT.SET:
        this.ack(req, this.applySet(decodeStatus(req.payload)));
        return;
      case AUDIT.GET_FEATURE:
        if (this.opts.noFeatures) return this.ack(req, -22);
        this.push(this.reply(req, AUDIT.GET_FEATURE, encodeFeatures(this.features)));
        this.ack(req, 0);
        return;
      case AUDIT.SET_FEATURE: {
        const f = decodeFeatures(req.payload);
        if (f.mask & this.features.lock) return this.ack(req, -1);
        this.features.features = (this.features.features & ~f.mask) | (f.features & f.mask);
        this.features.lock |= f.lock & f.mask;
        this.ack(req, 0);
        return;
      }
      case AUDIT.ADD_RULE:
        if (this.status.enabled === 2) return this.ack(req, -1);
        if (this.rules.some((r) => r.equals(req.payload))) return this.ack(req, -17);
        this.rules.push(Buffer.from(req.payload));
        this.ack(req, 0);
        return;
      case AUDIT.DEL_RULE: {
        const i = this.rules.findIndex((r) => r.equals(req.payload));
        if (i < 0) return this.ack(req, -2);
        this.rules.splice(i, 1);
        this.ack(req, 0);
        return;
      }
      case AUDIT.LIST_RULES:
        this.ack(req, 0); // if asked, the ACK comes first, as from the real kernel
        for (const r of this.rules) this.push(this.reply(req, AUDIT.LIST_RULES, r, NLM_F.MULTI));
        this.push(this.reply(req, NLMSG.DONE, Buffer.alloc(4), NLM_F.MULTI));
        return;
      default:
        this.ack(req, -22);
    }
  }

  /** The kernel's AUDIT_SET order and checks; returns the ACK's error value. */
  private applySet(s: AuditStatus): number {
    const locked = () => this.status.enabled === 2;
    if (s.mask & AUDIT_STATUS.ENABLED) {
      if (s.enabled > 2) return -22;
      if (locked()) return -1;
      this.status.enabled = s.enabled;
    }
    if (s.mask & AUDIT_STATUS.FAILURE) {
      if (s.failure > 2) return -22;
      if (locked()) return -1;
      this.status.failure = s.failure;
    }
    if (s.mask & AUDIT_STATUS.PID) {
      // like the kernel: a live daemon is not replaced, and only it may unregister itself
      if (this.status.pid !== 0 && s.pid !== 0) return -17;
      if (this.status.pid !== 0 && s.pid === 0 && this.status.pid !== process.pid) return -13;
      this.status.pid = s.pid;
    }
    if (s.mask & AUDIT_STATUS.RATE_LIMIT) {
      if (locked()) return -1;
      this.status.rateLimit = s.rateLimit;
    }
    if (s.mask & AUDIT_STATUS.BACKLOG_LIMIT) {
      if (locked()) return -1;
      this.status.backlogLimit = s.backlogLimit;
    }
    if (s.mask & AUDIT_STATUS.BACKLOG_WAIT_TIME) {
      if ((s.backlogWaitTime ?? 0) > 600000) return -22;
      if (locked()) return -1;
      this.status.backlogWaitTime = s.backlogWaitTime;
    }
    if (s.mask === AUDIT_STATUS.LOST) {
      const old = this.status.lost;
      this.status.lost = 0;
      return old;
    }
    return 0;
  }
}
