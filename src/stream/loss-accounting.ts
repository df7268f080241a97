// Loss accounting of a stream: totals per source for the summary, and stderr notes merged per source and
// printed at most once a second (runStream's timer calls noteLosses).

import { formatLoss, type LossRecord, mergeLoss } from './loss.js';
import type { OutputQueue } from './queue.js';

export class LossAccounting {
  readonly lost = { kernel: 0, sequence: 0, queue: 0 };
  private readonly unreported = new Map<string, LossRecord>();
  private droppedNoted = 0;

  constructor(
    private readonly queue: OutputQueue<unknown>,
    private readonly note: (line: string) => void,
  ) {}

  /** A loss record was made (it is also written to the output by whoever made it). */
  readonly onLoss = (loss: LossRecord): void => {
    if (loss.source === 'sequence') this.lost.sequence += loss.count ?? 0;
    const prev = this.unreported.get(loss.source);
    this.unreported.set(loss.source, prev ? mergeLoss(prev, loss) : loss);
  };

  /** Prints what was lost since the last call, one line per source. */
  readonly noteLosses = (): void => {
    // queue drops are noted here, not when the writer reaches them: the writer may be the one that is stuck
    const dropped = this.queue.dropped - this.droppedNoted;
    this.droppedNoted = this.queue.dropped;
    if (dropped > 0) this.onLoss({ type: 'TSAUDIT_LOSS', source: 'queue', count: dropped, time: new Date().toISOString() });
    for (const loss of this.unreported.values()) this.note(formatLoss(loss));
    this.unreported.clear();
  };

  /** The stream ended: the queue's drops are final. */
  close(): void {
    this.lost.queue = this.queue.dropped;
    this.noteLosses();
  }
}
