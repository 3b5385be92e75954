import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { deliveryJob } from '../../fixtures/jobs.js';
import { API_ID, API_KEY, createLink, getToken, linkRequest, post, startTestSimulator } from './http.js';

interface Received {
  contentType: string | undefined;
  text: string;
}

describe('simulator assumption profiles', () => {
  let sim: RunningSimulator;
  let receiver: Server;
  const received: Received[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], text });
        response.end('<RESULT>SUCCESS</RESULT>');
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const notificationUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/noti`;
    sim = await startTestSimulator({ notificationUrl });
  });
  beforeEach(async () => {
    await sim.control.reset();
    received.length = 0;
  });
  afterAll(async () => {
    await sim.close();
    receiver.close();
  });

  it('are listed and switched over HTTP; reset comes back to the start', async () => {
    const listed = await sim.control.assumptions();
    expect(listed.assumptions.billNoUnknown).toBe('new-bill');
    expect(listed.profiles).toContain('virtual-account-deposit-later');
    expect(await sim.control.setAssumptions('token-http-401')).toMatchObject({ tokenRejection: 'http-401' });
    const settings = (await (await fetch(`${sim.url}/__sim/settings`)).json()) as Record<string, unknown>;
    expect(settings.assumptions).toMatchObject({ tokenRejection: 'http-401' });
    const refused = await fetch(`${sim.url}/__sim/assumptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ billNoUnknown: 'maybe' }),
    });
    expect(refused.status).toBe(400);
    await sim.control.reset();
    expect((await sim.control.assumptions()).assumptions.tokenRejection).toBe('token-message');
  });

  it('start from startSimulator({assumptions}) and come back to them on reset', async () => {
    const other = await startTestSimulator({
      assumptions: { profile: 'bill-no-refused', duplicateDelivery: 'error' },
    });
    try {
      await other.control.setAssumptions('manual-literal');
      await other.control.reset();
      expect((await other.control.assumptions()).assumptions).toMatchObject({
        billNoUnknown: 'refused',
        duplicateDelivery: 'error',
      });
    } finally {
      await other.close();
    }
  });

  describe('BILL_NO unknown', () => {
    it('new-bill: an unknown number makes a bill under it', async () => {
      const { answer } = await createLink(sim, { BILL_NO: 'MINE-1' });
      expect(answer).toMatchObject({ RESULTCODE: '0000', BILL_NO: 'MINE-1' });
    });

    it("refused: E011 for an unknown number; a bill without one gets CookiePay's, which re-sends it", async () => {
      await sim.control.setAssumptions('bill-no-refused');
      const unknown = await post(sim.url, '/urlpay/request', linkRequest({ BILL_NO: 'MINE-1' }), {
        ApiKey: API_KEY,
      });
      expect(unknown.json).toEqual({
        RESULTCODE: 'E011',
        RESULTMSG: '등록되지 않은 청구서 번호(BILL_NO) 입니다',
      });
      const first = await createLink(sim);
      const billNo = String(first.answer.BILL_NO);
      expect(billNo).toMatch(/^SB[A-Za-z0-9]{18}$/);
      const again = await createLink(sim, { BILL_NO: billNo });
      expect(again.urlKey).toBe(first.urlKey);
      const { payment } = await sim.control.pay({ URLKEY: first.urlKey });
      expect(payment.ORDERNO).toBe(billNo);
    });
  });

  describe('duplicate delivery', () => {
    const register = async (headers: Record<string, string>, tid: string) =>
      post(
        sim.url,
        '/escro/delivery_add',
        { API_ID, ...deliveryJob({ TID: tid, AMOUNT: '15000' }) },
        headers,
      );

    const paidTid = async () => {
      const { urlKey } = await createLink(sim);
      return (await sim.control.pay({ URLKEY: urlKey, PAYMETHOD: 'BANK' })).payment.TID;
    };

    it('ok: the same registration again answers 0000', async () => {
      const headers = { ApiKey: API_KEY, TOKEN: await getToken(sim) };
      const tid = await paidTid();
      expect((await register(headers, tid)).json?.RESULTCODE).toBe('0000');
      expect((await register(headers, tid)).json?.RESULTCODE).toBe('0000');
    });

    it('error: the same registration again answers E010', async () => {
      await sim.control.setAssumptions('duplicate-delivery-error');
      const headers = { ApiKey: API_KEY, TOKEN: await getToken(sim) };
      const tid = await paidTid();
      expect((await register(headers, tid)).json?.RESULTCODE).toBe('0000');
      expect((await register(headers, tid)).json).toEqual({
        RESULTCODE: 'E010',
        RESULTMSG: '이미 배송정보가 등록된 거래입니다',
      });
      expect((await sim.control.payments()).deliveries).toHaveLength(1);
    });
  });

  describe('token rejection', () => {
    const rejected = async () => {
      const { urlKey } = await createLink(sim);
      const token = await getToken(sim);
      await sim.control.revokeTokens();
      return post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
    };

    it('token-message: RESULTCODE E005 with a message naming the TOKEN', async () => {
      const answer = await rejected();
      expect(answer.status).toBe(200);
      expect(answer.json?.RESULTCODE).toBe('E005');
      expect(String(answer.json?.RESULTMSG)).toContain('TOKEN');
    });

    it('http-401: HTTP 401', async () => {
      await sim.control.setAssumptions('token-http-401');
      const answer = await rejected();
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ RESULTCODE: 'E401', RESULTMSG: 'Unauthorized' });
      const missing = await post(sim.url, '/api/paycert', { tid: 'X' });
      expect(missing.status).toBe(401);
    });

    it('rtn-cd: the token endpoint shape, RTN_CD/RTN_MSG', async () => {
      await sim.control.setAssumptions('token-rtn-cd');
      const answer = await rejected();
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ RTN_CD: 'E005', RTN_MSG: '인증 실패' });
    });

    it('resultcode: E999 with a message that does not mention the token', async () => {
      await sim.control.setAssumptions('token-resultcode');
      const answer = await rejected();
      expect(answer.json).toEqual({ RESULTCODE: 'E999', RESULTMSG: '요청을 처리할 수 없습니다' });
      expect(String(answer.json?.RESULTMSG)).not.toMatch(/토큰|token/i);
    });
  });

  describe('virtual account', () => {
    it('paid-at-once: a VACCT payment is deposited when paid', async () => {
      const { urlKey } = await createLink(sim);
      const { payment } = await sim.control.pay({ URLKEY: urlKey, PAYMETHOD: 'VACCT' });
      expect(payment.ACCEPTNO).toMatch(/^\d{8}$/);
      expect(payment.depositedAt).toBe(payment.paidAt);
    });

    it('deposit-later: issued (0000, account, no ACCEPTNO/ACCEPTDATE), then deposited with its Noti', async () => {
      await sim.control.setAssumptions('virtual-account-deposit-later');
      const token = await getToken(sim);
      const { urlKey } = await createLink(sim);
      const issued = await sim.control.pay({ URLKEY: urlKey, PAYMETHOD: 'VACCT' });
      const tid = issued.payment.TID;
      const cert = await post(sim.url, '/api/urlcert', { URLKEY: urlKey }, { TOKEN: token });
      expect(cert.json).toMatchObject({
        RESULTCODE: '0000',
        PAYMETHOD: 'VACCT',
        TID: tid,
        ACCEPTNO: '',
        ACCEPTDATE: '',
        CANCELDATE: '',
        CARDNAME: '국민은행',
      });
      expect(String(cert.json?.ACCOUNTNO)).toMatch(/^\d+$/);
      expect(String(cert.json?.DEPOSITENDDATE)).toMatch(/^\d{14}$/);
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]?.text ?? '{}')).toMatchObject({
        TID: tid,
        ACCEPT_NO: '',
        ACCEPT_DATE: '',
      });

      const headers = { ApiKey: API_KEY, TOKEN: token };
      const early = await post(
        sim.url,
        '/escro/delivery_add',
        { API_ID, ...deliveryJob({ TID: tid, AMOUNT: '15000' }) },
        headers,
      );
      expect(early.json?.RESULTCODE).toBe('E012');

      const deposited = await sim.control.deposit({ TID: tid });
      expect(deposited).toMatchObject({
        alreadyDeposited: false,
        notification: { kind: 'deposit', delivered: true },
      });
      const after = await post(sim.url, '/api/paycert', { tid }, { TOKEN: token });
      expect(after.json?.ACCEPTNO).toMatch(/^\d{8}$/);
      expect(after.json?.ACCEPTDATE).toMatch(/^\d{14}$/);
      expect(received).toHaveLength(2);
      expect(JSON.parse(received[1]?.text ?? '{}')).toMatchObject({ TID: tid, DEPOSITNAME: '홍길동' });
      expect((await sim.control.deposit({ URLKEY: urlKey })).alreadyDeposited).toBe(true);
      expect(received).toHaveLength(2);
    });

    it('deposit refuses a card payment (409) and an unknown TID (404)', async () => {
      const { urlKey } = await createLink(sim);
      const { payment } = await sim.control.pay({ URLKEY: urlKey });
      await expect(sim.control.deposit({ TID: payment.TID })).rejects.toMatchObject({ status: 409 });
      await expect(sim.control.deposit({ TID: 'NOPE' })).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('notification encoding', () => {
    const payOne = async () => {
      const { urlKey } = await createLink(sim, { ETC1: 'a&b=c' });
      await sim.control.pay({ URLKEY: urlKey });
      return received.at(-1);
    };

    it('json: application/json', async () => {
      const noti = await payOne();
      expect(noti?.contentType).toBe('application/json; charset=utf-8');
      expect(JSON.parse(noti?.text ?? '{}')).toMatchObject({ ETC1: 'a&b=c', BUYERNAME: '홍길동' });
    });

    it('form: application/x-www-form-urlencoded', async () => {
      await sim.control.setAssumptions('notification-form');
      const noti = await payOne();
      expect(noti?.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
      const fields = Object.fromEntries(new URLSearchParams(noti?.text));
      expect(fields).toMatchObject({ ETC1: 'a&b=c', BUYERNAME: '홍길동', AMOUNT: '15000' });
    });

    it('none: a JSON body with no content type', async () => {
      await sim.control.setAssumptions('notification-no-content-type');
      const noti = await payOne();
      expect(noti?.contentType).toBeUndefined();
      expect(JSON.parse(noti?.text ?? '{}')).toMatchObject({ ETC1: 'a&b=c' });
    });
  });
});
