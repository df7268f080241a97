// `--output URL` -> what to connect to. Validated once, up front, so a typo fails before any event is read.
//
//   file:PATH[?size=10M&keep=7]          NDJSON file, rotated by size (Filebeat's file output defaults)
//   redis://[:PASSWORD@]HOST:PORT/KEY    RPUSH of each document onto the list KEY (Auditbeat -> Logstash)
//   syslog+tcp://HOST:PORT               RFC 5424, octet-counted framing (RFC 6587)
//   syslog+tls://HOST:PORT[?ca=FILE]     the same over TLS (RFC 5425)
//   syslog+udp://HOST:PORT               RFC 5424, one message per datagram (RFC 5426)
//   http(s)://[USER:PASS@]HOST:PORT[/INDEX][?ca=FILE]   Elasticsearch/OpenSearch _bulk; INDEX may hold
//                                        %{+yyyy.MM.dd} (default tsaudit-%{+yyyy.MM.dd})
// syslog URLs take ?facility=NAME (default user) and ?severity=NAME (default info).

import { usageError } from '../errors.js';
import { DEFAULT_INDEX } from './elasticsearch.js';
import type { SyslogTransportOptions } from './syslog.js';

export type OutputSpec =
  | { kind: 'file'; url: string; path: string; maxBytes: number; keep: number }
  | { kind: 'redis'; url: string; redisUrl: string; key: string }
  | { kind: 'elasticsearch'; url: string; node: string; index: string; ca?: string }
  | ({ kind: 'syslog' } & Omit<SyslogTransportOptions, 'hostName'>);

/** Facility and severity names and numbers of RFC 5424, section 6.2.1. */
const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp'];
const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];

const DEFAULT_ROTATE_BYTES = 10 * 1024 * 1024;
const DEFAULT_KEEP = 7;

function bad(url: string, why: string): never {
  throw usageError(`flag --output: ${why}: got "${url}"`, { token: url });
}

function parseSize(url: string, v: string): number {
  const m = /^(\d+)([kmg]?)i?b?$/i.exec(v);
  if (!m) bad(url, `size must be a number of bytes with an optional K, M or G`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const n = Number(m[1]) * unit;
  if (n < 1024) bad(url, 'size must be at least 1K');
  return n;
}

function facilityOf(url: string, v: string | null): number {
  if (v === null) return 1;
  const local = /^local([0-7])$/.exec(v);
  if (local) return 16 + Number(local[1]);
  const i = FACILITIES.indexOf(v);
  if (i < 0) bad(url, `unknown syslog facility "${v}" (${FACILITIES.join(', ')}, local0..local7)`);
  return i;
}

function severityOf(url: string, v: string | null): number {
  if (v === null) return 6;
  const i = SEVERITIES.indexOf(v);
  if (i < 0) bad(url, `unknown syslog severity "${v}" (${SEVERITIES.join(', ')})`);
  return i;
}

function fileSpec(url: string): OutputSpec {
  const rest = url.slice('file:'.length);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  if (path === '') bad(url, 'file: needs a path');
  const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
  for (const k of params.keys()) if (k !== 'size' && k !== 'keep') bad(url, `unknown option "${k}" (size, keep)`);
  const size = params.get('size');
  const keep = params.get('keep');
  if (keep !== null && !/^\d+$/.test(keep)) bad(url, 'keep must be a whole number of rotated files');
  return {
    kind: 'file',
    url,
    path,
    maxBytes: size === null ? DEFAULT_ROTATE_BYTES : parseSize(url, size),
    keep: keep === null ? DEFAULT_KEEP : Number(keep),
  };
}

/** The index is read from the URL as written: the URL parser would percent-encode the braces of %{+...}. */
function elasticSpec(url: string, u: URL): OutputSpec {
  hostPort(url, u);
  const afterScheme = url.indexOf('//') + 2;
  const slash = url.indexOf('/', afterScheme);
  const q = url.indexOf('?', afterScheme);
  const rawPath = slash < 0 || (q >= 0 && q < slash) ? '' : url.slice(slash + 1, q < 0 ? undefined : q);
  const index = rawPath === '' ? DEFAULT_INDEX : rawPath;
  if (index.includes('/') || /[\s"*\\<>|,?#]/.test(index.replace(/%\{\+[^}]*\}/g, ''))) {
    bad(url, 'the index name has a character Elasticsearch does not allow');
  }
  for (const k of u.searchParams.keys()) if (k !== 'ca') bad(url, `unknown option "${k}" (ca)`);
  const ca = u.searchParams.get('ca') ?? undefined;
  const auth = u.username ? `${u.username}:${u.password}@` : '';
  return { kind: 'elasticsearch', url, node: `${u.protocol}//${auth}${u.host}`, index, ...(ca === undefined ? {} : { ca }) };
}

function hostPort(url: string, u: URL): { host: string; port: number } {
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') bad(url, 'needs a host');
  if (u.port === '') bad(url, 'needs a port');
  return { host, port: Number(u.port) };
}

export function parseOutputUrl(url: string): OutputSpec {
  if (url.startsWith('file:')) return fileSpec(url);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    bad(
      url,
      'not a URL (file:PATH, redis://HOST:PORT/KEY, syslog+tcp://HOST:PORT, syslog+udp://…, syslog+tls://…, http(s)://HOST:PORT/INDEX)',
    );
  }
  switch (u.protocol) {
    case 'http:':
    case 'https:':
      return elasticSpec(url, u);
    case 'redis:': {
      hostPort(url, u);
      const key = decodeURIComponent(u.pathname.replace(/^\//, ''));
      if (key === '' || key.includes('/')) bad(url, 'redis needs one list key as its path (redis://HOST:PORT/KEY)');
      const auth = u.password ? `:${u.password}@` : '';
      return { kind: 'redis', url, redisUrl: `redis://${auth}${u.host}`, key };
    }
    case 'syslog+tcp:':
    case 'syslog+udp:':
    case 'syslog+tls:': {
      const { host, port } = hostPort(url, u);
      if (u.pathname !== '' && u.pathname !== '/') bad(url, 'syslog URLs have no path');
      const transport = u.protocol.slice('syslog+'.length, -1) as 'tcp' | 'udp' | 'tls';
      for (const k of u.searchParams.keys()) {
        if (k !== 'facility' && k !== 'severity' && !(k === 'ca' && transport === 'tls')) bad(url, `unknown option "${k}"`);
      }
      const ca = u.searchParams.get('ca') ?? undefined;
      return {
        kind: 'syslog',
        url,
        transport,
        host,
        port,
        facility: facilityOf(url, u.searchParams.get('facility')),
        severity: severityOf(url, u.searchParams.get('severity')),
        ...(ca === undefined ? {} : { ca }),
      };
    }
    default:
      bad(url, `unsupported scheme "${u.protocol}" (file:, redis://, syslog+tcp://, syslog+udp://, syslog+tls://, http://, https://)`);
  }
}
