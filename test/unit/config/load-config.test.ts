import { describe, expect, it } from 'vitest';
import { producerEnvSchema, simulatorEnvSchema, workerEnvSchema } from '../../../src/config/env.js';
import { ConfigError, type EnvSource, loadConfig } from '../../../src/config/load-config.js';
import { credentials } from './config-problems.js';

const configErrorOf = (env: EnvSource): ConfigError => {
  try {
    loadConfig(workerEnvSchema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return expect.unreachable('loadConfig should have thrown a ConfigError');
};

describe('loadConfig(workerEnvSchema)', () => {
  it('applies the documented defaults when only the credentials are set', () => {
    const config = loadConfig(workerEnvSchema, credentials);
    expect(config).toMatchObject({
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'bull',
      COOKIEPAY_BASE_URL: 'https://sandbox.cookiepayments.com',
      COOKIEPAY_API_ID: 'shop-id',
      COOKIEPAY_API_KEY: 'shop-key',
      COOKIEPAY_RATE_LIMIT_MAX: 10,
      COOKIEPAY_RATE_LIMIT_DURATION_MS: 1_000,
      RETRY_ATTEMPTS: 5,
      RETRY_BACKOFF_MS: 1_000,
      STATUS_POLL_INTERVAL_MS: 30_000,
      STATUS_POLL_TIMEOUT_MS: 86_400_000,
      SHUTDOWN_TIMEOUT_MS: 30_000,
    });
  });

  it('treats empty strings as unset for string and URL variables', () => {
    const config = loadConfig(workerEnvSchema, {
      ...credentials,
      REDIS_URL: '',
      COOKIEPAY_BASE_URL: '  ',
      QUEUE_PREFIX: '',
    });
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.COOKIEPAY_BASE_URL).toBe('https://sandbox.cookiepayments.com');
    expect(config.QUEUE_PREFIX).toBe('bull');
  });

  it('parses given values, trimming whitespace', () => {
    const config = loadConfig(workerEnvSchema, {
      ...credentials,
      REDIS_URL: 'rediss://cache.internal:6380/2',
      COOKIEPAY_BASE_URL: 'https://www.cookiepayments.com',
      RETRY_ATTEMPTS: ' 7 ',
      COOKIEPAY_RATE_LIMIT_MAX: '3',
      QUEUE_PREFIX: 'shop',
      LOG_LEVEL: 'debug',
    });
    expect(config.REDIS_URL).toBe('rediss://cache.internal:6380/2');
    expect(config.COOKIEPAY_BASE_URL).toBe('https://www.cookiepayments.com');
    expect(config.RETRY_ATTEMPTS).toBe(7);
    expect(config.COOKIEPAY_RATE_LIMIT_MAX).toBe(3);
    expect(config.QUEUE_PREFIX).toBe('shop');
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('returns a frozen object', () => {
    const config = loadConfig(workerEnvSchema, credentials);
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { RETRY_ATTEMPTS: number }).RETRY_ATTEMPTS = 99;
    }).toThrow(TypeError);
    expect(config.RETRY_ATTEMPTS).toBe(5);
  });

  it('names each missing credential', () => {
    const error = configErrorOf({});
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([
      { variable: 'COOKIEPAY_API_ID', reason: 'is required' },
      { variable: 'COOKIEPAY_API_KEY', reason: 'is required' },
    ]);
    expect(error.message).toContain('COOKIEPAY_API_ID is required');
    expect(error.message).toContain('COOKIEPAY_API_KEY is required');
  });

  it('treats a blank credential as missing', () => {
    const error = configErrorOf({ COOKIEPAY_API_ID: '   ', COOKIEPAY_API_KEY: 'shop-key' });
    expect(error.problems).toEqual([{ variable: 'COOKIEPAY_API_ID', reason: 'is required' }]);
  });

  it('never puts a secret value in the message or the problems', () => {
    const apiKey = `SuperSecretKey-${'k'.repeat(60)}`;
    const apiId = `SecretShopId-${'i'.repeat(40)}`;
    const error = configErrorOf({ COOKIEPAY_API_ID: apiId, COOKIEPAY_API_KEY: apiKey });
    expect(error.problems).toEqual([
      { variable: 'COOKIEPAY_API_ID', reason: 'must be at most 30 characters' },
      { variable: 'COOKIEPAY_API_KEY', reason: 'must be at most 50 characters' },
    ]);
    const everything = `${error.message}\n${JSON.stringify(error.problems)}\n${error.stack ?? ''}`;
    expect(everything).not.toContain('SuperSecretKey');
    expect(everything).not.toContain('SecretShopId');
  });

  it('does not echo a password inside an invalid URL', () => {
    const error = configErrorOf({ ...credentials, REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(error.problems).toEqual([
      {
        variable: 'REDIS_URL',
        reason: 'must be a redis://, rediss:// or redis-cluster://host:port[,host:port] URL',
      },
    ]);
    expect(error.message).not.toContain('hunter2');
  });

  it.each([
    ['RETRY_ATTEMPTS', 'abc', 'must be a whole number'],
    ['RETRY_ATTEMPTS', '-1', 'must be a whole number'],
    ['RETRY_ATTEMPTS', '2.5', 'must be a whole number'],
    ['RETRY_ATTEMPTS', '0', 'must be at least 1'],
    ['RETRY_ATTEMPTS', '101', 'must be at most 100'],
    ['RETRY_BACKOFF_MS', '0', 'must be at least 1'],
    ['STATUS_POLL_INTERVAL_MS', '9', 'must be at least 10'],
    ['COOKIEPAY_RATE_LIMIT_MAX', '1e3', 'must be a whole number'],
    ['COOKIEPAY_BASE_URL', 'not a url', 'must be a URL starting with http:// or https://'],
    ['COOKIEPAY_BASE_URL', 'ftp://cookiepayments.com', 'must be a URL starting with http:// or https://'],
    [
      'REDIS_URL',
      'localhost:6379',
      'must be a redis://, rediss:// or redis-cluster://host:port[,host:port] URL',
    ],
    ['QUEUE_PREFIX', 'a:b', 'must not contain ":" or spaces'],
    ['QUEUE_PREFIX', 'a b', 'must not contain ":" or spaces'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
  ])('rejects %s=%j with the variable and reason', (variable, value, reason) => {
    const error = configErrorOf({ ...credentials, [variable]: value });
    expect(error.problems).toEqual([{ variable, reason }]);
    expect(error.message).toContain(`${variable} ${reason}`);
  });

  it('lists every invalid variable at once', () => {
    const error = configErrorOf({ REDIS_URL: 'http://x', RETRY_ATTEMPTS: 'x', QUEUE_PREFIX: 'a:b' });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'COOKIEPAY_API_ID',
      'COOKIEPAY_API_KEY',
      'QUEUE_PREFIX',
      'REDIS_URL',
      'RETRY_ATTEMPTS',
    ]);
  });
});

describe('loadConfig with the other schemas', () => {
  it('producer: needs no credentials and applies the Redis defaults', () => {
    const config = loadConfig(producerEnvSchema, {});
    expect(config).toEqual({
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'bull',
      RETENTION_BATCHES_AGE_S: 7 * 86_400,
      UPLOAD_REPORT_REJECTED_ROWS: 1_000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('simulator: needs the credentials, notification URL optional', () => {
    expect(() => loadConfig(simulatorEnvSchema, {})).toThrow(ConfigError);
    const config = loadConfig(simulatorEnvSchema, credentials);
    expect(config.SIMULATOR_HOST).toBe('127.0.0.1');
    expect(config.SIMULATOR_PORT).toBe(8787);
    expect(config.SIMULATOR_NOTIFICATION_URL).toBeUndefined();
  });
});
