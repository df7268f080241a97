import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src/parse/reassemble.js';
import type { AuditRecord } from '../../../src/parse/record.js';
import { streamCodec } from '../../../src/stream/audit-events.js';
import { StreamPipeline, type StreamItem } from '../../../src/stream/pipeline.js';
import { OutputQueue } from '../../../src/stream/queue.js';
import { SequenceTracker } from '../../../src/stream/sequence.js';

const msg = (type: number, serial: number, body: string): StreamItem => ({
  kind: 'message',
  type,
  payload: Buffer.from(`audit(1700000000.123:${serial}): ${body}`),
});

function setup() {
  const queue = new OutputQueue<AuditEvent>(100);
  const codec = streamCodec();
  const pipeline = new StreamPipeline<AuditRecord, AuditEvent>({
    decode: codec.decode,
    assembler: codec.assembler,
    queue,
    tracker: new SequenceTracker({ graceMs: 2000 }),
    since: 0,
  });
  const events = () => {
    const out: string[][] = [];
    for (let e = queue.shift(); e !== undefined; e = queue.shift()) out.push((e as AuditEvent).records.map((r) => r.typeName));
    return out;
  };
  return { pipeline, events };
}

describe('stream pipeline', () => {
  it('a tick between a PROCTITLE and its EOE, while records flow, does not separate them', () => {
    const { pipeline, events } = setup();
    pipeline.tick();
    pipeline.handle([msg(1300, 1, 'syscall=110 key="k"'), msg(1327, 1, 'proctitle=78')]);
    pipeline.tick(); // records arrived since the previous tick: the event held for its EOE stays held
    pipeline.handle([msg(1320, 1, '')]);
    expect(events()).toEqual([['SYSCALL', 'PROCTITLE', 'EOE']]);
  });

  it('an idle input releases the held event at the next tick', () => {
    const { pipeline, events } = setup();
    pipeline.handle([msg(1300, 2, 'syscall=110'), msg(1327, 2, 'proctitle=78')]);
    pipeline.tick();
    expect(events()).toEqual([]);
    pipeline.tick(); // nothing new since the last tick
    expect(events()).toEqual([['SYSCALL', 'PROCTITLE']]);
  });
});

describe('output queue room', () => {
  it('whenBelow resolves once the consumer has taken enough', async () => {
    const q = new OutputQueue<number>(4);
    for (let i = 0; i < 4; i++) q.push(i);
    let done = false;
    const p = q.whenBelow(2).then(() => {
      done = true;
    });
    q.shift();
    await Promise.resolve();
    expect(done).toBe(false);
    q.shift();
    await p;
    expect(done).toBe(true);
  });
});
