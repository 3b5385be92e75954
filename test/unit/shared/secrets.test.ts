import { describe, expect, it } from 'vitest';
import {
  credentialNames,
  isCredentialName,
  isSecretName,
  nameWords,
  redactedValue,
  redactSecrets,
  redactSecretsInText,
  redactValues,
  secretNameMatcher,
  secretNames,
  secretValuesIn,
} from '../../../src/shared/secrets.js';

describe('isSecretName', () => {
  it.each([
    'ApiKey',
    'apikey',
    'APIKEY',
    'api_key',
    'pay2_key',
    'PAY2_KEY',
    'COOKIEPAY_API_KEY',
    'TOKEN',
    'Token',
    'BOARD_PASSWORD',
    'password',
    'authorization',
    'Authorization',
    'cookie',
  ])('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each([
    'access_token',
    'accessToken',
    'API-KEY',
    'x-api-key',
    'X-Api-Key',
    'XAPIKEY',
    'secret',
    'clientSecret',
    'CLIENT_SECRET',
    'bearer',
    'refresh_token',
    'x-auth-token',
    'BOARDPASSWORD',
    'db_passwd',
    'Proxy-Authorization',
    'set-cookie',
    'private_key',
    'aws_secret_access_key',
    'credentials',
  ])('%s is secret by pattern (any casing)', (name) => {
    expect(isSecretName(name)).toBe(true);
    expect(isSecretName(name.toUpperCase())).toBe(true);
    expect(isSecretName(name.toLowerCase())).toBe(true);
  });

  it.each([
    'URLKEY',
    'urlKey',
    'TID',
    'pay2_id',
    'API_ID',
    'ORDERNO',
    'PRODUCTCODE',
    'tokenTtlSeconds',
    'tokens',
    'api_key_id',
    'lockKey',
    'COOKIEPAY_BASE_URL',
    'content-type',
    '',
  ])('%s is not', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('knows every spelling it lists, in any casing', () => {
    for (const name of secretNames) {
      expect(isSecretName(name)).toBe(true);
      expect(isSecretName(name.toUpperCase())).toBe(true);
    }
  });
});

describe('secretNameMatcher', () => {
  it('matches whole names in any casing, and fragments anywhere when given some', () => {
    const strict = secretNameMatcher({ names: ['ApiKey'], fragments: ['token', 'SECRET'] });
    expect(strict('APIKEY')).toBe(true);
    expect(strict('refresh_token')).toBe(true);
    expect(strict('clientSecret')).toBe(true);
    expect(strict('ApiKeyId')).toBe(false);
    expect(strict('URLKEY')).toBe(false);
  });

  it('matches nothing but the names without fragments', () => {
    const exact = secretNameMatcher({ names: ['TOKEN'] });
    expect(exact('token')).toBe(true);
    expect(exact('tokens')).toBe(false);
  });
});

describe('nameWords', () => {
  it('splits at separators and lower-to-upper case, lower-cased', () => {
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('accessToken')).toEqual(['access', 'token']);
    expect(nameWords('URLKEY')).toEqual(['urlkey']);
    expect(nameWords('COOKIEPAY_API_KEY')).toEqual(['cookiepay', 'api', 'key']);
  });
});

describe('secretNameMatcher endings', () => {
  it('matches the last word, or the last two together, by its ending', () => {
    const match = secretNameMatcher({ names: [], endings: ['apikey', 'token'] });
    expect(match('x-api-key')).toBe(true);
    expect(match('XAPIKEY')).toBe(true);
    expect(match('accessToken')).toBe(true);
    expect(match('tokenTtl')).toBe(false);
    expect(match('URLKEY')).toBe(false);
  });
});

describe('isCredentialName', () => {
  it.each(['API_ID', 'api_id', 'ApiKey', 'apikey', 'TOKEN', 'token', 'PAY2_ID', 'pay2_key', 'access_token'])(
    '%s must not be in job data',
    (name) => {
      expect(isCredentialName(name)).toBe(true);
    },
  );

  it.each(['URLKEY', 'TID', 'WAYBILLNO', 'PRODUCTCODE', 'ETC1'])('%s may', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('credentialNames', () => {
  it('are the names job data must not carry, as CookiePay spells them', () => {
    expect(credentialNames).toEqual(['API_ID', 'ApiKey', 'APIKEY', 'TOKEN', 'pay2_id', 'pay2_key']);
  });
});

describe('redactSecrets', () => {
  it('replaces secret-named fields at any depth, in objects and arrays', () => {
    expect(
      redactSecrets({
        URLKEY: 'k',
        ApiKey: 's',
        list: [{ token: 't', n: 1 }, 'plain'],
        deep: { headers: { Authorization: 'Basic x' }, body: { pay2_key: 'p', AMOUNT: 1 } },
      }),
    ).toEqual({
      URLKEY: 'k',
      ApiKey: redactedValue,
      list: [{ token: redactedValue, n: 1 }, 'plain'],
      deep: { headers: { Authorization: redactedValue }, body: { pay2_key: redactedValue, AMOUNT: 1 } },
    });
  });

  it('hides a secret-named field whatever its value holds', () => {
    expect(redactSecrets({ TOKEN: { nested: 'x' }, password: null })).toEqual({
      TOKEN: redactedValue,
      password: redactedValue,
    });
  });

  it('uses the censor given', () => {
    expect(redactSecrets({ pay2_id: 'a', pay2_key: 'b' }, { censor: '***' })).toEqual({
      pay2_id: 'a',
      pay2_key: '***',
    });
  });

  it('leaves the value untouched and returns what holds no secret as it is', () => {
    const clean = { URLKEY: 'k', list: [{ AMOUNT: 1 }] };
    expect(redactSecrets(clean)).toBe(clean);
    const dirty = { URLKEY: 'k', inner: { TOKEN: 't' }, other: { AMOUNT: 1 } };
    const redacted = redactSecrets(dirty) as typeof dirty;
    expect(dirty.inner.TOKEN).toBe('t');
    expect(redacted.other).toBe(dirty.other);
    for (const primitive of ['plain', 1, null, undefined, true])
      expect(redactSecrets(primitive)).toBe(primitive);
  });
});

describe('redactSecrets by pattern', () => {
  it('hides the names the board showed in clear, keeps the contract fields', () => {
    expect(
      redactSecrets({
        TID: 't1',
        URLKEY: 'u1',
        access_token: 'a',
        'x-api-key': 'b',
        password: 'c',
        secret: 'd',
        meta: { accessToken: 'e', bearer: 'f' },
      }),
    ).toEqual({
      TID: 't1',
      URLKEY: 'u1',
      access_token: redactedValue,
      'x-api-key': redactedValue,
      password: redactedValue,
      secret: redactedValue,
      meta: { accessToken: redactedValue, bearer: redactedValue },
    });
  });

  it('survives cycles, and leaves class instances alone with plainOnly', () => {
    const cyclic: Record<string, unknown> = { token: 't' };
    cyclic.self = cyclic;
    expect((redactSecrets(cyclic) as Record<string, unknown>).token).toBe(redactedValue);
    const error = Object.assign(new Error('boom'), { token: 't' });
    expect(redactSecrets({ err: error }, { plainOnly: true })).toEqual({ err: error });
  });
});

describe('secretValuesIn', () => {
  it('gives the non-empty string values of secret-named fields', () => {
    expect(secretValuesIn({ pay2_id: 'shop', pay2_key: 'k', TOKEN: '', ApiKey: 3, token: 't' })).toEqual([
      'k',
      't',
    ]);
  });
});

describe('redactValues', () => {
  it('replaces every occurrence of each value, ignoring empty ones', () => {
    expect(redactValues('k1 then k1 and t2', ['k1', '', 't2'])).toBe(
      `${redactedValue} then ${redactedValue} and ${redactedValue}`,
    );
  });
});

describe('redactSecretsInText', () => {
  it('masks header-style, query-style and JSON-style secrets, keeping the rest', () => {
    const text = redactSecretsInText(
      'failed {"pay2_key":"k-secret","TOKEN": "t-secret","URLKEY":"u"} ApiKey: a-secret token=x-secret',
    );
    expect(text).not.toMatch(/secret/);
    expect(text).toContain('"pay2_key":"[redacted]"');
    expect(text).toContain('"TOKEN": "[redacted]"');
    expect(text).toContain('"URLKEY":"u"');
    expect(text).toContain('ApiKey: [redacted]');
    expect(text).toContain('token=[redacted]');
  });

  it('masks an authorization value with its scheme', () => {
    expect(redactSecretsInText('authorization: Basic dXNlcjpwdw==')).toBe('authorization: [redacted]');
  });

  it("masks a URL's password, keeping the user and the host", () => {
    expect(redactSecretsInText('No Redis answers at rediss://app:s3cr3t@redis.example:6380/0')).toBe(
      'No Redis answers at rediss://app:[redacted]@redis.example:6380/0',
    );
    expect(redactSecretsInText('redis://:pw@h:6379')).toBe('redis://:[redacted]@h:6379');
    expect(redactSecretsInText('redis-cluster://u:pw@h1:7000,h2:7001')).toBe(
      'redis-cluster://u:[redacted]@h1:7000,h2:7001',
    );
  });

  it('leaves text without secrets as it is', () => {
    const text = 'connect ECONNREFUSED 127.0.0.1:6379 (redis://127.0.0.1:6379, user@example.com)';
    expect(redactSecretsInText(text)).toBe(text);
  });
});
