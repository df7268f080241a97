// Which logs report reads when given none (aureport's process_logs): auditd.conf's log_file and its rotated set.

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Output } from '../../../src/format/output.js';
import { rotatedSet, runReport } from '../../../src/report/run.js';

const SMALL = fileURLToPath(new URL('../../fixtures/corpus/real-small.log', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tsaudit-report-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function systemReport(conf: string): Promise<{ out: string; notes: string[] }> {
  let out = '';
  const notes: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      out += chunk.toString('latin1');
      cb();
    },
  });
  await runReport({ kind: 'summary', inputLogs: true, auditdConf: conf, output: new Output(sink), report: (l) => void notes.push(l) });
  return { out, notes };
}

describe('report: the system logs', () => {
  it("reads auditd.conf's log_file and its rotations, with no note", async () => {
    const log = join(dir, 'audit.log');
    copyFileSync(SMALL, log);
    copyFileSync(SMALL, `${log}.1`);
    writeFileSync(join(dir, 'auditd.conf'), `log_file = ${log}\nend_of_event_timeout = 0\n`);
    expect(rotatedSet(log)).toEqual([`${log}.1`, log]);
    const { out, notes } = await systemReport(join(dir, 'auditd.conf'));
    expect(notes).toEqual([]);
    expect(out).toMatch(/Number of changes in configuration: \d+/);
  });

  it('a log that cannot be read stays in the set, so reading it names it', async () => {
    const log = join(dir, 'missing', 'audit.log');
    expect(rotatedSet(log)).toEqual([log]);
    writeFileSync(join(dir, 'missing.conf'), `log_file = ${log}\n`);
    await expect(systemReport(join(dir, 'missing.conf'))).rejects.toThrow(log);
  });
});
