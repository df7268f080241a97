// NetlinkSocket with a fake libc: the kernel-test safety guard, errno handling and the drain contract,
// without touching a real socket.

import { afterEach, describe, expect, it } from 'vitest';
import { TsauditError } from '../../../src/errors.js';
import { AUDIT, encodeRequest, encodeSetFeature, encodeStatusChange } from '../../../src/netlink/codec.js';
import { type Libc, NetlinkSocket, openNetlinkSocket } from '../../../src/netlink/socket.js';
import { OVERRUN } from '../../../src/netlink/transport.js';
import { encodeMessage } from '../../../src/netlink/wire.js';

const EAGAIN = 11;
const ENOBUFS = 105;
const EPERM = 1;

interface Incoming {
  data?: Buffer;
  from?: number;
  errno?: number;
}

function fakeLibc(incoming: Incoming[] = [], sendErrno = 0) {
  const sent: Buffer[] = [];
  const closed: number[] = [];
  let errno = 0;
  const c: Libc = {
    socket: () => 3,
    bind: () => 0,
    getsockname: (_fd, addr) => {
      addr.writeUInt32LE(777, 4);
      return 0;
    },
    sendto: (_fd, buf) => {
      if (sendErrno) {
        errno = sendErrno;
        return -1;
      }
      sent.push(Buffer.from(buf));
      return buf.length;
    },
    recvfrom: (_fd, buf, _len, _flags, addr) => {
      const next = incoming.shift();
      if (!next || next.errno) {
        errno = next?.errno ?? EAGAIN;
        return -1;
      }
      addr.writeUInt32LE(next.from ?? 0, 4);
      next.data!.copy(buf);
      return next.data!.length;
    },
    setsockopt: () => 0,
    getsockopt: (_fd, _l, _n, val) => {
      val.writeUInt32LE(424242, 0);
      return 0;
    },
    poll: { async: (_fds, _n, _t, cb) => setTimeout(() => cb(null, 0), 1) },
    eventfd: () => 4,
    write: () => 8,
    read: () => 8,
    close: (fd) => {
      closed.push(fd);
      return 0;
    },
    errno: () => errno,
  };
  return { c, sent, closed };
}

const req = (type: number, payload: Buffer) => encodeRequest(type, 1, payload, { ack: true });

describe('NetlinkSocket safety guard (TSAUDIT_KERNEL_TEST=1)', () => {
  const saved = process.env.TSAUDIT_KERNEL_TEST;
  afterEach(() => {
    if (saved === undefined) delete process.env.TSAUDIT_KERNEL_TEST;
    else process.env.TSAUDIT_KERNEL_TEST = saved;
  });

  it.each([
    ['enabled 2', req(AUDIT.SET, encodeStatusChange({ enabled: 2 }))],
    ['failure 2', req(AUDIT.SET, encodeStatusChange({ failure: 2 }))],
    ['loginuid_immutable', req(AUDIT.SET_FEATURE, encodeSetFeature('loginuid_immutable', true, true))],
  ])('refuses to send %s and sends nothing', (what, datagram) => {
    process.env.TSAUDIT_KERNEL_TEST = '1';
    const { c, sent } = fakeLibc();
    const s = new NetlinkSocket(c, 3, 4);
    let err: unknown;
    try {
      s.send(datagram);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TsauditError);
    expect((err as TsauditError).code).toBe('E_SAFETY');
    expect((err as TsauditError).message).toContain(what);
    expect(sent).toEqual([]);
  });

  it('sends ordinary settings, and dangerous ones when not under kernel tests', () => {
    process.env.TSAUDIT_KERNEL_TEST = '1';
    const { c, sent } = fakeLibc();
    const s = new NetlinkSocket(c, 3, 4);
    s.send(req(AUDIT.SET, encodeStatusChange({ enabled: 1, failure: 1 })));
    delete process.env.TSAUDIT_KERNEL_TEST;
    s.send(req(AUDIT.SET, encodeStatusChange({ enabled: 2 })));
    expect(sent).toHaveLength(2);
  });
});

describe('NetlinkSocket send/receive with a fake libc', () => {
  it('maps a send EPERM to E_NOT_ROOT naming the message', () => {
    const { c } = fakeLibc([], EPERM);
    const s = new NetlinkSocket(c, 3, 4);
    expect(() => s.send(encodeRequest(AUDIT.GET, 1, undefined, { ack: false }))).toThrow(
      'reading audit status requires root (CAP_AUDIT_CONTROL)',
    );
  });

  it('returns datagrams from the kernel only, OVERRUN on ENOBUFS, null on EAGAIN', () => {
    const fromKernel = encodeMessage({ type: 1300, flags: 0, seq: 0, pid: 0 }, Buffer.from('audit(1.0:1): x'));
    const spoofed = encodeMessage({ type: 1300, flags: 0, seq: 0, pid: 0 }, Buffer.from('audit(1.0:2): forged'));
    const { c } = fakeLibc([
      { data: spoofed, from: 999 },
      { data: fromKernel },
      { errno: ENOBUFS },
      { data: fromKernel },
      { errno: EAGAIN },
    ]);
    const s = new NetlinkSocket(c, 3, 4);
    expect(s.portId).toBe(777);
    const first = s.receive();
    expect(Buffer.isBuffer(first) && first.equals(fromKernel)).toBe(true);
    expect(s.receive()).toBe(OVERRUN);
    expect(Buffer.isBuffer(s.receive())).toBe(true);
    expect(s.receive()).toBeNull();
  });

  it('close() while waiting wakes poll and releases both descriptors once it returns', async () => {
    const { c, closed } = fakeLibc();
    const s = new NetlinkSocket(c, 3, 4);
    const waiting = s.wait(1000);
    s.close();
    expect(closed).toEqual([]);
    expect(await waiting).toBe(false);
    expect(closed).toEqual([3, 4]);
    s.close();
    expect(closed).toEqual([3, 4]);
  });

  it('reports the granted receive buffer', () => {
    const { c } = fakeLibc();
    expect(new NetlinkSocket(c, 3, 4).setReceiveBuffer(1 << 20)).toBe(424242);
  });
});

describe('openNetlinkSocket with a fake libc', () => {
  it.each([
    [93, 'E_NO_AUDIT', 'this kernel has no audit support: socket(NETLINK_AUDIT) failed: EPROTONOSUPPORT (Protocol not supported)'],
    [1, 'E_NOT_ROOT', 'opening the audit netlink socket requires root (CAP_AUDIT_CONTROL)'],
  ])('socket() errno %i is %s', (errno, code, message) => {
    const { c } = fakeLibc();
    c.socket = () => -1;
    c.errno = () => errno;
    let err: unknown;
    try {
      openNetlinkSocket(c);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TsauditError);
    expect((err as TsauditError).code).toBe(code);
    expect((err as TsauditError).message).toBe(message);
  });

  it('binds and learns the port id', () => {
    const { c } = fakeLibc();
    expect(openNetlinkSocket(c).portId).toBe(777);
  });
});
