import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../../../src/intake/http/login-throttle.js';

describe('login throttle', () => {
  it('slows an address past its failures to one checked attempt per window / max, other addresses never', () => {
    let now = 1_000_000;
    const throttle = createLoginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.blockedFor('a')).toBeUndefined();
      throttle.fail('a');
    }
    // One checked attempt now (a wrong one), then 20 s (60 s / 3) of 429s.
    expect(throttle.blockedFor('a')).toBeUndefined();
    throttle.fail('a');
    expect(throttle.blockedFor('a')).toBe(20);
    expect(throttle.blockedFor('b')).toBeUndefined();
    now += 19_500;
    expect(throttle.blockedFor('a')).toBe(1);
    now += 500;
    // The next checked attempt: the right password gets in and clears the address.
    expect(throttle.blockedFor('a')).toBeUndefined();
    throttle.succeed('a');
    expect(throttle.blockedFor('a')).toBeUndefined();
    throttle.fail('a');
    expect(throttle.blockedFor('a')).toBeUndefined();
  });

  it('forgets an address a window after its last failure', () => {
    let now = 0;
    const throttle = createLoginThrottle({ maxFailures: 1, windowMs: 10_000, now: () => now });
    throttle.fail('a');
    expect(throttle.blockedFor('a')).toBeUndefined();
    expect(throttle.blockedFor('a')).toBe(10);
    now += 10_000;
    expect(throttle.blockedFor('a')).toBeUndefined();
  });

  it('remembers a bounded number of addresses', () => {
    const throttle = createLoginThrottle({ maxFailures: 1, maxAddresses: 2 });
    for (const address of ['a', 'b', 'c']) throttle.fail(address);
    expect(throttle.blockedFor('a')).toBeUndefined();
    // 'c' is remembered: its one checked attempt, then 429s.
    expect(throttle.blockedFor('c')).toBeUndefined();
    expect(throttle.blockedFor('c')).toBe(60);
  });
});
