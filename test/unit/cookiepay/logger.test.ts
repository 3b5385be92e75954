import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type CookiePayLogger, silentLogger } from '../../../src/cookiepay/logger.js';

describe('CookiePayLogger', () => {
  it('is satisfied by a pino logger (checked by the compiler)', () => {
    const logger: CookiePayLogger = pino({ enabled: false });
    expect(() => logger.info({ endpoint: '/api/urlcert' }, 'message')).not.toThrow();
  });

  it('has a silent default', () => {
    expect(() => silentLogger.warn({}, 'nothing')).not.toThrow();
  });
});
