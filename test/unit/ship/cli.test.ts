// `tsaudit parse -format=ecs [--output URL ...] [--spool DIR] [--stats]` as a process, end to end, with a
// real redis-server started here.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { CORPUS, corpusDocuments, delivery } from './corpus.js';
import { freePort, redisServer, type Server, tempDir, which } from './servers.js';

const docs = corpusDocuments();

describe('tsaudit parse -format=ecs', () => {
  it('writes one ECS document per event on stdout, with host.name and ecs.version', () => {
    const r = runCli(['parse', '-format=ecs', CORPUS]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(delivery(docs, lines)).toEqual({ missing: [], extra: [] });
    const first = JSON.parse(lines[0]!) as { host: { name: string }; ecs: { version: string }; service: { type: string } };
    expect(first.host.name).not.toBe('');
    expect(first.ecs.version).toMatch(/^8\./);
    expect(first.service.type).toBe('auditd');
  });

  it('refuses an output it cannot ship to, in one line, exit 2', () => {
    const r = runCli(['parse', '-format=ecs', '--output', 'kafka://k:9092/t', CORPUS]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tsaudit: flag --output: unsupported scheme "kafka:".*: got "kafka:\/\/k:9092\/t"\n$/);
    expect(r.stdout).toBe('');
  });

  it('refuses --output with a format that is not one document per event', () => {
    const r = runCli(['parse', '--output', 'file:/dev/null', CORPUS]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tsaudit: flag --output: .*-format=ecs/);
  });

  it('--output file: with --stats: every event in the file, counters on stderr, nothing on stdout', () => {
    const tmp = tempDir('tsaudit-cli-file-');
    try {
      const out = join(tmp.dir, 'events.ndjson');
      const r = runCli(['parse', '-format=ecs', '--output', `file:${out}`, '--stats', CORPUS]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `tsaudit: output file:${out}: sent ${docs.length}, acknowledged ${docs.length}, retried 0, spooled 0, dropped 0`,
      );
      expect(delivery(docs, readFileSync(out, 'utf8').split('\n').filter(Boolean))).toEqual({ missing: [], extra: [] });
    } finally {
      tmp.remove();
    }
  });
});

const missing = which('redis-server') ? undefined : 'redis-server is not installed (apt-get install redis-server)';
if (missing) console.log(`SKIPPED parse --output redis tests: ${missing}`);

describe.skipIf(missing)('tsaudit parse --output redis:// (real redis-server)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let server: Server | undefined;
  beforeAll(() => {
    tmp = tempDir('tsaudit-cli-redis-');
  });
  afterAll(async () => {
    await server?.stop();
    tmp?.remove();
  });

  async function list(port: number, key: string): Promise<string[]> {
    const c = createClient({ url: `redis://127.0.0.1:${port}` });
    await c.connect();
    try {
      return await c.lRange(key, 0, -1);
    } finally {
      await c.close();
    }
  }

  it('with the store down, --spool keeps every event; the next run, with the store up, delivers each once', async () => {
    const port = await freePort();
    const spool = join(tmp.dir, 'spool');
    const url = `redis://127.0.0.1:${port}/auditbeat`;
    const down = runCli(['parse', '-format=ecs', '--output', url, '--spool', spool, CORPUS]);
    expect(down.status).toBe(0);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    expect(down.stderr).toContain(`events not yet delivered are kept in ${spool}/`);
    expect(existsSync(spool)).toBe(true);

    server = await redisServer(tmp.dir, false, port);
    await server.start();
    // the next run reads one new event: the spooled ones go first
    const next = join(tmp.dir, 'next.log');
    writeFileSync(next, 'type=DAEMON_END msg=audit(1795299999.000:99999999): op=terminate auid=0 pid=1 res=success\n');
    const nextDocs = runCli(['parse', '-format=ecs', next]).stdout.split('\n').filter(Boolean);
    const up = runCli(['parse', '-format=ecs', '--output', url, '--spool', spool, '--stats', next]);
    expect(up.status).toBe(0);
    expect(up.stderr).toContain(`acknowledged ${docs.length + 1}, retried 0, spooled 1, dropped 0`); // the new event goes through the spool too
    expect(delivery([...docs, ...nextDocs], await list(port, 'auditbeat'))).toEqual({ missing: [], extra: [] });
  });
});
