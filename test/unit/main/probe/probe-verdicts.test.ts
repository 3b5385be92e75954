import { describe, expect, it } from 'vitest';
import { type Exchange, readAnswer } from '../../../../src/main/probe/probe-answer.js';
import {
  judgeBillNo,
  judgeDuplicateDelivery,
  judgeHeaderCase,
  judgePayCertUnknownTid,
  judgeTokenIssue,
  judgeTokenRejection,
  judgeUrlCertUnpaid,
  judgeVirtualAccount,
} from '../../../../src/main/probe/probe-verdicts.js';

/** An answer as the probe reads it, from a status and a JSON body (or a raw text). */
const answer = (
  httpStatus: number,
  body: Record<string, unknown> | string,
  endpoint = '/api/urlcert',
): Exchange =>
  readAnswer(
    endpoint,
    'a test request',
    {
      kind: 'answered',
      httpStatus,
      contentType: 'application/json',
      text: typeof body === 'string' ? body : JSON.stringify(body),
    },
    [],
  );

const noAnswer: Exchange = readAnswer(
  '/api/urlcert',
  'a test request',
  { kind: 'failed', reason: 'ECONNRESET' },
  [],
);

const jwt = (claims: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('readAnswer', () => {
  it('masks secret-named fields and every known secret value, and reads the shape', () => {
    const raw = { kind: 'answered', httpStatus: 200, contentType: undefined } as const;
    const token = readAnswer(
      '/payAuth/token',
      'the account',
      { ...raw, text: JSON.stringify({ RTN_CD: '0000', RTN_MSG: '성공', TOKEN: 'eyJ.secret.token' }) },
      ['the-key'],
    );
    expect(token).toMatchObject({ shape: 'RTN_CD', code: '0000', fields: ['RTN_CD', 'RTN_MSG', 'TOKEN'] });
    expect(JSON.stringify(token)).not.toContain('eyJ.secret.token');
    const echoed = readAnswer(
      '/urlpay/request',
      'x',
      { ...raw, text: JSON.stringify({ RESULTCODE: 'E003', RESULTMSG: 'key the-key is wrong' }) },
      ['the-key'],
    );
    expect(echoed.message).toBe('key [redacted] is wrong');
    expect(answer(500, '<html>oops</html>').shape).toBe('not JSON');
    expect(answer(200, { RESULTCODE: 0 }).code).toBe('0');
  });
});

describe('judgeTokenIssue', () => {
  it('a JWT with exp is as assumed and says its lifetime; never the token', () => {
    const token = jwt({ user: 'shop', iat: 1_000, exp: 4_600 });
    const finding = judgeTokenIssue(
      answer(200, { RTN_CD: '0000', RTN_MSG: '성공', TOKEN: token }, '/payAuth/token'),
      token,
    );
    expect(finding.verdict).toBe('as assumed');
    expect(finding.observed).toContain('exp − iat = 3600 s');
    expect(JSON.stringify(finding)).not.toContain(token);
  });

  it('a token without exp differs and names COOKIEPAY_TOKEN_TTL_MS; a refusal names the credentials', () => {
    const opaque = judgeTokenIssue(
      answer(200, { RTN_CD: '0000', TOKEN: 'opaque' }, '/payAuth/token'),
      'opaque',
    );
    expect(opaque).toMatchObject({ verdict: 'differs' });
    expect(opaque.action).toContain('COOKIEPAY_TOKEN_TTL_MS');
    const refused = judgeTokenIssue(
      answer(200, { RTN_CD: 'E003', RTN_MSG: 'ID & KEY 불일치' }, '/payAuth/token'),
      undefined,
    );
    expect(refused.verdict).toBe('could not check');
    expect(refused.action).toContain('COOKIEPAY_API_KEY');
  });
});

describe('judgeTokenRejection', () => {
  it.each([
    [401, { RESULTCODE: 'E401', RESULTMSG: 'Unauthorized' }, 'differs', 'token-http-401'],
    [200, { RTN_CD: 'E005', RTN_MSG: '인증 실패' }, 'differs', 'token-rtn-cd'],
    [200, { RESULTCODE: 'E005', RESULTMSG: 'TOKEN이 유효하지 않습니다' }, 'as assumed', undefined],
    [200, { RESULTCODE: 'E005', RESULTMSG: '토큰 오류' }, 'as assumed', undefined],
    [200, { RESULTCODE: 'E999', RESULTMSG: '요청을 처리할 수 없습니다' }, 'differs', 'token-resultcode'],
  ] as const)('HTTP %i %j: %s (%s)', (status, body, verdict, profile) => {
    const finding = judgeTokenRejection(answer(status, body));
    expect(finding.verdict).toBe(verdict);
    expect(finding.profile).toBe(profile);
    if (profile) expect(finding.action).toContain(`SIMULATOR_ASSUMPTIONS=${profile}`);
  });

  it('an answer that does not refuse the token differs with no profile: report it', () => {
    for (const exchange of [
      answer(200, { RESULTCODE: 'EA01', RESULTMSG: '결제 미진행' }),
      answer(200, { RESULTCODE: '0000' }),
      answer(502, '<html>Bad gateway</html>'),
    ]) {
      const finding = judgeTokenRejection(exchange);
      expect(finding.verdict).toBe('differs');
      expect(finding.profile).toBeUndefined();
      expect(finding.action).toMatch(/^report it: the worker needs a change/);
    }
    expect(judgeTokenRejection(noAnswer).verdict).toBe('could not check');
  });
});

describe('judgeHeaderCase', () => {
  const ok = answer(200, { RESULTCODE: '0000', RESULTMSG: '성공', URLKEY: 'K' }, '/urlpay/request');
  const ea01 = answer(200, { RESULTCODE: 'EA01', RESULTMSG: '결제 미진행' });
  const e001 = answer(200, { RESULTCODE: 'E001', RESULTMSG: 'ApiKey 헤더가 없습니다' }, '/urlpay/request');
  const e005 = answer(200, { RESULTCODE: 'E005', RESULTMSG: 'TOKEN 헤더가 없습니다' });

  it('lower case refused: as assumed (the worker sends the exact spelling)', () => {
    const strict = judgeHeaderCase(
      { exact: ok, lower: e001, expected: '0000' },
      { exact: ea01, lower: e005, expected: 'EA01' },
    );
    expect(strict.verdict).toBe('as assumed');
    expect(strict.profile).toBeUndefined();
    expect(strict.observed).toContain('"apikey" answered HTTP 200, RESULTCODE E001');
  });

  it('the same answers in either case: differs as any-header-case, nothing to change; the exact spelling refused: report', () => {
    const any = judgeHeaderCase(
      { exact: ok, lower: ok, expected: '0000' },
      { exact: ea01, lower: ea01, expected: 'EA01' },
    );
    expect(any).toMatchObject({ verdict: 'differs', profile: 'any-header-case' });
    expect(any.observed).toContain('"ApiKey" and "apikey" answered the same');
    expect(any.action).toContain('nothing to change in the worker');
    expect(any.action).toContain('SIMULATOR_ASSUMPTIONS=any-header-case');
    const backwards = judgeHeaderCase({ exact: e001, lower: ok, expected: '0000' }, { expected: 'EA01' });
    expect(backwards.verdict).toBe('differs');
    expect(backwards.action).toMatch(/^report it/);
    expect(judgeHeaderCase({ expected: '0000' }, { expected: 'EA01' }).verdict).toBe('could not check');
  });
});

describe('judgeBillNo', () => {
  const link = (URLKEY: string, BILL_NO?: string) =>
    answer(
      200,
      { RESULTCODE: '0000', RESULTMSG: '성공', URLKEY, PAYURL: `https://x/${URLKEY}`, BILL_NO },
      '/urlpay/request',
    );
  const e011 = answer(200, { RESULTCODE: 'E011', RESULTMSG: '등록되지 않은 청구서 번호' }, '/urlpay/request');

  it('the same URLKEY twice is as assumed and says whether BILL_NO came back', () => {
    const finding = judgeBillNo({ billNo: 'P1', first: link('K1', 'P1'), second: link('K1', 'P1') });
    expect(finding.verdict).toBe('as assumed');
    expect(finding.observed).toContain('the BILL_NO sent is answered back');
    expect(judgeBillNo({ billNo: 'P1', first: link('K1'), second: link('K1') }).observed).toContain(
      'no BILL_NO answered',
    );
  });

  it('two links for one BILL_NO differ: report it', () => {
    const finding = judgeBillNo({ billNo: 'P1', first: link('K1', 'P1'), second: link('K2', 'P1') });
    expect(finding.verdict).toBe('differs');
    expect(finding.profile).toBeUndefined();
    expect(finding.action).toMatch(/^report it/);
  });

  it("refused, and answered without BILL_NO: differs as bill-no-refused, naming CookiePay's own number", () => {
    const finding = judgeBillNo({
      billNo: 'P1',
      first: e011,
      second: e011,
      withoutBillNo: link('K3', 'SB123'),
    });
    expect(finding).toMatchObject({ verdict: 'differs', profile: 'bill-no-refused' });
    expect(finding.observed).toContain('BILL_NO SB123');
  });

  it('refused with and without BILL_NO: could not check, pointing at --amount and the key', () => {
    const finding = judgeBillNo({ billNo: 'P1', first: e011, second: e011, withoutBillNo: e011 });
    expect(finding.verdict).toBe('could not check');
    expect(finding.action).toContain('--amount');
  });
});

describe('judgeUrlCertUnpaid and judgePayCertUnknownTid', () => {
  it('EA01 for an unpaid link is as assumed; 0000 differs', () => {
    expect(judgeUrlCertUnpaid(answer(200, { RESULTCODE: 'EA01' })).verdict).toBe('as assumed');
    expect(judgeUrlCertUnpaid(answer(200, { RESULTCODE: '0000' })).verdict).toBe('differs');
    expect(judgeUrlCertUnpaid(undefined).verdict).toBe('could not check');
  });

  it('an unknown TID answered unlike a rejected token is as assumed; like it, it differs', () => {
    const rejected = answer(200, { RESULTCODE: 'E005', RESULTMSG: 'TOKEN 오류' });
    const unknown = answer(200, { RESULTCODE: 'E006', RESULTMSG: '존재하지 않는 거래' }, '/api/paycert');
    expect(judgePayCertUnknownTid(unknown, rejected).verdict).toBe('as assumed');
    const same = judgePayCertUnknownTid(
      answer(200, { RESULTCODE: 'E005', RESULTMSG: 'TOKEN 오류' }),
      rejected,
    );
    expect(same.verdict).toBe('differs');
    expect(same.observed).toContain('the same as the answer to a made-up TOKEN');
    expect(judgePayCertUnknownTid(answer(200, { RESULTCODE: '0000' }), rejected).verdict).toBe('differs');
  });
});

describe('judgeDuplicateDelivery and judgeVirtualAccount', () => {
  const paid = answer(
    200,
    { RESULTCODE: '0000', AMOUNT: '15000', PAYMETHOD: 'CARD', CANCELDATE: '' },
    '/api/paycert',
  );
  const ok = answer(200, { RESULTCODE: '0000', RESULTMSG: '성공' }, '/escro/delivery_add');
  const e010 = answer(
    200,
    { RESULTCODE: 'E010', RESULTMSG: '이미 배송정보가 등록된 거래입니다' },
    '/escro/delivery_add',
  );

  it('0000 twice is as assumed; an error the second time differs as duplicate-delivery-error', () => {
    expect(judgeDuplicateDelivery({ payCert: paid, first: ok, second: ok }).verdict).toBe('as assumed');
    expect(judgeDuplicateDelivery({ payCert: paid, first: ok, second: e010 })).toMatchObject({
      verdict: 'differs',
      profile: 'duplicate-delivery-error',
    });
  });

  it('no TID, or a first registration refused: could not check, saying how to', () => {
    const none = judgeDuplicateDelivery({ notTried: 'not tried: no --paid-tid given' });
    expect(none.verdict).toBe('could not check');
    expect(none.action).toContain('--paid-tid');
    expect(judgeDuplicateDelivery({ payCert: paid, first: e010 }).observed).toContain(
      'the first registration',
    );
  });

  it('an issued virtual account (ACCEPTNO empty) differs as deposit-later; paid into is as assumed', () => {
    const issued = answer(
      200,
      { RESULTCODE: '0000', PAYMETHOD: 'VACCT', ACCOUNTNO: '123', ACCEPTNO: '' },
      '/api/paycert',
    );
    expect(judgeVirtualAccount(issued, '--vacct-tid')).toMatchObject({
      verdict: 'differs',
      profile: 'virtual-account-deposit-later',
    });
    const deposited = answer(
      200,
      { RESULTCODE: '0000', PAYMETHOD: 'VACCOUNT', ACCEPTNO: '9' },
      '/api/paycert',
    );
    expect(judgeVirtualAccount(deposited, '--vacct-tid').verdict).toBe('as assumed');
    expect(judgeVirtualAccount(paid, '--vacct-tid').verdict).toBe('could not check');
    expect(judgeVirtualAccount(undefined, '--vacct-tid').action).toContain('--vacct-tid');
  });
});
