// `tsaudit stream -format=ecs --output file:OUT` against the real kernel: a narrow rule (getppid from our own
// burst helper, matched by exe=) triggers N known events; all N arrive in the output as ECS documents, once
// each, with consecutive serials, and the counters at exit say nothing was dropped or lost. Settings and
// rules are restored by useKernelState (enabled 1 at most; never failure 2 or enabled 2).

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildBurstHelper, burstRule } from '../../bench/stream-burst.mjs';
import { BIN, ROOT } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { readStatus, stopStreams, useKernelState } from './state.js';
import { until } from '../helpers/wait.js';

const KEY = 'tsaudit-ship-test';
const N = 200;

interface EcsDoc {
  tags?: string[];
  auditd: { sequence: number; message_type?: string };
  process?: { pid?: number; executable?: string };
}

describeKernel('tsaudit stream --output (kernel)', () => {
  useKernelState();
  let helper = '';
  let skip = '';
  let dir = '';
  let child: ChildProcess | undefined;

  beforeAll(() => {
    const built = buildBurstHelper();
    if (!built.path) {
      skip = built.skip ?? 'no helper';
      return;
    }
    helper = built.path;
    execFileSync('auditctl', ['-a', ...burstRule(helper, KEY)]);
    dir = mkdtempSync(join(tmpdir(), 'tsaudit-ship-kernel-'));
  });

  afterEach(async () => {
    const c = child;
    child = undefined;
    await stopStreams([c]);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    expect(readStatus().pid).toBe('0');
  });

  it('every event the rule triggers reaches the file output once; 0 dropped, 0 lost', async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const out = join(dir, 'events.ndjson');
    const c = spawn(process.execPath, [BIN, 'stream', '-format=ecs', '--enable', '--output', `file:${out}`, '--stats'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let stderr = '';
    c.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code)));
    await until('the stream to start', () => /tsaudit: streaming /.test(stderr));
    const r = spawnSync(helper, [String(N)]);
    expect(r.status).toBe(0);
    const ours = (): EcsDoc[] =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as EcsDoc)
            .filter((d) => d.tags?.includes(KEY))
        : [];
    await until(`${N} events in the output`, () => ours().length >= N);
    await new Promise((res) => setTimeout(res, 300)); // anything extra would arrive now
    c.kill('SIGINT');
    expect(await exited).toBe(130);
    const docs = ours();
    expect(docs).toHaveLength(N);
    const serials = docs.map((d) => d.auditd.sequence).sort((a, b) => a - b);
    expect(new Set(serials).size).toBe(N);
    expect(serials[N - 1]! - serials[0]!).toBe(N - 1); // one burst: consecutive serials, none missing
    for (const d of docs) expect(d.process?.pid).toBe(r.pid);
    const all = readFileSync(out, 'utf8');
    expect(all).not.toContain('tsaudit_loss');
    expect(stderr).toMatch(new RegExp(`output file:${out}: sent \\d+, acknowledged \\d+, retried 0, spooled 0, dropped 0`));
  });
});
