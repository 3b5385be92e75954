import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CookiePayLogger } from '../../../src/cookiepay/logger.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, keysMatching, testAccount } from '../../helpers/harness.js';
import { rejectionOf } from '../../helpers/rejection-of.js';
import { sleep } from '../../helpers/wait.js';

const { apiKey } = testAccount;

/** A link paid on the harness's simulator, and its TID. */
const paidPayment = async (harness: Harness) => {
  const link = await harness.cookiepay().urlPay(urlPayJob());
  const URLKEY = String(link.URLKEY);
  const { payment } = await harness.simulator.control.pay({ URLKEY });
  await harness.simulator.control.resetRequests();
  return { URLKEY, TID: payment.TID };
};

describe('one token shared by every process', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(inject('redisUrl'));
  });
  beforeEach(() => harness.reset());
  afterAll(() => harness.close());

  it('200 concurrent calls from 4 instances on separate Redis connections make exactly one token request', async () => {
    const { URLKEY, TID } = await paidPayment(harness);
    const instances = [1, 2, 3, 4].map(() => harness.cookiepay());
    const calls = Array.from({ length: 200 }, (_, i) => {
      const cookiepay = instances[i % 4];
      if (!cookiepay) throw new Error('no instance');
      return i % 2 === 0 ? cookiepay.urlCert({ URLKEY }) : cookiepay.payCert({ tid: TID });
    });
    const answers = await Promise.all(calls);
    expect(answers.every((answer) => answer.RESULTCODE === '0000' && answer.TID === TID)).toBe(true);
    expect(await harness.tokenRequests()).toBe(1);
    const keys = instances[0]?.tokenKeys;
    expect(await harness.redis.pttl(String(keys?.tokenKey))).toBeGreaterThan(50 * 60_000);
    expect(await harness.redis.exists(String(keys?.lockKey))).toBe(0);
  });

  it('a process uses the token another one stored, and then its local copy without Redis', async () => {
    const { URLKEY } = await paidPayment(harness);
    const first = harness.cookiepay();
    const second = harness.cookiepay();
    await first.urlCert({ URLKEY });
    await second.urlCert({ URLKEY });
    expect(await harness.tokenRequests()).toBe(1);
    // With the Redis copy gone, the local copy still serves (no new token request).
    await harness.redis.del(second.tokenKeys.tokenKey);
    await second.urlCert({ URLKEY });
    expect(await harness.tokenRequests()).toBe(1);
  });

  it('a token revoked on the server is recovered from with one new token request', async () => {
    const { URLKEY } = await paidPayment(harness);
    const cookiepay = harness.cookiepay();
    await cookiepay.urlCert({ URLKEY });
    const revoked = await harness.redis.get(cookiepay.tokenKeys.tokenKey);
    await harness.simulator.control.revokeTokens();
    expect(await cookiepay.urlCert({ URLKEY })).toMatchObject({ RESULTCODE: '0000' });
    expect(await harness.tokenRequests()).toBe(2);
    const certs = await harness.simulator.control.requests({ endpoint: '/api/urlcert' });
    expect(certs.map((entry) => entry.resultCode)).toEqual(['0000', 'E005', '0000']);
    const current = await harness.redis.get(cookiepay.tokenKeys.tokenKey);
    expect(current).toBeTruthy();
    expect(current).not.toBe(revoked);
  });

  it('after a revocation, 4 instances with 100 concurrent calls fetch exactly one new token', async () => {
    const { URLKEY } = await paidPayment(harness);
    const instances = [1, 2, 3, 4].map(() => harness.cookiepay());
    await Promise.all(instances.map((cookiepay) => cookiepay.urlCert({ URLKEY })));
    await harness.simulator.control.revokeTokens();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => instances[i % 4]?.urlCert({ URLKEY })),
    );
    expect(answers.every((answer) => answer?.RESULTCODE === '0000')).toBe(true);
    expect(await harness.tokenRequests()).toBe(2);
  });

  it('a failed token fetch surfaces as RESULT E003 on /payAuth/token, caches nothing and frees the lock', async () => {
    const cookiepay = harness.cookiepay({ apiKey: 'wrong-key' });
    const error = await rejectionOf(cookiepay.urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'RESULT', endpoint: '/payAuth/token', resultCode: 'E003' });
    expect(await harness.redis.exists(cookiepay.tokenKeys.tokenKey, cookiepay.tokenKeys.lockKey)).toBe(0);
    expect(await harness.simulator.control.requests({ endpoint: '/api/urlcert' })).toEqual([]);
  });

  it('waits for a lock whose owner died and takes it when it expires', async () => {
    const { URLKEY } = await paidPayment(harness);
    const cookiepay = harness.cookiepay();
    await harness.redis.set(cookiepay.tokenKeys.lockKey, 'a-dead-process', 'PX', 400);
    const started = Date.now();
    await cookiepay.urlCert({ URLKEY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(await harness.tokenRequests()).toBe(1);
  });

  it('gives up with TIMEOUT after its bounded wait', async () => {
    const cookiepay = harness.cookiepay({ tokenWaitTimeoutMs: 200 });
    await harness.redis.set(cookiepay.tokenKeys.lockKey, 'a-slow-process', 'PX', 10_000);
    const error = await rejectionOf(cookiepay.urlCert({ URLKEY: 'UK-1' }));
    expect(error).toMatchObject({ code: 'TIMEOUT', endpoint: '/payAuth/token' });
    expect(await harness.tokenRequests()).toBe(0);
    expect(await harness.redis.get(cookiepay.tokenKeys.lockKey)).toBe('a-slow-process');
  });

  it('keys hold neither the API ID nor the key, and logs never hold the key or the token', async () => {
    const lines: string[] = [];
    const record = (fields: Record<string, unknown>, message: string) => {
      lines.push(`${message} ${JSON.stringify(fields)}`);
    };
    const logger: CookiePayLogger = { debug: record, info: record, warn: record };
    const { URLKEY } = await paidPayment(harness);
    const cookiepay = harness.cookiepay({ logger });
    await cookiepay.urlCert({ URLKEY });
    await harness.simulator.control.revokeTokens();
    await cookiepay.urlCert({ URLKEY });
    const keys = await keysMatching(harness.redis, `${harness.prefix}:*`);
    expect(keys).toEqual([cookiepay.tokenKeys.tokenKey]);
    const prefix = harness.prefix.replace(/[{}]/g, '\\$&');
    expect(keys[0]).toMatch(new RegExp(`^${prefix}:cookiepay:\\{token:[0-9a-f]{16}\\}$`));
    const token = String(await harness.redis.get(cookiepay.tokenKeys.tokenKey));
    expect(lines.length).toBeGreaterThan(3);
    const logged = lines.join('\n');
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain(token);
    expect(logged).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });
});

describe('token expiry', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(inject('redisUrl'), { tokenTtlSeconds: 2 });
  });
  afterAll(() => harness.close());

  it('an expired cached token is refreshed before CookiePay has to reject it', async () => {
    const { URLKEY } = await paidPayment(harness);
    const first = harness.cookiepay();
    await first.urlCert({ URLKEY });
    const pttl = await harness.redis.pttl(first.tokenKeys.tokenKey);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(1_000);
    await sleep(1_100);
    await first.urlCert({ URLKEY });
    await harness.cookiepay().urlCert({ URLKEY });
    expect(await harness.tokenRequests()).toBe(2);
    const certs = await harness.simulator.control.requests({ endpoint: '/api/urlcert' });
    expect(certs.map((entry) => entry.resultCode)).toEqual(['0000', '0000', '0000']);
  });
});
