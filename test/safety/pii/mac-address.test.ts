import { describe, expect, it } from 'vitest';
import { findMacAddresses } from '../../../src/safety/pii/mac-address.js';

const found = (text: string) => findMacAddresses(text).map((s) => [s.text, s.confidence]);

describe('findMacAddresses', () => {
  it('finds colon, hyphen and dotted forms', () => {
    expect(found('The laptop 00:1A:2B:3C:4D:5E and a4-5e-60-c2-1b-3f')).toEqual([
      ['00:1A:2B:3C:4D:5E', 0.85],
      ['a4-5e-60-c2-1b-3f', 0.85],
    ]);
    expect(found('switch port 001a.2b3c.4d5e up')).toEqual([['001a.2b3c.4d5e', 0.75]]);
  });
  it('reports digit-only addresses only after a MAC cue', () => {
    expect(found('MAC address: 10-20-30-40-50-60')).toEqual([['10-20-30-40-50-60', 0.85]]);
    expect(found('Lottery 10-20-30-40-50-60 drawn')).toEqual([]);
  });
  it('ignores broadcast, zero, IPv6, times and longer runs', () => {
    expect(found('FF:FF:FF:FF:FF:FF and 00:00:00:00:00:00')).toEqual([]);
    expect(found('fe80::1a2b:3c4d, 12:30:45, 00:1A:2B:3C:4D:5E:6F, 00:1A:2B-3C:4D:5E')).toEqual([]);
    expect(found('colour #a4a5a6, hash deadbeefcafe, 1234.5678.9012')).toEqual([]);
  });
});
