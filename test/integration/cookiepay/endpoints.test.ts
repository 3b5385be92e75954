import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CookiePayError } from '../../../src/cookiepay/errors.js';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, testAccount } from '../../helpers/harness.js';
import { rejectionOf } from '../../helpers/rejection-of.js';

const { apiId, apiKey } = testAccount;
const validUrlPay = urlPayJob();
let harness: Harness;

beforeAll(async () => {
  harness = await createHarness(inject('redisUrl'));
});
beforeEach(() => harness.reset());
afterAll(() => harness.close());

describe('CookiePay client against the simulator', () => {
  it('gets a token (RTN_CD 0000 with a JWT)', async () => {
    const response = await harness.cookiepay().requestToken();
    expect(response.RTN_CD).toBe('0000');
    expect(response.TOKEN?.split('.')).toHaveLength(3);
  });

  it('a token request with a wrong key is RESULT E003 on /payAuth/token', async () => {
    const error = await rejectionOf(harness.cookiepay({ apiKey: 'wrong-key' }).requestToken());
    expect(error).toBeInstanceOf(CookiePayError);
    expect(error).toMatchObject({ code: 'RESULT', endpoint: '/payAuth/token', resultCode: 'E003' });
  });

  it('creates a payment link, checks it (EA01 until paid, then 0000) and checks the payment by TID', async () => {
    const cookiepay = harness.cookiepay();
    const link = await cookiepay.urlPay({ ...validUrlPay, REQ_TYPE: 'SMS', ETC1: 'order-1' });
    expect(link).toMatchObject({ RESULTCODE: '0000', ETC1: 'order-1' });
    expect(link.URLKEY).toBeTruthy();
    const URLKEY = String(link.URLKEY);

    const unpaid = await rejectionOf(cookiepay.urlCert({ URLKEY }));
    expect(unpaid).toMatchObject({ code: 'RESULT', resultCode: 'EA01', endpoint: '/api/urlcert' });
    expect(unpaid.message).toMatch(/^CookiePay \/api\/urlcert answered EA01: /);
    expect(unpaid.response).toMatchObject({ RESULTCODE: 'EA01' });

    const { payment } = await harness.simulator.control.pay({ URLKEY });
    const paid = await cookiepay.urlCert({ URLKEY });
    expect(paid).toMatchObject({ RESULTCODE: '0000', TID: payment.TID, AMOUNT: '39000' });

    const byTid = await cookiepay.payCert({ tid: payment.TID });
    expect(byTid).toMatchObject({ RESULTCODE: '0000', TID: payment.TID, AMOUNT: '39000' });
    expect(await harness.tokenRequests()).toBe(1);
  });

  it('answers paycert for an unknown TID with a RESULT error', async () => {
    const error = await rejectionOf(harness.cookiepay().payCert({ tid: 'NO-SUCH-TID' }));
    expect(error).toMatchObject({ code: 'RESULT', endpoint: '/api/paycert' });
    expect(error.resultCode).not.toBe('0000');
  });

  it('registers an escrow delivery for a paid payment, and reports a refused one', async () => {
    const cookiepay = harness.cookiepay();
    const link = await cookiepay.urlPay(validUrlPay);
    const { payment } = await harness.simulator.control.pay({ URLKEY: String(link.URLKEY) });
    const added = await cookiepay.deliveryAdd(deliveryJob({ TID: payment.TID, AMOUNT: payment.AMOUNT }));
    expect(added).toMatchObject({ RESULTCODE: '0000' });

    const refused = await rejectionOf(
      cookiepay.deliveryAdd(deliveryJob({ TID: 'UNKNOWNTID1', AMOUNT: '39000' })),
    );
    expect(refused).toMatchObject({ code: 'RESULT', endpoint: '/escro/delivery_add' });
  });

  it('sends every request as JSON with charset utf-8 and the documented headers', async () => {
    const cookiepay = harness.cookiepay();
    const link = await cookiepay.urlPay(validUrlPay);
    await rejectionOf(cookiepay.urlCert({ URLKEY: String(link.URLKEY) }));
    const log = await harness.simulator.control.requests();
    expect(log.map((entry) => entry.endpoint)).toEqual(['/urlpay/request', '/payAuth/token', '/api/urlcert']);
    for (const entry of log) {
      expect(entry.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const [urlPay, token, urlCert] = log;
    expect(urlPay?.headers.apikey).toBeDefined();
    expect(urlPay?.headers.token).toBeUndefined();
    expect(urlPay?.body).toMatchObject({ API_ID: apiId, AMOUNT: '39000', BUYERHP: '01012345678' });
    expect(token?.headers.apikey).toBeUndefined();
    expect(token?.body).toMatchObject({ pay2_id: apiId });
    expect(urlCert?.headers.token).toBeDefined();
    expect(urlCert?.headers.apikey).toBeUndefined();
  });

  it('refuses an invalid request before sending anything', async () => {
    const cookiepay = harness.cookiepay();
    const error = await rejectionOf(
      cookiepay.urlPay({ ...validUrlPay, AMOUNT: '0', REQ_TYPE: 'EMAIL', PRODUCTNAME: 'A & B' }),
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', endpoint: '/urlpay/request' });
    expect((error.issues as { field: string }[]).map((issue) => issue.field).sort()).toEqual([
      'AMOUNT',
      'BUYEREMAIL',
      'PRODUCTNAME',
    ]);
    const delivery = await rejectionOf(
      cookiepay.deliveryAdd(deliveryJob({ TID: 'T1', AMOUNT: '100', RECEIVERDATE: '20250230' })),
    );
    expect(delivery).toMatchObject({ code: 'INVALID_REQUEST', issues: [{ field: 'RECEIVERDATE' }] });
    expect(await harness.simulator.control.requests()).toEqual([]);
  });

  it('reports every request to onRequest', async () => {
    const cookiepay = harness.cookiepay();
    const link = await cookiepay.urlPay(validUrlPay);
    await rejectionOf(cookiepay.urlCert({ URLKEY: String(link.URLKEY) }));
    expect(cookiepay.events).toEqual([
      expect.objectContaining({
        endpoint: '/urlpay/request',
        httpStatus: 200,
        outcome: 'ok',
        resultCode: '0000',
      }),
      expect.objectContaining({
        endpoint: '/payAuth/token',
        httpStatus: 200,
        outcome: 'ok',
        resultCode: '0000',
      }),
      expect.objectContaining({
        endpoint: '/api/urlcert',
        httpStatus: 200,
        outcome: 'RESULT',
        resultCode: 'EA01',
      }),
    ]);
    for (const event of cookiepay.events) expect(event.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('never puts the ApiKey into errors', async () => {
    const error = await rejectionOf(harness.cookiepay({ apiKey: `${apiKey}-wrong` }).urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'RESULT', resultCode: 'E003' });
    expect(`${error.message} ${JSON.stringify(error)} ${String(error.cause)}`).not.toContain(apiKey);
  });
});
