import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentCertResponseSchema } from '../../../src/cookiepay/schemas/payment-cert.js';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { API_ID, API_KEY, createLink, getToken, linkRequest, post, startTestSimulator } from './http.js';

describe('simulator URL payments', () => {
  let sim: RunningSimulator;
  let token: string;

  beforeAll(async () => {
    sim = await startTestSimulator();
    token = await getToken(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('creates a link with a 20-character URLKEY and a PAYURL on the simulator', async () => {
    const answer = await post(sim.url, '/urlpay/request', linkRequest({ BILL_NO: 'B-1' }), {
      ApiKey: API_KEY,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      RESULTCODE: '0000',
      RESULTMSG: '성공',
      BILL_NO: 'B-1',
      ETC1: 'order-1',
      ETC2: 'note',
    });
    const urlKey = String(answer.json?.URLKEY);
    expect(urlKey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(answer.json?.PAYURL).toBe(`${sim.url}/urlpay/${urlKey}`);
    const page = await fetch(String(answer.json?.PAYURL));
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('쿠키 선물세트');
    expect(html).toContain('15,000');
  });

  it('gives the same link for the same BILL_NO and a new one without BILL_NO', async () => {
    const first = await createLink(sim, { BILL_NO: 'B-SAME' });
    const again = await createLink(sim, { BILL_NO: 'B-SAME' });
    expect(again.urlKey).toBe(first.urlKey);
    expect(again.answer.PAYURL).toBe(first.answer.PAYURL);
    const a = await createLink(sim);
    const b = await createLink(sim);
    expect(a.urlKey).not.toBe(b.urlKey);
  });

  it('accepts numeric amounts; refuses a field the manual does not list', async () => {
    const { answer } = await createLink(sim, { AMOUNT: 2500, TAXYN: 'Y' });
    expect(answer.RESULTCODE).toBe('0000');
    const unknown = await post(sim.url, '/urlpay/request', linkRequest({ SOMETHING_NEW: 'x' }), {
      ApiKey: API_KEY,
    });
    expect(unknown.json).toEqual({
      RESULTCODE: 'E004',
      RESULTMSG: 'SOMETHING_NEW: is not a field of /urlpay/request in the manual',
    });
  });

  it('checks the ApiKey header and API_ID', async () => {
    const missing = await post(sim.url, '/urlpay/request', linkRequest());
    expect(missing.json).toEqual({ RESULTCODE: 'E001', RESULTMSG: 'ApiKey 헤더가 없습니다' });
    const wrongKey = await post(sim.url, '/urlpay/request', linkRequest(), { ApiKey: 'nope' });
    expect(wrongKey.json).toEqual({ RESULTCODE: 'E003', RESULTMSG: 'ID & KEY 불일치' });
    const wrongId = await post(sim.url, '/urlpay/request', linkRequest({ API_ID: 'x' }), { ApiKey: API_KEY });
    expect(wrongId.json?.RESULTCODE).toBe('E003');
  });

  it('answers validation errors with HTTP 200 and a message naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ AMOUNT: '12,000' }, 'AMOUNT'],
      [{ AMOUNT: '12345678901' }, 'AMOUNT'],
      [{ PRODUCTNAME: 'A & B' }, 'PRODUCTNAME'],
      [{ BUYERNAME: '' }, 'BUYERNAME'],
      [{ BUYERHP: '010-1234-5678' }, 'BUYERHP'],
      [{ REQ_TYPE: 'EMAIL', BUYEREMAIL: null }, 'BUYEREMAIL'],
      [{ REQ_TYPE: 'FAX' }, 'REQ_TYPE'],
      [{ TAXYN: 'X' }, 'TAXYN'],
      [{ BILL_NO: 'B'.repeat(21) }, 'BILL_NO'],
    ];
    for (const [fields, field] of cases) {
      const answer = await post(sim.url, '/urlpay/request', linkRequest(fields), { ApiKey: API_KEY });
      expect(answer.status).toBe(200);
      expect(answer.json?.RESULTCODE).toBe('E004');
      expect(String(answer.json?.RESULTMSG)).toContain(field);
    }
    const notJson = await post(sim.url, '/urlpay/request', '{"API_ID":', { ApiKey: API_KEY });
    expect(notJson.status).toBe(200);
    expect(notJson.json?.RESULTCODE).toBe('E004');
  });

  it('urlcert answers EA01 until paid, then 0000 with the payment fields as strings', async () => {
    const { urlKey } = await createLink(sim, { BILL_NO: 'B-PAY' });
    const before = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    expect(before.json).toEqual({ RESULTCODE: 'EA01', RESULTMSG: '결제 미진행' });

    const paid = await sim.control.pay({ URLKEY: urlKey });
    expect(paid.alreadyPaid).toBe(false);
    expect(paid.payment.TID).toMatch(/^[A-Za-z0-9]{20}$/);

    const after = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    const json = after.json ?? {};
    expect(json).toMatchObject({
      RESULTCODE: '0000',
      RESULTMSG: '성공',
      ORDERNO: 'B-PAY',
      AMOUNT: '15000',
      BUYERNAME: '홍길동',
      BUYEREMAIL: 'buyer@example.com',
      PRODUCTNAME: '쿠키 선물세트',
      PRODUCTCODE: '',
      PAYMETHOD: 'CARD',
      TID: paid.payment.TID,
      CANCELDATE: '',
      CANCELMSG: '',
    });
    expect(json.ACCEPTDATE).toMatch(/^\d{14}$/);
    expect(json.ACCEPTNO).toMatch(/^\d{8}$/);
    for (const field of ['BUYERID', 'ACCOUNTNO', 'RECEIVERNAME', 'DEPOSITENDDATE', 'CARDNAME', 'CARDCODE']) {
      expect(json).toHaveProperty(field);
    }
    for (const value of Object.values(json)) expect(typeof value).toBe('string');
    expect(paymentCertResponseSchema.safeParse(json).success).toBe(true);

    const again = await sim.control.pay({ URLKEY: urlKey, AMOUNT: '1' });
    expect(again.alreadyPaid).toBe(true);
    expect(again.payment.TID).toBe(paid.payment.TID);
    expect(again.payment.AMOUNT).toBe('15000');
  });

  it('records a payment of a different amount and a chosen method', async () => {
    const { urlKey } = await createLink(sim);
    const paid = await sim.control.pay({ URLKEY: urlKey, AMOUNT: 14000, PAYMETHOD: 'VACCT' });
    const cert = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    expect(cert.json).toMatchObject({ RESULTCODE: '0000', AMOUNT: '14000', PAYMETHOD: 'VACCT' });
    expect(String(cert.json?.ACCOUNTNO)).toMatch(/^\d+$/);
    expect(String(cert.json?.DEPOSITENDDATE)).toMatch(/^\d{14}$/);
    expect(paid.payment.AMOUNT).toBe('14000');
  });

  it('answers an unknown URLKEY with an error other than EA01', async () => {
    const answer = await post(sim.url, '/api/urlcert', { URLKEY: 'doesnotexist' }, { TOKEN: token });
    expect(answer.json).toEqual({ RESULTCODE: 'E006', RESULTMSG: '존재하지 않는 URLKEY 입니다' });
    const empty = await post(sim.url, '/api/urlcert', {}, { TOKEN: token });
    expect(empty.json?.RESULTCODE).toBe('E004');
    expect(String(empty.json?.RESULTMSG)).toContain('URLKEY');
  });

  it('paycert finds a payment by lower-case tid; unknown tid is an error', async () => {
    const { urlKey } = await createLink(sim);
    const { payment } = await sim.control.pay({ URLKEY: urlKey });
    const answer = await post(sim.url, '/api/paycert', { tid: payment.TID }, { TOKEN: token });
    expect(answer.json).toMatchObject({ RESULTCODE: '0000', TID: payment.TID, AMOUNT: '15000' });
    const unknown = await post(sim.url, '/api/paycert', { tid: 'NOPE' }, { TOKEN: token });
    expect(unknown.json).toEqual({ RESULTCODE: 'E006', RESULTMSG: '존재하지 않는 거래(TID) 입니다' });
    const upper = await post(sim.url, '/api/paycert', { TID: payment.TID }, { TOKEN: token });
    expect(upper.json?.RESULTCODE).toBe('E004');
    expect(String(upper.json?.RESULTMSG)).toContain('it writes "tid"');
    const extra = await post(sim.url, '/api/paycert', { tid: payment.TID, extra: 1 }, { TOKEN: token });
    expect(extra.json?.RESULTCODE).toBe('E004');
    expect(String(extra.json?.RESULTMSG)).toContain('extra: is not a field of /api/paycert');
  });

  it('cancel sets CANCELDATE and CANCELMSG; certs still answer 0000', async () => {
    const { urlKey } = await createLink(sim);
    const { payment } = await sim.control.pay({ URLKEY: urlKey });
    const cancelled = await sim.control.cancel({ URLKEY: urlKey, message: '고객 요청' });
    expect(cancelled.alreadyCancelled).toBe(false);
    const byTid = await post(sim.url, '/api/paycert', { tid: payment.TID }, { TOKEN: token });
    expect(byTid.json).toMatchObject({ RESULTCODE: '0000', CANCELMSG: '고객 요청' });
    expect(String(byTid.json?.CANCELDATE)).toMatch(/^\d{14}$/);
    const byKey = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    expect(byKey.json?.CANCELDATE).toBe(byTid.json?.CANCELDATE);
    expect((await sim.control.cancel({ TID: payment.TID })).alreadyCancelled).toBe(true);
  });

  it('lists links and payments, and reset empties everything', async () => {
    const view = await sim.control.payments();
    expect(view.links.length).toBeGreaterThan(3);
    expect(view.payments.length).toBeGreaterThan(2);
    await sim.control.reset();
    const empty = await sim.control.payments();
    expect(empty).toEqual({ links: [], payments: [], deliveries: [] });
    const stale = await post(sim.url, '/api/paycert', { tid: 'X' }, { TOKEN: token });
    expect(stale.json?.RESULTCODE).toBe('E005');
    token = await getToken(sim);
    expect(API_ID).toBe('sim-shop');
  });
});
