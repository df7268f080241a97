// An interpretation worker thread (see interpret-parallel.ts): runs the whole LogEventReader on every chunk the main
// thread reads, and interprets the events of its own batches, rendered exactly as in-thread.

import { parentPort, workerData } from 'node:worker_threads';
import { setColorLevel } from '../format/color.js';
import { eventBodyRenderer } from '../parse/normalize/render.js';
import type { FromWorker, ToWorker, WorkerSetup } from './interpret-parallel.js';
import { LogEventReader } from './log-events.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
setColorLevel(setup.colorLevel);
const { render, newline } = await eventBodyRenderer(setup.format, { ids: setup.ids, utc: setup.utc });

let batch = 0;
let inBatch = 0;
const mine = () => batch % setup.workers === setup.index;

// A batch's output is written straight into one buffer as it is rendered (joining the strings first cost
// more than rendering them), and the buffer then moves to the main thread without a copy. It comes back
// once stdout has written it ('spare'), to be filled again.
const BATCH_BYTES = 1 << 21;
const spares: ArrayBuffer[] = [];

function batchBuffer(min: number): Buffer {
  for (let i = spares.length - 1; i >= 0; i--) {
    if (spares[i]!.byteLength >= min) return Buffer.from(spares.splice(i, 1)[0]!);
  }
  return Buffer.allocUnsafeSlow(Math.max(BATCH_BYTES, min));
}

let out = batchBuffer(BATCH_BYTES);
let used = 0;

/** Appends an event's text (and its newline, when the renderer leaves that to us). */
function append(text: string): void {
  if (out.length - used < text.length * 3 + 1) {
    const need = Buffer.byteLength(text) + 1;
    if (out.length - used < need) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(out.length * 2, used + need));
      out.copy(bigger, 0, 0, used);
      out = bigger;
    }
  }
  used += out.write(text, used);
  if (newline) out[used++] = 10;
}

/** Ends the current batch (every worker ends it at the same event: they all see the same input). */
function endBatch(): void {
  if (inBatch === 0) return;
  if (mine()) {
    send({ t: 'batch', seq: batch, bytes: out.subarray(0, used), events: inBatch }, [out.buffer as ArrayBuffer]);
    out = batchBuffer(used + (used >> 2));
    used = 0;
  }
  batch++;
  inBatch = 0;
}

const core = new LogEventReader(
  (e) => {
    if (mine()) append(render(e.records));
    if (++inBatch === setup.batchEvents) endBatch();
  },
  // one worker reports bad lines; the others would repeat them
  setup.index === 0 ? (line) => send({ t: 'report', line }) : () => {},
  setup.maxReported,
);

port.on('message', (m: ToWorker) => {
  try {
    switch (m.t) {
      case 'begin':
        core.begin(m.name);
        break;
      case 'chunk':
        core.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
        send({ t: 'ack' });
        break;
      case 'slot':
        // the core copies what it keeps, so the slot is free again once it has the chunk
        core.push(Buffer.from(setup.ring, m.slot * setup.slotBytes, m.length));
        send({ t: 'ack' });
        break;
      case 'spare':
        if (spares.length < 8) spares.push(m.buffer);
        break;
      case 'idle':
        core.release();
        endBatch();
        break;
      case 'endInput':
        core.endInput();
        break;
      case 'finish': {
        const counts = core.finish();
        endBatch();
        send({ t: 'done', batches: batch, counts });
        break;
      }
    }
  } catch (err) {
    send({ t: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
