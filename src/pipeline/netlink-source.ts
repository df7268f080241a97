// Source: audit messages from the kernel over NETLINK_AUDIT, in batches, as the netlink AuditClient's receive
// path hands them over (src/netlink/client.ts: an asynchronous poll, then non-blocking recvmmsg drains).
// Batches are bounded (maxBatch) so that no step of a consumer keeps the socket unread for long: in unicast
// mode the kernel gives up on an audit daemon whose socket stays full for 100 ms.

/** One netlink item: an audit message, or an overflow of the socket's receive buffer (ENOBUFS). */
export type NetlinkItem = { kind: 'message'; type: number; payload: Buffer | string } | { kind: 'overrun' };

/** What the source reads from (the AuditClient, or a replay of captured messages in tests). */
export interface NetlinkReceiver {
  receive(opts: { signal?: AbortSignal; maxBatch?: number }): AsyncIterable<NetlinkItem[]>;
}

/** Batches of at most `maxBatch` items until `signal` is aborted or the socket closes. */
export function netlinkSource(receiver: NetlinkReceiver, opts: { signal: AbortSignal; maxBatch: number }): AsyncIterable<NetlinkItem[]> {
  return receiver.receive(opts);
}
