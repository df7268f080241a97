// The seam between the audit client and the kernel. The real implementation is NetlinkSocket
// (src/netlink/socket.ts, the only file that loads koffi); tests pass a fake that answers from bytes, so
// every request and error path (including the ones that must never reach this machine's kernel: panic,
// immutable, loginuid_immutable) is exercised without a kernel.
//
// The contract is deliberately non-blocking: `receive()` only takes what has already arrived and `wait()` is
// the one place that waits, asynchronously. The client drains with receive() until it returns null, then
// awaits wait(). This keeps Node's event loop free however slow or silent the kernel is.

/** Returned by Transport.receive() when the kernel dropped messages because the receive buffer was full (ENOBUFS). */
export const OVERRUN = 'overrun' as const;
export type Overrun = typeof OVERRUN;

export interface Transport {
  /** Sends one datagram (one or more netlink messages) to the kernel. Throws TsauditError on failure. */
  send(datagram: Buffer): void;
  /**
   * Takes one datagram that has already arrived, without waiting. Returns null when there is none and
   * OVERRUN when the kernel reported lost messages (ENOBUFS); the socket stays usable after an overrun.
   * The returned Buffer belongs to the caller.
   */
  receive(): Buffer | null | Overrun;
  /** Resolves true when a datagram may be ready, false after `timeoutMs` or when the transport was closed. */
  wait(timeoutMs: number): Promise<boolean>;
  /** Joins a netlink multicast group (AUDIT_NLGRP_READLOG = 1 carries a copy of every audit record). */
  joinGroup(group: number): void;
  /** Asks for a socket receive buffer of `bytes` (forced past rmem_max when allowed); returns what was granted. */
  setReceiveBuffer(bytes: number): number;
  /** Releases the socket; a pending wait() resolves false. Safe to call twice. */
  close(): void;
}
