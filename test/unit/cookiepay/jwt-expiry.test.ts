import { describe, expect, it } from 'vitest';
import { decodeJwtExp, tokenExpiry } from '../../../src/cookiepay/token/jwt-expiry.js';

const jwt = (payload: unknown) =>
  [
    Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
    Buffer.from(JSON.stringify(payload)).toString('base64url'),
    'signature',
  ].join('.');

const now = 1_746_686_768_000;
const policy = { safetyMarginMs: 5 * 60_000, fallbackTtlMs: 50 * 60_000 };

describe('decodeJwtExp', () => {
  it('reads exp of a CookiePay-like token without verifying it', () => {
    expect(decodeJwtExp(jwt({ user: 'cookie01', iat: 1746686768, exp: 1746690368 }))).toBe(1746690368);
  });

  it.each([
    ['not a JWT', 'opaque-token-value'],
    ['two parts', 'a.b'],
    ['payload not base64 JSON', 'a.%%%.c'],
    ['no exp', jwt({ iat: 1 })],
    ['exp as a string', jwt({ exp: '1746690368' })],
    ['payload an array', jwt([1, 2])],
    ['empty payload', 'a..c'],
  ])('gives undefined for %s', (_, token) => {
    expect(decodeJwtExp(token)).toBeUndefined();
  });
});

describe('tokenExpiry', () => {
  it('uses exp minus the safety margin', () => {
    const token = jwt({ exp: now / 1000 + 3600 });
    expect(tokenExpiry(token, now, policy)).toEqual({ expiresAt: now + 3600_000 - 300_000, source: 'jwt' });
  });

  it('caps the margin at half the remaining life of a short-lived token', () => {
    const token = jwt({ exp: now / 1000 + 2 });
    expect(tokenExpiry(token, now, policy)).toEqual({ expiresAt: now + 1000, source: 'jwt' });
  });

  it('falls back to the configured TTL without a readable exp', () => {
    expect(tokenExpiry('opaque', now, policy)).toEqual({ expiresAt: now + 50 * 60_000, source: 'fallback' });
  });

  it('keeps a token that looks expired on arrival (clock skew) only briefly', () => {
    const token = jwt({ exp: now / 1000 - 10 });
    expect(tokenExpiry(token, now, policy)).toEqual({
      expiresAt: now + 300_000,
      source: 'expired-on-arrival',
    });
    expect(tokenExpiry(token, now, { safetyMarginMs: 300_000, fallbackTtlMs: 60_000 }).expiresAt).toBe(
      now + 60_000,
    );
  });
});
