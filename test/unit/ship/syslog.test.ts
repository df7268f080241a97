// syslog+tcp://, syslog+udp:// and syslog+tls:// against a real rsyslogd (Debian's), started here with its own
// configuration, ports and output files; each input writes the MSG part of what it receives to a file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Shipper } from '../../../src/ship/shipper.js';
import { DocBatch } from '../../../src/ship/batch.js';
import { frameBatch, framedLength, syslogHeader, SyslogTransport, UDP_MAX } from '../../../src/ship/syslog.js';
import { parseOutputUrl } from '../../../src/ship/url.js';
import { corpusDocuments, delivery } from './corpus.js';
import { until } from '../../helpers/wait.js';
import { type Rsyslog, rsyslogServer, tempDir, which } from './servers.js';

const missing = which('rsyslogd') ? undefined : 'rsyslogd is not installed (apt-get install rsyslog)';
if (missing) console.log(`SKIPPED syslog output tests: ${missing}`);

describe('RFC 5424 framing', () => {
  it('writes PRI, version, time, host, app, pid, msgid and no structured data before the document', () => {
    const h = syslogHeader(14, 'web 1', 42, new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)));
    expect(h).toBe('<14>1 2026-01-02T03:04:05.006Z web1 tsaudit 42 audit - ');
  });
  it('counts octets, not characters, for every message of a batch', () => {
    const header = Buffer.from(syslogHeader(14, 'h', 1, new Date(0)));
    const docs = ['{"a":"é"}', '{"b":"\u{1F600}x"}', '{}'];
    const framed = frameBatch(header, DocBatch.from(docs), Buffer.alloc(framedLength(header, DocBatch.from(docs))));
    const messages: string[] = [];
    for (let off = 0; off < framed.length;) {
      const space = framed.indexOf(0x20, off);
      const n = Number(framed.toString('latin1', off, space));
      messages.push(framed.toString('utf8', space + 1, space + 1 + n));
      off = space + 1 + n;
    }
    expect(messages).toEqual(docs.map((d) => `${header.toString()}${d}`));
    expect(framed.length).toBe(framedLength(header, DocBatch.from(docs)));
  });
});

describe.skipIf(missing)('syslog outputs (real rsyslogd)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let rsyslog: Rsyslog;
  const docs = corpusDocuments();

  beforeAll(async () => {
    tmp = tempDir('tsaudit-rsyslog-');
    rsyslog = await rsyslogServer(tmp.dir);
    await rsyslog.server.start();
  });

  afterAll(async () => {
    await rsyslog?.server.stop();
    tmp?.remove();
  });

  async function ship(url: string, list: readonly string[]): Promise<Shipper> {
    const spec = parseOutputUrl(url);
    if (spec.kind !== 'syslog') throw new Error(url);
    const lines: string[] = [];
    const shipper = new Shipper([new SyslogTransport(spec)], { batchDocs: 50, report: (l) => lines.push(l) });
    for (const d of list) if (!shipper.write(d)) await shipper.ready();
    await shipper.end();
    expect(lines).toEqual([]);
    return shipper;
  }

  it('syslog+tcp: every event of a corpus file arrives exactly once, whole', async () => {
    await ship(`syslog+tcp://127.0.0.1:${rsyslog.tcpPort}`, docs);
    await until('rsyslog to write every tcp message', () => rsyslog.received('tcp').length >= docs.length);
    const got = rsyslog.received('tcp');
    expect(delivery(docs, got)).toEqual({ missing: [], extra: [] });
    expect(got).toEqual(docs);
  });

  it('syslog+udp: every event of a corpus file arrives exactly once, whole', async () => {
    // Datagrams have no flow control: what the receiver cannot take in time is dropped by the network
    // stack, unseen by the sender. The test paces itself on what rsyslog has written, so that what it checks
    // is tsaudit's side: every event sent once, whole, none missing.
    const spec = parseOutputUrl(`syslog+udp://127.0.0.1:${rsyslog.udpPort}`);
    if (spec.kind !== 'syslog') throw new Error('udp');
    const t = new SyslogTransport(spec);
    for (let i = 0; i < docs.length; i += 50) {
      await t.send(docs.slice(i, i + 50));
      const sent = Math.min(i + 50, docs.length);
      await until(`rsyslog to write ${sent} udp messages`, () => rsyslog.received('udp').length >= sent);
    }
    await t.close();
    await until('rsyslog to write every udp message', () => rsyslog.received('udp').length >= docs.length);
    expect(delivery(docs, rsyslog.received('udp'))).toEqual({ missing: [], extra: [] });
  });

  it('syslog+udp: a document larger than a datagram is dropped and reported, the others still go', async () => {
    const spec = parseOutputUrl(`syslog+udp://127.0.0.1:${rsyslog.udpPort}`);
    if (spec.kind !== 'syslog') throw new Error('udp');
    const big = JSON.stringify({ auditd: { sequence: 1 }, '@timestamp': 'big', x: 'x'.repeat(UDP_MAX) });
    const lines: string[] = [];
    const shipper = new Shipper([new SyslogTransport(spec)], { report: (l) => lines.push(l) });
    shipper.write(big);
    await shipper.end();
    expect(shipper.stats()[0]).toMatchObject({ acknowledged: 0, dropped: 1 });
    expect(lines).toEqual([
      expect.stringMatching(
        /^tsaudit: output syslog\+udp:\/\/127\.0\.0\.1:\d+: dropped one event: message of \d+ bytes does not fit in a UDP datagram/,
      ),
    ]);
  });

  it('syslog+tls: every event of a corpus file arrives exactly once, whole', async (ctx) => {
    if (rsyslog.tlsPort === undefined) {
      console.log('SKIPPED syslog+tls: rsyslog has no gtls driver (apt-get install rsyslog-gnutls) or openssl is missing');
      ctx.skip();
    }
    await ship(`syslog+tls://127.0.0.1:${rsyslog.tlsPort}?ca=${encodeURIComponent(rsyslog.ca!)}`, docs);
    await until('rsyslog to write every tls message', () => rsyslog.received('tls').length >= docs.length);
    expect(delivery(docs, rsyslog.received('tls'))).toEqual({ missing: [], extra: [] });
  });
});
