import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** `203.0.113.0/24`, `2001:db8::/32`: an address range in CIDR notation, as a configuration writes it. */
export type AddressRange = string;

export type AddressRangesParse = { ok: true; ranges: AddressRange[] } | { ok: false; reason: string };

const rangeOf = (entry: string): AddressRange | undefined => {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return undefined;
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (family === 0) return undefined;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return undefined;
  return `${address}/${Number(prefix)}`;
};

/**
 * Comma-separated IPv4 and IPv6 addresses or CIDR ranges (`203.0.113.0/24, 2001:db8::/32, 198.51.100.7`); blank is
 * none. A single address is its own /32 or /128. Pure; the reason names the entry by its position, never its text.
 */
export const parseAddressRanges = (text: string): AddressRangesParse => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const ranges: AddressRange[] = [];
  for (const [index, entry] of entries.entries()) {
    const range = rangeOf(entry);
    if (range === undefined) {
      return {
        ok: false,
        reason: `entry ${index + 1} is not an IP address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32)`,
      };
    }
    ranges.push(range);
  }
  return { ok: true, ranges };
};

/** An IPv4 address as Node may report it on a dual-stack socket (`::ffff:203.0.113.9`), unmapped. */
const unmapped = (address: string): string => {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
};

/** Tells whether an address lies in one of the ranges (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export const addressMatcher = (ranges: readonly AddressRange[]): ((address: string) => boolean) => {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = '', prefix = ''] = range.split('/');
    list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const plain = unmapped(address);
    if (isIPv4(plain)) return list.check(plain, 'ipv4');
    if (isIPv6(plain)) return list.check(plain, 'ipv6');
    return false;
  };
};
