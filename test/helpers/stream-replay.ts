// Replays a captured netlink stream (a log of the kernel's records, e.g. live-stream.log) through `tsaudit
// stream`'s whole output path, with a fake kernel client in place of the socket, and writes what the stream
// would print to stdout. Used by the byte-identity test (test/unit/pipeline/outputs.test.ts).
//
//   node --import tsx test/helpers/stream-replay.ts FORMAT [-i] FILE

import { readFileSync } from 'node:fs';
import type { FormatName } from '../../src/format/index.js';
import { streamCodec } from '../../src/stream/audit-events.js';
import type { StreamItem } from '../../src/stream/pipeline.js';
import { runStream, type StreamClient } from '../../src/stream/run.js';
import { messageTypeNumber } from '../../src/tables/message-types.js';

const args = process.argv.slice(2);
const interpret = args.includes('-i');
const [format, file] = args.filter((a) => a !== '-i') as [FormatName, string];

// each line `type=NAME msg=audit(...): body` becomes the netlink message the kernel sent: its type number and
// the payload from `audit(` on
const items: StreamItem[] = [];
for (const line of readFileSync(file, 'latin1').split('\n')) {
  const m = /^type=(\S+) msg=(audit\(.*)$/s.exec(line);
  if (!m) continue;
  items.push({ kind: 'message', type: messageTypeNumber(m[1]!)!, payload: Buffer.from(m[2]!, 'latin1') });
}

const ac = new AbortController();
const client: StreamClient = {
  getStatus: async () => ({ enabled: 1, pid: 0, rateLimit: 0, backlogLimit: 8192, backlogWaitTime: 0, lost: 0 }),
  setStatus: async () => undefined,
  setPid: async () => undefined,
  clearPid: async () => undefined,
  joinMulticast: () => undefined,
  setReceiveBuffer: (bytes) => bytes,
  async *receive({ signal }) {
    for (let i = 0; i < items.length; i += 64) yield items.slice(i, i + 64);
    ac.abort('SIGINT');
    if (!signal?.aborted) await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  },
  close: () => undefined,
};

await runStream(
  { format, multicast: true },
  { client, codec: streamCodec({ interpret, ids: false }), signal: ac.signal, note: (l) => void process.stderr.write(`${l}\n`) },
);
