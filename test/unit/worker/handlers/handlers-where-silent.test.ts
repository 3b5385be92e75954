import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { CookiePayError } from '../../../../src/cookiepay/errors.js';
import type { PaymentCertResponse } from '../../../../src/cookiepay/schemas/payment-cert.js';
import type { CookiePayCalls } from '../../../../src/worker/cookiepay-calls.js';
import { deliveryHandler } from '../../../../src/worker/handlers/delivery-handler.js';
import { statusHandler } from '../../../../src/worker/handlers/status-handler.js';
import { urlPayHandler } from '../../../../src/worker/handlers/url-pay-handler.js';
import { LookAgainError } from '../../../../src/worker/look-again.js';
import type { SentDeliveries, SentDelivery } from '../../../../src/worker/sent-deliveries.js';
import { deliveryJob, urlPayJob } from '../../../fixtures/jobs.js';

/**
 * The handlers' decisions where the manual is silent, against scripted CookiePay calls: BILL_NO refused, a
 * duplicate delivery refused, a virtual account issued. The same flows over HTTP: test/integration/worker/assumptions.
 */
/** A job's n-th attempt of `attempts` (the runner fills `opts.attempts` in before the handler runs). */
const job = (timestamp: number, attempt = 1, attempts = 3) =>
  ({ id: 'job-1', timestamp, attemptsMade: attempt - 1, opts: { attempts } }) as Job;

const refusal = (endpoint: string, resultCode: string) =>
  new CookiePayError('RESULT', `CookiePay ${endpoint} answered ${resultCode}: 거절`, {
    endpoint,
    resultCode,
    resultMessage: '거절',
    response: { RESULTCODE: resultCode, RESULTMSG: '거절' },
  });

describe('urlPayHandler: a BILL_NO CookiePay refuses', () => {
  const link = { RESULTCODE: '0000', URLKEY: 'UK1', PAYURL: 'https://pay/UK1' };

  const handlerWith = (answers: (Record<string, unknown> | Error)[]) => {
    const sent: (string | undefined)[] = [];
    const urlPay: CookiePayCalls['urlPay'] = async (fields) => {
      sent.push(fields.BILL_NO);
      const answer = answers.shift() ?? link;
      if (answer instanceof Error) throw answer;
      return answer as never;
    };
    return { handler: urlPayHandler({ urlPay }, 'bull'), sent };
  };
  const data = (overrides = {}) => urlPayJob(overrides) as never;

  it('asks once more without a derived number CookiePay refuses by name, and reports the number it made', async () => {
    const named = new CookiePayError('RESULT', 'E011', {
      endpoint: '/urlpay/request',
      resultCode: 'E011',
      resultMessage: '등록되지 않은 청구서 번호(BILL_NO) 입니다',
    });
    const { handler, sent } = handlerWith([named, { ...link, BILL_NO: 'SB123' }]);
    const result = await handler.call(handler.parse(data()), job(1));
    expect(result).toMatchObject({ ok: true, code: '0000', billNo: 'SB123' });
    expect(sent).toEqual([expect.stringMatching(/^W/), undefined]);
  });

  it('keeps the derived number through refusals that do not name it, until the last attempt', async () => {
    const early = handlerWith([refusal('/urlpay/request', 'E501')]);
    await expect(early.handler.call(early.handler.parse(data()), job(1, 1, 3))).rejects.toMatchObject({
      resultCode: 'E501',
    });
    expect(early.sent).toHaveLength(1);
    const last = handlerWith([refusal('/urlpay/request', 'E501'), link]);
    const result = await last.handler.call(last.handler.parse(data()), job(1, 3, 3));
    expect(result).toMatchObject({ ok: true, code: '0000' });
    expect(result.billNo).toBeUndefined();
    expect(last.sent).toEqual([expect.stringMatching(/^W/), undefined]);
  });

  it('reports the number sent when CookiePay answers none, and CookiePay’s when it answers another', async () => {
    const plain = handlerWith([link]);
    const result = await plain.handler.call(plain.handler.parse(data()), job(1));
    expect(result.billNo).toBe(plain.sent[0]);
    const other = handlerWith([{ ...link, BILL_NO: 'CP-OWN-1' }]);
    expect((await other.handler.call(other.handler.parse(data()), job(1))).billNo).toBe('CP-OWN-1');
  });

  it('never drops a BILL_NO the job gave, and resends nothing after a failure without an answer', async () => {
    const own = handlerWith([refusal('/urlpay/request', 'E011')]);
    await expect(
      own.handler.call(own.handler.parse(data({ BILL_NO: 'MY-BILL-1' })), job(1)),
    ).rejects.toMatchObject({
      resultCode: 'E011',
    });
    expect(own.sent).toEqual(['MY-BILL-1']);
    const lost = handlerWith([new CookiePayError('TIMEOUT', 'slow', { endpoint: '/urlpay/request' })]);
    await expect(lost.handler.call(lost.handler.parse(data()), job(1))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(lost.sent).toHaveLength(1);
  });
});

describe('deliveryHandler: a registration CookiePay may have registered before', () => {
  const paidPayment: PaymentCertResponse = {
    RESULTCODE: '0000',
    TID: 'cTS25050809394695923',
    AMOUNT: '39000',
    PAYMETHOD: 'CARD',
    ACCEPTNO: '12345678',
    ACCEPTDATE: '20250508093946',
    CANCELDATE: '',
  };
  const memory = (before: SentDelivery) => {
    const calls: string[] = [];
    const sent: SentDeliveries = {
      sending: async () => {
        calls.push('sending');
        return before;
      },
      registered: async () => {
        calls.push('registered');
      },
      forget: async () => {
        calls.push('forget');
      },
    };
    return { sent, calls };
  };
  const run = async (before: SentDelivery, answer: Error | Record<string, unknown>, payment?: unknown) => {
    const { sent, calls } = memory(before);
    const looks: string[] = [];
    const handler = deliveryHandler({
      sent,
      cookiepay: {
        deliveryAdd: async () => {
          if (answer instanceof Error) throw answer;
          return answer as never;
        },
        payCert: async ({ tid }) => {
          looks.push(tid);
          if (payment instanceof Error) throw payment;
          return (payment ?? paidPayment) as PaymentCertResponse;
        },
      },
    });
    const outcome = await handler.call(handler.parse(deliveryJob()), job(1)).catch((error: unknown) => error);
    return { outcome, calls, looks };
  };
  const duplicate = refusal('/escro/delivery_add', 'E010');

  it('registers (0000) and remembers it', async () => {
    const { outcome, calls, looks } = await run('none', { RESULTCODE: '0000', RESULTMSG: '성공' });
    expect(outcome).toMatchObject({ ok: true, code: '0000' });
    expect(calls).toEqual(['sending', 'registered']);
    expect(looks).toEqual([]);
  });

  it('takes a refusal of a registration it saw registered as ALREADY_REGISTERED, whatever its code', async () => {
    const { outcome, looks } = await run('registered', refusal('/escro/delivery_add', 'E777'));
    expect(outcome).toMatchObject({ ok: true, code: 'ALREADY_REGISTERED', response: { RESULTCODE: 'E777' } });
    expect(looks).toEqual([]);
  });

  it('after a lost answer, looks at the payment: a registrable one makes the refusal ALREADY_REGISTERED', async () => {
    const { outcome, calls, looks } = await run('sent', duplicate);
    expect(outcome).toMatchObject({ ok: true, code: 'ALREADY_REGISTERED' });
    expect((outcome as { message: string }).message).toMatch(/first answer was lost/);
    expect(calls).toEqual(['sending', 'registered']);
    expect(looks).toEqual(['cTS25050809394695923']);
  });

  it.each([
    ['cancelled', { ...paidPayment, CANCELDATE: '20250509' }],
    ['of another amount', { ...paidPayment, AMOUNT: '1000' }],
    ['a virtual account not paid into', { ...paidPayment, PAYMETHOD: 'VACCT', ACCEPTNO: '' }],
    ['unknown to CookiePay', refusal('/api/paycert', 'E006')],
  ])('after a lost answer, a refusal stands when the payment is %s', async (_, payment) => {
    const { outcome, calls } = await run('sent', duplicate, payment);
    expect(outcome).toBe(duplicate);
    expect(calls).toEqual(['sending', 'forget']);
  });

  it('keeps a registration noted when its answer is lost, or the look-up gets none; a first refusal is forgotten', async () => {
    const timeout = new CookiePayError('TIMEOUT', 'slow', { endpoint: '/escro/delivery_add' });
    expect((await run('none', timeout)).calls).toEqual(['sending']);
    const lookUpTimeout = new CookiePayError('TIMEOUT', 'slow', { endpoint: '/api/paycert' });
    const looked = await run('sent', duplicate, lookUpTimeout);
    expect(looked.outcome).toBe(lookUpTimeout);
    expect(looked.calls).toEqual(['sending']);
    const first = await run('none', duplicate);
    expect(first.outcome).toBe(duplicate);
    expect(first.calls).toEqual(['sending', 'forget']);
    expect(first.looks).toEqual([]);
    const tokenFailure = new CookiePayError('RESULT', 'E003', {
      endpoint: '/payAuth/token',
      resultCode: 'E003',
    });
    expect((await run('none', tokenFailure)).calls).toEqual(['sending', 'forget']);
    // A token that cannot be fetched says nothing of the registration: one sent before stays noted.
    const afterLoss = await run('sent', tokenFailure);
    expect(afterLoss.outcome).toBe(tokenFailure);
    expect(afterLoss.calls).toEqual(['sending']);
    expect(afterLoss.looks).toEqual([]);
    const lookUpToken = await run('sent', duplicate, tokenFailure);
    expect(lookUpToken.outcome).toBe(tokenFailure);
    expect(lookUpToken.calls).toEqual(['sending']);
  });
});

describe('statusHandler: a virtual account issued, not paid into', () => {
  const addedAt = Date.UTC(2026, 0, 1, 0, 0, 0);
  const issued: PaymentCertResponse = {
    RESULTCODE: '0000',
    TID: 'T1',
    AMOUNT: '25000',
    PAYMETHOD: 'VACCT',
    ACCEPTNO: '',
    ACCEPTDATE: '',
    CANCELDATE: '',
    ACCOUNTNO: '90012345678',
    CARDNAME: '국민은행',
    RECEIVERNAME: '쿠키페이',
    // 2026-01-02 00:00:00 KST = 2026-01-01 15:00 UTC: 15 hours after the job was added.
    DEPOSITENDDATE: '20260102000000',
  };
  const handlerAt = (now: number, response: PaymentCertResponse) =>
    statusHandler(
      { urlCert: async () => response, payCert: async () => response },
      { polling: { intervalMs: 30_000, timeoutMs: 3_600_000 }, now: () => now },
    );
  const check = (now: number, response = issued) => {
    const handler = handlerAt(now, response);
    return handler.call(handler.parse({ TID: 'T1' }), job(addedAt)).catch((error: unknown) => error);
  };

  it('looks again (a poll, no attempt), further apart as time goes by, at most 10 minutes, until the deadline', async () => {
    const first = await check(addedAt + 1_000);
    expect(first).toBeInstanceOf(LookAgainError);
    expect(first).toMatchObject({ code: 'NOT_DEPOSITED', delayMs: 30_000 });
    expect(await check(addedAt + 5 * 3_600_000)).toMatchObject({ delayMs: 10 * 60_000 });
    expect(await check(addedAt + 15 * 3_600_000 - 5_000)).toMatchObject({ delayMs: 5_000 });
  });

  it('ends NOT_DEPOSITED, unpaid, once the deadline has passed, with the account', async () => {
    expect(await check(addedAt + 15 * 3_600_000)).toMatchObject({
      ok: false,
      code: 'NOT_DEPOSITED',
      paymentStatus: 'unpaid',
      paymentMethod: 'VACCT',
      virtualAccount: { accountNo: '90012345678', depositDeadline: '2026-01-01T15:00:00.000Z' },
    });
  });

  it('without a readable deadline, looks while polling lasts and then says it is still awaited', async () => {
    const unknown = { ...issued, DEPOSITENDDATE: '' };
    expect(await check(addedAt + 1_000, unknown)).toBeInstanceOf(LookAgainError);
    expect(await check(addedAt + 3_600_000, unknown)).toMatchObject({
      code: 'NOT_DEPOSITED',
      paymentStatus: 'awaiting_deposit',
      virtualAccount: { depositDeadline: null },
    });
  });

  it('reports it paid once the money arrived', async () => {
    const deposited = { ...issued, ACCEPTNO: '30001234', ACCEPTDATE: '20260101120000' };
    expect(await check(addedAt + 1_000, deposited)).toMatchObject({
      ok: true,
      code: '0000',
      paymentStatus: 'paid',
      paymentMethod: 'VACCT',
    });
  });
});
