import { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

const link = urlPayJob({ AMOUNT: 89000 });

describe('worker: status checks poll until paid', () => {
  let h: Harness;
  // Waits for the job's own result (`total` results at least): payment events publish results of their own besides.
  const resultOf = async (jobId: string, total: number): Promise<JobResult | undefined> => {
    let found: JobResult | undefined;
    await waitUntil(
      async () => {
        found = (await h.waitForResults(total)).find((r) => r.sourceJobId === jobId);
        return found !== undefined;
      },
      { timeoutMs: 20_000, message: `the result of ${jobId}` },
    );
    return found;
  };
  const createLink = async (billNo: string, total: number) => {
    const id = await h.producer.enqueueUrlPay({ ...link, BILL_NO: billNo });
    const result = await resultOf(id, total);
    return String(result?.response?.URLKEY);
  };

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.startWorker({
      STATUS_POLL_INTERVAL_MS: '80',
      STATUS_POLL_TIMEOUT_MS: '60000',
      RETRY_ATTEMPTS: '2',
    });
  });
  afterAll(async () => h.close());

  it('answers EA01 until the link is paid, then ends paid without using attempts', async () => {
    const urlKey = await createLink('POLL-1', 1);
    await h.simulator.control.resetRequests();
    const id = await h.producer.enqueueStatusCheck({ URLKEY: urlKey });
    await sleep(600);
    const polls = await h.simulator.control.requests({ endpoint: '/api/urlcert' });
    expect(polls.length).toBeGreaterThanOrEqual(3);
    expect(polls.every((p) => p.resultCode === 'EA01')).toBe(true);
    await h.simulator.control.pay({ URLKEY: urlKey });
    const result = await resultOf(id, 2);
    expect(result).toMatchObject({
      kind: 'status',
      ok: true,
      code: '0000',
      paymentStatus: 'paid',
      attempts: 1,
    });
    expect(result?.response?.AMOUNT).toBe('89000');
    const job = await Job.fromId(h.queue(queueNames.status), id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBe(1);
  });

  it('reports a cancelled payment as cancelled, not paid (paycert by TID)', async () => {
    const urlKey = await createLink('CANCEL-1', 3);
    const paid = await h.simulator.control.pay({ URLKEY: urlKey });
    await h.simulator.control.cancel({ TID: paid.payment.TID });
    const id = await h.producer.enqueueStatusCheck({ TID: paid.payment.TID });
    const result = await resultOf(id, 4);
    expect(result).toMatchObject({ ok: false, code: 'CANCELLED', paymentStatus: 'cancelled' });
    expect(result?.response?.CANCELDATE).toBeTruthy();
  });

  it('an unknown TID is a failure retried like any other non-0000 code', async () => {
    const id = await h.producer.enqueueStatusCheck({ TID: 'NOSUCHTID00000000000' });
    const result = await resultOf(id, 5);
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    expect(result?.code).not.toBe('EA01');
  });
});

describe('worker: status polling gives up at its deadline', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    await h.startWorker({ STATUS_POLL_INTERVAL_MS: '50', STATUS_POLL_TIMEOUT_MS: '500' });
  });
  afterAll(async () => h.close());

  it('ends with ok:false and code EA01 after STATUS_POLL_TIMEOUT_MS', async () => {
    const id = await h.producer.enqueueUrlPay({ ...link, BILL_NO: 'NEVER-PAID' });
    const [created] = await h.waitForResults(1);
    expect(created?.sourceJobId).toBe(id);
    const started = Date.now();
    const statusId = await h.producer.enqueueStatusCheck({ URLKEY: String(created?.response?.URLKEY) });
    const result = (await h.waitForResults(2)).find((r) => r.sourceJobId === statusId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(result).toMatchObject({ ok: false, code: 'EA01', paymentStatus: 'unpaid', attempts: 1 });
    const job = await Job.fromId(h.queue(queueNames.status), statusId);
    expect(await job?.getState()).toBe('failed');
  });
});
