// Scenario "ship": `tsaudit parse -format=ecs --output URL LOG` into a real redis-server (RPUSH onto a list)
// and a real rsyslogd (RFC 5424 over TCP, written to a file), both started here on 127.0.0.1 with a
// directory of their own and stopped by pid. Prints events/s and what arrived, checked by identity
// (auditd.sequence @ @timestamp, counted, so a log's repeated serials count too): lost and duplicated are
// both reported. The floor is the same documents to /dev/null (ECS building and serializing alone). CPU per
// event is tsaudit's own user+sys time (the servers' is not in it): on a shared machine it is the figure to
// compare, as wall time there is mostly waiting for a core.
// Target (issue 20): >= 40,000 events/s with nothing lost.
//
//   npm run bench -- ship [--sizes=8,48,full] [--runs=N]

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchLogs } from './logs.mjs';
import { measure, table, which } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/tsaudit');
const TARGET = 40_000;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const canConnect = (port) =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Starts `argv` and waits for its port; returns stop() (SIGTERM by pid, SIGKILL after 5 s). */
async function startServer(name, dir, argv, port) {
  const log = openSync(join(dir, `${name}.stderr`), 'a');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', log, log], cwd: dir });
  const end = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start: ${readFileSync(join(dir, `${name}.stderr`), 'utf8')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  };
}

const identity = (doc) => {
  const d = JSON.parse(doc);
  return `${d.auditd?.sequence}@${d['@timestamp']}`;
};

/** Missing and repeated documents, by identity, counted. */
function compare(expected, got, isIdentity = false) {
  const n = new Map();
  for (const id of expected) n.set(id, (n.get(id) ?? 0) + 1);
  let extra = 0;
  for (const doc of got) {
    const id = isIdentity ? doc : identity(doc);
    const left = n.get(id) ?? 0;
    if (left > 0) n.set(id, left - 1);
    else extra++;
  }
  let lost = 0;
  for (const left of n.values()) lost += left;
  return { lost, extra };
}

async function redisDocs(port, key) {
  const { createClient } = createRequire(import.meta.url)('@redis/client');
  const c = createClient({ url: `redis://127.0.0.1:${port}` });
  await c.connect();
  const docs = await c.lRange(key, 0, -1);
  await c.del(key);
  await c.quit();
  return docs;
}

/** Identities of the NDJSON documents in a file, read line by line (the full log's documents exceed one string). */
async function fileIdentities(file) {
  const ids = [];
  if (!existsSync(file)) return ids;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) if (line) ids.push(identity(line));
  return ids;
}

async function rsyslogDocs(file, expected) {
  // rsyslogd writes asynchronously: wait until the file stops growing (or holds every event)
  let last = -1;
  let still = 0;
  for (;;) {
    const ids = await fileIdentities(file);
    still = ids.length === last ? still + 1 : 0;
    if (ids.length >= expected || still === 3) return ids;
    last = ids.length;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const shipScenario = {
  name: 'ship',
  description: 'parse -format=ecs --output to a real redis-server and rsyslogd (TCP): events/s, lost, duplicated',
  async run({ runs = 1, sizes = ['8 MB'] }) {
    const redisBin = which('redis-server');
    const rsyslogBin = which('rsyslogd');
    if (!redisBin || !rsyslogBin) {
      console.log('redis-server or rsyslogd not found: scenario skipped (apt-get install redis-server rsyslog)');
      return { ok: true };
    }
    const logs = await benchLogs(sizes);
    if (logs.length === 0) throw new Error(`no bench log of size ${sizes.join(', ')} (have 1, 8, 48, full)`);
    const dir = mkdtempSync(join(tmpdir(), 'tsaudit-bench-ship-'));
    const stops = [];
    try {
      const redisPort = await freePort();
      stops.push(
        await startServer(
          'redis',
          dir,
          [
            redisBin,
            '--port',
            String(redisPort),
            '--bind',
            '127.0.0.1',
            '--dir',
            dir,
            '--save',
            '',
            '--appendonly',
            'no',
            '--protected-mode',
            'no',
          ],
          redisPort,
        ),
      );
      const tcpPort = await freePort();
      const out = join(dir, 'tcp.out');
      writeFileSync(
        join(dir, 'rsyslog.conf'),
        `global(workDirectory="${dir}" maxMessageSize="256k")
template(name="msg" type="string" string="%msg%\\n")
module(load="imtcp")
input(type="imtcp" port="${tcpPort}" address="127.0.0.1" ruleset="tcp")
ruleset(name="tcp") { action(type="omfile" file="${out}" template="msg" asyncWriting="on" ioBufferSize="1m" flushOnTXEnd="off") }
`,
      );
      stops.push(
        await startServer('rsyslogd', dir, [rsyslogBin, '-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')], tcpPort),
      );

      const rows = [];
      for (const log of logs) {
        const all = join(dir, 'expected.ndjson');
        const ecs = spawnSync(BIN, ['parse', '-format=ecs', '--output', `file:${all}?size=100G`, log.path], {
          encoding: 'utf8',
        });
        if (ecs.status !== 0) throw new Error(`parse -format=ecs ${log.label} failed: ${ecs.stderr}`);
        const expected = await fileIdentities(all);
        rmSync(all, { force: true });
        const targets = [
          { name: '/dev/null (floor)', args: [] },
          { name: 'redis', args: ['--output', `redis://127.0.0.1:${redisPort}/bench`], got: () => redisDocs(redisPort, 'bench') },
          {
            name: 'rsyslog tcp',
            args: ['--output', `syslog+tcp://127.0.0.1:${tcpPort}`],
            identities: true,
            got: async () => {
              const ids = await rsyslogDocs(out, expected.length);
              rmSync(out, { force: true });
              // omfile keeps the removed file open: HUP makes it open a new one for the next run
              process.kill(Number(readFileSync(join(dir, 'rsyslogd.pid'), 'utf8')), 'SIGHUP');
              await new Promise((r) => setTimeout(r, 300));
              return ids;
            },
          },
        ];
        for (const t of targets) {
          const times = [];
          let worst = { lost: 0, extra: 0 };
          for (let i = 0; i < runs; i++) {
            const m = await measure(BIN, ['parse', '-format=ecs', ...t.args, log.path]);
            if (m.status !== 0) throw new Error(`${t.name} ${log.label}: exit ${m.status}: ${m.stderr}`);
            times.push(m);
            if (t.got) {
              const c = compare(expected, await t.got(), t.identities === true);
              worst = { lost: Math.max(worst.lost, c.lost), extra: Math.max(worst.extra, c.extra) };
            }
          }
          times.sort((a, b) => a.seconds - b.seconds);
          const med = times[Math.floor(times.length / 2)];
          const rate = expected.length / med.seconds;
          rows.push([
            log.label,
            t.name,
            String(expected.length),
            med.seconds.toFixed(2),
            med.cpuSeconds?.toFixed(2) ?? '-',
            Math.round(rate).toLocaleString('en-US'),
            med.cpuSeconds === undefined ? '-' : ((med.cpuSeconds / expected.length) * 1e6).toFixed(1),
            (med.peakRssKB / 1024).toFixed(0),
            t.got ? String(worst.lost) : '-',
            t.got ? String(worst.extra) : '-',
            t.got ? (rate >= TARGET && worst.lost === 0 ? 'met' : 'MISSED') : '',
          ]);
        }
      }
      table(
        [
          'log',
          'output',
          'events',
          'wall s',
          'cpu s',
          'events/s',
          'CPU us/event',
          'peak MB',
          'lost',
          'duplicated',
          `>= ${TARGET / 1000}k/s, 0 lost`,
        ],
        rows,
      );
    } finally {
      for (const stop of stops.reverse()) await stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
