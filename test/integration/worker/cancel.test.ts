import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { cancelJobId } from '../../../src/contract/job-ids.js';
import { queueNames } from '../../../src/contract/names.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import type { WorkerRuntime } from '../../../src/main/worker-runtime.js';
import { cancelJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { type ResultOfKind, resultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

/**
 * The cancel queue against the simulator: a cancel refunds once however often it is enqueued or retried (the
 * default job id of tid + amount; CookiePay's "already cancelled" is a success; a partial cancel whose answer was
 * lost is not sent again), partial cancels leave the payment partially_cancelled then cancelled, 9029 ends with its
 * own result, and invalid data calls nothing.
 */
describe('cookiepay-cancel', () => {
  let h: Harness;
  let worker: WorkerRuntime | undefined;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await worker?.close();
    await h.close();
  });
  beforeEach(async () => {
    await worker?.close();
    worker = undefined;
    await h.reset();
  });

  const start = async (env: Record<string, string> = {}) => {
    worker = await h.startWorker(env);
  };

  /** A paid card payment of `amount` won in the simulator. */
  const payment = async (amount: number) => {
    const cookiepay = h.cookiepay();
    const link = await cookiepay.urlPay(urlPayJob({ AMOUNT: amount }));
    const { payment } = await h.simulator.control.pay({ URLKEY: String(link.URLKEY) });
    return payment;
  };

  const resultOfJob = async (jobId: string): Promise<ResultOfKind<'cancel'>> =>
    resultOf(
      'cancel',
      await waitUntil(
        async () =>
          (await h.results()).find((result) => result.sourceJobId === jobId && result.kind === 'cancel'),
        { timeoutMs: 15_000, message: `the result of cancel job ${jobId}` },
      ),
    );

  const cancelCalls = async () => h.simulator.control.requests({ endpoint: '/api/cancel' });

  const paymentResults = async (tid: string) =>
    (await h.results()).filter(
      (result): result is Extract<JobResult, { kind: 'payment' }> =>
        result.kind === 'payment' && result.TID === tid,
    );

  /** The payment results about `tid`, once there are `count` of them. */
  const eventsOf = (tid: string, count: number) =>
    waitUntil(
      async () => {
        const found = await paymentResults(tid);
        return found.length >= count ? found : false;
      },
      { timeoutMs: 10_000, message: `${count} payment results about ${tid}` },
    );

  const remainingInPayCert = async (tid: string) => {
    const answer = await h.cookiepay().payCert({ tid });
    return { AMOUNT: answer.AMOUNT, CANCELDATE: answer.CANCELDATE };
  };

  it('cancels a payment in full: one result ok, one /api/cancel call, the payment cancelled', async () => {
    await start();
    const paid = await payment(30_000);
    const id = await h.producer.enqueueCancel(cancelJob({ tid: paid.TID }));
    expect(id).toBe(cancelJobId(paid.TID, undefined));
    const result = await resultOfJob(id);
    expect(result).toMatchObject({
      ok: true,
      code: '0000',
      sourceQueue: queueNames.cancel,
      attempts: 1,
      cancelled: { TID: paid.TID, amount: 30_000, full: true, remaining: 0 },
    });
    expect(result.response).toMatchObject({ cancel_code: '0000', cancel_amt: '30000' });
    expect(await cancelCalls()).toHaveLength(1);
    expect((await remainingInPayCert(paid.TID)).CANCELDATE).not.toBe('');
    const [event] = await eventsOf(paid.TID, 1);
    expect(event).toMatchObject({ to: 'cancelled', source: 'cancel', seenBy: { queue: queueNames.cancel } });
  });

  it('enqueued twice with the default job id (a double click): one job, one call, one result', async () => {
    await start();
    const paid = await payment(12_000);
    const data = cancelJob({ tid: paid.TID, amount: '5000' });
    const first = await h.producer.enqueueCancel(data);
    const second = await h.producer.enqueueCancel({ ...data, amount: 5000 });
    expect(second).toBe(first);
    const result = await resultOfJob(first);
    expect(result).toMatchObject({ ok: true, code: '0000', cancelled: { amount: 5000, remaining: 7000 } });
    await sleep(300);
    expect(await cancelCalls()).toHaveLength(1);
    expect((await h.results()).filter((r) => r.kind === 'cancel')).toHaveLength(1);
  });

  it('a retry after a lost answer finds the payment cancelled already: a success, refunded once', async () => {
    // The first answer takes longer than the client waits; the retry comes after the simulator has cancelled.
    await start({ COOKIEPAY_TIMEOUT_MS: '500', RETRY_BACKOFF_MS: '1000' });
    const paid = await payment(20_000);
    await h.simulator.control.script('/api/cancel', [{ delayMs: 700 }]);
    const result = await resultOfJob(await h.producer.enqueueCancel(cancelJob({ tid: paid.TID })));
    expect(result).toMatchObject({
      ok: true,
      code: 'ALREADY_CANCELLED',
      attempts: 2,
      cancelled: { TID: paid.TID, full: true, remaining: 0 },
    });
    const calls = await cancelCalls();
    expect(calls.map((call) => call.resultCode)).toEqual(['0000', '9010']);
  });

  it('a partial cancel retried after a lost answer is not sent again: paycert shows it applied', async () => {
    await start({ COOKIEPAY_TIMEOUT_MS: '500', RETRY_BACKOFF_MS: '1000' });
    const paid = await payment(20_000);
    await h.simulator.control.script('/api/cancel', [{ delayMs: 700 }]);
    const result = await resultOfJob(
      await h.producer.enqueueCancel(cancelJob({ tid: paid.TID, amount: 4000 })),
    );
    expect(result).toMatchObject({
      ok: true,
      code: 'ALREADY_CANCELLED',
      attempts: 2,
      cancelled: { TID: paid.TID, amount: 4000, full: false, remaining: 16_000 },
    });
    expect(await cancelCalls()).toHaveLength(1);
    expect(await remainingInPayCert(paid.TID)).toEqual({ AMOUNT: '16000', CANCELDATE: '' });
  });

  it('partial then partial: partially_cancelled, then cancelled once nothing remains', async () => {
    await start();
    const paid = await payment(10_000);
    const first = await resultOfJob(
      await h.producer.enqueueCancel(cancelJob({ tid: paid.TID, amount: 3000 })),
    );
    expect(first).toMatchObject({ ok: true, cancelled: { amount: 3000, full: false, remaining: 7000 } });
    expect(await remainingInPayCert(paid.TID)).toEqual({ AMOUNT: '7000', CANCELDATE: '' });
    const events = await eventsOf(paid.TID, 1);
    expect(events[0]).toMatchObject({ to: 'partially_cancelled', amount: 7000, source: 'cancel' });

    // Beyond what remains: CookiePay refuses it (no refund), retried and ends with its code.
    const over = await resultOfJob(
      await h.producer.enqueueCancel(cancelJob({ tid: paid.TID, amount: 8000 }), { attempts: 1 }),
    );
    expect(over).toMatchObject({ ok: false, code: '9011' });

    const second = await resultOfJob(
      await h.producer.enqueueCancel(cancelJob({ tid: paid.TID, amount: 7000 })),
    );
    expect(second).toMatchObject({ ok: true, cancelled: { amount: 7000, full: true, remaining: 0 } });
    expect((await remainingInPayCert(paid.TID)).CANCELDATE).not.toBe('');
    const both = await eventsOf(paid.TID, 2);
    expect(both.map((event) => [event.from, event.to])).toEqual(
      expect.arrayContaining([
        [null, 'partially_cancelled'],
        ['partially_cancelled', 'cancelled'],
      ]),
    );
  });

  it('9029 (settled): its own result telling the operator to refund by deposit, not retried', async () => {
    await start();
    const paid = await payment(15_000);
    await h.simulator.control.settle({ TID: paid.TID });
    const result = await resultOfJob(await h.producer.enqueueCancel(cancelJob({ tid: paid.TID })));
    expect(result).toMatchObject({ ok: false, code: 'SETTLED_REFUND_BY_DEPOSIT', attempts: 1 });
    expect(result.message).toMatch(/9029/);
    expect(result.message).toMatch(/refund the buyer by deposit/);
    expect(result.cancelled).toBeUndefined();
    // One call: an answer about the payment is not sent again with a fresh TOKEN.
    expect(await cancelCalls()).toHaveLength(1);
    expect(await paymentResults(paid.TID)).toEqual([]);
  });

  it('invalid data (no tid, amount "1,000"): INVALID_PAYLOAD naming both, no call', async () => {
    await start();
    const id = 'cancel-invalid-1';
    await h.queue(queueNames.cancel).add('cancel', { reason: '취소', amount: '1,000' }, { jobId: id });
    const result = await resultOfJob(id);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', attempts: 0 });
    expect(result.issues?.map((issue) => issue.field).sort()).toEqual(['amount', 'tid']);
    expect(await cancelCalls()).toHaveLength(0);
  });
});
