import { describe, expect, it } from 'vitest';
import { createCookiePayClient, type TokenSource } from '../../../src/cookiepay/client.js';
import type { EndpointSpec } from '../../../src/cookiepay/endpoints.js';
import { CookiePayError } from '../../../src/cookiepay/errors.js';
import type { OutgoingRequest, Transport } from '../../../src/cookiepay/transport.js';
import { deliveryJob, urlPayJob } from '../../fixtures/jobs.js';

/**
 * The client's own decisions (validation before sending, credentials, token retry) checked against a scripted
 * transport. HTTP and Redis themselves are exercised in test/integration/cookiepay.
 */
type Answer = Record<string, unknown> | CookiePayError;

const scriptedTransport = (answers: Answer[]) => {
  const sent: { path: string; request: OutgoingRequest }[] = [];
  const transport: Transport = {
    async exchange(spec: EndpointSpec, request: OutgoingRequest) {
      sent.push({ path: spec.path, request });
      const answer = answers.shift() ?? { RESULTCODE: '0000', RTN_CD: '0000', TOKEN: 'fresh' };
      if (answer instanceof CookiePayError) throw answer;
      return answer as never;
    },
  };
  return { transport, sent };
};

const recordingTokens = (tokens: string[]) => {
  const rejected: string[] = [];
  const source: TokenSource = {
    get: async () => tokens[0] ?? 'none',
    reject: async (token) => {
      rejected.push(token);
      if (tokens[0] === token) tokens.shift();
    },
  };
  return { source, rejected };
};

const credentials = { apiId: 'cookie01', apiKey: 'api-key-secret' };
const rejection = (endpoint: string) =>
  new CookiePayError('TOKEN_REJECTED', `CookiePay ${endpoint} rejected the TOKEN (HTTP 401)`, {
    endpoint,
    httpStatus: 401,
  });

describe('createCookiePayClient', () => {
  it('sends a token request with pay2_id/pay2_key and no headers', async () => {
    const { transport, sent } = scriptedTransport([{ RTN_CD: '0000', TOKEN: 'a.b.c' }]);
    const client = createCookiePayClient({ transport, credentials, tokens: recordingTokens([]).source });
    expect(await client.requestToken()).toEqual({ RTN_CD: '0000', TOKEN: 'a.b.c' });
    expect(sent).toEqual([
      {
        path: '/payAuth/token',
        request: { headers: {}, body: { pay2_id: 'cookie01', pay2_key: 'api-key-secret' } },
      },
    ]);
  });

  it('sends URL payments with ApiKey and its own API_ID, validated and normalised', async () => {
    const { transport, sent } = scriptedTransport([{ RESULTCODE: '0000', URLKEY: 'UK1' }]);
    const client = createCookiePayClient({ transport, credentials, tokens: recordingTokens([]).source });
    await client.urlPay(urlPayJob());
    expect(sent[0]).toEqual({
      path: '/urlpay/request',
      request: {
        headers: { ApiKey: 'api-key-secret' },
        body: {
          API_ID: 'cookie01',
          PRODUCTNAME: '유기농 사과 5kg',
          AMOUNT: '39000',
          BUYERNAME: '홍길동',
          BUYERHP: '01012345678',
        },
      },
    });
  });

  it('rejects an invalid request with INVALID_REQUEST naming each field, sending nothing', async () => {
    const { transport, sent } = scriptedTransport([]);
    const client = createCookiePayClient({ transport, credentials, tokens: recordingTokens(['t1']).source });
    const error = await client
      .urlPay({ PRODUCTNAME: 'a&b', AMOUNT: 0, BUYERNAME: '홍길동', BUYERHP: '010' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CookiePayError);
    expect(error).toMatchObject({
      code: 'INVALID_REQUEST',
      endpoint: '/urlpay/request',
      issues: expect.arrayContaining([
        { field: 'PRODUCTNAME', reason: 'must not contain "&"' },
        { field: 'AMOUNT', reason: 'must be above 0' },
        expect.objectContaining({ field: 'BUYERHP' }),
      ]),
    });
    expect((error as Error).message).toMatch(/^CookiePay \/urlpay\/request request is invalid: /);
    await expect(client.urlCert({ URLKEY: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(client.payCert({ tid: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(sent).toEqual([]);
  });

  it('sends urlcert and paycert with TOKEN only; delivery with ApiKey and TOKEN', async () => {
    const { transport, sent } = scriptedTransport([]);
    const client = createCookiePayClient({ transport, credentials, tokens: recordingTokens(['t1']).source });
    await client.urlCert({ URLKEY: 'UK1' });
    await client.payCert({ tid: 'TID1' });
    await client.deliveryAdd(deliveryJob({ TID: 'TID1', RECEIVERDATE: '20250228' }));
    expect(sent.map(({ path, request }) => [path, request.headers, request.body])).toEqual([
      ['/api/urlcert', { TOKEN: 't1' }, { URLKEY: 'UK1' }],
      ['/api/paycert', { TOKEN: 't1' }, { tid: 'TID1' }],
      [
        '/escro/delivery_add',
        { ApiKey: 'api-key-secret', TOKEN: 't1' },
        expect.objectContaining({ API_ID: 'cookie01', TID: 'TID1', RECEIVERDATE: '20250228' }),
      ],
    ]);
  });

  it('drops a rejected token, gets another and sends once more without the caller seeing it', async () => {
    const { transport, sent } = scriptedTransport([
      rejection('/api/urlcert'),
      { RESULTCODE: '0000', TID: 'T' },
    ]);
    const tokens = recordingTokens(['old', 'new']);
    const client = createCookiePayClient({ transport, credentials, tokens: tokens.source });
    expect(await client.urlCert({ URLKEY: 'UK1' })).toEqual({ RESULTCODE: '0000', TID: 'T' });
    expect(tokens.rejected).toEqual(['old']);
    expect(sent.map(({ request }) => request.headers.TOKEN)).toEqual(['old', 'new']);
  });

  it('surfaces a second rejection as TOKEN_REJECTED and drops that token too', async () => {
    const { transport, sent } = scriptedTransport([rejection('/api/paycert'), rejection('/api/paycert')]);
    const tokens = recordingTokens(['old', 'new']);
    const client = createCookiePayClient({ transport, credentials, tokens: tokens.source });
    await expect(client.payCert({ tid: 'T' })).rejects.toMatchObject({ code: 'TOKEN_REJECTED' });
    expect(tokens.rejected).toEqual(['old', 'new']);
    expect(sent).toHaveLength(2);
  });

  it('suspects the TOKEN of any other code but EA01: drops it, sends once more, and the second answer stands', async () => {
    const unknownTid = () =>
      new CookiePayError('RESULT', 'CookiePay /api/paycert answered E999: 요청을 처리할 수 없습니다', {
        endpoint: '/api/paycert',
        resultCode: 'E999',
      });
    const recovered = scriptedTransport([unknownTid(), { RESULTCODE: '0000', TID: 'T' }]);
    const tokens = recordingTokens(['old', 'new']);
    const client = createCookiePayClient({
      transport: recovered.transport,
      credentials,
      tokens: tokens.source,
    });
    expect(await client.payCert({ tid: 'T' })).toEqual({ RESULTCODE: '0000', TID: 'T' });
    expect(tokens.rejected).toEqual(['old']);
    expect(recovered.sent.map(({ request }) => request.headers.TOKEN)).toEqual(['old', 'new']);

    // A business answer again with the fresh token is that answer: the fresh token is kept.
    const second = unknownTid();
    const refused = scriptedTransport([unknownTid(), second]);
    const more = recordingTokens(['old', 'new']);
    const again = createCookiePayClient({ transport: refused.transport, credentials, tokens: more.source });
    await expect(again.payCert({ tid: 'T' })).rejects.toBe(second);
    expect(more.rejected).toEqual(['old']);
    expect(refused.sent).toHaveLength(2);
  });

  it('suspects nothing of a call without TOKEN, of EA01, or of a failure without an answer', async () => {
    const errors = [
      new CookiePayError('RESULT', 'E004', { endpoint: '/urlpay/request', resultCode: 'E004' }),
      new CookiePayError('HTTP_STATUS', '503', {
        endpoint: '/api/urlcert',
        httpStatus: 503,
        resultCode: '9999',
      }),
      new CookiePayError('TIMEOUT', 'slow', { endpoint: '/api/urlcert' }),
    ];
    for (const error of errors) {
      const { transport, sent } = scriptedTransport([error]);
      const tokens = recordingTokens(['t1']);
      const client = createCookiePayClient({ transport, credentials, tokens: tokens.source });
      const call =
        error.endpoint === '/urlpay/request' ? client.urlPay(urlPayJob()) : client.urlCert({ URLKEY: 'UK1' });
      await expect(call).rejects.toBe(error);
      expect(tokens.rejected).toEqual([]);
      expect(sent).toHaveLength(1);
    }
  });

  it('does not retry other errors', async () => {
    const result = new CookiePayError('RESULT', 'CookiePay /api/urlcert answered EA01: 결제 미진행', {
      endpoint: '/api/urlcert',
      resultCode: 'EA01',
    });
    const { transport, sent } = scriptedTransport([result]);
    const tokens = recordingTokens(['t1']);
    const client = createCookiePayClient({ transport, credentials, tokens: tokens.source });
    await expect(client.urlCert({ URLKEY: 'UK1' })).rejects.toBe(result);
    expect(tokens.rejected).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('lets a token fetch failure through unchanged', async () => {
    const failure = new CookiePayError('RESULT', 'CookiePay /payAuth/token answered E003: ID & KEY 불일치', {
      endpoint: '/payAuth/token',
      resultCode: 'E003',
    });
    const { transport, sent } = scriptedTransport([]);
    const tokens: TokenSource = { get: () => Promise.reject(failure), reject: async () => {} };
    const client = createCookiePayClient({ transport, credentials, tokens });
    await expect(client.urlCert({ URLKEY: 'UK1' })).rejects.toBe(failure);
    expect(sent).toEqual([]);
  });
});
