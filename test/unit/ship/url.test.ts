// --output URL parsing: every form, and a one-line usage error naming the flag and the URL otherwise.

import { describe, expect, it } from 'vitest';
import { isTsauditError } from '../../../src/errors.js';
import { parseOutputUrl } from '../../../src/ship/url.js';

function usage(url: string): string {
  try {
    parseOutputUrl(url);
  } catch (err) {
    if (isTsauditError(err) && err.exitCode === 2) return err.message;
    throw err;
  }
  throw new Error(`accepted ${url}`);
}

describe('parseOutputUrl', () => {
  it('reads file:PATH with rotation defaults and options', () => {
    expect(parseOutputUrl('file:/var/log/a.ndjson')).toEqual({
      kind: 'file',
      url: 'file:/var/log/a.ndjson',
      path: '/var/log/a.ndjson',
      maxBytes: 10 * 1024 * 1024,
      keep: 7,
    });
    expect(parseOutputUrl('file:out.ndjson?size=5M&keep=3')).toMatchObject({ path: 'out.ndjson', maxBytes: 5 * 1024 * 1024, keep: 3 });
    expect(parseOutputUrl('file:x?size=64k')).toMatchObject({ maxBytes: 65536 });
  });
  it('reads redis://HOST:PORT/KEY', () => {
    expect(parseOutputUrl('redis://127.0.0.1:6379/auditbeat')).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6379/auditbeat',
      redisUrl: 'redis://127.0.0.1:6379',
      key: 'auditbeat',
    });
    expect(parseOutputUrl('redis://:s3cret@db:6380/k')).toMatchObject({ redisUrl: 'redis://:s3cret@db:6380', key: 'k' });
  });
  it('reads syslog URLs with facility and severity', () => {
    expect(parseOutputUrl('syslog+tcp://logs:514')).toMatchObject({
      kind: 'syslog',
      transport: 'tcp',
      host: 'logs',
      port: 514,
      facility: 1,
      severity: 6,
    });
    expect(parseOutputUrl('syslog+udp://[::1]:514?facility=authpriv&severity=notice')).toMatchObject({
      transport: 'udp',
      host: '::1',
      facility: 10,
      severity: 5,
    });
    expect(parseOutputUrl('syslog+tls://logs:6514?ca=/etc/ca.pem&facility=local6')).toMatchObject({
      transport: 'tls',
      ca: '/etc/ca.pem',
      facility: 22,
    });
  });
  it('reads http(s)://HOST:PORT[/INDEX] with a date pattern kept as written', () => {
    expect(parseOutputUrl('http://127.0.0.1:9200')).toEqual({
      kind: 'elasticsearch',
      url: 'http://127.0.0.1:9200',
      node: 'http://127.0.0.1:9200',
      index: 'tsaudit-%{+yyyy.MM.dd}',
    });
    expect(parseOutputUrl('https://elastic:pw@es:9200/auditbeat-%{+yyyy.MM.dd}?ca=/ca.pem')).toEqual({
      kind: 'elasticsearch',
      url: 'https://elastic:pw@es:9200/auditbeat-%{+yyyy.MM.dd}?ca=/ca.pem',
      node: 'https://elastic:pw@es:9200',
      index: 'auditbeat-%{+yyyy.MM.dd}',
      ca: '/ca.pem',
    });
    expect(usage('http://es:9200/bad index')).toMatch(/index name has a character/);
  });
  it('refuses what it cannot ship to, naming the flag and the URL', () => {
    expect(usage('kafka://k:9092/t')).toBe(
      'flag --output: unsupported scheme "kafka:" (file:, redis://, syslog+tcp://, syslog+udp://, syslog+tls://, http://, https://): got "kafka://k:9092/t"',
    );
    expect(usage('redis://127.0.0.1:6379')).toMatch(/^flag --output: redis needs one list key/);
    expect(usage('syslog+tcp://host')).toMatch(/^flag --output: needs a port: got "syslog\+tcp:\/\/host"$/);
    expect(usage('syslog+udp://h:514?ca=x')).toMatch(/unknown option "ca"/);
    expect(usage('syslog+tcp://h:514?facility=nope')).toMatch(/unknown syslog facility "nope"/);
    expect(usage('file:')).toMatch(/file: needs a path/);
    expect(usage('file:x?size=12q')).toMatch(/size must be/);
    expect(usage('nonsense')).toMatch(/not a URL/);
  });
});
