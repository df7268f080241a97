// `tsaudit parse --follow LOG --registry FILE -format=ecs --output file:OUT` as a process: SIGTERM ends it with
// exit 0 after delivering and saving the registry; a second run resumes there. Every event reaches the
// output exactly once (by auditd.sequence), across a rotation made while tsaudit was stopped.

import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../../helpers/cli.js';
import { tempDir } from '../ship/servers.js';
import { events, exactlyOnce } from './lines.js';
import { until } from '../../helpers/wait.js';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

const serials = (out: string): number[] =>
  existsSync(out)
    ? readFileSync(out, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { auditd: { sequence: number } }).auditd.sequence)
    : [];

function follow(args: string[]): { stop(): Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'parse', '--follow', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    stop: async () => {
      child.kill('SIGTERM');
      return { code: await exited, stderr };
    },
  };
}

describe('tsaudit parse --follow', () => {
  it('SIGTERM: exit 0 with the registry saved; a restart after a rotation resumes: every event once', async () => {
    const tmp = tempDir('tsaudit-follow-cli-');
    temps.push(tmp);
    const log = join(tmp.dir, 'audit.log');
    const registry = join(tmp.dir, 'registry.json');
    const out = join(tmp.dir, 'events.ndjson');
    const args = [log, '--registry', registry, '-format=ecs', '--output', `file:${out}`];
    writeFileSync(log, events(1, 50));
    const a = follow(args);
    await until('events 1-50 in the output', () => serials(out).length >= 50, 20_000);
    appendFileSync(log, events(51, 80));
    await until('events 51-80', () => serials(out).length >= 80, 20_000);
    const first = await a.stop();
    expect(first).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(registry, 'utf8'))).toMatchObject({ path: log, offset: readFileSync(log).length });

    appendFileSync(log, events(81, 100));
    renameSync(log, `${log}.1`);
    writeFileSync(log, events(101, 120));
    const b = follow(args);
    await until('events 81-120', () => serials(out).length >= 120, 20_000);
    expect((await b.stop()).code).toBe(0);
    expect(exactlyOnce(serials(out), 1, 120)).toEqual({ missing: [], repeated: [] });
  });

  it('takes one log, not several, in one line with exit 2', async () => {
    const { runCli } = await import('../../helpers/cli.js');
    const r = runCli(['parse', '--follow', 'a.log', 'b.log']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tsaudit: flag --follow: follows one log, got 2 files\n');
    const s = runCli(['parse', '--registry', 'r.json', 'a.log']);
    expect(s.status).toBe(2);
    expect(s.stderr).toBe('tsaudit: flag --registry: needs --follow\n');
  });
});
