import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/format/output.js';

/** A stream that takes 5 ms per chunk, like a slow reader on the other end of a pipe. */
function slowSink(): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk)); // copy: the writer reuses its buffers once cb has run
      setTimeout(cb, 5);
    },
  });
  return { stream, chunks };
}

describe('Output', () => {
  it('keeps order, reuses buffers only after the stream is done with them, and pushes back', async () => {
    const { stream, chunks } = slowSink();
    const out = new Output(stream);
    out.ascii = true;
    const line = `${'x'.repeat(1000)}\n`;
    let expected = '';
    let pushedBack = 0;
    for (let i = 0; i < 2000; i++) {
      const text = `${i} ${line}`;
      expected += text;
      if (!out.write(text)) {
        pushedBack++;
        await out.ready();
      }
    }
    await out.end();
    expect(pushedBack).toBeGreaterThan(0);
    expect(Buffer.concat(chunks).toString('latin1')).toBe(expected);
  });

  it('writes UTF-8 unless told the input is ASCII, and takes text larger than a batch', async () => {
    const { stream, chunks } = slowSink();
    const out = new Output(stream);
    const big = 'é'.repeat(300_000);
    out.write('héllo\n');
    out.write(big);
    await out.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`héllo\n${big}`);
  });

  it('reserve/commit write bytes straight into the batch', async () => {
    const { stream, chunks } = slowSink();
    const out = new Output(stream);
    expect(out.reserve(3)).toBe(true);
    const at = out.offset;
    out.buffer.write('abc', at, 'latin1');
    out.commit(at + 3);
    out.write('def');
    expect(out.reserve(10 * 1024 * 1024)).toBe(false);
    await out.end();
    expect(Buffer.concat(chunks).toString('latin1')).toBe('abcdef');
  });
});
