import { describe, expect, it } from 'vitest';
import { workerEnvSchema } from '../../../src/config/env.js';
import { addressRangesVar, shareVar } from '../../../src/config/env-fields.js';
import { httpEnvSchema } from '../../../src/config/http-env.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { credentials, problemsOf } from './config-problems.js';

describe('the NOTIFICATION_* variables and HTTP_TRUST_PROXY', () => {
  it('default to a 5-minute window, a 20% share, 600 per minute and address, no allowlist, no proxy', () => {
    expect(loadConfig(workerEnvSchema, credentials)).toMatchObject({
      NOTIFICATION_VERIFY_WINDOW_MS: 300_000,
      NOTIFICATION_RATE_SHARE: 0.2,
      NOTIFICATION_RATE_LIMIT_PER_MINUTE: 600,
      NOTIFICATION_ALLOWED_IPS: [],
      HTTP_TRUST_PROXY: [],
      NOTIFICATION_BODY_LIMIT_BYTES: 16_384,
    });
  });

  it('read the given values', () => {
    const config = loadConfig(workerEnvSchema, {
      ...credentials,
      NOTIFICATION_VERIFY_WINDOW_MS: '0',
      NOTIFICATION_RATE_SHARE: '0.5',
      NOTIFICATION_RATE_LIMIT_PER_MINUTE: '0',
      NOTIFICATION_ALLOWED_IPS: '203.0.113.0/24, 2001:db8::/32',
      HTTP_TRUST_PROXY: '10.0.0.1',
    });
    expect(config).toMatchObject({
      NOTIFICATION_VERIFY_WINDOW_MS: 0,
      NOTIFICATION_RATE_SHARE: 0.5,
      NOTIFICATION_RATE_LIMIT_PER_MINUTE: 0,
      NOTIFICATION_ALLOWED_IPS: ['203.0.113.0/24', '2001:db8::/32'],
      HTTP_TRUST_PROXY: ['10.0.0.1/32'],
    });
  });

  it('refuse a share that is not a number in (0, 1], naming the variable and not the value', () => {
    for (const bad of ['20%', 'abc', '0', '1.5', '-0.1', '0.2.1', '1e-1'])
      expect(problemsOf({ NOTIFICATION_RATE_SHARE: bad })).toEqual([
        { variable: 'NOTIFICATION_RATE_SHARE', reason: 'must be a number above 0 and at most 1 (e.g. 0.2)' },
      ]);
    expect(
      loadConfig(workerEnvSchema, { ...credentials, NOTIFICATION_RATE_SHARE: '1' }).NOTIFICATION_RATE_SHARE,
    ).toBe(1);
  });

  it('refuse a bad CIDR at load, naming the variable', () => {
    expect(problemsOf({ NOTIFICATION_ALLOWED_IPS: '203.0.113.0/24,cookiepay.com' })).toEqual([
      {
        variable: 'NOTIFICATION_ALLOWED_IPS',
        reason: 'entry 2 is not an IP address or CIDR range (e.g. 203.0.113.0/24 or 2001:db8::/32)',
      },
    ]);
    expect(problemsOf({ HTTP_TRUST_PROXY: '10.0.0.0/40' })[0]?.variable).toBe('HTTP_TRUST_PROXY');
  });

  it('cap the body limit at what a notification record holds', () => {
    expect(problemsOf({ NOTIFICATION_BODY_LIMIT_BYTES: '2000000' })).toEqual([
      { variable: 'NOTIFICATION_BODY_LIMIT_BYTES', reason: 'must be at most 1048576' },
    ]);
  });

  it('reach the HTTP server alone too (no worker variables there)', () => {
    const config = loadConfig(httpEnvSchema, { NOTIFICATION_ALLOWED_IPS: '::1' });
    expect(config).toMatchObject({
      NOTIFICATION_ALLOWED_IPS: ['::1/128'],
      NOTIFICATION_RATE_LIMIT_PER_MINUTE: 600,
    });
    expect(config).not.toHaveProperty('NOTIFICATION_RATE_SHARE');
  });
});

describe('shareVar / addressRangesVar', () => {
  it('default when unset or blank', () => {
    expect(shareVar(0.3).parse(undefined)).toBe(0.3);
    expect(shareVar(0.3).parse(' ')).toBe(0.3);
    expect(shareVar(0.3).parse('.25')).toBe(0.25);
    expect(addressRangesVar().parse(undefined)).toEqual([]);
    expect(addressRangesVar().parse(' , ')).toEqual([]);
  });
});
