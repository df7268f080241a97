import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecord, type AuditRecord } from '../../../src/parse/record.js';
import { recordJSON } from '../../../src/parse/record-json.js';
import type { AuditEvent } from '../../../src/parse/reassemble.js';
import { outputStream, rawFileSink } from '../../../src/pipeline/sinks.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function event(serial: number): AuditEvent {
  const lines = [
    `type=SYSCALL msg=audit(1700000000.123:${serial}): arch=c000003e syscall=110 success=yes exit=1 comm="x" key="k"`,
    `type=PROCTITLE msg=audit(1700000000.123:${serial}): proctitle=7800`,
  ];
  const records = lines.map((l) => parseRecord(l) as AuditRecord);
  return { node: undefined, sec: 1700000000, msec: 123, serial, records };
}

describe('rawFileSink', () => {
  it('writes to a regular file asynchronously, the same JSON as parse, loss records in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-sink-'));
    dirs.push(dir);
    const file = join(dir, 'out.json');
    const fd = openSync(file, 'w');
    try {
      const output = outputStream(fd);
      expect(output.stream).not.toBe(process.stdout);
      const sink = rawFileSink('json', output);
      sink.inputAscii?.(true);
      const a = event(1);
      const b = event(2);
      sink.write(a);
      sink.writeText('{"type":"TSAUDIT_LOSS"}\n');
      sink.write(b);
      await sink.end();
      const want = [...a.records.map((r) => recordJSON(r)), '{"type":"TSAUDIT_LOSS"}\n', ...b.records.map((r) => recordJSON(r))].join('');
      expect(readFileSync(file, 'utf8')).toBe(want);
    } finally {
      closeSync(fd);
    }
  });

  it('keeps stdout for what is not a regular file', () => {
    expect(outputStream(-1).stream).toBe(process.stdout);
  });
});
