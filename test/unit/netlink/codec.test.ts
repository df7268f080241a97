import { describe, expect, it } from 'vitest';
import {
  AUDIT,
  AUDIT_STATUS,
  dangerousChange,
  decodeFeatures,
  decodeStatus,
  encodeRequest,
  encodeSetFeature,
  encodeStatusChange,
  featureState,
} from '../../../src/netlink/codec.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// struct audit_status as this VM's kernel (6.18) sends it: 11 u32, little-endian.
const STATUS_44 = hex(`
  00000000 01000000 01000000 d2040000 64000000 00200000
  07000000 03000000 7f000000 60ea0000 05000000`);

describe('codec: AUDIT_GET (struct audit_status)', () => {
  it('decodes every field of the current struct', () => {
    expect(decodeStatus(STATUS_44)).toEqual({
      mask: 0,
      enabled: 1,
      failure: 1,
      pid: 1234,
      rateLimit: 100,
      backlogLimit: 8192,
      lost: 7,
      backlog: 3,
      featureBitmap: 0x7f,
      backlogWaitTime: 60000,
      backlogWaitTimeActual: 5,
    });
  });

  it.each([
    [32, ['backlog']],
    [36, ['featureBitmap']],
    [40, ['backlogWaitTime']],
  ])('tolerates the %i-byte struct of older kernels', (size, lastFields) => {
    const s = decodeStatus(STATUS_44.subarray(0, size));
    expect(s.lost).toBe(7);
    expect(Object.keys(s).at(-1)).toBe(lastFields[0]);
    expect(s.backlogWaitTimeActual).toBeUndefined();
  });

  it('rejects a reply shorter than the oldest struct', () => {
    expect(() => decodeStatus(STATUS_44.subarray(0, 28))).toThrow(/AUDIT_GET reply too short: got 28 bytes/);
  });

  it('encodes the GET request: header only, no ACK flag', () => {
    expect(encodeRequest(AUDIT.GET, 1, undefined, { ack: false })).toEqual(hex('10000000 e803 0100 01000000 00000000'));
  });
});

describe('codec: AUDIT_SET payloads', () => {
  it('puts several settings in one request with their mask bits', () => {
    const p = encodeStatusChange({ failure: 0, rateLimit: 50, backlogLimit: 320, backlogWaitTime: 1000 });
    expect(p).toEqual(hex(`3a000000 00000000 00000000 00000000 32000000 40010000 00000000 00000000 00000000 e8030000 00000000`));
  });

  it('sets enabled and pid', () => {
    expect(encodeStatusChange({ enabled: 1 }).subarray(0, 8)).toEqual(hex('01000000 01000000'));
    const p = encodeStatusChange({ pid: 4321 });
    expect(p.readUInt32LE(0)).toBe(AUDIT_STATUS.PID);
    expect(p.readUInt32LE(12)).toBe(4321);
  });

  it('resets lost with the LOST bit alone, and refuses to combine it', () => {
    expect(encodeStatusChange({ resetLost: true }).subarray(0, 4)).toEqual(hex('40000000'));
    expect(encodeStatusChange({ resetBacklogWaitTimeActual: true }).subarray(0, 4)).toEqual(hex('80000000'));
    expect(() => encodeStatusChange({ resetLost: true, rateLimit: 1 })).toThrow(/only change/);
    expect(() => encodeStatusChange({})).toThrow(/nothing to change/);
    expect(() => encodeStatusChange({ rateLimit: -1 })).toThrow(/rateLimit: expected an integer/);
  });

  it('a full AUDIT_SET request asks for an ACK', () => {
    const d = encodeRequest(AUDIT.SET, 2, encodeStatusChange({ enabled: 0 }), { ack: true });
    expect(d.subarray(0, 16)).toEqual(hex('3c000000 e903 0500 02000000 00000000'));
    expect(d.length).toBe(60);
  });
});

describe('codec: features', () => {
  it('decodes GET_FEATURE and reads loginuid_immutable', () => {
    const f = decodeFeatures(hex('01000000 ffffffff 02000000 00000000'));
    expect(f).toEqual({ vers: 1, mask: 0xffffffff, features: 2, lock: 0 });
    expect(featureState(f, 'loginuid_immutable')).toEqual({ enabled: true, locked: false });
    expect(featureState(f, 'only_unset_loginuid')).toEqual({ enabled: false, locked: false });
    expect(featureState({ ...f, mask: 1 }, 'loginuid_immutable')).toBeUndefined();
  });

  it('encodes SET_FEATURE for loginuid_immutable, locked like auditctl --loginuid-immutable', () => {
    expect(encodeSetFeature('loginuid_immutable', true, true)).toEqual(hex('01000000 02000000 02000000 02000000'));
    expect(encodeSetFeature('loginuid_immutable', false, false)).toEqual(hex('01000000 02000000 00000000 00000000'));
  });
});

describe('codec: the kernel-test safety guard', () => {
  const req = (type: number, payload: Buffer) => encodeRequest(type, 1, payload, { ack: true });
  it('flags enabled 2, failure 2 and any loginuid_immutable set or lock', () => {
    expect(dangerousChange(req(AUDIT.SET, encodeStatusChange({ enabled: 2 })))).toBe('enabled 2 (immutable)');
    expect(dangerousChange(req(AUDIT.SET, encodeStatusChange({ failure: 2, rateLimit: 1 })))).toBe('failure 2 (panic)');
    expect(dangerousChange(req(AUDIT.SET_FEATURE, encodeSetFeature('loginuid_immutable', true, false)))).toBe('loginuid_immutable');
    expect(dangerousChange(req(AUDIT.SET_FEATURE, encodeSetFeature('loginuid_immutable', false, true)))).toBe('loginuid_immutable');
  });

  it('lets ordinary changes through', () => {
    expect(dangerousChange(req(AUDIT.SET, encodeStatusChange({ enabled: 1, failure: 1 })))).toBeNull();
    // failure field holds 2 but its mask bit is not set: the kernel ignores it
    const p = encodeStatusChange({ rateLimit: 5 });
    p.writeUInt32LE(2, 8);
    expect(dangerousChange(req(AUDIT.SET, p))).toBeNull();
    expect(dangerousChange(req(AUDIT.SET_FEATURE, encodeSetFeature('loginuid_immutable', false, false)))).toBeNull();
    expect(dangerousChange(encodeRequest(AUDIT.GET, 1, undefined, { ack: false }))).toBeNull();
  });
});

describe('codec: rule requests and the dump framing', () => {
  it('LIST_RULES asks without ACK (the ACK would precede the dump)', () => {
    expect(encodeRequest(AUDIT.LIST_RULES, 5, undefined, { ack: false })).toEqual(hex('10000000 f503 0100 05000000 00000000'));
  });

  it('ADD_RULE and DEL_RULE carry the rule bytes, padded, and ask for an ACK', () => {
    const rule = Buffer.from([1, 2, 3, 4, 5, 6]);
    expect(encodeRequest(AUDIT.ADD_RULE, 6, rule, { ack: true })).toEqual(hex('16000000 f303 0500 06000000 00000000 010203040506 0000'));
    expect(encodeRequest(AUDIT.DEL_RULE, 7, rule, { ack: true }).subarray(0, 8)).toEqual(hex('16000000 f403 0500'));
  });

  it('GET_FEATURE and SET_FEATURE requests', () => {
    expect(encodeRequest(AUDIT.GET_FEATURE, 8, undefined, { ack: false })).toEqual(hex('10000000 fb03 0100 08000000 00000000'));
    expect(encodeRequest(AUDIT.SET_FEATURE, 9, encodeSetFeature('loginuid_immutable', false, false), { ack: true })).toEqual(
      hex('20000000 fa03 0500 09000000 00000000 01000000 02000000 00000000 00000000'),
    );
  });
});
