// runStream against a fake netlink client and a minimal codec: lifecycle, loss reporting, slow output, --count.

import { describe, expect, it } from 'vitest';
import type { ItemWriter } from '../../../src/format/index.js';
import type { LossRecord } from '../../../src/stream/loss.js';
import type { Assembler, StreamItem } from '../../../src/stream/pipeline.js';
import { type EventCodec, type StreamClient, runStream } from '../../../src/stream/run.js';
import type { SettingChange } from '../../../src/stream/session.js';

interface Rec {
  type: number;
  serial: number;
  timeMs: number;
  body: string;
}
interface Ev {
  serial: number;
  types: number[];
}

// audit(SEC.MSEC:SERIAL): body ; events end at EOE (1320)
const codec: EventCodec<Rec, Ev> = {
  decode(type, payload) {
    const m = /^audit\((\d+)\.(\d{3}):(\d+)\): ?(.*)$/s.exec(String(payload));
    if (!m) return `not a record: ${String(payload)}`;
    return { type, serial: Number(m[3]), timeMs: Number(m[1]) * 1000 + Number(m[2]), body: m[4]! };
  },
  assembler(emit): Assembler<Rec> {
    const open = new Map<number, Ev>();
    return {
      push(r) {
        const ev = open.get(r.serial) ?? { serial: r.serial, types: [] };
        open.set(r.serial, ev);
        ev.types.push(r.type);
        if (r.type === 1320) {
          open.delete(r.serial);
          emit(ev);
        }
      },
      expire: () => 0,
      flush() {
        for (const ev of open.values()) emit(ev);
        open.clear();
      },
    };
  },
  writer: async () => new MemoryWriter(),
};

// records are stamped a minute ahead: the script is built before the stream starts, and records stamped before
// the start are (rightly) left out of gap tracking
const now = () => Date.now() + 60_000;
function msg(type: number, serial: number, body = 'x=1', timeMs = now()): StreamItem {
  const sec = Math.floor(timeMs / 1000);
  const ms = String(timeMs % 1000).padStart(3, '0');
  return { kind: 'message', type, payload: Buffer.from(`audit(${sec}.${ms}:${serial}): ${body}`) };
}
function event(serial: number, timeMs?: number): StreamItem[] {
  return [msg(1300, serial, 'syscall=110', timeMs), msg(1327, serial, 'proctitle=x', timeMs), msg(1320, serial, '', timeMs)];
}

class FakeClient implements StreamClient {
  status = { enabled: 0, pid: 0, rateLimit: 0, backlogLimit: 64, backlogWaitTime: 15000, lost: 0 };
  log: string[] = [];
  closed = false;
  multicast = false;
  /** batches to hand out; a function is called (e.g. to bump `lost`) instead of yielding */
  script: (StreamItem[] | (() => void | Promise<void>))[] = [];
  onDrained: () => void = () => undefined;

  async getStatus() {
    return { ...this.status };
  }
  async setStatus(change: SettingChange) {
    this.log.push(`set ${JSON.stringify(change)}`);
    Object.assign(this.status, change);
  }
  async setPid(pid = 0) {
    this.log.push(`pid ${pid}`);
    this.status.pid = pid;
  }
  async clearPid() {
    this.log.push('pid 0');
    this.status.pid = 0;
  }
  joinMulticast() {
    this.log.push('join');
    this.multicast = true;
  }
  setReceiveBuffer(bytes: number) {
    return bytes * 2;
  }
  async *receive({ signal }: { signal?: AbortSignal }) {
    for (const step of this.script) {
      if (signal?.aborted) return;
      if (typeof step === 'function') await step();
      else yield step;
    }
    this.onDrained();
    if (signal?.aborted) return;
    await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  }
  close() {
    this.closed = true;
  }
}

class MemoryWriter implements ItemWriter<Ev | LossRecord> {
  items: (Ev | LossRecord)[] = [];
  blocked: Promise<void> | null = null;
  write(item: Ev | LossRecord) {
    this.items.push(item);
    return this.blocked === null;
  }
  ready() {
    return this.blocked ?? Promise.resolve();
  }
  flushes = 0;
  async end() {
    this.flushes++;
  }
}

function setup(opts: { stopWhenDrained?: boolean } = {}) {
  const client = new FakeClient();
  const writer = new MemoryWriter();
  const notes: string[] = [];
  const ac = new AbortController();
  if (opts.stopWhenDrained !== false) client.onDrained = () => setTimeout(() => ac.abort('SIGINT'), 20);
  const deps = { client, codec, signal: ac.signal, note: (l: string) => notes.push(l), writer, pid: 5000, isAlive: () => true };
  return { client, writer, notes, ac, deps };
}

const losses = (items: unknown[]) => items.filter((i): i is LossRecord => (i as LossRecord).type === 'TSAUDIT_LOSS');
const events = (items: unknown[]) => items.filter((i): i is Ev => (i as LossRecord).type !== 'TSAUDIT_LOSS');

describe('runStream', () => {
  it('unicast: registers, delivers every event, reports no loss, clears the pid and restores settings', async () => {
    const { client, writer, notes, deps } = setup();
    for (let s = 100; s < 110; s++) client.script.push(event(s));
    const summary = await runStream({ format: 'json', enable: true, backlogLimit: 8192 }, deps);
    expect(events(writer.items).map((e) => e.serial)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(events(writer.items)[0]!.types).toEqual([1300, 1327, 1320]);
    expect(losses(writer.items)).toEqual([]);
    expect(notes).toEqual([]);
    expect(summary).toMatchObject({ mode: 'unicast', events: 10, written: 10, records: 30, lost: { kernel: 0, sequence: 0, queue: 0 } });
    expect(client.log).toEqual([
      'pid 5000',
      'set {"backlogLimit":8192}',
      'set {"enabled":1}',
      'pid 0',
      'set {"backlogLimit":64}',
      'set {"enabled":0}',
    ]);
    expect(client.status).toMatchObject({ pid: 0, enabled: 0, backlogLimit: 64 });
    expect(client.closed).toBe(true);
  });

  it('refuses when a live process holds the audit pid, and closes the socket', async () => {
    const { client, deps } = setup();
    client.status.pid = 321;
    await expect(runStream({ format: 'json' }, { ...deps, processName: () => 'auditd' })).rejects.toThrow(/held by process 321 \(auditd\)/);
    expect(client.closed).toBe(true);
    expect(client.log).toEqual([]);
  });

  it('multicast: joins the group and leaves the audit pid alone', async () => {
    const { client, writer, deps } = setup();
    client.status.pid = 321;
    client.script.push(event(1), event(2));
    const summary = await runStream({ format: 'json', multicast: true }, deps);
    expect(summary.mode).toBe('multicast');
    expect(client.log).toEqual(['join']);
    expect(client.status.pid).toBe(321);
    expect(events(writer.items)).toHaveLength(2);
  });

  it('a serial gap becomes one sequence loss record after the grace period, and a stderr note', async () => {
    const { client, writer, notes, deps } = setup();
    client.script.push(event(10), event(11), event(15), [msg(1300, 16)], () => new Promise((r) => setTimeout(r, 400)), [msg(1320, 16)]);
    await runStream({ format: 'json', gapGraceMs: 100 }, deps);
    expect(losses(writer.items)).toEqual([
      expect.objectContaining({ source: 'sequence', count: 3, first_serial: 12, last_serial: 14, gaps: 1 }),
    ]);
    expect(notes).toContain('lost 3 events: 1 gap in the serials between 12 and 14');
    expect(events(writer.items).map((e) => e.serial)).toEqual([10, 11, 15, 16]);
  });

  it('late records and records from before the start are not loss', async () => {
    const { client, writer, deps } = setup();
    const old = Date.now() - 60_000;
    client.script.push(event(3, old), event(4, old), event(20), event(22), event(21), event(23));
    const summary = await runStream({ format: 'json', gapGraceMs: 50 }, deps);
    expect(losses(writer.items)).toEqual([]);
    expect(summary.lost.sequence).toBe(0);
    expect(summary.events).toBe(6);
  });

  it("reports a rise of the kernel's lost counter with the new total", async () => {
    const { client, writer, notes, deps } = setup();
    client.status.lost = 7;
    client.script.push(event(1), () => {
      client.status.lost = 12;
    });
    const summary = await runStream({ format: 'json' }, deps);
    expect(losses(writer.items)).toEqual([expect.objectContaining({ source: 'kernel', count: 5, kernel_lost: 12 })]);
    expect(summary.lost.kernel).toBe(5);
    expect(notes).toContain('lost 5 records in the kernel (its lost counter is now 12)');
  });

  it("multicast without a registered daemon: a rising kernel lost counter is not this stream's loss (kept out)", async () => {
    const { client, writer, deps } = setup();
    client.script.push(event(1), () => {
      client.status.lost = 40; // e.g. a kernel booted with audit=1 overflowing its hold queue for a future daemon
    });
    const summary = await runStream({ format: 'json', multicast: true }, deps);
    expect(losses(writer.items)).toEqual([]);
    expect(summary.lost.kernel).toBe(0);
  });

  it('multicast beside a registered daemon: a rising kernel lost counter is reported', async () => {
    const { client, writer, deps } = setup();
    client.status.pid = 321;
    client.script.push(event(1), () => {
      client.status.lost = 3;
    });
    const summary = await runStream({ format: 'json', multicast: true }, deps);
    expect(losses(writer.items)).toEqual([expect.objectContaining({ source: 'kernel', count: 3 })]);
    expect(summary.lost.kernel).toBe(3);
  });

  it('unicast: registers again when the kernel dropped it as the audit daemon', async () => {
    const { client, notes, deps } = setup();
    client.script.push(event(1), () => {
      client.status.pid = 0; // kauditd gave up on the socket
    });
    await runStream({ format: 'json', lostPollMs: 20 }, deps);
    expect(client.log.filter((l) => l === 'pid 5000')).toHaveLength(2);
    expect(notes).toContain('the kernel unregistered tsaudit as the audit daemon (its socket stayed full); registering again');
    expect(client.status.pid).toBe(0); // and cleared at the end as usual
  });

  it('unicast: stops, saying so, when another process took the audit pid', async () => {
    const { client, notes, deps } = setup({ stopWhenDrained: false });
    client.script.push(event(1), () => {
      client.status.pid = 321;
    });
    const summary = await runStream({ format: 'json', lostPollMs: 20 }, deps);
    expect(summary.events).toBe(1);
    expect(notes).toContain("the kernel's audit pid is now held by process 321: this stream no longer receives events");
    expect(client.status.pid).toBe(321); // not ours to clear
    expect(client.log.filter((l) => l === 'pid 0')).toEqual([]);
  });

  it('ENOBUFS is reported and the stream goes on', async () => {
    const { client, writer, notes, deps } = setup();
    client.script.push(event(1), [{ kind: 'overrun' }], event(2));
    const summary = await runStream({ format: 'json', multicast: true }, deps);
    expect(summary.overruns).toBe(1);
    expect(losses(writer.items)).toEqual([expect.objectContaining({ source: 'enobufs', count: null, overflows: 1 })]);
    expect(events(writer.items)).toHaveLength(2);
    expect(notes.some((n) => n.startsWith('netlink receive buffer overflowed (ENOBUFS)'))).toBe(true);
  });

  it('a stuck consumer: the reader goes on, the queue stays bounded and drops are counted', async () => {
    const { client, writer, notes, deps } = setup();
    writer.blocked = new Promise(() => undefined); // stdout never drains
    for (let s = 1; s <= 500; s++) client.script.push(event(s));
    const summary = await runStream({ format: 'json', queueSize: 50, flushTimeoutMs: 100 }, deps);
    expect(summary.events).toBe(500);
    // one write got through before the writer blocked; 50 waited in the queue; the rest were dropped
    expect(summary.lost.queue).toBe(500 - 50 - 1);
    expect(notes).toContain(`dropped ${500 - 51} events because the output did not keep up`);
    expect(client.status.pid).toBe(0);
  });

  it('--count stops after exactly N events and cleans up', async () => {
    const { client, writer, deps } = setup({ stopWhenDrained: false });
    for (let s = 1; s <= 20; s++) client.script.push(event(s));
    const summary = await runStream({ format: 'json', count: 5 }, deps);
    expect(events(writer.items).map((e) => e.serial)).toEqual([1, 2, 3, 4, 5]);
    expect(summary.written).toBe(5);
    expect(client.status.pid).toBe(0);
  });

  it('a stop completes open events (flush) before exit', async () => {
    const { client, writer, deps } = setup();
    client.script.push(event(1), [msg(1300, 2)]);
    await runStream({ format: 'json' }, deps);
    expect(events(writer.items)).toEqual([
      { serial: 1, types: [1300, 1327, 1320] },
      { serial: 2, types: [1300] },
    ]);
  });

  it('reports a message that does not decode on stderr instead of dropping it silently', async () => {
    const { client, writer, notes, deps } = setup();
    client.script.push([{ kind: 'message', type: 1300, payload: Buffer.from('garbage without a header') }, ...event(1)]);
    await runStream({ format: 'json' }, deps);
    expect(notes).toContain('undecodable netlink message: not a record: garbage without a header');
    expect(events(writer.items)).toEqual([{ serial: 1, types: [1300, 1327, 1320] }]);
  });

  it('--stats prints a start line and a summary', async () => {
    const { client, notes, deps } = setup();
    client.script.push(event(1));
    await runStream({ format: 'text', stats: true }, deps);
    expect(notes[0]).toMatch(/^streaming as the audit daemon \(pid 5000\); receive buffer \d+ bytes$/);
    expect(notes.at(-1)).toMatch(
      /^stream summary: mode=unicast events=1 written=1 records=3 lost_kernel=0 lost_sequence=0 dropped_queue=0 enobufs=0 bad=0 /,
    );
  });

  it('flushes the output as soon as the queue runs dry (a live stream must not sit on a batch)', async () => {
    const { client, writer, ac, deps } = setup({ stopWhenDrained: false });
    client.script.push(event(1));
    let flushedWhileRunning = -1;
    client.onDrained = () =>
      setTimeout(() => {
        flushedWhileRunning = writer.flushes;
        ac.abort('SIGINT');
      }, 50);
    await runStream({ format: 'json' }, deps);
    expect(events(writer.items)).toHaveLength(1);
    expect(flushedWhileRunning).toBeGreaterThan(0);
  });

  it('keeps reading while it clears the audit pid (the kernel may hold that request until its backlog drains)', async () => {
    const { client, writer, ac, deps } = setup({ stopWhenDrained: false });
    let clearRequested!: () => void;
    const requested = new Promise<void>((r) => (clearRequested = r));
    let drained!: () => void;
    const backlogDrained = new Promise<void>((r) => (drained = r));
    client.clearPid = async () => {
      client.log.push('pid 0');
      clearRequested();
      await backlogDrained; // like the kernel: the request returns only once someone reads
      client.status.pid = 0;
    };
    client.receive = async function* ({ signal }: { signal?: AbortSignal }) {
      yield event(1);
      setTimeout(() => ac.abort('SIGINT'), 10);
      await requested;
      yield event(2); // arrives after the stop: read (so the kernel can go on) but not printed
      drained();
      await new Promise<void>((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener('abort', () => resolve())));
    };
    await runStream({ format: 'json' }, deps);
    expect(client.status.pid).toBe(0);
    expect(events(writer.items).map((e) => e.serial)).toEqual([1]);
  });

  it('text format writes no loss records to stdout (they go to stderr)', async () => {
    const { client, writer, deps } = setup();
    client.script.push(event(1), [{ kind: 'overrun' }]);
    await runStream({ format: 'text', multicast: true }, deps);
    expect(losses(writer.items)).toEqual([]);
  });
});
