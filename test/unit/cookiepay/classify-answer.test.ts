import { describe, expect, it } from 'vitest';
import { classifyAnswer, classifyFailure, type RawAnswer } from '../../../src/cookiepay/classify-answer.js';
import { endpoints } from '../../../src/cookiepay/endpoints.js';
import type { CookiePayError } from '../../../src/cookiepay/errors.js';

const now = Date.UTC(2025, 4, 8, 0, 0, 0);
const answered = (body: unknown, httpStatus = 200, retryAfter?: string): RawAnswer => ({
  kind: 'answered',
  httpStatus,
  retryAfter,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const errorOf = (result: ReturnType<typeof classifyAnswer>): CookiePayError => {
  if (result.ok) throw new Error('expected an error');
  return result.error;
};

/** A got-like error carrying request options with secret headers, as got's errors do. */
const gotLikeError = (name: string, code: string, message: string) =>
  Object.assign(new Error(message), {
    name,
    code,
    options: { headers: { ApiKey: 'SECRET-API-KEY', TOKEN: 'SECRET-TOKEN' } },
  });

describe('classifyAnswer: success', () => {
  it('returns the parsed answer of a 0000, with extra fields kept', () => {
    const result = classifyAnswer(
      endpoints.urlCert,
      answered({ RESULTCODE: '0000', RESULTMSG: '성공', AMOUNT: '1000', EXTRA: 'x' }),
      now,
    );
    expect(result).toEqual({
      ok: true,
      resultCode: '0000',
      response: { RESULTCODE: '0000', RESULTMSG: '성공', AMOUNT: '1000', EXTRA: 'x' },
    });
  });

  it('reads RTN_CD on the token endpoint', () => {
    const result = classifyAnswer(
      endpoints.token,
      answered({ RTN_CD: '0000', RTN_MSG: '성공', TOKEN: 'a.b.c' }),
      now,
    );
    expect(result.ok && result.response.TOKEN).toBe('a.b.c');
  });
});

describe('classifyAnswer: transport failures', () => {
  it('maps a timeout to TIMEOUT', () => {
    const error = errorOf(
      classifyAnswer(
        endpoints.urlCert,
        {
          kind: 'failed',
          error: gotLikeError('TimeoutError', 'ETIMEDOUT', "Timeout awaiting 'request' for 100ms"),
        },
        now,
      ),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', endpoint: '/api/urlcert' });
    expect(error.message).toContain('/api/urlcert');
  });

  it.each([
    ['RequestError', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'],
    ['RequestError', 'ECONNRESET', 'socket hang up'],
    ['RequestError', 'ENOTFOUND', 'getaddrinfo ENOTFOUND nowhere.invalid'],
    ['ReadError', 'ERR_STREAM_PREMATURE_CLOSE', 'The server aborted pending request'],
  ])('maps %s %s to NETWORK', (name, code, message) => {
    const error = classifyFailure('/urlpay/request', gotLikeError(name, code, message));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`CookiePay /urlpay/request could not be reached (${message})`);
  });

  it('keeps only a sanitised cause (no request options, no secrets)', () => {
    const error = classifyFailure(
      '/api/urlcert',
      gotLikeError('RequestError', 'ECONNRESET', 'socket hang up'),
    );
    expect((error.cause as Error & { code?: string }).code).toBe('ECONNRESET');
    expect(error.cause).not.toHaveProperty('options');
    expect(JSON.stringify(error)).not.toContain('SECRET');
    expect(JSON.stringify({ ...error, cause: error.cause, message: error.message })).not.toContain('SECRET');
  });

  it('maps a non-Error failure to NETWORK', () => {
    expect(classifyFailure('/api/paycert', 'boom').code).toBe('NETWORK');
  });
});

describe('classifyAnswer: HTTP status', () => {
  it.each([401, 403])('maps %i on a TOKEN-carrying call to TOKEN_REJECTED', (status) => {
    for (const spec of [endpoints.urlCert, endpoints.payCert, endpoints.deliveryAdd]) {
      const error = errorOf(classifyAnswer(spec, answered('', status), now));
      expect(error).toMatchObject({ code: 'TOKEN_REJECTED', httpStatus: status, endpoint: spec.path });
    }
  });

  it.each([401, 403])('maps %i on a call without TOKEN to HTTP_STATUS', (status) => {
    expect(errorOf(classifyAnswer(endpoints.urlPay, answered('', status), now)).code).toBe('HTTP_STATUS');
    expect(errorOf(classifyAnswer(endpoints.token, answered('', status), now)).code).toBe('HTTP_STATUS');
  });

  it('maps 429 to RATE_LIMITED with Retry-After in seconds', () => {
    const error = errorOf(classifyAnswer(endpoints.urlPay, answered('', 429, '3'), now));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: 3000 });
  });

  it('maps 429 with an HTTP date Retry-After', () => {
    const date = new Date(now + 7000).toUTCString();
    expect(errorOf(classifyAnswer(endpoints.urlCert, answered('', 429, date), now)).retryAfterMs).toBe(7000);
  });

  it('maps 429 without Retry-After to RATE_LIMITED with retryAfterMs undefined', () => {
    const error = errorOf(classifyAnswer(endpoints.urlCert, answered('{}', 429), now));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it.each([500, 502, 503, 404, 400, 301, 199])('maps %i to HTTP_STATUS', (status) => {
    const error = errorOf(classifyAnswer(endpoints.payCert, answered({ RESULTCODE: '0000' }, status), now));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', httpStatus: status });
    expect(error.message).toBe(`CookiePay /api/paycert answered HTTP ${status}`);
  });
});

describe('classifyAnswer: bodies', () => {
  it.each([
    ['HTML', '<html><body>502 Bad Gateway</body></html>'],
    ['broken JSON', '{"RESULTCODE":"0000",'],
    ['empty body', ''],
    ['a JSON array', '[{"RESULTCODE":"0000"}]'],
    ['a JSON string', '"0000"'],
    ['JSON null', 'null'],
  ])('maps %s to INVALID_RESPONSE', (_, body) => {
    const error = errorOf(classifyAnswer(endpoints.urlCert, answered(body), now));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', httpStatus: 200 });
    expect(error.message).toContain('/api/urlcert');
  });

  it('maps JSON without the result code to INVALID_RESPONSE', () => {
    const error = errorOf(classifyAnswer(endpoints.token, answered({ RESULTCODE: '0000', TOKEN: 'x' }), now));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toBe('CookiePay /payAuth/token answered without RTN_CD');
    expect(JSON.stringify(error)).not.toContain('"x"');
  });

  it('maps JSON not matching the response schema to INVALID_RESPONSE naming the field', () => {
    const error = errorOf(
      classifyAnswer(endpoints.urlCert, answered({ RESULTCODE: '0000', AMOUNT: { won: 1 } }), now),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('AMOUNT');
  });

  it('maps a token 0000 without TOKEN to INVALID_RESPONSE', () => {
    const error = errorOf(
      classifyAnswer(endpoints.token, answered({ RTN_CD: '0000', RTN_MSG: '성공' }), now),
    );
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('TOKEN');
  });

  it('maps a URL payment 0000 without URLKEY to INVALID_RESPONSE', () => {
    expect(errorOf(classifyAnswer(endpoints.urlPay, answered({ RESULTCODE: '0000' }), now)).code).toBe(
      'INVALID_RESPONSE',
    );
  });
});

describe('classifyAnswer: result codes', () => {
  it('maps a non-0000 RESULTCODE to RESULT with code, message and response', () => {
    const body = { RESULTCODE: 'EA01', RESULTMSG: '결제 미진행', ORDERNO: null };
    const error = errorOf(classifyAnswer(endpoints.urlCert, answered(body), now));
    expect(error).toMatchObject({
      code: 'RESULT',
      resultCode: 'EA01',
      resultMessage: '결제 미진행',
      response: body,
      reportedCode: 'EA01',
    });
    expect(error.message).toBe('CookiePay /api/urlcert answered EA01: 결제 미진행');
  });

  it('maps a failed token request to RESULT E003 on /payAuth/token', () => {
    const error = errorOf(
      classifyAnswer(endpoints.token, answered({ RTN_CD: 'E003', RTN_MSG: 'ID & KEY 불일치' }), now),
    );
    expect(error).toMatchObject({ code: 'RESULT', resultCode: 'E003', endpoint: '/payAuth/token' });
    expect(error.message).toBe('CookiePay /payAuth/token answered E003: ID & KEY 불일치');
  });

  it('never copies a TOKEN into an error response', () => {
    const error = errorOf(
      classifyAnswer(endpoints.token, answered({ RTN_CD: 'E999', RTN_MSG: 'x', TOKEN: 'LEAKED' }), now),
    );
    expect(JSON.stringify(error)).not.toContain('LEAKED');
  });

  it.each(['토큰이 만료되었습니다', 'Invalid TOKEN', 'token expired'])(
    'maps a message speaking of the token (%s) on a TOKEN-carrying call to TOKEN_REJECTED',
    (message) => {
      for (const spec of [endpoints.urlCert, endpoints.payCert, endpoints.deliveryAdd]) {
        const error = errorOf(
          classifyAnswer(spec, answered({ RESULTCODE: 'E401', RESULTMSG: message }), now),
        );
        expect(error).toMatchObject({ code: 'TOKEN_REJECTED', resultCode: 'E401', resultMessage: message });
      }
    },
  );

  it('keeps RESULT for a message speaking of the token on a call without TOKEN', () => {
    const body = { RESULTCODE: 'E401', RESULTMSG: 'token invalid' };
    expect(errorOf(classifyAnswer(endpoints.urlPay, answered(body), now)).code).toBe('RESULT');
  });

  it('accepts a numeric result code and reports it as a string', () => {
    const error = errorOf(
      classifyAnswer(endpoints.deliveryAdd, answered({ RESULTCODE: 9029, RESULTMSG: '정산' }), now),
    );
    expect(error).toMatchObject({ code: 'RESULT', resultCode: '9029' });
  });
});

describe('classifyAnswer: where the manual is silent', () => {
  it('keeps the code of a JSON body in a 4xx answer: RESULT with that code and the HTTP status', () => {
    const body = { RESULTCODE: 'E004', RESULTMSG: '요청 항목 오류' };
    const error = errorOf(classifyAnswer(endpoints.urlPay, answered(body, 400), now));
    expect(error).toMatchObject({
      code: 'RESULT',
      httpStatus: 400,
      resultCode: 'E004',
      resultMessage: '요청 항목 오류',
      reportedCode: 'E004',
      response: body,
    });
    expect(error.message).toBe('CookiePay /urlpay/request answered HTTP 400 with E004: 요청 항목 오류');
  });

  it('keeps the code of a 5xx in its details, but a 5xx stays HTTP_STATUS (a server error, retried)', () => {
    const body = { RESULTCODE: '9999', RESULTMSG: '시스템 오류' };
    const error = errorOf(classifyAnswer(endpoints.payCert, answered(body, 503), now));
    expect(error).toMatchObject({ code: 'HTTP_STATUS', httpStatus: 503, resultCode: '9999', response: body });
    expect(error.message).toBe('CookiePay /api/paycert answered HTTP 503 with 9999: 시스템 오류');
  });

  it('keeps the code of a 401 on a TOKEN call in its TOKEN_REJECTED', () => {
    const body = { RESULTCODE: 'E401', RESULTMSG: 'Unauthorized' };
    const error = errorOf(classifyAnswer(endpoints.urlCert, answered(body, 401), now));
    expect(error).toMatchObject({ code: 'TOKEN_REJECTED', httpStatus: 401, resultCode: 'E401' });
  });

  it('maps the token endpoint’s RTN_CD shape on a TOKEN call to TOKEN_REJECTED, whatever its wording', () => {
    for (const spec of [endpoints.urlCert, endpoints.payCert, endpoints.deliveryAdd]) {
      const error = errorOf(classifyAnswer(spec, answered({ RTN_CD: 'E005', RTN_MSG: '인증 실패' }), now));
      expect(error).toMatchObject({ code: 'TOKEN_REJECTED', resultCode: 'E005', resultMessage: '인증 실패' });
      expect(error.message).toBe(`CookiePay ${spec.path} answered RTN_CD E005: 인증 실패`);
      const in400 = errorOf(classifyAnswer(spec, answered({ RTN_CD: 'E005' }, 400), now));
      expect(in400).toMatchObject({ code: 'TOKEN_REJECTED', httpStatus: 400, resultCode: 'E005' });
    }
    // Without TOKEN, the shape is only a body without the endpoint's RESULTCODE.
    const error = errorOf(classifyAnswer(endpoints.urlPay, answered({ RTN_CD: 'E005' }), now));
    expect(error.code).toBe('INVALID_RESPONSE');
  });

  it('requires PAYURL on a 0000 urlpay answer (필수 in the manual)', () => {
    const error = errorOf(
      classifyAnswer(endpoints.urlPay, answered({ RESULTCODE: '0000', URLKEY: 'UK1', PAYURL: '' }), now),
    );
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(error.message).toBe('CookiePay /urlpay/request answered 0000 without PAYURL');
    const complete = { RESULTCODE: '0000', URLKEY: 'UK1', PAYURL: 'https://pay.example/UK1' };
    expect(classifyAnswer(endpoints.urlPay, answered(complete), now).ok).toBe(true);
  });
});
