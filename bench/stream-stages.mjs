#!/usr/bin/env node
// Stage receivers for the stream benchmark (bench/stream.mjs modes `receive` and `assemble`): tsaudit's own
// stream code from dist/ (runStream, the CLI's netlink client and control thread, the same session handling),
// stopped after a stage, so that the CPU per event of each stage can be read against the floor in one run.
//   receive   netlink receive path and the stream's loops; each message is only looked at for the burst's
//             key (no decoding, no events, no output)
//   assemble  also decoded into records and reassembled into events, which are then discarded (no JSON, no
//             writes)
// The full pipeline (these plus the record JSON and the writes to a file) is the `unicast` mode.
//
// Usage (root, under the kernel-test lock, as bench/stream.mjs runs it): node bench/stream-stages.mjs STAGE KEY
// Prints `streaming` on stderr once registered; on SIGINT it stops as tsaudit stream does (the audit pid is
// cleared, settings restored) and prints `stage events=N last_ms=T` on stdout: N events of the burst's key,
// T the wall clock of the last one.

const [stage, key] = process.argv.slice(2);
if (!['receive', 'assemble'].includes(stage) || !key) {
  console.error('usage: stream-stages.mjs receive|assemble KEY');
  process.exit(2);
}
const dist = new URL('../dist/', import.meta.url);
const [{ runStream }, { openStreamClient }, { streamCodec }] = await Promise.all([
  import(new URL('stream/run.js', dist)),
  import(new URL('stream/open.js', dist)),
  import(new URL('stream/audit-events.js', dist)),
]);

const AUDIT_SYSCALL = 1300;
const keyText = `key="${key}"`;
const keyBytes = Buffer.from(keyText, 'latin1');
let events = 0;
let lastMs = 0;
const seen = () => {
  events++;
  lastMs = Date.now();
};

/** receive: the message is counted when it is the burst's SYSCALL record, then dropped. */
function receiveCodec() {
  const record = { type: 0, serial: 0, timeMs: 0 }; // before the stream began: no gap tracking either
  return {
    decode(type, payload) {
      if (type === AUDIT_SYSCALL && (typeof payload === 'string' ? payload.includes(keyText) : payload.includes(keyBytes))) seen();
      return record;
    },
    assembler: () => ({ push() {}, expire: () => 0, flush() {} }),
  };
}

const discard = (count) => ({
  write(item) {
    if (count && item.records !== undefined && item.records[0].type === AUDIT_SYSCALL && item.records[0].line.includes(keyText)) seen();
    return true;
  },
  ready: async () => {},
  end: async () => {},
});

const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
const client = await openStreamClient();
await runStream(
  { format: 'json', enable: true, stats: true },
  {
    client,
    codec: stage === 'receive' ? receiveCodec() : streamCodec(),
    writer: discard(stage === 'assemble'),
    signal: stop.signal,
    note: (line) => process.stderr.write(`${line}\n`),
  },
);
process.stdout.write(`stage events=${events} last_ms=${lastMs}\n`);
process.exit(0);
