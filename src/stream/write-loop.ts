// The stream's write loop: takes events and loss records from the bounded queue and writes them, honouring
// the output's backpressure. It never holds up the receive loop (which drops at the queue instead).

import type { FormatName, ItemWriter } from '../format/index.js';
import { isLossRecord, type LossRecord } from './loss.js';
import type { OutputQueue } from './queue.js';

/** events written per step before the loop lets the receive loop run */
const YIELD_EVERY = 512;

export class WriteLoop<E> {
  written = 0;
  /** waiting for the output to take more (then the reader must not wait for the writer) */
  waiting = false;

  constructor(
    private readonly queue: OutputQueue<E>,
    private readonly writer: ItemWriter<E | LossRecord>,
    private readonly format: FormatName,
    /** stop after this many events: `onLimit` is called when the last one is written */
    private readonly limit: number,
    private readonly onLimit: () => void,
  ) {}

  async run(): Promise<void> {
    const { queue, writer } = this;
    let n = 0;
    for (;;) {
      const item = queue.shift();
      if (item === undefined) {
        if (queue.isClosed) break;
        // nothing more for now: hand what is batched to stdout (a live stream must not sit on 64 KiB)
        await writer.end();
        await queue.wait();
        continue;
      }
      let ok = true;
      if (isLossRecord(item)) {
        if (this.format !== 'text') ok = writer.write(item);
      } else if (this.written < this.limit) {
        ok = writer.write(item);
        if (++this.written === this.limit) this.onLimit();
      }
      if (!ok) {
        this.waiting = true;
        await writer.ready();
        this.waiting = false;
      } else if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await writer.end();
  }
}
