// A render worker of event-threads.ts: takes batches of events as lines (event-lines.ts), renders them with the
// same renderer as the main thread (batch-render.ts), and hands the bytes back with the batch's number.

import { parentPort, workerData } from 'node:worker_threads';
import { setColorLevel } from '../format/color.js';
import { BatchBytes, batchRenderer, sharedBytes } from './batch-render.js';
import type { FromWorker, ToWorker, WorkerSetup } from './event-threads.js';
import { readEventLines } from './event-lines.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const rendered = new Int32Array(setup.rendered);

/** Output buffers stdout is done with, to be filled again (fresh ones cost page faults and shared garbage). */
const spares: SharedArrayBuffer[] = [];
const fresh = () => {
  const b = spares.pop();
  return b === undefined ? undefined : Buffer.from(b);
};

/** Loads the renderer, then renders each batch it is sent. No top-level await: the build bundles this file as CommonJS. */
async function serve(): Promise<void> {
  setColorLevel(setup.colorLevel);
  const render = await batchRenderer(setup.job);
  let out = new BatchBytes(fresh(), sharedBytes, setup.outBytes);
  port.on('message', (m: ToWorker) => {
    if (m.t === 'spare') {
      if (spares.length < setup.pooled) spares.push(m.buffer);
      return;
    }
    try {
      let events = 0;
      readEventLines(Buffer.from(m.input), m.end, m.ascii, (e) => {
        render(e, out);
        events++;
      });
      Atomics.add(rendered, 0, 1);
      send({ t: 'out', seq: m.seq, out: out.buf.buffer as SharedArrayBuffer, end: out.pos, events, input: m.input });
      out = new BatchBytes(fresh(), sharedBytes, setup.outBytes);
    } catch (err) {
      send({ t: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  });
  send({ t: 'ready' });
}

serve().catch((err: unknown) => send({ t: 'error', message: err instanceof Error ? err.message : String(err) }));
