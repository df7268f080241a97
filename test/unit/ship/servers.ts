// Real servers for the output tests, each on 127.0.0.1 with ports, configuration and files of its own in a
// temporary directory, started as children of the test and stopped by pid (never by name). A missing
// binary gives a reason to skip, printed by the test.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../../helpers/wait.js';

export function which(cmd: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/bin', '/usr/local/sbin']) {
    if (existsSync(join(dir, cmd))) return join(dir, cmd);
  }
  return undefined;
}

/** A port that was free a moment ago (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export class Server {
  child: ChildProcess | undefined;
  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly argv: string[],
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const log = openSync(join(this.dir, `${this.name}.stderr`), 'a');
    this.child = spawn(this.argv[0]!, this.argv.slice(1), { stdio: ['ignore', log, log], cwd: this.dir });
    const child = this.child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await until(`${this.name} on port ${this.port}`, async () => {
      if (exited) throw new Error(`${this.name} exited at start: ${readFileSync(join(this.dir, `${this.name}.stderr`), 'utf8')}`);
      return canConnect(this.port);
    });
  }

  /** SIGTERM (or `signal`) by pid, then SIGKILL if it has not gone within 5 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** redis-server; `durable` writes every command to its append-only file before replying (survives kill -9). */
export async function redisServer(dir: string, durable = false, port?: number, extra: readonly string[] = []): Promise<Server> {
  const bin = which('redis-server');
  if (!bin) throw new Error('redis-server not installed');
  port ??= await freePort();
  const persist = durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  return new Server(
    'redis',
    dir,
    [
      bin,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      ...persist,
      '--daemonize',
      'no',
      '--protected-mode',
      'no',
      '--logfile',
      '',
      ...extra,
    ],
    port,
  );
}

export interface Rsyslog {
  server: Server;
  tcpPort: number;
  udpPort: number;
  tlsPort: number | undefined;
  ca: string | undefined;
  /** The MSG parts received on one input, one per line. */
  received(input: 'tcp' | 'udp' | 'tls'): string[];
}

/** rsyslogd with imtcp, imudp and (when the gtls driver and openssl are there) TLS, each into its own file. */
export async function rsyslogServer(dir: string): Promise<Rsyslog> {
  const bin = which('rsyslogd');
  if (!bin) throw new Error('rsyslogd not installed');
  const tcpPort = await freePort();
  const udpPort = await freePort();
  const gtls = existsSync('/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so') || existsSync('/usr/lib/rsyslog/lmnsd_gtls.so');
  let tlsPort: number | undefined;
  let ca: string | undefined;
  let tlsGlobal = '';
  let tlsInput = '';
  if (gtls && which('openssl')) {
    tlsPort = await freePort();
    ca = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const r = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        ca,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    if (r.status !== 0) throw new Error('openssl could not make a test certificate');
    tlsGlobal = `defaultNetstreamDriverCAFile="${ca}" defaultNetstreamDriverCertFile="${ca}" defaultNetstreamDriverKeyFile="${key}"`;
    tlsInput = `
module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
input(type="imtcp" port="${tlsPort}" address="127.0.0.1" ruleset="tls")
ruleset(name="tls") { action(type="omfile" file="${join(dir, 'tls.out')}" template="msg") }`;
  }
  const conf = join(dir, 'rsyslog.conf');
  // One imtcp instance can carry one stream driver: TLS gets its own listener module load when present.
  writeFileSync(
    conf,
    `global(workDirectory="${dir}" maxMessageSize="256k" ${tlsGlobal})
template(name="msg" type="string" string="%msg%\\n")
module(load="imudp")
# Datagrams have no flow control: a large receive buffer keeps a test's burst from being dropped by the kernel.
input(type="imudp" port="${udpPort}" address="127.0.0.1" ruleset="udp" rcvbufSize="8m")
ruleset(name="udp") { action(type="omfile" file="${join(dir, 'udp.out')}" template="msg") }
${tlsInput || 'module(load="imtcp")'}
input(type="imtcp" port="${tcpPort}" address="127.0.0.1" ruleset="tcp"${tlsInput ? ' streamDriver.name="ptcp" streamDriver.mode="0"' : ''})
ruleset(name="tcp") { action(type="omfile" file="${join(dir, 'tcp.out')}" template="msg") }
`,
  );
  const server = new Server('rsyslogd', dir, [bin, '-n', '-f', conf, '-i', join(dir, 'rsyslogd.pid')], tcpPort);
  return {
    server,
    tcpPort,
    udpPort,
    tlsPort,
    ca,
    received(input) {
      const f = join(dir, `${input}.out`);
      if (!existsSync(f)) return [];
      return readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l !== '');
    },
  };
}
