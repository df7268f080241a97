// RESP2 as the Redis output writes and reads it: RPUSH from a batch's bytes, and replies in any chunking.

import { describe, expect, it } from 'vitest';
import { DocBatch } from '../../../src/ship/batch.js';
import { command, ProtocolError, type Reply, ReplyReader, rpush, rpushLength } from '../../../src/ship/resp.js';

describe('RESP commands', () => {
  it('RPUSH: the key, then every document of the batch as one bulk string, lengths in bytes', () => {
    const batch = DocBatch.from(['{"a":1}', '{"é":"ü"}', '{}']);
    const key = Buffer.from('audit beat');
    const out = Buffer.alloc(rpushLength(key, batch));
    const bytes = rpush(key, batch, out);
    expect(bytes.toString('utf8')).toBe('*5\r\n$5\r\nRPUSH\r\n$10\r\naudit beat\r\n$7\r\n{"a":1}\r\n$11\r\n{"é":"ü"}\r\n$2\r\n{}\r\n');
    expect(bytes.length).toBeLessThanOrEqual(out.length);
  });

  it('rpushLength is enough for large batches of documents of every length', () => {
    const docs = Array.from({ length: 2000 }, (_, i) => `{"n":"${'x'.repeat(i * 7)}"}`);
    const batch = DocBatch.from(docs);
    const key = Buffer.from('k');
    const need = rpushLength(key, batch);
    const bytes = rpush(key, batch, Buffer.alloc(need));
    expect(bytes.length).toBeLessThanOrEqual(need);
    expect(bytes.subarray(bytes.length - 2).toString()).toBe('\r\n');
  });

  it('a command of short arguments', () => {
    expect(command(['AUTH', 'user', 'pa ss']).toString()).toBe('*3\r\n$4\r\nAUTH\r\n$4\r\nuser\r\n$5\r\npa ss\r\n');
  });
});

describe('ReplyReader', () => {
  const stream = Buffer.from('+OK\r\n:42\r\n-WRONGTYPE Operation against a key\r\n$5\r\nab\r\nc\r\n$-1\r\n:-3\r\n');
  const want: Reply[] = [
    { kind: 'simple', text: 'OK' },
    { kind: 'integer', value: 42 },
    { kind: 'error', text: 'WRONGTYPE Operation against a key' },
    { kind: 'bulk', value: Buffer.from('ab\r\nc') },
    { kind: 'bulk', value: null },
    { kind: 'integer', value: -3 },
  ];

  it('gives the same replies for every split of the bytes into two and three chunks', () => {
    for (let i = 0; i <= stream.length; i++) {
      for (let j = i; j <= stream.length; j += 3) {
        const r = new ReplyReader();
        const got = [...r.push(stream.subarray(0, i)), ...r.push(stream.subarray(i, j)), ...r.push(stream.subarray(j))];
        expect(got, `split at ${i}, ${j}`).toEqual(want);
      }
    }
  });

  it('a reply type it does not know, or a bad integer, is a protocol error naming what came', () => {
    expect(() => new ReplyReader().push(Buffer.from('*1\r\n:1\r\n'))).toThrow(ProtocolError);
    expect(() => new ReplyReader().push(Buffer.from('*1\r\n:1\r\n'))).toThrow(/got "\*1"/);
    expect(() => new ReplyReader().push(Buffer.from(':1x\r\n'))).toThrow(/bad integer .*got "1x"/);
  });
});
