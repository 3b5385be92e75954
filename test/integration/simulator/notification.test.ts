import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalNotificationSchema } from '../../../src/cookiepay/schemas/notification.js';
import type { RunningSimulator } from '../../../src/simulator/start-simulator.js';
import { API_ID, createLink, startTestSimulator } from './http.js';

const NOTI_FIELDS = [
  'API_ID',
  'ORDERNO',
  'AMOUNT',
  'TID',
  'BUYEREMAIL',
  'BUYERNAME',
  'USERID',
  'PRODUCTCODE',
  'PRODUCTNAME',
  'ACCEPT_DATE',
  'ACCEPT_NO',
  'CARDCODE',
  'CARDNAME',
  'CARDNO',
  'QUOTA',
  'ACCOUNTNO',
  'RECEIVERNAME',
  'DEPOSITENDDATE',
  'DEPOSITNAME',
  'PAY_METHOD',
  'SMS_INPUT',
  'ETC1',
  'ETC2',
  'ETC3',
  'ETC4',
  'ETC5',
];

describe('simulator payment notification', () => {
  let sim: RunningSimulator;
  let receiver: Server;
  let receiverUrl: string;
  const received: { contentType: string | undefined; body: Record<string, unknown> }[] = [];
  let answerStatus = 200;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      request.on('end', () => {
        received.push({ contentType: request.headers['content-type'], body: JSON.parse(text) });
        response.statusCode = answerStatus;
        response.end('<RESULT>SUCCESS</RESULT>');
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/noti`;
    sim = await startTestSimulator({ notificationUrl: receiverUrl });
  });
  afterAll(async () => {
    await sim.close();
    receiver.close();
  });

  it('POSTs the manual Noti fields as strings when a link is paid', async () => {
    const { urlKey } = await createLink(sim, { BILL_NO: 'N-1', ETC1: 'mine' });
    const paid = await sim.control.pay({ URLKEY: urlKey });
    expect(paid.notification).toMatchObject({ delivered: true, status: 200, url: receiverUrl });
    expect(received).toHaveLength(1);
    const noti = received[0];
    expect(noti?.contentType).toContain('application/json');
    const body = noti?.body ?? {};
    expect(Object.keys(body).sort()).toEqual([...NOTI_FIELDS].sort());
    for (const value of Object.values(body)) expect(typeof value).toBe('string');
    expect(body).toMatchObject({
      API_ID,
      ORDERNO: 'N-1',
      AMOUNT: '15000',
      TID: paid.payment.TID,
      BUYERNAME: '홍길동',
      PRODUCTNAME: '쿠키 선물세트',
      PAY_METHOD: 'CARD',
      QUOTA: '00',
      SMS_INPUT: urlKey,
      ETC1: 'mine',
      // ETC3..5 are not fields of /urlpay/request: a URL payment's Noti carries them empty.
      ETC4: '',
    });
    expect(body.CARDNO).toMatch(/^\*\*\d{6}$/);
    expect(body.ACCEPT_DATE).toMatch(/^\d{14}$/);
    expect(approvalNotificationSchema.safeParse(body).success).toBe(true);
  });

  it('does not notify twice for an already-paid link', async () => {
    const before = received.length;
    const { urlKey } = await createLink(sim);
    await sim.control.pay({ URLKEY: urlKey });
    await sim.control.pay({ URLKEY: urlKey });
    expect(received.length).toBe(before + 1);
  });

  it('records a refused or failed delivery without failing the payment', async () => {
    answerStatus = 500;
    const { urlKey } = await createLink(sim);
    const refused = await sim.control.pay({ URLKEY: urlKey });
    expect(refused.notification).toMatchObject({ delivered: false, status: 500 });
    answerStatus = 200;

    await sim.control.setNotificationUrl('http://127.0.0.1:1/nothing-listens-here');
    const second = await createLink(sim);
    const failed = await sim.control.pay({ URLKEY: second.urlKey });
    expect(failed.payment.TID).toMatch(/^SIM/);
    expect(failed.notification?.delivered).toBe(false);
    expect(failed.notification?.error).toBeTruthy();
    const attempts = await sim.control.notifications();
    expect(attempts.filter((attempt) => !attempt.delivered)).toHaveLength(2);
    await sim.control.setNotificationUrl(receiverUrl);
  });

  it('sends the lower-case cancel notification when asked to', async () => {
    const { urlKey } = await createLink(sim);
    const { payment } = await sim.control.pay({ URLKEY: urlKey });
    const cancelled = await sim.control.cancel({ TID: payment.TID, notify: true });
    expect(cancelled.notification?.delivered).toBe(true);
    expect(received.at(-1)?.body).toMatchObject({
      noti_type: 'cancel',
      tid: payment.TID,
      cancel_amount: '15000',
    });
  });
});
