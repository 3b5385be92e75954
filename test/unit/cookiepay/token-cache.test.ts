import { describe, expect, it } from 'vitest';
import {
  decideWhileWaiting,
  fromRedis,
  isFresh,
  pollDelayMs,
  redisTtlMs,
  tokenKeys,
} from '../../../src/cookiepay/token/token-cache.js';

const now = 1_000_000;

describe('tokenKeys', () => {
  it('builds prefix + cookiepay:{token: + a short hash} (one cluster slot with its lock), and a lock key', () => {
    const keys = tokenKeys('bull', 'https://sandbox.cookiepayments.com', 'cookie01');
    expect(keys.tokenKey).toMatch(/^bull:cookiepay:\{token:[0-9a-f]{16}\}$/);
    expect(keys.lockKey).toBe(`${keys.tokenKey}:lock`);
  });

  it('differs per base URL and per API ID, ignores a trailing slash, and contains neither', () => {
    const a = tokenKeys('bull', 'https://sandbox.cookiepayments.com', 'cookie01').tokenKey;
    expect(tokenKeys('bull', 'https://sandbox.cookiepayments.com/', 'cookie01').tokenKey).toBe(a);
    expect(tokenKeys('bull', 'https://www.cookiepayments.com', 'cookie01').tokenKey).not.toBe(a);
    expect(tokenKeys('bull', 'https://sandbox.cookiepayments.com', 'cookie02').tokenKey).not.toBe(a);
    expect(a).not.toContain('cookie01');
    expect(a).not.toContain('sandbox');
  });

  it('works without a prefix', () => {
    expect(tokenKeys('', 'http://x', 'id').tokenKey).toMatch(/^cookiepay:\{token:[0-9a-f]{16}\}$/);
  });
});

describe('token cache decisions', () => {
  it('a token is fresh strictly before its expiry', () => {
    expect(isFresh({ token: 't', expiresAt: now + 1 }, now)).toBe(true);
    expect(isFresh({ token: 't', expiresAt: now }, now)).toBe(false);
    expect(isFresh(undefined, now)).toBe(false);
  });

  it('reads Redis GET + PTTL', () => {
    expect(fromRedis('t', 5000, now)).toEqual({ token: 't', expiresAt: now + 5000 });
    expect(fromRedis(null, -2, now)).toBeUndefined();
    expect(fromRedis('t', -1, now)).toBeUndefined();
    expect(fromRedis('', 5000, now)).toBeUndefined();
  });

  it('stores with the remaining life as PX, at least 1 ms', () => {
    expect(redisTtlMs(now + 2500.2, now)).toBe(2501);
    expect(redisTtlMs(now - 10, now)).toBe(1);
  });

  it('while waiting: uses a token, takes a vanished lock, waits, then gives up', () => {
    const deadline = now + 1000;
    const token = { token: 't', expiresAt: now + 60_000 };
    expect(decideWhileWaiting({ cached: token, lockHeld: true, now, deadline })).toBe('use-token');
    expect(decideWhileWaiting({ cached: undefined, lockHeld: false, now, deadline })).toBe('take-lock');
    expect(decideWhileWaiting({ cached: undefined, lockHeld: true, now, deadline })).toBe('keep-waiting');
    expect(decideWhileWaiting({ cached: undefined, lockHeld: true, now: deadline, deadline })).toBe(
      'give-up',
    );
    const stale = { token: 't', expiresAt: now };
    expect(decideWhileWaiting({ cached: stale, lockHeld: false, now, deadline })).toBe('take-lock');
  });

  it('polls every 20–50 ms', () => {
    expect(pollDelayMs(0)).toBe(20);
    expect(pollDelayMs(0.999)).toBe(49);
  });
});
