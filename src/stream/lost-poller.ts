// Polls the kernel's `lost` counter while streaming and reports how much it rose.
//
// The counter is kernel-wide and 32-bit: its value when the stream starts is the baseline, every tick reports
// the increase since the previous reading, and a final reading is taken at stop so losses in the last
// interval are not missed. A lower reading is a wrap only when the increase across 2^32 is plausible for one
// interval; otherwise someone reset the counter (auditctl --reset-lost), which is no loss: what it reads now
// is what was lost since the reset. Readings never overlap; a failed reading is reported once per failure
// streak and retried at the next tick.

const MOD = 2 ** 32;
/** More losses than this between two readings are not believable: a lower reading is then a reset. */
const MAX_WRAP_DELTA = 2 ** 24;

export interface LostPollerOptions {
  /** reads the kernel's lost counter */
  read: () => Promise<number>;
  /** called with the increase since the last reading and the counter's current value */
  onLoss: (delta: number, total: number) => void;
  onError?: (err: unknown) => void;
  /** the counter went down: someone reset it (from, to) */
  onReset?: (from: number, to: number) => void;
  intervalMs?: number;
}

export class LostPoller {
  private last: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private failing = false;
  /** total increase seen since start */
  total = 0;

  constructor(private readonly opts: LostPollerOptions) {}

  /** Takes the baseline (or uses the one given, e.g. from the status read at start) and starts ticking. */
  async start(baseline?: number): Promise<void> {
    this.last = baseline ?? (await this.opts.read());
    const interval = this.opts.intervalMs ?? 1000;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
  }

  /** One reading; concurrent calls share it. */
  tick(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.readOnce().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async readOnce(): Promise<void> {
    let now: number;
    try {
      now = await this.opts.read();
    } catch (err) {
      if (!this.failing) this.opts.onError?.(err);
      this.failing = true;
      return;
    }
    this.failing = false;
    if (this.last === undefined) {
      this.last = now;
      return;
    }
    let delta = now - this.last;
    if (delta < 0) {
      const wrapped = delta + MOD;
      if (wrapped <= MAX_WRAP_DELTA) delta = wrapped;
      else {
        this.opts.onReset?.(this.last, now);
        delta = now;
      }
    }
    this.last = now;
    if (delta > 0) {
      this.total += delta;
      this.opts.onLoss(delta, now);
    }
  }

  /** Stops ticking after one last reading. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    await this.tick();
  }
}
