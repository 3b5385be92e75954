import { describe, expect, it } from 'vitest';
import { CookiePayError, sanitizeCause } from '../../../src/cookiepay/errors.js';

describe('sanitizeCause', () => {
  it('masks header-style and JSON-style secrets in messages', () => {
    const cause = sanitizeCause(
      new Error('failed {"pay2_key":"k-secret","TOKEN": "t-secret"} ApiKey: a-secret token=x-secret'),
    );
    expect(cause.message).not.toMatch(/secret/);
    expect(cause.message).toContain('"pay2_key":"[redacted]"');
    expect(cause.message).toContain('ApiKey: [redacted]');
  });

  it('keeps name and code, drops everything else', () => {
    const original = Object.assign(new Error('socket hang up'), {
      name: 'RequestError',
      code: 'ECONNRESET',
      options: { headers: { ApiKey: 'secret' } },
    });
    const cause = sanitizeCause(original);
    expect(cause).toMatchObject({ name: 'RequestError', message: 'socket hang up', code: 'ECONNRESET' });
    expect(cause).not.toHaveProperty('options');
  });
});

describe('CookiePayError', () => {
  it('reports CookiePay result codes, or its own code', () => {
    const result = new CookiePayError('RESULT', 'x', { endpoint: '/api/urlcert', resultCode: 'EA01' });
    expect(result.reportedCode).toBe('EA01');
    expect(new CookiePayError('TIMEOUT', 'x', { endpoint: '/api/urlcert' }).reportedCode).toBe('TIMEOUT');
  });
});
