import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import { defaultRetention } from '../../../src/contract/retention.js';
import { createRedisConnection } from '../../../src/redis/connection.js';
import type { RedisClient } from '../../../src/redis/redis-client.js';
import { type PaymentObservation, paymentEvents } from '../../../src/worker/payment-events.js';
import { resultPublisher } from '../../../src/worker/publish-result.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { isResultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

const seen = (overrides: Partial<PaymentObservation>): PaymentObservation => ({
  TID: 'T-events-1',
  state: 'paid',
  amount: 39000,
  source: 'status',
  observedAt: new Date().toISOString(),
  sourceQueue: queueNames.status,
  sourceJobId: 'job-1',
  ...overrides,
});

describe('payment events', () => {
  let h: Harness;
  const connections: RedisClient[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  beforeEach(async () => {
    await h.reset();
    await h.queues.results.obliterate({ force: true });
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit()));
    await h.close();
  });

  /** Payment events as one more process would have them: a Redis connection and a publisher of its own. */
  const process = () => {
    const connection = createRedisConnection(inject('redisUrl'), 'worker');
    connections.push(connection);
    return paymentEvents({
      redis: connection,
      prefix: h.prefix,
      publish: resultPublisher(h.queues.results, defaultRetention.results),
    });
  };
  const payments = async () => (await h.results()).filter(isResultOf('payment'));

  it('publishes one result when many processes observe the same change at once', async () => {
    const processes = Array.from({ length: 8 }, process);
    const outcomes = await Promise.all(
      processes.flatMap((events, i) =>
        Array.from({ length: 5 }, (_, j) => events.observe(seen({ sourceJobId: `job-${i}-${j}` }))),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'changed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'same')).toHaveLength(39);
    await sleep(200);
    const published = await payments();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      kind: 'payment',
      code: 'PAYMENT_CHANGED',
      TID: 'T-events-1',
      from: null,
      to: 'paid',
      amount: 39000,
      source: 'status',
    });
  });

  it('ignores a state that goes backwards (cancelled, then paid from a stale look)', async () => {
    const events = process();
    expect(await events.observe(seen({ state: 'paid' }))).toBe('changed');
    expect(await events.observe(seen({ state: 'cancelled', source: 'reconcile' }))).toBe('changed');
    expect(await events.observe(seen({ state: 'paid', source: 'notification' }))).toBe('stale');
    expect(await events.observe(seen({ state: 'unpaid' }))).toBe('stale');
    await sleep(200);
    const published = await payments();
    expect(published.map(({ from, to }) => [from, to])).toEqual(
      expect.arrayContaining([
        [null, 'paid'],
        ['paid', 'cancelled'],
      ]),
    );
    expect(published).toHaveLength(2);
  });

  it('lets a virtual account whose deadline passed become unpaid', async () => {
    const events = process();
    expect(await events.observe(seen({ state: 'awaiting_deposit' }))).toBe('changed');
    expect(await events.observe(seen({ state: 'unpaid' }))).toBe('changed');
  });

  it('follows a link by its URLKEY until its TID is known, then by the TID', async () => {
    const events = process();
    expect(await events.observe(seen({ TID: undefined, URLKEY: 'U-1', state: 'unpaid' }))).toBe('changed');
    expect(await events.observe(seen({ TID: 'T-linked', URLKEY: 'U-1', state: 'paid' }))).toBe('changed');
    // By the URLKEY alone, the TID's state is the one compared.
    expect(await events.observe(seen({ TID: undefined, URLKEY: 'U-1', state: 'paid' }))).toBe('same');
    expect(await events.observe(seen({ TID: 'T-linked', state: 'cancelled' }))).toBe('changed');
    await sleep(200);
    const published = await payments();
    expect(published.map(({ TID, URLKEY, from, to }) => ({ TID, URLKEY, from, to }))).toEqual(
      expect.arrayContaining([
        { TID: undefined, URLKEY: 'U-1', from: null, to: 'unpaid' },
        { TID: 'T-linked', URLKEY: 'U-1', from: 'unpaid', to: 'paid' },
        { TID: 'T-linked', URLKEY: undefined, from: 'paid', to: 'cancelled' },
      ]),
    );
    expect(published).toHaveLength(3);
  });

  it('puts the state back when the result cannot be published, so the change is published later', async () => {
    const connection = createRedisConnection(inject('redisUrl'), 'worker');
    connections.push(connection);
    let fail = true;
    const publish = resultPublisher(h.queues.results, defaultRetention.results);
    const events = paymentEvents({
      redis: connection,
      prefix: h.prefix,
      publish: async (result, id) => {
        if (fail) throw new Error('results queue unreachable');
        await publish(result, id);
      },
    });
    await expect(events.observe(seen({}))).rejects.toThrow('results queue unreachable');
    fail = false;
    expect(await events.observe(seen({}))).toBe('changed');
  });

  it('a status check reports what CookiePay said to the payment events', async () => {
    await h.startWorker();
    const link = await h.cookiepay().urlPay(urlPayJob());
    const URLKEY = link.URLKEY ?? '';
    const { payment } = await h.simulator.control.pay({ URLKEY, notify: false });
    await h.producer.enqueueStatusCheck({ URLKEY });
    await h.producer.enqueueStatusCheck({ TID: payment.TID }, { jobId: 'status-by-tid' });
    await waitUntil(async () => (await h.results()).filter(isResultOf('status')).length === 2, {
      timeoutMs: 10_000,
      message: 'two status results',
    });
    await sleep(200);
    const published = await payments();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ TID: payment.TID, from: null, to: 'paid', source: 'status' });
  });
});
