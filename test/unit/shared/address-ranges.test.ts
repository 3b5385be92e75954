import { describe, expect, it } from 'vitest';
import { addressMatcher, parseAddressRanges } from '../../../src/shared/address-ranges.js';

describe('parseAddressRanges', () => {
  it('reads IPv4 and IPv6 addresses and CIDRs, comma-separated; blank is none', () => {
    expect(parseAddressRanges('')).toEqual({ ok: true, ranges: [] });
    expect(parseAddressRanges(' 203.0.113.0/24, 2001:db8::/32 ,198.51.100.7,::1 ')).toEqual({
      ok: true,
      ranges: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32', '::1/128'],
    });
  });

  it('refuses anything else, naming the entry by its position, not its text', () => {
    for (const bad of [
      '203.0.113.0/33',
      'example.com',
      '10.0.0.1/8/9',
      '2001:db8::/129',
      '10.0.0.0/x',
      '1.2.3',
    ])
      expect(parseAddressRanges(`10.0.0.0/8,${bad}`)).toEqual({
        ok: false,
        reason: 'entry 2 is not an IP address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32)',
      });
  });
});

describe('addressMatcher', () => {
  it('matches addresses inside the ranges, IPv4-mapped IPv6 as IPv4', () => {
    const inside = addressMatcher(['203.0.113.0/24', '2001:db8::/32', '198.51.100.7/32']);
    expect(inside('203.0.113.200')).toBe(true);
    expect(inside('::ffff:203.0.113.5')).toBe(true);
    expect(inside('198.51.100.7')).toBe(true);
    expect(inside('2001:db8:1::5')).toBe(true);
    expect(inside('198.51.100.8')).toBe(false);
    expect(inside('203.0.114.1')).toBe(false);
    expect(inside('2001:db9::1')).toBe(false);
    expect(inside('not an address')).toBe(false);
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
  });
});
