import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { isResultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

describe('links followed to their end (track)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.startWorker({ STATUS_POLL_INTERVAL_MS: '50' });
  });
  afterAll(async () => h.close());

  const linkOf = async (jobId: string) => {
    let urlKey = '';
    await waitUntil(
      async () => {
        const result = (await h.results()).find((r) => r.kind === 'urlpay' && r.sourceJobId === jobId);
        urlKey = String(result?.response?.URLKEY ?? '');
        return urlKey !== '';
      },
      { timeoutMs: 10_000, message: `the link of ${jobId}` },
    );
    return urlKey;
  };

  it('a link with track: true becomes a payment result once paid, with no status check from the producer', async () => {
    const tracked = await h.producer.enqueueUrlPay(urlPayJob({ track: true }), { jobId: 'tracked' });
    const untracked = await h.producer.enqueueUrlPay(urlPayJob({ PRODUCTNAME: '따라가지 않음' }), {
      jobId: 'untracked',
    });
    const trackedKey = await linkOf(tracked);
    const untrackedKey = await linkOf(untracked);
    // The worker polls the tracked link (EA01) until it is paid; the notification is dropped.
    await sleep(300);
    await h.simulator.control.pay({ URLKEY: trackedKey, notify: false });
    await h.simulator.control.pay({ URLKEY: untrackedKey, notify: false });
    await waitUntil(async () => (await h.results()).some(isResultOf('payment')), {
      timeoutMs: 10_000,
      message: 'a payment result',
    });
    await sleep(500);
    const payments = (await h.results()).filter(isResultOf('payment'));
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ URLKEY: trackedKey, from: null, to: 'paid', source: 'track' });
    expect(payments[0]?.seenBy.queue).toBe(queueNames.status);
    // The urlpay job's data keeps `track` out of what CookiePay was sent.
    const sent = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    expect(sent.every((entry) => !('track' in (entry.body as object)))).toBe(true);
    const urlcerts = await h.simulator.control.requests({ endpoint: '/api/urlcert' });
    expect(urlcerts.length).toBeGreaterThan(1);
  }, 30_000);
});
