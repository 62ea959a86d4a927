import { describe, expect, it } from 'vitest';
import { findIpAddresses } from '../../../src/safety/pii/ip-address.js';

const texts = (text: string) => findIpAddresses(text).map((s) => s.text);

describe('findIpAddresses', () => {
  it('finds IPv4 addresses and rejects out-of-range octets', () => {
    expect(texts('from 192.168.1.20 and 10.0.0.1. Not 256.1.1.1 or 1.2.3.4.5')).toEqual(['192.168.1.20', '10.0.0.1']);
  });
  it('finds full, compressed and IPv4-tailed IPv6 addresses', () => {
    expect(texts('hosts 2001:0db8:85a3:0000:0000:8a2e:0370:7334, fe80::1 and ::ffff:192.0.2.1 up')).toEqual([
      '2001:0db8:85a3:0000:0000:8a2e:0370:7334',
      'fe80::1',
      '::ffff:192.0.2.1',
    ]);
  });
  it('rates a dotted quad after a version word below what reports count, and higher after an address word', () => {
    const confidence = (text: string) => findIpAddresses(text).map((s) => s.confidence);
    expect(confidence('Updated to version 1.2.3.4 today')).toEqual([0.2]);
    expect(confidence('the app v1.2.3.4 crashes')).toEqual([0.2]);
    expect(confidence('My IP is 10.0.0.1')).toEqual([0.9]);
    expect(confidence('Logs show 172.16.5.4 repeatedly')).toEqual([0.8]);
  });

  it('ignores times and invalid IPv6', () => {
    expect(texts('at 12:30:45, ratio 1:2, bad 1::2::3')).toEqual([]);
  });
});
