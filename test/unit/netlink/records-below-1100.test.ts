// Records of command-range types (AUDIT_LOGIN 1006, AUDIT_USER 1005) reach the receiver like any other record.

import { describe, expect, it } from 'vitest';
import { AuditClient } from '../../../src/netlink/client.js';
import { NLM_F, encodeMessage, splitDatagram } from '../../../src/netlink/wire.js';
import { FakeKernel } from './fake-kernel.js';

const LOGIN = 'audit(1795272150.506:77): pid=10078 uid=0 old-auid=4294967295 auid=1001 tty=(none) old-ses=4294967295 ses=1105 res=1';

describe('audit records below type 1100', () => {
  it('splitDatagram keeps a LOGIN record (length quirk, seq 0) whole', () => {
    const body = Buffer.from(LOGIN);
    const d = encodeMessage({ type: 1006, flags: 0, seq: 0, pid: 0 }, body);
    d.writeUInt32LE(body.length, 0); // nlmsg_len excludes the header, as kauditd sends it
    const msgs = splitDatagram(d);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe(1006);
    expect(msgs[0]!.payload.toString()).toBe(LOGIN);
  });

  it('a reply of the same type range (seq set) is still framed by its length', () => {
    const a = encodeMessage({ type: 1013, flags: NLM_F.MULTI, seq: 5, pid: 0 }, Buffer.from('abcd'));
    const b = encodeMessage({ type: 1013, flags: NLM_F.MULTI, seq: 5, pid: 0 }, Buffer.from('efgh'));
    expect(splitDatagram(Buffer.concat([a, b])).map((m) => m.payload.toString())).toEqual(['abcd', 'efgh']);
  });

  it('the client hands LOGIN and USER records to the receiver', async () => {
    const k = new FakeKernel();
    const c = await AuditClient.open({ transport: k });
    const ac = new AbortController();
    const seen: string[] = [];
    k.emit(1006, LOGIN);
    k.emit(1005, "audit(1795272150.507:78): pid=1 uid=0 auid=0 ses=1 msg='hello'");
    k.emit(1300, 'audit(1795272150.508:79): syscall=1');
    for await (const batch of c.receive({ signal: ac.signal })) {
      for (const i of batch) if (i.kind === 'message') seen.push(`${i.type} ${i.payload.toString().slice(0, 30)}`);
      if (seen.length >= 3) ac.abort();
    }
    c.close();
    expect(seen).toEqual([
      '1006 audit(1795272150.506:77): pid=',
      '1005 audit(1795272150.507:78): pid=',
      '1300 audit(1795272150.508:79): sysc',
    ]);
  });
});
