// SIGTERM during `parse --output` to an output that is up: what was read is delivered before the exit, on
// one thread and with a render thread (TSAUDIT_WORKERS), and nothing is reported lost. The stop comes while
// documents are still queued (the file has some, the log is far from done).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.js';
import { until } from '../../helpers/wait.js';
import { tempDir } from './servers.js';

const tmp = tempDir('tsaudit-ship-stop-');
let log: string;
beforeAll(() => {
  log = join(tmp.dir, 'real-medium.log');
  writeFileSync(log, gunzipSync(readFileSync(join(ROOT, 'test/fixtures/corpus/real-medium.log.gz'))));
});
afterAll(() => tmp.remove());

describe('parse --output, stopped by SIGTERM', () => {
  it.each(['0', '1'])(
    'TSAUDIT_WORKERS=%s: every document sent is in the file, none dropped',
    async (workers) => {
      const out = join(tmp.dir, `out-${workers}.ndjson`);
      const child = spawn(process.execPath, [BIN, 'parse', '-format=ecs', '--output', `file:${out}?size=1G`, '--stats', log], {
        cwd: ROOT,
        env: { ...process.env, TSAUDIT_WORKERS: workers },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await until('the first documents in the file', () => existsSync(out) && statSync(out).size > 0, 20_000);
      child.kill('SIGTERM');
      expect(await exited).toBe(143); // stopped by the signal, not done reading
      const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
      expect(stderr).not.toMatch(/not delivered/);
      expect(stderr).toContain(`sent ${lines}, acknowledged ${lines}, retried 0, spooled 0, dropped 0`);
      expect(lines).toBeGreaterThan(0);
    },
    60_000,
  );
});
