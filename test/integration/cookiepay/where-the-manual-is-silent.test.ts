import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CookiePayError } from '../../../src/cookiepay/errors.js';
import type { ScriptedAnswer } from '../../../src/simulator/answers.js';
import type { Assumptions } from '../../../src/simulator/assumptions.js';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { rejectionOf } from '../../helpers/rejection-of.js';

/**
 * The client where the manual is silent or easy to misread: header names exactly as the manual writes them, a TOKEN
 * CookiePay stops accepting however it says so, a code in a non-2xx answer, a 0000 urlpay answer without PAYURL.
 */
const validUrlPay = urlPayJob();

/** A paid link on the harness's simulator and its TID; the log emptied afterwards. */
const paidPayment = async (harness: Harness) => {
  const link = await harness.cookiepay().urlPay(validUrlPay);
  const URLKEY = String(link.URLKEY);
  const { payment } = await harness.simulator.control.pay({ URLKEY });
  await harness.simulator.control.resetRequests();
  return { URLKEY, TID: payment.TID };
};

const namesOf = (request: IncomingMessage) => request.rawHeaders.filter((_, index) => index % 2 === 0);

describe('header names leave exactly as the manual writes them', () => {
  let harness: Harness;
  let server: Server;
  let serverUrl: string;
  const seen: { path: string; names: string[] }[] = [];

  beforeAll(async () => {
    harness = await createHarness(inject('redisUrl'));
    // A plain Node server: what arrives on the wire, before any framework reads it.
    server = createServer((request, response) => {
      seen.push({ path: request.url ?? '', names: namesOf(request) });
      response.setHeader('content-type', 'application/json');
      const answers: Record<string, unknown> = {
        '/payAuth/token': { RTN_CD: '0000', RTN_MSG: '성공', TOKEN: 'not.a.jwt' },
        '/urlpay/request': { RESULTCODE: '0000', URLKEY: 'UK1', PAYURL: 'https://pay.example/UK1' },
      };
      response.end(JSON.stringify(answers[request.url ?? ''] ?? { RESULTCODE: '0000', RESULTMSG: '성공' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  });

  it('ApiKey, TOKEN and Content-Type arrive on the wire in the manual’s spelling, no other case', async () => {
    const cookiepay = harness.cookiepay({ baseUrl: serverUrl });
    await cookiepay.urlPay(validUrlPay);
    await cookiepay.urlCert({ URLKEY: 'UK1' });
    await cookiepay.payCert({ tid: 'T1' });
    await cookiepay.deliveryAdd(deliveryJob());
    const credentials = (names: string[]) =>
      names.filter((name) => ['apikey', 'token', 'content-type'].includes(name.toLowerCase()));
    expect(seen.map(({ path, names }) => [path, credentials(names)])).toEqual([
      ['/urlpay/request', ['ApiKey', 'Content-Type']],
      ['/payAuth/token', ['Content-Type']],
      ['/api/urlcert', ['TOKEN', 'Content-Type']],
      ['/api/paycert', ['TOKEN', 'Content-Type']],
      ['/escro/delivery_add', ['ApiKey', 'TOKEN', 'Content-Type']],
    ]);
  });

  it('the simulator comparing header names exactly refuses none of the five endpoints', async () => {
    const { URLKEY, TID } = await paidPayment(harness);
    const cookiepay = harness.cookiepay();
    await cookiepay.urlCert({ URLKEY });
    await cookiepay.payCert({ tid: TID });
    await cookiepay.deliveryAdd(deliveryJob({ TID, AMOUNT: String(validUrlPay.AMOUNT) }));
    const requests = await harness.simulator.control.requests();
    expect(requests.map((request) => [request.endpoint, request.outcome, request.resultCode])).toEqual([
      ['/payAuth/token', 'answered', '0000'],
      ['/api/urlcert', 'answered', '0000'],
      ['/api/paycert', 'answered', '0000'],
      ['/escro/delivery_add', 'answered', '0000'],
    ]);
    expect(requests.at(-1)?.headerNames).toEqual(expect.arrayContaining(['ApiKey', 'TOKEN']));
    expect(await harness.simulator.control.violations()).toEqual([]);
  });
});

/** How each way of rejecting a TOKEN is scripted, as the simulator's `tokenRejection` answers it. */
const rejectionScripts: Record<Assumptions['tokenRejection'], ScriptedAnswer> = {
  'token-message': { resultCode: 'E005', resultMessage: 'TOKEN이 만료되었습니다' },
  'http-401': { httpStatus: 401, body: { RESULTCODE: 'E401', RESULTMSG: 'Unauthorized' } },
  'rtn-cd': { httpStatus: 200, body: { RTN_CD: 'E005', RTN_MSG: '인증 실패' } },
  resultcode: { resultCode: 'E999', resultMessage: '요청을 처리할 수 없습니다' },
};

describe.each(Object.keys(rejectionScripts) as Assumptions['tokenRejection'][])(
  'a TOKEN CookiePay stops accepting, answered as %s',
  (tokenRejection) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await createHarness(inject('redisUrl'), { assumptions: { tokenRejection } });
    });
    beforeEach(() => harness.reset());
    afterAll(() => harness.close());

    it('is replaced by one new token and the call repeated once, without the caller seeing it', async () => {
      const { URLKEY } = await paidPayment(harness);
      const cookiepay = harness.cookiepay();
      await cookiepay.urlCert({ URLKEY });
      await harness.simulator.control.revokeTokens();
      expect(await cookiepay.urlCert({ URLKEY })).toMatchObject({ RESULTCODE: '0000' });
      expect(await harness.tokenRequests()).toBe(2);
      const certs = await harness.simulator.control.requests({ endpoint: '/api/urlcert' });
      expect(certs.map((entry) => entry.status)).toEqual([
        200,
        tokenRejection === 'http-401' ? 401 : 200,
        200,
      ]);
    });

    it('after a revocation, 2 processes calling at once fetch exactly one new token', async () => {
      const { URLKEY, TID } = await paidPayment(harness);
      const [first, second] = [harness.cookiepay(), harness.cookiepay()];
      await Promise.all([first.urlCert({ URLKEY }), second.payCert({ tid: TID })]);
      await harness.simulator.control.revokeTokens();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).payCert({ tid: TID })),
      );
      expect(answers.every((answer) => answer.RESULTCODE === '0000')).toBe(true);
      expect(await harness.tokenRequests()).toBe(2);
    });

    it('a fresh token rejected too ends the call: TOKEN_REJECTED (or, where nothing shows it, that code)', async () => {
      const script = rejectionScripts[tokenRejection];
      await harness.simulator.control.script('/api/urlcert', [script, script]);
      const error = await rejectionOf(harness.cookiepay().urlCert({ URLKEY: 'UK-1' }));
      expect(error).toBeInstanceOf(CookiePayError);
      // A code with no word of the token cannot be told from any other answer: it stands, retried like one.
      expect(error).toMatchObject(
        tokenRejection === 'resultcode' ? { code: 'RESULT', resultCode: 'E999' } : { code: 'TOKEN_REJECTED' },
      );
      expect(await harness.tokenRequests()).toBe(2);
      expect(await harness.simulator.control.requests({ endpoint: '/api/urlcert' })).toHaveLength(2);
    });

    it('a plain refusal (an unknown TID) costs one refresh and one repeat, once per token across processes', async () => {
      const [first, second] = [harness.cookiepay(), harness.cookiepay()];
      const { URLKEY } = await paidPayment(harness);
      // Both hold the same token.
      await Promise.all([first.urlCert({ URLKEY }), second.urlCert({ URLKEY })]);
      expect(await harness.tokenRequests()).toBe(1);
      await harness.simulator.control.resetRequests();
      const errors = await Promise.all([
        rejectionOf(first.payCert({ tid: 'NO-SUCH-TID-1' })),
        rejectionOf(second.payCert({ tid: 'NO-SUCH-TID-2' })),
      ]);
      expect(errors.map((error) => [error.code, error.resultCode])).toEqual([
        ['RESULT', 'E006'],
        ['RESULT', 'E006'],
      ]);
      expect(await harness.tokenRequests()).toBe(1);
      expect(await harness.simulator.control.requests({ endpoint: '/api/paycert' })).toHaveLength(4);
    });
  },
);

describe('answers the manual does not describe', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(inject('redisUrl'));
  });
  beforeEach(() => harness.reset());
  afterAll(() => harness.close());

  it('a non-2xx answer with a JSON body keeps its code: RESULT with the code and the HTTP status', async () => {
    await harness.simulator.control.script('/urlpay/request', [
      { httpStatus: 400, body: { RESULTCODE: 'E004', RESULTMSG: 'AMOUNT 오류' } },
    ]);
    const error = await rejectionOf(harness.cookiepay().urlPay(validUrlPay));
    expect(error).toMatchObject({
      code: 'RESULT',
      httpStatus: 400,
      resultCode: 'E004',
      reportedCode: 'E004',
      response: { RESULTCODE: 'E004', RESULTMSG: 'AMOUNT 오류' },
    });
  });

  it('a 0000 urlpay answer without PAYURL is INVALID_RESPONSE (the manual marks PAYURL 필수)', async () => {
    await harness.simulator.control.script('/urlpay/request', [
      { httpStatus: 200, body: { RESULTCODE: '0000', RESULTMSG: '성공', URLKEY: 'UK1' } },
    ]);
    const error = await rejectionOf(harness.cookiepay().urlPay(validUrlPay));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(error.message).toBe('CookiePay /urlpay/request answered 0000 without PAYURL');
  });
});
