import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type NotificationRecord, notificationJobId } from '../../../../src/contract/notification-job.js';
import type { NotificationResult } from '../../../../src/contract/result-schema.js';
import type { CookiePay } from '../../../../src/cookiepay/create-cookiepay.js';
import { urlPayFieldsSchema } from '../../../../src/cookiepay/schemas/url-pay.js';
import { notificationAnswer, notificationPath } from '../../../../src/intake/http/notification-route.js';
import type { SimPayment } from '../../../../src/simulator/state.js';
import { urlPayJob } from '../../../fixtures/jobs.js';
import { testAccount } from '../../../helpers/harness.js';
import { createHttpHarness, type HttpHarness } from '../../../helpers/http-harness.js';
import { isResultOf } from '../../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../../helpers/wait.js';

/** Short, so that the tests of "CookiePay does not show it yet" end in seconds: looks at 0, 2 s and 4 s. */
const windowMs = 4_000;

describe('http: POST /cookiepay/notification → kept, then verified by TID', () => {
  let h: HttpHarness;
  let app: FastifyInstance;
  let appUrl: string;
  let cookiepay: CookiePay;

  const notificationResults = async (): Promise<NotificationResult[]> =>
    (await h.results()).filter(isResultOf('notification'));
  /** Waits for `count` notification results matching `which`, and returns them. */
  const resultsWhere = (which: (result: NotificationResult) => boolean, count = 1, timeoutMs = 15_000) =>
    waitUntil(
      async () => {
        const found = (await notificationResults()).filter(which);
        return found.length >= count ? found : false;
      },
      { timeoutMs, message: `${count} notification results` },
    );
  const resultOfJob = async (jobId: string) => (await resultsWhere((r) => r.sourceJobId === jobId))[0];

  /** A paid link at the simulator; `notify` has the simulator POST its notification to our receiver. */
  const paidLink = async (notify = false, amount = 25000) => {
    const { URLKEY } = await cookiepay.urlPay(urlPayFieldsSchema.parse(urlPayJob({ AMOUNT: amount })));
    await h.simulator.control.setNotificationUrl(notify ? `${appUrl}${notificationPath}` : null);
    return h.simulator.control.pay({ URLKEY: URLKEY ?? '' });
  };
  const notiBody = (payment: SimPayment, overrides: Record<string, unknown> = {}) => ({
    API_ID: testAccount.apiId,
    ORDERNO: payment.ORDERNO,
    AMOUNT: payment.AMOUNT,
    TID: payment.TID,
    PAY_METHOD: 'CARD',
    SMS_INPUT: payment.URLKEY,
    ACCEPT_NO: payment.ACCEPTNO,
    ...overrides,
  });
  /** POSTs a body (a string as it is, anything else as JSON) and returns the answer and the job id it maps to. */
  const post = async (
    payload: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const response = await app.inject({ method: 'POST', url: notificationPath, headers, payload: body });
    return { response, jobId: notificationJobId(body) };
  };
  const payCertCalls = async (tid: string) =>
    (await h.simulator.control.requests({ endpoint: '/api/paycert' })).filter(
      (request) => (request.body as { tid?: string }).tid === tid,
    ).length;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
    app = await h.app();
    appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    cookiepay = h.cookiepay();
    await h.startWorker({ RETRY_ATTEMPTS: '2', NOTIFICATION_VERIFY_WINDOW_MS: String(windowMs) });
  });
  beforeEach(async () => {
    await h.simulator.control.clearScript();
    await h.simulator.control.setAssumptions({ notificationEncoding: 'json' });
  });
  afterAll(async () => h.close());

  describe('the notification CookiePay sends', () => {
    for (const encoding of ['json', 'form', 'none'] as const) {
      it(`is kept as received and verified, ${encoding === 'none' ? 'with no content type' : encoding}`, async () => {
        await h.simulator.control.setAssumptions({ notificationEncoding: encoding });
        const { payment, notification } = await paidLink(true);
        expect(notification).toMatchObject({ delivered: true, status: 200 });
        const [result] = await resultsWhere((r) => r.response?.TID === payment.TID);
        expect(result).toMatchObject({
          kind: 'notification',
          sourceQueue: 'cookiepay-notifications',
          ok: true,
          code: '0000',
          verified: true,
          paymentStatus: 'paid',
        });
        expect(result?.sourceJobId).toMatch(/^noti-[0-9a-f]{32}$/);
        const job = await h.queues.notifications.getJob(result?.sourceJobId ?? '');
        const record = job?.data as NotificationRecord;
        expect(record.rawBody).toContain(payment.TID);
        expect(record.contentType).toEqual(
          {
            json: 'application/json; charset=utf-8',
            form: 'application/x-www-form-urlencoded; charset=utf-8',
            none: null,
          }[encoding],
        );
        expect(record.sourceAddress).toMatch(/127\.0\.0\.1$/);
        expect(Date.parse(record.receivedAt)).toBeLessThanOrEqual(Date.now());
        expect(job?.name).toBe('approval');
        expect(result?.sourceJobId).toBe(notificationJobId(record.rawBody));
      });
    }
  });

  it('answers 200 <RESULT>SUCCESS</RESULT> at once; a TID CookiePay does not know is final at the first look', async () => {
    const { response, jobId } = await post({
      API_ID: testAccount.apiId,
      TID: 'FORGED0000000001',
      AMOUNT: '25000',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(notificationAnswer);
    expect(await resultOfJob(jobId)).toMatchObject({ ok: false, verified: false, code: 'E006', attempts: 1 });
    // One look: the call, and its one repeat with a fresh token (any code but 0000 and EA01 suspects the TOKEN).
    expect(await payCertCalls('FORGED0000000001')).toBe(2);
  });

  it('does not verify an AMOUNT other than the payment’s', async () => {
    const { payment } = await paidLink();
    const { jobId } = await post(notiBody(payment, { AMOUNT: '100' }));
    expect(await resultOfJob(jobId)).toMatchObject({
      ok: false,
      verified: false,
      code: 'AMOUNT_MISMATCH',
      paymentStatus: 'paid',
    });
  });

  it('looks again when CookiePay answers EA01 at first, and verifies once it shows the payment', async () => {
    const { payment } = await paidLink();
    await h.simulator.control.script('/api/paycert', [{ resultCode: 'EA01', resultMessage: '결제 미진행' }]);
    const started = Date.now();
    const { jobId } = await post(notiBody(payment));
    expect(await resultOfJob(jobId)).toMatchObject({ ok: true, verified: true, code: '0000', attempts: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(await payCertCalls(payment.TID)).toBe(2);
  });

  it('says verified: false with the last code once the window has passed', async () => {
    const { payment } = await paidLink();
    await h.simulator.control.script(
      '/api/paycert',
      Array.from({ length: 6 }, () => ({ resultCode: 'EA01', resultMessage: '결제 미진행' })),
    );
    const started = Date.now();
    const { jobId } = await post(notiBody(payment));
    const result = await resultOfJob(jobId);
    expect(result).toMatchObject({ ok: false, verified: false, code: 'EA01', paymentStatus: 'unpaid' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(windowMs - 100);
    // Looks at 0, 2 s and the window's end (a fourth when the third came a hair early).
    expect(await payCertCalls(payment.TID)).toBeGreaterThanOrEqual(3);
    expect(await payCertCalls(payment.TID)).toBeLessThanOrEqual(4);
  });

  it('makes one job and one result of the same body posted twice', async () => {
    const { payment } = await paidLink();
    const body = notiBody(payment);
    const [first, second] = await Promise.all([post(body), post(body)]);
    expect([first.response.statusCode, second.response.statusCode]).toEqual([200, 200]);
    expect(first.jobId).toBe(second.jobId);
    expect((await resultOfJob(first.jobId))?.verified).toBe(true);
    expect((await post(body)).response.statusCode).toBe(200);
    await sleep(300);
    expect((await notificationResults()).filter((r) => r.sourceJobId === first.jobId)).toHaveLength(1);
    const jobs = await h.queues.notifications.getJobs(['completed', 'wait', 'active', 'delayed', 'failed']);
    expect(jobs.filter((job) => (job.data as NotificationRecord).rawBody.includes(payment.TID))).toHaveLength(
      1,
    );
  });

  it('does not verify "01000" again after a verified 1000: same fact, DUPLICATE naming the first', async () => {
    const { payment } = await paidLink(false, 1000);
    const first = await post(notiBody(payment, { AMOUNT: '1000' }));
    expect(await resultOfJob(first.jobId)).toMatchObject({ verified: true });
    const again = await post(notiBody(payment, { AMOUNT: '01000' }));
    expect(again.jobId).not.toBe(first.jobId);
    expect(await resultOfJob(again.jobId)).toMatchObject({
      ok: false,
      verified: false,
      code: 'DUPLICATE',
      duplicateOf: first.jobId,
      paymentStatus: 'paid',
    });
  });

  it('gives five cancels with different cancel_date strings one verified cancel, and keeps the approval apart', async () => {
    const { payment } = await paidLink();
    const approval = await post(notiBody(payment));
    expect(await resultOfJob(approval.jobId)).toMatchObject({ verified: true, paymentStatus: 'paid' });
    await h.simulator.control.cancel({ TID: payment.TID });
    const dates = ['20260101120000', '2026-01-01 12:00:00', '20260101', '2026.01.01', ''];
    const cancels = await Promise.all(
      dates.map((cancel_date) =>
        post({ noti_type: 'cancel', tid: payment.TID, cancel_amount: payment.AMOUNT, cancel_date }),
      ),
    );
    const results = await Promise.all(cancels.map(({ jobId }) => resultOfJob(jobId)));
    expect(results.filter((r) => r?.verified)).toHaveLength(1);
    expect(results.filter((r) => r?.code === 'DUPLICATE')).toHaveLength(4);
    expect(results.every((r) => r?.paymentStatus === 'cancelled')).toBe(true);
  });

  it('looks again at a cancel CookiePay does not show yet, and verifies it once cancelled', async () => {
    const { payment } = await paidLink();
    const { jobId } = await post({ noti_type: 'cancel', tid: payment.TID, cancel_date: '20260101000000' });
    await sleep(500);
    await h.simulator.control.cancel({ TID: payment.TID });
    expect(await resultOfJob(jobId)).toMatchObject({ ok: true, verified: true, paymentStatus: 'cancelled' });
  });

  it('does not verify a cancel of an amount CookiePay does not show', async () => {
    const { payment } = await paidLink();
    await h.simulator.control.cancel({ TID: payment.TID });
    const { jobId } = await post({ noti_type: 'cancel', tid: payment.TID, cancel_amount: '1' });
    expect(await resultOfJob(jobId)).toMatchObject({ verified: false, code: 'AMOUNT_MISMATCH' });
  });

  it('a forged notification sent first (right TID and AMOUNT, bogus SMS_INPUT) cannot stop the genuine one', async () => {
    const { URLKEY } = await cookiepay.urlPay(urlPayFieldsSchema.parse(urlPayJob({ AMOUNT: 25000 })));
    await h.simulator.control.setNotificationUrl(null);
    const { payment } = await h.simulator.control.pay({ URLKEY: URLKEY ?? '' });
    // A forgery with the wrong AMOUNT first: unverified, it records nothing.
    const wrong = await post(notiBody(payment, { AMOUNT: '24000', SMS_INPUT: 'BOGUS-KEY' }));
    expect(await resultOfJob(wrong.jobId)).toMatchObject({ verified: false, code: 'AMOUNT_MISMATCH' });
    // Then one that tells the truth CookiePay confirms, with a bogus URLKEY: looked up by TID, not by the URLKEY.
    const forged = await post(notiBody(payment, { SMS_INPUT: 'BOGUS-KEY', ORDERNO: 'forged' }));
    expect(await resultOfJob(forged.jobId)).toMatchObject({ verified: true });
    // The genuine one is a job of its own (never mapped onto the forgery's), processed, and not verified twice.
    const genuine = await post(notiBody(payment));
    expect(genuine.jobId).not.toBe(forged.jobId);
    expect(await resultOfJob(genuine.jobId)).toMatchObject({ code: 'DUPLICATE', duplicateOf: forged.jobId });
    const verified = (await notificationResults()).filter(
      (r) => r.verified && r.response?.TID === payment.TID,
    );
    expect(verified).toHaveLength(1);
  });

  it('keeps an unreadable body as a failed job with its raw body and the reasons, answered 200, one result', async () => {
    const raw = '{"TID": "T1", "AMOUNT":';
    const { response, jobId } = await post(raw);
    expect(response.statusCode).toBe(200);
    expect(await resultOfJob(jobId)).toMatchObject({
      ok: false,
      verified: false,
      code: 'INVALID_PAYLOAD',
      attempts: 0,
      issues: [{ field: '(body)', reason: 'is not valid JSON' }],
    });
    const job = await h.queues.notifications.getJob(jobId);
    if (!job) throw new Error('the unreadable notification was not kept');
    expect(await job.getState()).toBe('failed');
    expect(job.name).toBe('unreadable');
    expect((job.data as NotificationRecord).rawBody).toBe(raw);
    expect(job.failedReason).toMatch(/is not valid JSON/);
    // Retried from the board (after a fix, it could be read), it is read again: a run of its own, with a result of
    // its own (here INVALID_PAYLOAD again), never dropped as a repeat of the first run's.
    await job.retry();
    await waitUntil(
      async () => (await notificationResults()).filter((r) => r.sourceJobId === jobId).length === 2,
      { timeoutMs: 10_000, message: "the retried notification's own result" },
    );
    await sleep(300);
    const results = (await notificationResults()).filter((r) => r.sourceJobId === jobId);
    expect(results.map((r) => r.code)).toEqual(['INVALID_PAYLOAD', 'INVALID_PAYLOAD']);
    expect(await job.getState()).toBe('failed');
  });

  it('never answers SUCCESS and then loses a notification the old HTTP check let through', async () => {
    const { payment } = await paidLink();
    // Informational fields of any length are read and verified (200-character ORDERNO, 60-character SMS_INPUT).
    const long = await post(notiBody(payment, { ORDERNO: 'O'.repeat(200), SMS_INPUT: 'K'.repeat(60) }));
    expect(long.response.statusCode).toBe(200);
    expect(await resultOfJob(long.jobId)).toMatchObject({ verified: true });
    // What cannot be read is kept, failed, with the reason.
    const comma = await post({ noti_type: 'cancel', tid: payment.TID, cancel_amount: '1,000' });
    expect(comma.response.statusCode).toBe(200);
    expect(await resultOfJob(comma.jobId)).toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [
        { field: 'cancel_amount', reason: 'must contain digits only (no sign, comma or decimal point)' },
      ],
    });
    expect(await (await h.queues.notifications.getJob(comma.jobId))?.getState()).toBe('failed');
  });

  it('refuses a notification naming another API_ID without asking CookiePay', async () => {
    const { payment } = await paidLink();
    const { jobId } = await post(notiBody(payment, { API_ID: 'another-shop' }));
    expect(await resultOfJob(jobId)).toMatchObject({ ok: false, verified: false, code: 'FOREIGN_ACCOUNT' });
    expect(await payCertCalls(payment.TID)).toBe(0);
  });

  it('coalesces the notifications of one TID verified at once into one paycert call', async () => {
    const { payment } = await paidLink();
    const posted = await Promise.all(
      Array.from({ length: 5 }, (_, i) => post(notiBody(payment, { ETC1: `copy-${i}` }))),
    );
    expect(new Set(posted.map(({ jobId }) => jobId)).size).toBe(5);
    const results = await Promise.all(posted.map(({ jobId }) => resultOfJob(jobId)));
    expect(await payCertCalls(payment.TID)).toBe(1);
    expect(results.filter((r) => r?.verified)).toHaveLength(1);
    expect(results.filter((r) => r?.code === 'DUPLICATE')).toHaveLength(4);
  });

  it('refuses a body larger than NOTIFICATION_BODY_LIMIT_BYTES with 413', async () => {
    const { response } = await post({ TID: 'T1', AMOUNT: '1000', ETC1: 'x'.repeat(4_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
  });
});
