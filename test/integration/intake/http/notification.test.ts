import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { notificationJobId } from '../../../../src/contract/notification-job.js';
import type { NotificationResult } from '../../../../src/contract/result-schema.js';
import { notificationAnswer, notificationPath } from '../../../../src/intake/http/notification-route.js';
import { urlPayJob } from '../../../fixtures/jobs.js';
import { createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';
import { isResultOf } from '../../../helpers/result-kinds.js';
import { sleep } from '../../../helpers/wait.js';

const link = urlPayJob({ AMOUNT: 25000 });

describe('http: POST /cookiepay/notification → verification job', () => {
  let h: HttpHarness;
  let app: FastifyInstance;
  let resultCount = 0;

  const nextResult = async (sourceJobId?: string): Promise<NotificationResult> => {
    resultCount += 1;
    const results = await h.waitForResults(resultCount);
    const found = results
      .filter(isResultOf('notification'))
      .find((r) => !sourceJobId || r.sourceJobId === sourceJobId);
    if (!found) throw new Error(`no notification result ${sourceJobId ?? ''}`);
    return found;
  };
  const createPaidLink = async (billNo: string, notify: boolean) => {
    await h.producer.enqueueUrlPay({ ...link, BILL_NO: billNo }, { jobId: billNo });
    resultCount += 1;
    const results = await h.waitForResults(resultCount);
    const urlKey = String(results.find((r) => r.sourceJobId === billNo)?.response?.URLKEY);
    await h.simulator.control.setNotificationUrl(notify ? `${await appUrl()}${notificationPath}` : null);
    const paid = await h.simulator.control.pay({ URLKEY: urlKey });
    return { urlKey, payment: paid.payment, notification: paid.notification };
  };
  let listening: string | undefined;
  const appUrl = async () => {
    listening ??= await app.listen({ host: '127.0.0.1', port: 0 });
    return listening;
  };
  const notiBody = (payment: { TID: string; AMOUNT: string; ORDERNO: string }, urlKey: string) => ({
    API_ID: 'test-shop',
    ORDERNO: payment.ORDERNO,
    AMOUNT: payment.AMOUNT,
    TID: payment.TID,
    PAY_METHOD: 'CARD',
    SMS_INPUT: urlKey,
    ACCEPT_NO: '12345678',
  });
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: notificationPath,
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
    app = await h.app();
    await h.startWorker({ RETRY_ATTEMPTS: '2' });
  });
  afterAll(async () => h.close());

  it('verifies the notification the simulator sends for a paid link', async () => {
    const { payment, notification } = await createPaidLink('NOTI-OK-1', true);
    expect(notification).toMatchObject({ delivered: true, status: 200 });
    const result = await nextResult();
    expect(result).toMatchObject({
      kind: 'notification',
      sourceQueue: 'cookiepay-notifications',
      ok: true,
      code: '0000',
      verified: true,
      paymentStatus: 'paid',
    });
    expect(result.response?.TID).toBe(payment.TID);
    const job = await h.queues.notifications.getJob(result.sourceJobId);
    expect(job?.data).toEqual({
      type: 'approval',
      TID: payment.TID,
      AMOUNT: payment.AMOUNT,
      URLKEY: payment.URLKEY,
      ORDERNO: payment.ORDERNO,
    });
    expect(result.sourceJobId).toMatch(/^noti-approval-[0-9a-f]{32}$/);
  });

  it('answers 200 <RESULT>SUCCESS</RESULT> at once, and a forged TID is not verified (paycert, final)', async () => {
    const response = await post({ TID: 'FORGED0000000001', AMOUNT: '25000', ORDERNO: 'x' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(notificationAnswer);
    const result = await nextResult();
    expect(result).toMatchObject({ ok: false, verified: false, code: 'E006', attempts: 1 });
  });

  it('does not verify a notification whose AMOUNT differs from the payment', async () => {
    const { payment, urlKey } = await createPaidLink('NOTI-AMT-1', false);
    const response = await post({ ...notiBody(payment, urlKey), AMOUNT: '100' });
    expect(response.statusCode).toBe(200);
    const result = await nextResult();
    expect(result).toMatchObject({
      ok: false,
      verified: false,
      code: 'AMOUNT_MISMATCH',
      paymentStatus: 'paid',
    });
  });

  it('does not verify a notification for a link that was not paid (EA01, not polled)', async () => {
    await h.producer.enqueueUrlPay({ ...link, BILL_NO: 'NOTI-UNPAID' }, { jobId: 'NOTI-UNPAID' });
    resultCount += 1;
    const results = await h.waitForResults(resultCount);
    const urlKey = String(results.find((r) => r.sourceJobId === 'NOTI-UNPAID')?.response?.URLKEY);
    await post({ TID: 'TIDNOTPAID000001', AMOUNT: '25000', SMS_INPUT: urlKey });
    const result = await nextResult();
    expect(result).toMatchObject({ ok: false, verified: false, code: 'EA01', paymentStatus: 'unpaid' });
  });

  it('makes one job and one result of the same notification posted twice', async () => {
    const { payment, urlKey } = await createPaidLink('NOTI-DUP-1', false);
    const body = notiBody(payment, urlKey);
    const [first, second] = await Promise.all([post(body), post(body)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const result = await nextResult();
    expect(result.verified).toBe(true);
    expect((await post(body)).statusCode).toBe(200);
    await sleep(300);
    const all = (await h.results()).filter((r) => r.sourceJobId === result.sourceJobId);
    expect(all).toHaveLength(1);
    const jobs = await h.queues.notifications.getJobs(['completed', 'wait', 'active', 'delayed', 'failed']);
    expect(jobs.filter((job) => job.data.TID === payment.TID)).toHaveLength(1);
  });

  it('verifies a cancel notification once CookiePay shows the payment cancelled', async () => {
    const { payment } = await createPaidLink('NOTI-CXL-1', false);
    const cancelBody = { noti_type: 'cancel', tid: payment.TID, cancel_amount: payment.AMOUNT };
    await post({ ...cancelBody, cancel_date: '20260101000000' });
    const notCancelled = await nextResult();
    expect(notCancelled).toMatchObject({ verified: false, code: 'NOT_CANCELLED', paymentStatus: 'paid' });
    await h.simulator.control.cancel({ TID: payment.TID });
    await post({ ...cancelBody, cancel_date: '20260101000001' });
    const jobId = notificationJobId(
      { type: 'cancel', TID: payment.TID, AMOUNT: payment.AMOUNT },
      '20260101000001',
    );
    const cancelled = await nextResult(jobId);
    expect(cancelled).toMatchObject({ ok: true, verified: true, paymentStatus: 'cancelled' });
  });

  it('refuses malformed JSON with 400 and a reason', async () => {
    const response = await post('{"TID": "T1", "AMOUNT":');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/JSON/i);
  });

  it('refuses invalid fields with 400 naming each field', async () => {
    const response = await post({ TID: '', AMOUNT: '12a' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('INVALID_NOTIFICATION');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { field: 'TID', reason: 'is required' },
        { field: 'AMOUNT', reason: 'must contain digits only' },
      ]),
    );
    const cancel = await post({ noti_type: 'refund', tid: 'T1' });
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().issues).toEqual([
      { field: 'noti_type', reason: 'must be cancel or deposit_cancel' },
    ]);
  });

  it('refuses a body larger than NOTIFICATION_BODY_LIMIT_BYTES with 413', async () => {
    const response = await post({ TID: 'T1', AMOUNT: '1000', ETC1: 'x'.repeat(4_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
  });
});
