import { describe, expect, it } from 'vitest';
import { enrichedOf, NO_ENRICHED } from '../../../src/audit-fields/enriched.js';

describe('enrichedOf (load_interpretation_list)', () => {
  it('maps lower-case names to the values as written; the first of a name wins', () => {
    const e = enrichedOf('AUID="labuser" UID="root" uid="other" ARCH=x86_64');
    expect([...e]).toEqual([
      ['auid', '"labuser"'],
      ['uid', '"root"'],
      ['arch', 'x86_64'],
    ]);
  });

  it('keeps a SADDR= block whole, braces and spaces included', () => {
    expect(enrichedOf('SADDR={ saddr_fam=inet laddr=10.0.0.1 lport=22 }').get('saddr')).toBe('{ saddr_fam=inet laddr=10.0.0.1 lport=22 }');
    expect(enrichedOf('SADDR={ unclosed').size).toBe(0);
  });

  it('skips tokens without = and gives the shared empty map when nothing is left', () => {
    expect(enrichedOf('  junk  ')).toBe(NO_ENRICHED);
  });
});
