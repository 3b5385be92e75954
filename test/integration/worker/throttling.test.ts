import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { waitUntil } from '../../helpers/wait.js';

const link = (i: number) => urlPayJob({ PRODUCTNAME: `상품 ${i}`, AMOUNT: 500 + i });

describe('held back by the rate limit: no attempt is lost', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.startWorker({
      COOKIEPAY_RATE_LIMIT_MAX: '4',
      COOKIEPAY_RATE_LIMIT_DURATION_MS: '500',
      RETRY_ATTEMPTS: '1',
    });
  });
  afterAll(async () => h.close());

  it('jobs beyond the limit go back to wait and all end ok on their first attempt', async () => {
    await h.simulator.control.resetRequests();
    await h
      .queue(queueNames.urlpay)
      .addBulk(
        Array.from({ length: 12 }, (_, i) => ({ name: 'link', data: link(i), opts: { jobId: `held-${i}` } })),
      );
    const results = await h.waitForResults(12, 20_000);
    expect(results.every((r) => r.ok && r.attempts === 1)).toBe(true);
    const at = (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).map((r) => r.at);
    expect(at).toHaveLength(12);
    // 4 per 500 ms: 12 calls take at least a second.
    expect(Math.max(...at) - Math.min(...at)).toBeGreaterThanOrEqual(1_000);
  });

  it('an HTTP 429 holds the whole account back for its Retry-After, without using an attempt', async () => {
    await h.simulator.control.resetRequests();
    await h.simulator.control.script('/urlpay/request', [{ httpStatus: 429, retryAfterSeconds: 2 }]);
    await h.queue(queueNames.urlpay).add('link', link(100), { jobId: 'throttled' });
    await waitUntil(async () => (await h.simulator.control.requests()).length >= 1, {
      timeoutMs: 10_000,
      intervalMs: 20,
      message: 'the first (429) request',
    });
    const paid = await h.simulator.control.pay({
      URLKEY: String((await h.waitForResults(12)).find((r) => r.sourceJobId === 'held-0')?.response?.URLKEY),
    });
    await h.queue(queueNames.status).add('check', { TID: paid.payment.TID }, { jobId: 'other-queue' });
    const results = await h.waitForResults(14, 20_000);
    expect(results.find((r) => r.sourceJobId === 'throttled')).toMatchObject({ ok: true, attempts: 1 });
    expect(results.find((r) => r.sourceJobId === 'other-queue')).toMatchObject({
      ok: true,
      paymentStatus: 'paid',
    });
    const requests = await h.simulator.control.requests();
    const first = requests[0];
    expect(first?.status).toBe(429);
    const after = requests.slice(1).map((r) => r.at - (first?.at ?? 0));
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(1_900);
  });
});
