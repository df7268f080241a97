import { describe, expect, it } from 'vitest';
import { formatLoss, isLossRecord, type LossRecord } from '../../../src/stream/loss.js';
import { OutputQueue } from '../../../src/stream/queue.js';

const loss = (source: LossRecord['source'], count: number | null, extra: Partial<LossRecord> = {}): LossRecord => ({
  type: 'TSAUDIT_LOSS',
  source,
  count,
  time: '2026-01-01T00:00:00.000Z',
  ...extra,
});

function drain<T>(q: OutputQueue<T>): (T | LossRecord)[] {
  const out: (T | LossRecord)[] = [];
  for (let x = q.shift(); x !== undefined; x = q.shift()) out.push(x);
  return out;
}

describe('OutputQueue', () => {
  it('keeps order and never holds more than its capacity', () => {
    const q = new OutputQueue<number>(3);
    expect([1, 2, 3, 4, 5].map((n) => q.push(n))).toEqual([true, true, true, false, false]);
    expect(q.length).toBe(3);
    expect(q.dropped).toBe(2);
    const out = drain(q);
    expect(out[0]).toMatchObject({ type: 'TSAUDIT_LOSS', source: 'queue', count: 2 });
    expect(out.slice(1)).toEqual([1, 2, 3]);
  });

  it('wraps around its ring', () => {
    const q = new OutputQueue<number>(2);
    const seen: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      q.push(i);
      seen.push(q.shift());
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(q.dropped).toBe(0);
    expect(q.empty).toBe(true);
  });

  it('a slow consumer costs constant memory: a million pushes, capacity kept, every drop counted', () => {
    const q = new OutputQueue<number>(100);
    for (let i = 0; i < 1_000_000; i++) q.push(i);
    expect(q.length).toBe(100);
    const out = drain(q);
    const reported = out.filter(isLossRecord).reduce((n, l) => n + (l.count ?? 0), 0);
    expect(reported).toBe(1_000_000 - 100);
  });

  it('merges unreported losses of one source; loss records come first', () => {
    const q = new OutputQueue<string>(10);
    q.push('a');
    q.addLoss(loss('sequence', 3, { first_serial: 10, last_serial: 12, gaps: 1 }));
    q.addLoss(loss('sequence', 2, { first_serial: 20, last_serial: 21, gaps: 1 }));
    q.addLoss(loss('enobufs', null, { overflows: 1 }));
    q.addLoss(loss('enobufs', null, { overflows: 1 }));
    const out = drain(q);
    expect(out).toEqual([
      loss('sequence', 5, { first_serial: 10, last_serial: 21, gaps: 2 }),
      loss('enobufs', null, { overflows: 2 }),
      'a',
    ]);
  });

  it('wait() resolves on push and on close', async () => {
    const q = new OutputQueue<number>(1);
    const w = q.wait();
    q.push(1);
    await w;
    q.shift();
    const w2 = q.wait();
    q.close();
    await w2;
    expect(q.push(2)).toBe(false);
  });

  it('rejects a nonsense capacity', () => {
    expect(() => new OutputQueue(0)).toThrow(/positive integer/);
  });
});

describe('loss text', () => {
  it('is one line per source', () => {
    expect(formatLoss(loss('kernel', 4, { kernel_lost: 10 }))).toBe('lost 4 records in the kernel (its lost counter is now 10)');
    expect(formatLoss(loss('sequence', 5, { gaps: 2, first_serial: 10, last_serial: 21 }))).toBe(
      'lost 5 events: 2 gaps in the serials between 10 and 21',
    );
    expect(formatLoss(loss('queue', 7))).toBe('dropped 7 events because the output did not keep up');
    expect(formatLoss(loss('enobufs', null, { overflows: 3 }))).toMatch(/^netlink receive buffer overflowed \(ENOBUFS x3\)/);
  });
});
