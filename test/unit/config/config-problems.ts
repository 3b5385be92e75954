import { expect } from 'vitest';
import { workerEnvSchema } from '../../../src/config/env.js';
import { ConfigError, type EnvSource, loadConfig } from '../../../src/config/load-config.js';

/** The CookiePay credentials every worker configuration needs (no values of any real account). */
export const credentials = { COOKIEPAY_API_ID: 'shop-id', COOKIEPAY_API_KEY: 'shop-key' };

/** The problems a worker configuration of `env` (with credentials) is refused for; fails the test if it is not. */
export const problemsOf = (env: EnvSource) => {
  try {
    loadConfig(workerEnvSchema, { ...credentials, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.unreachable('loadConfig should have thrown a ConfigError');
};
