// --checkpoint against ausearch 3.0.9: the same output, the same checkpoint file, the same exit codes
// (10 unreadable checkpoint, 11 cannot write it, 12 logs that do not fit it) over two runs.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ausearch, HAVE_AUSEARCH, search, withoutAddedSeparators } from './harness.js';

const LOG = new URL('../../fixtures/corpus/real-small.log', import.meta.url).pathname;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsaudit-search-cp-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAVE_AUSEARCH)('--checkpoint', () => {
  it('two runs: the same events, the same checkpoint file, the same exit codes', async () => {
    const a = join(dir, 'a');
    const t = join(dir, 't');
    for (let run = 1; run <= 2; run++) {
      const ar = ausearch(['-if', LOG, '--checkpoint', a, '-k', 'exec', '--raw']);
      const tr = await search(['-if', LOG, '--checkpoint', t, '-k', 'exec', '--raw']);
      expect(tr.status, `run ${run}`).toBe(ar.status);
      expect(tr.stdout.equals(withoutAddedSeparators(ar.stdout)), `run ${run}`).toBe(true);
      expect(readFileSync(t, 'utf8')).toBe(readFileSync(a, 'utf8'));
    }
  });

  it('resumes by time only with -ts checkpoint', async () => {
    const a = join(dir, 'a2');
    const t = join(dir, 't2');
    const cp = `dev=0x1\ninode=1\noutput=- 1795271988.000:1 0x514\n`;
    writeFileSync(a, cp);
    writeFileSync(t, cp);
    const ar = ausearch(['-if', LOG, '--checkpoint', a, '-ts', 'checkpoint', '-m', 'SYSCALL']);
    const tr = await search(['-if', LOG, '--checkpoint', t, '-ts', 'checkpoint', '-m', 'SYSCALL']);
    expect(tr.status).toBe(ar.status);
    expect(tr.stdout.toString('latin1')).toBe(ar.stdout.toString('latin1'));
  });

  it.each([
    ['10: a checkpoint file that is not one', 'garbage\n', 10],
    ['10: without dev/inode', 'output=- 1795271987.142:2791453 0x514\n', 10],
    ['12: a newer complete event comes before the checkpointed one', 'dev=0x1\ninode=1\noutput=- 1795271900.000:1 0x514\n', 12],
  ])('exit %s', async (_what, content, code) => {
    const a = join(dir, 'bad-a');
    const t = join(dir, 'bad-t');
    writeFileSync(a, content);
    writeFileSync(t, content);
    const ar = ausearch(['-if', LOG, '--checkpoint', a, '-k', 'exec']);
    const tr = await search(['-if', LOG, '--checkpoint', t, '-k', 'exec']);
    expect(ar.status).toBe(code);
    expect(tr.status).toBe(code);
    expect(tr.stdout.toString('latin1')).toBe(ar.stdout.toString('latin1'));
  });

  it('exit 11: the checkpoint cannot be written', async () => {
    const where = join(dir, 'no-such-dir', 'cp');
    const ar = ausearch(['-if', LOG, '--checkpoint', where, '-k', 'passwd', '--raw']);
    const tr = await search(['-if', LOG, '--checkpoint', where, '-k', 'passwd', '--raw']);
    expect(ar.status).toBe(11);
    expect(tr.status).toBe(11);
    expect(tr.stderr).toMatch(/cannot write checkpoint file .*no-such-dir/);
    expect(tr.stdout.equals(withoutAddedSeparators(ar.stdout))).toBe(true);
  });
});
