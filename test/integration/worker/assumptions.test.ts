import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliveryJobId } from '../../../src/contract/job-ids.js';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { notificationPath } from '../../../src/intake/http/notification-route.js';
import {
  type AssumptionProfile,
  assumptionProfileNames,
  resolveAssumptions,
} from '../../../src/simulator/assumptions.js';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHttpHarness, type HttpHarness } from '../../helpers/http-harness.js';
import { type ResultOfKind, resultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';

/**
 * The worker's main flows under every assumption profile of the simulator (docs/simulator.md): links, status checks
 * (a card and a virtual account), deliveries (with a repeat after a lost answer), notifications as the profile
 * encodes them, and a token revoked mid-run. Under every one of them the worker stays safe: every job has its one
 * result (none lost), a rejected token is replaced (no lock-out), a repeated registration is not a failure, and
 * nothing is reported paid that may not be (a virtual account before its deposit).
 */
const timeoutMs = 500;
/** Longer than the client's timeout: the simulator registers a delivery whose answer the worker never sees. */
const lostAnswerDelayMs = 700;

describe.each(assumptionProfileNames)('worker under the %s profile', (profile: AssumptionProfile) => {
  const assumptions = resolveAssumptions(profile);
  let h: HttpHarness;
  let app: FastifyInstance;
  const enqueued: { kind: JobResult['kind']; jobId: string }[] = [];

  /** The one result of a job, once published. */
  const resultOfJob = async <Kind extends JobResult['kind']>(kind: Kind, jobId: string, waitMs = 15_000) =>
    resultOf(
      kind,
      await waitUntil(
        async () => (await h.results()).find((r) => r.kind === kind && r.sourceJobId === jobId),
        {
          timeoutMs: waitMs,
          message: `the result of ${kind} job ${jobId}`,
        },
      ),
    );
  /** The notification results about a TID that match `which`, once there are `count` of them. */
  const notificationsOf = (
    tid: string,
    which: (result: ResultOfKind<'notification'>) => boolean,
    count = 1,
  ) =>
    waitUntil(
      async () => {
        const found = (await h.results())
          .filter((result): result is ResultOfKind<'notification'> => result.kind === 'notification')
          .filter((result) => result.response?.TID === tid && which(result));
        return found.length >= count ? found : false;
      },
      { timeoutMs: 15_000, message: `${count} notification results about ${tid}` },
    );
  const track = (kind: JobResult['kind'], jobId: string) => {
    enqueued.push({ kind, jobId });
    return jobId;
  };
  /** A link made by the worker (a urlpay job without BILL_NO), and its result. */
  const link = async (amount: number) => {
    const id = track('urlpay', await h.producer.enqueueUrlPay(urlPayJob({ AMOUNT: amount })));
    const result = await resultOfJob('urlpay', id);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, code: '0000' });
    return { result, URLKEY: String(result.response?.URLKEY) };
  };

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
    await h.simulator.control.setAssumptions(profile);
    app = await h.app();
    const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    await h.simulator.control.setNotificationUrl(`${appUrl}${notificationPath}`);
    await h.startWorker({
      COOKIEPAY_TIMEOUT_MS: String(timeoutMs),
      RETRY_ATTEMPTS: '3',
      // A retry comes after the lost answer's registration (at least 800 ms after the timeout).
      RETRY_BACKOFF_MS: '1600',
      STATUS_POLL_INTERVAL_MS: '100',
      NOTIFICATION_VERIFY_WINDOW_MS: '1500',
    });
  });
  afterAll(async () => h?.close());

  it('creates a link with its PAYURL; its billNo is the one CookiePay answered', async () => {
    const { result } = await link(12_000);
    expect(result.response?.PAYURL).toMatch(/^http/);
    expect(result.billNo).toBeTruthy();
    expect(result.billNo).toBe(result.response?.BILL_NO);
    const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    if (assumptions.billNoUnknown === 'refused') {
      // The derived number refused (E011), the link asked for once more without one: CookiePay's number.
      expect(requests.map((request) => request.resultCode)).toEqual(['E011', '0000']);
      expect(result.billNo).toMatch(/^SB/);
    } else {
      expect(requests.map((request) => request.resultCode)).toEqual(['0000']);
      expect(result.billNo).toMatch(/^W/);
    }
  });

  it('reports a card payment paid, with its method, by status check and by its notification', async () => {
    const { URLKEY } = await link(13_000);
    const { payment } = await h.simulator.control.pay({ URLKEY });
    const status = await resultOfJob(
      'status',
      track('status', await h.producer.enqueueStatusCheck({ URLKEY })),
    );
    expect(status).toMatchObject({ ok: true, paymentStatus: 'paid', paymentMethod: 'CARD' });
    expect(status.virtualAccount).toBeUndefined();
    const [notification] = await notificationsOf(payment.TID, () => true);
    expect(notification).toMatchObject({ verified: true, paymentStatus: 'paid', paymentMethod: 'CARD' });
  });

  it('never reports a virtual account paid before its deposit, and paid once it arrived', async () => {
    const { URLKEY } = await link(14_000);
    const { payment } = await h.simulator.control.pay({ URLKEY, PAYMETHOD: 'VACCT' });
    const statusId = track('status', await h.producer.enqueueStatusCheck({ TID: payment.TID }));
    const account = { accountNo: payment.ACCOUNTNO, bank: payment.CARDNAME, holder: payment.RECEIVERNAME };
    if (assumptions.virtualAccount === 'deposit-later') {
      // Issued only: its notification ends NOT_DEPOSITED (awaiting the deposit), the status check keeps looking.
      const [issued] = await notificationsOf(payment.TID, () => true);
      expect(issued).toMatchObject({
        ok: false,
        code: 'NOT_DEPOSITED',
        verified: false,
        paymentStatus: 'awaiting_deposit',
        paymentMethod: 'VACCT',
        virtualAccount: { ...account, depositDeadline: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      });
      const looks = await h.simulator.control.requests({ endpoint: '/api/paycert' });
      expect(
        looks.filter((request) => (request.body as { tid?: string }).tid === payment.TID).length,
      ).toBeGreaterThan(2);
      const statusResults = (await h.results()).filter(
        (r) => r.kind === 'status' && r.sourceJobId === statusId,
      );
      expect(statusResults).toEqual([]);
      await h.simulator.control.deposit({ TID: payment.TID });
    }
    const status = await resultOfJob('status', statusId);
    expect(status).toMatchObject({
      ok: true,
      paymentStatus: 'paid',
      paymentMethod: 'VACCT',
      virtualAccount: account,
      attempts: 1,
    });
    const [deposit] = await notificationsOf(payment.TID, (result) => result.verified === true);
    expect(deposit).toMatchObject({ paymentStatus: 'paid', paymentMethod: 'VACCT', virtualAccount: account });
  });

  it('registers a delivery; a repeat after a lost answer, and a registration sent again, are no failure', async () => {
    const { URLKEY } = await link(15_000);
    const { payment } = await h.simulator.control.pay({ URLKEY });
    const data = deliveryJob({ TID: payment.TID, AMOUNT: '15000', WAYBILLNO: `61${Date.now()}` });
    await h.simulator.control.script('/escro/delivery_add', [{ delayMs: lostAnswerDelayMs }]);
    const first = await resultOfJob('delivery', track('delivery', await h.producer.enqueueDelivery(data)));
    const again = track(
      'delivery',
      await h.producer.enqueueDelivery(data, { jobId: `${deliveryJobId(data.TID, data.WAYBILLNO)}-again` }),
    );
    const second = await resultOfJob('delivery', again);
    const expected = assumptions.duplicateDelivery === 'error' ? 'ALREADY_REGISTERED' : '0000';
    expect(first).toMatchObject({ ok: true, code: expected, attempts: 2 });
    expect(second).toMatchObject({ ok: true, code: expected, attempts: 1 });
    // The first was registered, its answer lost; every later one answered as the profile says (a refusal also made
    // one token refresh and one repeat: the TOKEN is suspected of any code but 0000 and EA01).
    const [registered, ...later] = (
      await h.simulator.control.requests({ endpoint: '/escro/delivery_add' })
    ).map((request) => request.resultCode);
    expect(registered).toBe('0000');
    expect(later).toEqual(
      assumptions.duplicateDelivery === 'error' ? ['E010', 'E010', 'E010', 'E010'] : ['0000', '0000'],
    );
  });

  it('recovers from a token CookiePay stopped accepting with one new token', async () => {
    const { URLKEY } = await link(16_000);
    await h.simulator.control.pay({ URLKEY });
    await sleep(200);
    const before = await h.tokenRequests();
    await h.simulator.control.revokeTokens();
    const status = await resultOfJob(
      'status',
      track('status', await h.producer.enqueueStatusCheck({ URLKEY })),
    );
    expect(status).toMatchObject({ ok: true, paymentStatus: 'paid', attempts: 1 });
    expect(await h.tokenRequests()).toBe(before + 1);
  });

  it('lost no job, and reported nothing paid that was not', async () => {
    const results = await h.results();
    for (const { kind, jobId } of enqueued) {
      const own = results.filter((result) => result.kind === kind && result.sourceJobId === jobId);
      expect(own, `${kind} ${jobId}`).toHaveLength(1);
    }
    for (const result of results) {
      if (result.kind !== 'status' && result.kind !== 'notification') continue;
      if (result.paymentStatus !== 'paid') continue;
      expect(String(result.response?.ACCEPTNO ?? '')).not.toBe('');
      expect(String(result.response?.CANCELDATE ?? '')).toBe('');
    }
    expect(results.filter((result) => result.kind === 'delivery' && !result.ok)).toEqual([]);
  });
});
