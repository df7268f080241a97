// The real Transport: a NETLINK_AUDIT socket driven through koffi (FFI to libc). This is the only file that
// loads koffi, and it does so lazily (openNetlinkSocket), so verbs that never talk to the kernel never pay for it.
//
// Receive path, and why: the socket is non-blocking. Waiting happens in ONE asynchronous call, poll() run by
// koffi on its worker thread (`poll.async`) over the socket and an eventfd used to wake it on close; once
// poll reports the socket readable, the client drains it on the main thread with non-blocking recvfrom()
// calls (about a microsecond each) until EAGAIN. Alternatives considered:
//   - one `recvfrom.async` per datagram: every record costs a thread hop and a callback (tens of µs), which
//     caps the rate far below a burst of audit records (each event is several records);
//   - a worker thread doing blocking recv: fast, but records must then be copied across threads and the
//     worker has to be torn down on every exit path; the drain loop reaches the target without it.
// A per-datagram async recvfrom is several times slower than the drain; the measurements are in
// docs/performance.md (bench/netlink-receive.mjs).
//
// Socket numbers come from src/tables/linux-constants.ts (generated from the C library's and the kernel's
// headers); struct sockaddr_nl is { u16 family; u16 pad; u32 pid; u32 groups; }.

import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { TsauditError } from '../errors.js';
import { ADDRESS_FAMILY, NETLINK_SOCKET } from '../tables/linux-constants.js';
import { dangerousChange, messageName } from './codec.js';
import { errnoMessage, errnoName, kernelError } from './errors.js';
import { OVERRUN, type Overrun, type Transport } from './transport.js';
import { LITTLE_ENDIAN, NLMSG_HDRLEN, Writer } from './wire.js';

const { AF_NETLINK } = ADDRESS_FAMILY;
const { SOCK_RAW, SOCK_NONBLOCK, SOCK_CLOEXEC, NETLINK_AUDIT, SOL_SOCKET, SO_RCVBUF, SO_RCVBUFFORCE } = NETLINK_SOCKET;
const { SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, MSG_DONTWAIT, POLLIN, EFD_NONBLOCK, EFD_CLOEXEC } = NETLINK_SOCKET;
const SOCKADDR_NL_SIZE = 12;
/** Large enough for any audit record (MAX_AUDIT_MESSAGE_LENGTH 8970) and any rule reply. */
const RECV_BUFFER_SIZE = 64 * 1024;

const E = constants.errno;
const RETRY = Symbol('retry');

/** The libc calls this transport makes (exported so tests can drive NetlinkSocket with a fake libc). */
export interface Libc {
  socket: (domain: number, type: number, protocol: number) => number;
  bind: (fd: number, addr: Buffer, len: number) => number;
  getsockname: (fd: number, addr: Buffer, len: Buffer) => number;
  sendto: (fd: number, buf: Buffer, len: number, flags: number, addr: Buffer, addrlen: number) => number;
  recvfrom: (fd: number, buf: Buffer, len: number, flags: number, addr: Buffer, addrlen: Buffer) => number;
  setsockopt: (fd: number, level: number, name: number, val: Buffer, len: number) => number;
  getsockopt: (fd: number, level: number, name: number, val: Buffer, len: Buffer) => number;
  poll: { async: (fds: Buffer, nfds: number, timeout: number, cb: (err: unknown, res: number) => void) => void };
  eventfd: (initval: number, flags: number) => number;
  write: (fd: number, buf: Buffer, len: number) => number;
  read: (fd: number, buf: Buffer, len: number) => number;
  close: (fd: number) => number;
  errno: () => number;
  /** Batched receive (recvmmsg into preallocated memory); absent in test fakes and on hosts it does not support. */
  batch?: () => RecvBatch;
}

/**
 * Up to `size` datagrams per recvmmsg() call. A burst of audit records is one datagram per record, and an FFI
 * call per record would be the largest single cost of the receive loop.
 */
export interface RecvBatch {
  readonly size: number;
  /** Receives up to `size` datagrams; returns how many, or -1 (errno tells why). */
  receive(fd: number, flags: number): number;
  /** Length, sender port and a copy of datagram `i` of the last receive(). */
  length(i: number): number;
  port(i: number): number;
  datagram(i: number): Buffer;
  free(): void;
}

/** struct mmsghdr / msghdr / iovec layout of LP64 Linux (x86_64, arm64, riscv64, ...). */
const MMSG = { HDR: 64, NAME: 0, NAMELEN: 8, IOV: 16, IOVLEN: 24, CONTROL: 32, CONTROLLEN: 40, FLAGS: 48, LEN: 56, IOVEC: 16, ADDR: 16 };
const BATCH_SIZE = 64;

function batchFactory(koffi: typeof import('koffi'), lib: ReturnType<typeof import('koffi').load>): (() => RecvBatch) | undefined {
  if (!LITTLE_ENDIAN || !['x64', 'arm64', 'riscv64', 'loong64'].includes(process.arch)) return undefined;
  const malloc = lib.func('void *malloc(size_t size)');
  const free = lib.func('void free(void *ptr)');
  const recvmmsg = lib.func('int recvmmsg(int fd, void *vec, unsigned int vlen, int flags, void *timeout)');
  return () => {
    const n = BATCH_SIZE;
    const iovOff = n * MMSG.HDR;
    const nameOff = iovOff + n * MMSG.IOVEC;
    const dataOff = nameOff + n * MMSG.ADDR;
    const total = dataOff + n * RECV_BUFFER_SIZE;
    const mem = malloc(total);
    if (!mem) throw new TsauditError('E_KERNEL', `cannot allocate ${total} bytes for the receive batch`);
    const base = koffi.address(mem);
    const view = Buffer.from(koffi.view(mem, total));
    view.fill(0, 0, dataOff);
    for (let i = 0; i < n; i++) {
      const h = i * MMSG.HDR;
      view.writeBigUInt64LE(base + BigInt(nameOff + i * MMSG.ADDR), h + MMSG.NAME);
      view.writeBigUInt64LE(base + BigInt(iovOff + i * MMSG.IOVEC), h + MMSG.IOV);
      view.writeBigUInt64LE(1n, h + MMSG.IOVLEN);
      view.writeBigUInt64LE(base + BigInt(dataOff + i * RECV_BUFFER_SIZE), iovOff + i * MMSG.IOVEC);
      view.writeBigUInt64LE(BigInt(RECV_BUFFER_SIZE), iovOff + i * MMSG.IOVEC + 8);
    }
    let freed = false;
    return {
      size: n,
      receive(fd, flags) {
        for (let i = 0; i < n; i++) view.writeUInt32LE(SOCKADDR_NL_SIZE, i * MMSG.HDR + MMSG.NAMELEN);
        return recvmmsg(fd, mem, n, flags, null) as number;
      },
      length: (i) => view.readUInt32LE(i * MMSG.HDR + MMSG.LEN),
      port: (i) => view.readUInt32LE(nameOff + i * MMSG.ADDR + 4),
      datagram(i) {
        const start = dataOff + i * RECV_BUFFER_SIZE;
        return Buffer.from(view.subarray(start, start + view.readUInt32LE(i * MMSG.HDR + MMSG.LEN)));
      },
      free() {
        if (!freed) free(mem);
        freed = true;
      },
    };
  };
}

let libc: Libc | undefined;

function loadLibc(): Libc {
  if (libc) return libc;
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as typeof import('koffi');
  const lib = koffi.load('libc.so.6');
  libc = {
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    bind: lib.func('int bind(int fd, void *addr, uint32_t len)'),
    getsockname: lib.func('int getsockname(int fd, void *addr, void *len)'),
    sendto: lib.func('intptr_t sendto(int fd, void *buf, size_t len, int flags, void *addr, uint32_t addrlen)'),
    recvfrom: lib.func('intptr_t recvfrom(int fd, void *buf, size_t len, int flags, void *addr, void *addrlen)'),
    setsockopt: lib.func('int setsockopt(int fd, int level, int name, void *val, uint32_t len)'),
    getsockopt: lib.func('int getsockopt(int fd, int level, int name, void *val, void *len)'),
    poll: lib.func('int poll(void *fds, unsigned long nfds, int timeout)') as unknown as Libc['poll'],
    eventfd: lib.func('int eventfd(unsigned int initval, int flags)'),
    write: lib.func('intptr_t write(int fd, void *buf, size_t len)'),
    read: lib.func('intptr_t read(int fd, void *buf, size_t len)'),
    close: lib.func('int close(int fd)'),
    errno: () => koffi.errno(),
  };
  try {
    libc.batch = batchFactory(koffi, lib);
  } catch {
    // no recvmmsg here: one recvfrom per datagram
  }
  return libc;
}

function u32(buf: Buffer, off: number): number {
  return LITTLE_ENDIAN ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
}

function putU32(buf: Buffer, off: number, v: number): void {
  if (LITTLE_ENDIAN) buf.writeUInt32LE(v >>> 0, off);
  else buf.writeUInt32BE(v >>> 0, off);
}

function sockaddrNl(pid: number, groups: number): Buffer {
  const b = Buffer.alloc(SOCKADDR_NL_SIZE);
  if (LITTLE_ENDIAN) b.writeUInt16LE(AF_NETLINK, 0);
  else b.writeUInt16BE(AF_NETLINK, 0);
  putU32(b, 4, pid);
  putU32(b, 8, groups);
  return b;
}

/** Opens and binds a NETLINK_AUDIT socket. Throws E_NO_AUDIT when the kernel has no audit netlink family. */
export function openNetlinkSocket(libc?: Libc): NetlinkSocket {
  let c: Libc;
  try {
    c = libc ?? loadLibc();
  } catch (err) {
    throw new TsauditError('E_NO_AUDIT', `cannot load libc for netlink access: ${(err as Error).message}`, { cause: err });
  }
  const fd = c.socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_AUDIT);
  if (fd < 0) {
    const errno = c.errno();
    const name = errnoName(errno);
    if (name === 'EPERM' || name === 'EACCES') throw kernelError('socket', errno);
    throw new TsauditError(
      'E_NO_AUDIT',
      `this kernel has no audit support: socket(NETLINK_AUDIT) failed: ${name} (${errnoMessage(errno)})`,
      {
        context: { errno: name, op: 'socket' },
      },
    );
  }
  if (c.bind(fd, sockaddrNl(0, 0), SOCKADDR_NL_SIZE) < 0) {
    const errno = c.errno();
    c.close(fd);
    throw new TsauditError('E_NO_AUDIT', `bind(NETLINK_AUDIT) failed: ${errnoName(errno)} (${errnoMessage(errno)})`, {
      context: { errno: errnoName(errno), op: 'bind' },
    });
  }
  const wakeFd = c.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wakeFd < 0) {
    const errno = c.errno();
    c.close(fd);
    throw new TsauditError('E_KERNEL', `eventfd failed: ${errnoName(errno)} (${errnoMessage(errno)})`, {
      context: { errno: errnoName(errno), op: 'eventfd' },
    });
  }
  return new NetlinkSocket(c, fd, wakeFd);
}

export class NetlinkSocket implements Transport {
  private readonly recvBuf = Buffer.allocUnsafe(RECV_BUFFER_SIZE);
  private readonly fromAddr = Buffer.alloc(SOCKADDR_NL_SIZE);
  private readonly fromLen = Buffer.alloc(4);
  private readonly kernelAddr = sockaddrNl(0, 0);
  private readonly pollFds = Buffer.alloc(16);
  private polling = false;
  private closed = false;
  private readonly batch: RecvBatch | undefined;
  private batchCount = 0;
  private batchNext = 0;
  /** The port id the kernel assigned to this socket. */
  readonly portId: number;

  constructor(
    private readonly c: Libc,
    private readonly fd: number,
    private readonly wakeFd: number,
  ) {
    const addr = Buffer.alloc(SOCKADDR_NL_SIZE);
    const len = Buffer.alloc(4);
    putU32(len, 0, SOCKADDR_NL_SIZE);
    this.portId = c.getsockname(fd, addr, len) === 0 ? u32(addr, 4) : 0;
    this.batch = c.batch?.();
    // struct pollfd { int fd; short events; short revents; } x2: the socket and the wake-up eventfd.
    new Writer(16).s32(fd).u16(POLLIN).u16(0).s32(wakeFd).u16(POLLIN).u16(0).toBuffer().copy(this.pollFds);
  }

  send(datagram: Buffer): void {
    const type = datagram.length >= 6 ? (LITTLE_ENDIAN ? datagram.readUInt16LE(4) : datagram.readUInt16BE(4)) : 0;
    const op = messageName(type);
    if (process.env.TSAUDIT_KERNEL_TEST === '1') {
      const danger = dangerousChange(datagram);
      if (danger) {
        throw new TsauditError('E_SAFETY', `refusing to send ${op} with ${danger} to the real kernel while TSAUDIT_KERNEL_TEST=1`, {
          context: { op },
        });
      }
    }
    if (this.closed) throw new TsauditError('E_KERNEL', `${op}: netlink socket is closed`, { context: { op } });
    for (;;) {
      const n = this.c.sendto(this.fd, datagram, datagram.length, 0, this.kernelAddr, SOCKADDR_NL_SIZE);
      if (n >= 0) return;
      const errno = this.c.errno();
      if (errno === E.EINTR) continue;
      throw kernelError(op, errno);
    }
  }

  receive(): Buffer | null | Overrun {
    if (this.closed) return null;
    if (this.batch) return this.receiveBatched(this.batch);
    for (;;) {
      putU32(this.fromLen, 0, SOCKADDR_NL_SIZE);
      const n = this.c.recvfrom(this.fd, this.recvBuf, RECV_BUFFER_SIZE, MSG_DONTWAIT, this.fromAddr, this.fromLen);
      if (n < 0) {
        const failed = this.receiveFailed('recvfrom');
        if (failed === RETRY) continue;
        return failed;
      }
      // Only the kernel (port 0) speaks for audit; anything else on this socket is not ours to trust.
      if (u32(this.fromAddr, 4) !== 0) continue;
      if (n < NLMSG_HDRLEN) continue;
      return Buffer.from(this.recvBuf.subarray(0, n));
    }
  }

  private receiveBatched(b: RecvBatch): Buffer | null | Overrun {
    for (;;) {
      while (this.batchNext < this.batchCount) {
        const i = this.batchNext++;
        // Only the kernel (port 0) speaks for audit; anything else on this socket is not ours to trust.
        if (b.port(i) !== 0 || b.length(i) < NLMSG_HDRLEN) continue;
        return b.datagram(i);
      }
      this.batchNext = 0;
      this.batchCount = 0;
      const n = b.receive(this.fd, MSG_DONTWAIT);
      if (n < 0) {
        const failed = this.receiveFailed('recvmmsg');
        if (failed === RETRY) continue;
        return failed;
      }
      if (n === 0) return null;
      this.batchCount = n;
    }
  }

  /** After a receive call returned -1: null when drained (EAGAIN), OVERRUN on ENOBUFS, RETRY on EINTR; throws otherwise. */
  private receiveFailed(op: string): null | Overrun | typeof RETRY {
    const errno = this.c.errno();
    if (errno === E.EAGAIN || errno === E.EWOULDBLOCK) return null;
    if (errno === E.EINTR) return RETRY;
    if (errno === E.ENOBUFS) return OVERRUN;
    throw kernelError(op, errno);
  }

  wait(timeoutMs: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.polling) throw new TsauditError('E_INTERNAL', 'NetlinkSocket.wait: already waiting');
    this.polling = true;
    return new Promise((resolve) => {
      this.c.poll.async(this.pollFds, 2, Math.max(0, Math.floor(timeoutMs)), (_err, res) => {
        this.polling = false;
        if (this.closed) {
          this.release();
          resolve(false);
          return;
        }
        resolve(res > 0);
      });
    });
  }

  joinGroup(group: number): void {
    const v = Buffer.alloc(4);
    putU32(v, 0, group);
    if (this.c.setsockopt(this.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, v, 4) < 0) {
      throw kernelError('NLGRP_READLOG', this.c.errno(), { capability: 'CAP_AUDIT_READ' });
    }
  }

  setReceiveBuffer(bytes: number): number {
    const v = Buffer.alloc(4);
    putU32(v, 0, Math.min(bytes, 0x7fffffff));
    // SO_RCVBUFFORCE passes rmem_max but needs CAP_NET_ADMIN; SO_RCVBUF is capped at rmem_max.
    if (this.c.setsockopt(this.fd, SOL_SOCKET, SO_RCVBUFFORCE, v, 4) < 0) this.c.setsockopt(this.fd, SOL_SOCKET, SO_RCVBUF, v, 4);
    const out = Buffer.alloc(4);
    const len = Buffer.alloc(4);
    putU32(len, 0, 4);
    if (this.c.getsockopt(this.fd, SOL_SOCKET, SO_RCVBUF, out, len) < 0) return 0;
    return u32(out, 0); // the kernel reports twice the request (it counts its bookkeeping)
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.polling) {
      // poll() is running on a koffi worker thread: wake it and close both descriptors when it returns.
      const one = Buffer.alloc(8);
      if (LITTLE_ENDIAN) one.writeBigUInt64LE(1n);
      else one.writeBigUInt64BE(1n);
      this.c.write(this.wakeFd, one, 8);
      return;
    }
    this.release();
  }

  private release(): void {
    this.c.close(this.fd);
    this.c.close(this.wakeFd);
    this.batch?.free();
  }
}
