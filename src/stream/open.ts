// The StreamClient the CLI uses: records are received on the main thread's netlink socket (which also
// registers as the audit daemon, since the kernel sends records to the socket that set the pid), and every
// other request goes through the control thread (control-worker.ts), so that no request can freeze the
// receive loop while the kernel's backlog is full.

import { AuditClient } from '../netlink/client.js';
import { ControlChannel } from './control.js';
import type { StreamClient } from './run.js';

export async function openStreamClient(): Promise<StreamClient> {
  const client = await AuditClient.open();
  let control: ControlChannel;
  try {
    control = ControlChannel.open();
  } catch (err) {
    client.close();
    throw err;
  }
  return {
    getStatus: () => control.getStatus(),
    setStatus: (change) => control.setStatus(change),
    clearPid: () => control.clearPid(),
    setPid: (pid) => client.setPid(pid),
    joinMulticast: () => client.joinMulticast(),
    setReceiveBuffer: (bytes) => client.setReceiveBuffer(bytes),
    receive: (opts) => client.receive(opts),
    close: () => {
      client.close();
      control.close();
    },
  };
}
