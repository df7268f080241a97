import { afterEach, describe, expect, it, vi } from 'vitest';
import { LostPoller } from '../../../src/stream/lost-poller.js';

afterEach(() => {
  vi.useRealTimers();
});

function poller(values: (number | Error)[]) {
  const losses: [number, number][] = [];
  const errors: unknown[] = [];
  let i = 0;
  const p = new LostPoller({
    read: async () => {
      const v = values[Math.min(i++, values.length - 1)]!;
      if (v instanceof Error) throw v;
      return v;
    },
    onLoss: (d, t) => losses.push([d, t]),
    onError: (e) => errors.push(e),
    intervalMs: 1000,
  });
  return { p, losses, errors, reads: () => i };
}

describe('LostPoller', () => {
  it('reports increases over the baseline, nothing when the counter stands still', async () => {
    const { p, losses } = poller([7, 7, 9, 9, 12]);
    await p.start();
    await p.tick();
    await p.tick();
    await p.tick();
    await p.stop();
    expect(losses).toEqual([
      [2, 9],
      [3, 12],
    ]);
    expect(p.total).toBe(5);
  });

  it('uses a given baseline and handles the 32-bit wrap', async () => {
    const { p, losses, reads } = poller([1]);
    await p.start(2 ** 32 - 2);
    expect(reads()).toBe(0);
    await p.stop();
    expect(losses).toEqual([[3, 1]]);
  });

  it('takes a lower reading for a reset by someone else, not for 4 billion lost records', async () => {
    const resets: [number, number][] = [];
    const values = [5, 0, 2];
    let i = 0;
    const p = new LostPoller({
      read: async () => values[i++]!,
      onLoss: (d, t) => losses.push([d, t]),
      onReset: (a, b) => resets.push([a, b]),
    });
    const losses: [number, number][] = [];
    await p.start();
    await p.tick();
    await p.stop();
    expect(resets).toEqual([[5, 0]]);
    expect(losses).toEqual([[2, 2]]);
    expect(p.total).toBe(2);
  });

  it('ticks on its interval and takes a last reading at stop', async () => {
    vi.useFakeTimers();
    const { p, losses } = poller([0, 0, 1, 1, 4]);
    await p.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(losses).toEqual([[1, 1]]);
    await p.stop();
    expect(losses).toEqual([
      [1, 1],
      [3, 4],
    ]);
  });

  it('reports a failing read once per streak and recovers', async () => {
    const { p, losses, errors } = poller([0, new Error('EAGAIN'), new Error('EAGAIN'), 2]);
    await p.start();
    await p.tick();
    await p.tick();
    await p.tick();
    expect(errors).toHaveLength(1);
    expect(losses).toEqual([[2, 2]]);
  });

  it('concurrent ticks share one reading', async () => {
    const { p, reads } = poller([0, 5]);
    await p.start();
    await Promise.all([p.tick(), p.tick(), p.tick()]);
    expect(reads()).toBe(2);
  });
});
