import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToRead, progressAllowed, progressText, startProgress, type StdoutKind } from '../../../src/format/progress.js';

/** A terminal (or not) on stderr, a hand-driven clock and a hand-driven timer. */
function rig(opts: { tty?: boolean; stdout?: StdoutKind; quiet?: boolean; streaming?: boolean; total?: number; columns?: number } = {}) {
  let written = '';
  let clock = 0;
  let tick: (() => void) | undefined;
  let stopped = false;
  const progress = startProgress({
    total: opts.total,
    quiet: opts.quiet,
    streaming: opts.streaming ?? true,
    stdout: opts.stdout ?? 'file',
    stream: { isTTY: opts.tty ?? true, columns: opts.columns ?? 100, write: (s: string) => (written += s) },
    now: () => clock,
    every: (_ms, fn) => {
      tick = fn;
      return () => {
        stopped = true;
      };
    },
  });
  return {
    progress,
    at(ms: number) {
      clock = ms;
      tick?.();
    },
    get written() {
      return written;
    },
    get stopped() {
      return stopped;
    },
  };
}

describe('progressText', () => {
  it('bytes of total, percent and events per second', () => {
    expect(progressText(48_200_000, 206_200_000, 104_620, 2000)).toBe('tsaudit: 48.2 of 206.2 MB (23%), 52,310 events/s');
  });
  it('the bytes read when the total is unknown (stdin, a FIFO)', () => {
    expect(progressText(1_500_000, undefined, 10, 1000)).toBe('tsaudit: 1.5 MB, 10 events/s');
  });
  it('never past 100%', () => {
    expect(progressText(300, 200, 0, 1000)).toBe('tsaudit: 0.0 of 0.0 MB (100%), 0 events/s');
  });
});

describe('progressAllowed', () => {
  const tty = { isTTY: true, write: () => true };
  const notTty = { isTTY: false, write: () => true };
  it.each([
    ['stderr a terminal, stdout a file', tty, 'file', true, false, true],
    ['stderr not a terminal', notTty, 'file', true, false, false],
    ['stdout a pipe', tty, 'pipe', true, false, false],
    ['--quiet', tty, 'file', true, true, false],
    ['a streaming verb with stdout on the terminal', tty, 'terminal', true, false, false],
    ['a verb that writes at the end, stdout on the terminal', tty, 'terminal', false, false, true],
  ] as const)('%s: %s', (_what, stream, stdout, streaming, quiet, expected) => {
    expect(progressAllowed({ streaming, quiet }, stream, stdout)).toBe(expected);
  });
});

describe('startProgress', () => {
  it('draws nothing during the first second', () => {
    const r = rig({ total: 10_000_000 });
    r.progress.read(5_000_000);
    r.progress.events(100);
    r.at(250);
    r.at(999);
    expect(r.written).toBe('');
    r.progress.done();
    expect(r.written).toBe(''); // nothing to erase
  });

  it('then redraws one line in place, and erases it when done', () => {
    const r = rig({ total: 10_000_000 });
    r.progress.read(2_000_000);
    r.progress.events(1000);
    r.at(1000);
    r.progress.read(3_000_000);
    r.progress.events(2000);
    r.at(2000);
    expect(r.written).toBe(
      '\rtsaudit: 2.0 of 10.0 MB (20%), 1,000 events/s\x1b[K' + '\rtsaudit: 5.0 of 10.0 MB (50%), 1,500 events/s\x1b[K',
    );
    r.progress.done();
    expect(r.written.endsWith('\r\x1b[K')).toBe(true);
    expect(r.stopped).toBe(true);
    const before = r.written;
    r.at(3000);
    expect(r.written).toBe(before); // no redraw after done
  });

  it('interrupt() erases the line so that a message can be written; the next tick draws it again', () => {
    const r = rig();
    r.progress.read(1_000_000);
    r.at(1500);
    r.progress.interrupt();
    expect(r.written.endsWith('\r\x1b[K')).toBe(true);
    r.at(1750);
    expect(r.written.endsWith('events/s\x1b[K')).toBe(true);
  });

  it('fits the terminal width', () => {
    const r = rig({ total: 10_000_000, columns: 20 });
    r.at(1000);
    expect(r.written).toBe('\rtsaudit: 0.0 of 10.\x1b[K');
  });

  it.each([
    ['stderr not a terminal', { tty: false }],
    ['stdout a pipe', { stdout: 'pipe' as const }],
    ['--quiet', { quiet: true }],
  ])('is disabled and silent when %s', (_what, opts) => {
    const r = rig(opts);
    expect(r.progress.enabled).toBe(false);
    r.progress.read(100);
    r.at(5000);
    r.progress.done();
    expect(r.written).toBe('');
  });
});

describe('bytesToRead', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsaudit-bytes-'));
  writeFileSync(join(dir, 'a'), 'x'.repeat(10));
  writeFileSync(join(dir, 'b'), 'x'.repeat(5));
  it('sums regular files', () => expect(bytesToRead([join(dir, 'a'), join(dir, 'b')])).toBe(15));
  it('is unknown with a gzip file (read decompressed)', () => {
    writeFileSync(join(dir, 'c.gz'), Buffer.from([0x1f, 0x8b, 8, 0]));
    expect(bytesToRead([join(dir, 'a'), join(dir, 'c.gz')])).toBeUndefined();
  });
  it('is unknown with stdin, a directory or a missing file', () => {
    expect(bytesToRead(['-'])).toBeUndefined();
    expect(bytesToRead([])).toBeUndefined();
    expect(bytesToRead([dir])).toBeUndefined();
    expect(bytesToRead([join(dir, 'a'), join(dir, 'missing')])).toBeUndefined();
  });
});
