import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createCookiePay } from '../../../src/cookiepay/create-cookiepay.js';
import { CookiePayError } from '../../../src/cookiepay/errors.js';
import type { RequestGate } from '../../../src/cookiepay/request-gate.js';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { freePort } from '../../helpers/find-redis.js';
import { createHarness, type Harness, testAccount } from '../../helpers/harness.js';
import { rejectionOf } from '../../helpers/rejection-of.js';

const { apiId, apiKey } = testAccount;
const validUrlPay = urlPayJob();
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness(inject('redisUrl'));
});
beforeEach(() => harness.reset());
afterAll(() => harness.close());

/** A gate that records what the transport asks of it. */
const recordingGate = () => {
  const acquired: string[] = [];
  const throttled: number[] = [];
  const gate: RequestGate = {
    acquire: async (endpoint) => {
      acquired.push(endpoint);
      return { left: () => {} };
    },
    throttle: async (ms) => {
      throttled.push(ms);
    },
  };
  return { gate, acquired, throttled };
};

/** Neither the ApiKey nor any token the simulator issued may appear in what an error shows. */
const expectNoSecrets = async (error: Error) => {
  const tokens = (await harness.simulator.control.requests({ endpoint: '/payAuth/token' })).length;
  const shown = `${error.message} ${JSON.stringify(error)} ${String(error.cause)} ${JSON.stringify(error.cause)}`;
  expect(shown).not.toContain(apiKey);
  expect(shown).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  const token = await harness.redis.get(harness.cookiepay().tokenKeys.tokenKey);
  if (token) expect(shown).not.toContain(token);
  return tokens;
};

describe('faults map to error codes', () => {
  it('a non-0000 result code → RESULT with code, message and response', async () => {
    // Twice: on a TOKEN call, any code but 0000 and EA01 costs one token refresh and one repeat (client.ts).
    const answer = { resultCode: 'E777', resultMessage: '일시 오류' };
    await harness.simulator.control.script('/api/urlcert', [answer, answer]);
    const error = await rejectionOf(harness.cookiepay().urlCert({ URLKEY: 'UK-1' }));
    expect(await harness.tokenRequests()).toBe(2);
    expect(error).toBeInstanceOf(CookiePayError);
    expect(error).toMatchObject({ code: 'RESULT', resultCode: 'E777', resultMessage: '일시 오류' });
    expect(error.message).toBe('CookiePay /api/urlcert answered E777: 일시 오류');
    await expectNoSecrets(error);
  });

  it('HTTP 500 → HTTP_STATUS', async () => {
    await harness.simulator.control.script('/urlpay/request', [{ httpStatus: 500 }]);
    const error = await rejectionOf(harness.cookiepay().urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', httpStatus: 500, endpoint: '/urlpay/request' });
    await expectNoSecrets(error);
  });

  it('HTTP 500 on the token request → HTTP_STATUS on /payAuth/token', async () => {
    await harness.simulator.control.script('/payAuth/token', [{ httpStatus: 500 }]);
    const error = await rejectionOf(harness.cookiepay().payCert({ tid: 'T1' }));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', endpoint: '/payAuth/token' });
  });

  it('HTTP 401 on a call without TOKEN → HTTP_STATUS', async () => {
    await harness.simulator.control.script('/urlpay/request', [{ httpStatus: 401 }]);
    const error = await rejectionOf(harness.cookiepay().urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', httpStatus: 401 });
  });

  it('HTTP 401 on a TOKEN call is recovered from with one new token', async () => {
    const cookiepay = harness.cookiepay();
    await harness.simulator.control.script('/api/paycert', [{ httpStatus: 401 }]);
    const error = await rejectionOf(cookiepay.payCert({ tid: 'NO-SUCH-TID' }));
    // The retry reached the real handler: an unknown TID, not a token problem.
    expect(error).toMatchObject({ code: 'RESULT', endpoint: '/api/paycert' });
    expect(await harness.tokenRequests()).toBe(2);
  });

  it('HTTP 401/403 twice on a TOKEN call → TOKEN_REJECTED', async () => {
    await harness.simulator.control.script('/api/urlcert', [{ httpStatus: 401 }, { httpStatus: 403 }]);
    const error = await rejectionOf(harness.cookiepay().urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'TOKEN_REJECTED', httpStatus: 403, endpoint: '/api/urlcert' });
    expect(await harness.tokenRequests()).toBe(2);
    await expectNoSecrets(error);
  });

  it('429 with Retry-After → RATE_LIMITED with retryAfterMs, and the gate is throttled', async () => {
    const { gate, acquired, throttled } = recordingGate();
    await harness.simulator.control.script('/api/urlcert', [{ retryAfterSeconds: 7 }]);
    const error = await rejectionOf(harness.cookiepay({ gate }).urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: 7000 });
    expect(throttled).toEqual([7000]);
    expect(acquired).toEqual(['/payAuth/token', '/api/urlcert']);
  });

  it("the simulator's own rate limit → RATE_LIMITED with its Retry-After", async () => {
    const { gate, throttled } = recordingGate();
    const cookiepay = harness.cookiepay({ gate });
    await harness.simulator.control.setRateLimit({ max: 1, durationMs: 60_000 });
    await cookiepay.urlPay(validUrlPay);
    const error = await rejectionOf(cookiepay.urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(throttled).toEqual([error.retryAfterMs]);
  });

  it('an answer slower than the configured timeout → TIMEOUT', async () => {
    await harness.simulator.control.script('/urlpay/request', [{ delayMs: 2_000 }]);
    const started = Date.now();
    const error = await rejectionOf(harness.cookiepay({ timeoutMs: 300 }).urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'TIMEOUT', endpoint: '/urlpay/request' });
    expect(Date.now() - started).toBeLessThan(1_500);
    await expectNoSecrets(error);
  });

  it('a dropped connection → NETWORK', async () => {
    await harness.simulator.control.script('/escro/delivery_add', [{ drop: true }]);
    const error = await rejectionOf(
      harness.cookiepay().deliveryAdd(deliveryJob({ TID: 'T1', AMOUNT: '100' })),
    );
    expect(error).toMatchObject({ code: 'NETWORK', endpoint: '/escro/delivery_add' });
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.cause).not.toHaveProperty('options');
    await expectNoSecrets(error);
  });

  it('an HTML page → INVALID_RESPONSE', async () => {
    await harness.simulator.control.script('/api/urlcert', [{ body: 'html' }]);
    const error = await rejectionOf(harness.cookiepay().urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', httpStatus: 200, endpoint: '/api/urlcert' });
  });

  it('broken JSON → INVALID_RESPONSE', async () => {
    await harness.simulator.control.script('/payAuth/token', [{ body: 'invalid-json' }]);
    const error = await rejectionOf(harness.cookiepay().urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', endpoint: '/payAuth/token' });
  });

  it('JSON without the result code → INVALID_RESPONSE', async () => {
    await harness.simulator.control.script('/urlpay/request', [{ httpStatus: 200, body: { URLKEY: 'x' } }]);
    const error = await rejectionOf(harness.cookiepay().urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(error.message).toBe('CookiePay /urlpay/request answered without RESULTCODE');
  });

  it('connection refused → NETWORK', async () => {
    const cookiepay = createCookiePay({
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      apiId,
      apiKey,
      redis: harness.redis,
      keyPrefix: harness.prefix,
    });
    const error = await rejectionOf(cookiepay.urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'NETWORK', endpoint: '/urlpay/request' });
    expect(error.message).toContain('ECONNREFUSED');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(apiKey);
  });
});

describe('the request gate', () => {
  it('is asked before every request, token requests included', async () => {
    const { gate, acquired } = recordingGate();
    const cookiepay = harness.cookiepay({ gate });
    const link = await cookiepay.urlPay(validUrlPay);
    await rejectionOf(cookiepay.urlCert({ URLKEY: String(link.URLKEY) }));
    await rejectionOf(cookiepay.payCert({ tid: 'T-1' }));
    // The unknown TID's E006 suspects the token: one refresh and one repeat, each through the gate.
    expect(acquired).toEqual([
      '/urlpay/request',
      '/payAuth/token',
      '/api/urlcert',
      '/api/paycert',
      '/payAuth/token',
      '/api/paycert',
    ]);
  });

  it('lets a RATE_LIMITED from acquire through, sending nothing', async () => {
    const held = new CookiePayError('RATE_LIMITED', 'account limit reached', {
      endpoint: '/urlpay/request',
      retryAfterMs: 250,
    });
    const gate: RequestGate = { acquire: () => Promise.reject(held), throttle: async () => {} };
    await expect(harness.cookiepay({ gate }).urlPay(validUrlPay)).rejects.toBe(held);
    expect(await harness.simulator.control.requests()).toEqual([]);
  });
});
