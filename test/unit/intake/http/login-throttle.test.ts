import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../../src/intake/http/login-throttle.js';

describe('login throttle', () => {
  it('blocks an address after its failures until its window ends, other addresses never', () => {
    let now = 1_000_000;
    const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.blockedFor('a')).toBeUndefined();
      throttle.fail('a');
    }
    expect(throttle.blockedFor('a')).toBe(60);
    expect(throttle.blockedFor('b')).toBeUndefined();
    now += 59_500;
    expect(throttle.blockedFor('a')).toBe(1);
    now += 500;
    expect(throttle.blockedFor('a')).toBeUndefined();
  });

  it('remembers a bounded number of addresses', () => {
    const throttle = createLoginThrottle({ maxFailures: 1, maxAddresses: 2 });
    for (const address of ['a', 'b', 'c']) throttle.fail(address);
    expect(throttle.blockedFor('a')).toBeUndefined();
    expect(throttle.blockedFor('c')).toBe(60);
  });
});
