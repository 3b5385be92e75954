import { describe, expect, it } from 'vitest';
import { accessModeOf, sameSecret } from '../../../../src/intake/http/auth.js';
import { redactSecrets } from '../../../../src/shared/secrets.js';

const base = {
  boardAuth: 'on' as const,
  boardReadOnly: false,
  notificationBodyLimitBytes: 1,
  uploadMaxBytes: 1,
};

describe('board access', () => {
  it('is basic auth with both credentials, closed without them, open only with BOARD_AUTH=off', () => {
    expect(accessModeOf({ ...base, boardUsername: 'u', boardPassword: 'p' })).toEqual({
      type: 'basic',
      username: 'u',
      password: 'p',
    });
    expect(accessModeOf({ ...base, boardUsername: 'u' })).toEqual({ type: 'closed' });
    expect(accessModeOf(base)).toEqual({ type: 'closed' });
    expect(accessModeOf({ ...base, boardAuth: 'off' })).toEqual({ type: 'open' });
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('masks ApiKey, TOKEN and pay2_key at any depth, whatever the casing', () => {
    expect(
      redactSecrets({ URLKEY: 'k', ApiKey: 's', list: [{ token: 't' }], deep: { pay2_key: 'x', AMOUNT: 1 } }),
    ).toEqual({
      URLKEY: 'k',
      ApiKey: '[redacted]',
      list: [{ token: '[redacted]' }],
      deep: { pay2_key: '[redacted]', AMOUNT: 1 },
    });
    expect(redactSecrets('plain')).toBe('plain');
  });
});
