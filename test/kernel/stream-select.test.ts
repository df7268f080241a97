// `tsaudit stream -k KEY` against the real kernel (issue 15, live selection): two watch rules with different
// keys, N writes to one file and M to the other. A multicast stream without selectors, running at the same
// time, proves both kinds of events were delivered; the unicast stream with `-k` prints exactly the N events
// of its key and nothing else (no other key, none of the machine's unkeyed events).

import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { describeKernel } from './describe.js';
import { readStatus, stopStreams, useKernelState } from './state.js';
import { until } from '../helpers/wait.js';

const KEY = 'tsaudit-select-k1';
const OTHER = 'tsaudit-select-k2';
const N = 7;
const M = 5;

interface Streamer {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

function startStream(args: string[]): Streamer {
  const child = spawn(process.execPath, [BIN, 'stream', '--stats', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

type Rec = Record<string, unknown>;

/** The printed records grouped into events by serial, and the rule keys each event carries. */
function eventsOf(text: string): Map<number, { records: Rec[]; keys: Set<string> }> {
  const events = new Map<number, { records: Rec[]; keys: Set<string> }>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line) as Rec;
    if (r.type === 'TSAUDIT_LOSS') continue;
    const serial = r.sequence as number;
    let e = events.get(serial);
    if (e === undefined) events.set(serial, (e = { records: [], keys: new Set() }));
    e.records.push(r);
    for (const k of (r.keys as string[] | undefined) ?? []) e.keys.add(k);
  }
  return events;
}

const withKey = (text: string, key: string) => [...eventsOf(text).values()].filter((e) => e.keys.has(key));

describeKernel('tsaudit stream -k (kernel)', () => {
  useKernelState();
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsaudit-select-'));
    for (const [name, key] of [
      ['one', KEY],
      ['two', OTHER],
    ]) {
      writeFileSync(join(dir, name!), '');
      execFileSync('auditctl', ['-w', join(dir, name!), '-p', 'wa', '-k', key!]);
    }
  });

  afterEach(() => stopStreams(children));

  afterAll(() => {
    // useKernelState deletes the watches and restores the settings
    rmSync(dir, { recursive: true, force: true });
    expect(readStatus().pid).toBe('0');
  });

  it('prints only the events of the selected key', async () => {
    const all = startStream(['--multicast', '-format=json']);
    const selected = startStream(['-k', KEY, '-format=json', '--enable']);
    await until('both streams to start', () => /tsaudit: streaming /.test(all.stderr()) && /tsaudit: streaming /.test(selected.stderr()));
    // each `>>` opens the watched file for writing: one event of that file's key
    const writes = (file: string, n: number) => `for i in $(seq ${n}); do echo $i >> ${join(dir, file)}; done`;
    expect(spawnSync('sh', ['-c', `${writes('one', N)}; ${writes('two', M)}`]).status).toBe(0);
    await until(
      `${N} + ${M} events on the multicast stream`,
      () => withKey(all.stdout(), KEY).length >= N && withKey(all.stdout(), OTHER).length >= M,
    );
    await until(`${N} events on the selecting stream`, () => withKey(selected.stdout(), KEY).length >= N);
    await new Promise((r) => setTimeout(r, 500)); // anything else would arrive by now
    selected.child.kill('SIGINT');
    all.child.kill('SIGINT');
    expect(await selected.exited).toBe(130);
    expect(await all.exited).toBe(130);

    // the unselected stream saw both keys (and, on a busy machine, other events too)
    expect(withKey(all.stdout(), KEY)).toHaveLength(N);
    expect(withKey(all.stdout(), OTHER)).toHaveLength(M);
    // the selecting stream printed the N events of its key, whole, and no other event
    const printed = [...eventsOf(selected.stdout()).values()];
    expect(printed).toHaveLength(N);
    for (const e of printed) {
      expect([...e.keys]).toEqual([KEY]);
      expect(e.records.map((r) => r.record_type)).toEqual(expect.arrayContaining(['SYSCALL', 'PATH']));
    }
    expect(selected.stderr()).toMatch(/stream summary: mode=unicast .*lost_kernel=0/);
  });
});
