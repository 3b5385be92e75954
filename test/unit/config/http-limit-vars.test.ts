import { describe, expect, it } from 'vitest';
import { httpEnvSchema } from '../../../src/config/http-env.js';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';

describe('the HTTP_* limits and METRICS_* credentials', () => {
  it('default to bounded timeouts and caps, 10 failed logins a minute, no metrics credentials', () => {
    const config = loadConfig(httpEnvSchema, {});
    expect(config.METRICS_USERNAME ?? config.METRICS_PASSWORD).toBeUndefined();
    expect(config).toMatchObject({
      HTTP_REQUEST_TIMEOUT_MS: 120_000,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
      HTTP_MAX_CONNECTIONS: 1_024,
      HTTP_MAX_REQUESTS_PER_SOCKET: 1_000,
      HTTP_LOGIN_FAILURES_PER_MINUTE: 10,
    });
  });

  it('read the given values; refuse a zero timeout, naming the variable, and never echo a password', () => {
    const config = loadConfig(httpEnvSchema, {
      HTTP_REQUEST_TIMEOUT_MS: '30000',
      METRICS_USERNAME: ' prometheus ',
      METRICS_PASSWORD: 'scrape',
    });
    expect(config).toMatchObject({
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      METRICS_USERNAME: 'prometheus',
      METRICS_PASSWORD: 'scrape',
    });
    try {
      loadConfig(httpEnvSchema, { HTTP_REQUEST_TIMEOUT_MS: '0', METRICS_PASSWORD: 'hunter2' });
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['HTTP_REQUEST_TIMEOUT_MS']);
      expect(String((error as Error).message)).not.toContain('hunter2');
    }
  });
});
