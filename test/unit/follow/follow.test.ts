// parse --follow's core (src/pipeline/follow.ts) in this process: a log written in pieces, rotated by rename,
// truncated, and followed again after a stop, with every event reaching the sink exactly once (by serial).

import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followLog, type FollowResult } from '../../../src/pipeline/follow.js';
import type { EventSink } from '../../../src/pipeline/sinks.js';
import { tempDir } from '../ship/servers.js';
import { events, exactlyOnce } from './lines.js';
import { until } from '../../helpers/wait.js';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

function collectingSink(got: number[]): EventSink {
  return { write: (e) => (got.push(e.serial), true), ready: async () => {}, end: async () => {} };
}

function start(log: string, registry: string, got: number[]): { stop(): Promise<FollowResult> } {
  const ac = new AbortController();
  const run = followLog({ path: log, registry, sink: collectingSink(got), signal: ac.signal, pollMs: 20, idleMs: 200, report: () => {} });
  return {
    stop: () => {
      ac.abort();
      return run;
    },
  };
}

describe('followLog', () => {
  it('follows writes in pieces, a rename rotation, a truncation and a restart: every event exactly once', async () => {
    const tmp = tempDir('tsaudit-follow-');
    temps.push(tmp);
    const log = join(tmp.dir, 'audit.log');
    const registry = join(tmp.dir, 'registry.json');
    writeFileSync(log, events(1, 100));
    const got: number[] = [];
    const a = start(log, registry, got);
    await until('events 1-100', () => got.length >= 100);

    // a last line written in two parts: nothing of event 150 goes out before its newline
    const more = events(101, 150);
    const cut = more.length - 10;
    appendFileSync(log, more.slice(0, cut));
    await until('events 101-149', () => got.includes(149));
    await new Promise((r) => setTimeout(r, 300));
    expect(got).not.toContain(150);
    appendFileSync(log, more.slice(cut));
    await until('event 150', () => got.includes(150));

    // auditd's rotation: rename, a last write to the old file, then the new file
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, events(151, 160));
    writeFileSync(log, events(161, 200));
    await until('events 151-200', () => got.length >= 200);

    // truncation in place: read again from 0
    truncateSync(log, 0);
    appendFileSync(log, events(201, 220));
    await until('events 201-220', () => got.length >= 220);

    const first = await a.stop();
    expect(first.saved?.offset).toBe(readFileSync(log).length);

    // while stopped: more events, and a rotation
    appendFileSync(log, events(221, 240));
    renameSync(`${log}.1`, `${log}.2`);
    renameSync(log, `${log}.1`);
    writeFileSync(log, events(241, 260));
    const b = start(log, registry, got);
    await until('events 221-260', () => got.length >= 260);
    await b.stop();
    expect(exactlyOnce(got, 1, 260)).toEqual({ missing: [], repeated: [] });
  });

  it('starts over when the registry names a file that is gone, and says so', async () => {
    const tmp = tempDir('tsaudit-follow-');
    temps.push(tmp);
    const log = join(tmp.dir, 'audit.log');
    const registry = join(tmp.dir, 'registry.json');
    writeFileSync(registry, JSON.stringify({ path: log, dev: 1, ino: 1, offset: 99, head: 'x' }));
    writeFileSync(log, events(1, 10));
    const got: number[] = [];
    const lines: string[] = [];
    const ac = new AbortController();
    const run = followLog({ path: log, registry, sink: collectingSink(got), signal: ac.signal, pollMs: 20, report: (l) => lines.push(l) });
    await until('events 1-10', () => got.length >= 10);
    ac.abort();
    await run;
    expect(lines).toEqual([`tsaudit: ${log}: the file the registry remembers is gone (rotated away or truncated); reading from the start`]);
    expect(exactlyOnce(got, 1, 10)).toEqual({ missing: [], repeated: [] });
  });

  it('refuses a registry that is not one, naming it', async () => {
    const tmp = tempDir('tsaudit-follow-');
    temps.push(tmp);
    const registry = join(tmp.dir, 'registry.json');
    writeFileSync(registry, 'not json');
    const run = followLog({ path: join(tmp.dir, 'audit.log'), registry, sink: collectingSink([]), signal: AbortSignal.abort() });
    await expect(run).rejects.toThrow(`registry ${registry} is not a tsaudit registry (remove it to start over)`);
  });
});
