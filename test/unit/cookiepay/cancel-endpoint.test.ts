import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../../src/cookiepay/classify-answer.js';
import { endpoints } from '../../../src/cookiepay/endpoints.js';

const answered = (body: unknown, httpStatus = 200) =>
  ({ kind: 'answered', httpStatus, body: JSON.stringify(body) }) as const;

describe('/api/cancel answers (lower-case cancel_code / cancel_msg)', () => {
  const spec = endpoints.cancel;

  it('0000 is the cancel, with its fields', () => {
    const body = { cancel_code: '0000', cancel_msg: '취소 성공', cancel_tid: 'C1', cancel_amt: 5000 };
    expect(classifyAnswer(spec, answered(body), 0)).toMatchObject({
      ok: true,
      resultCode: '0000',
      response: { cancel_code: '0000', cancel_tid: 'C1', cancel_amt: '5000' },
    });
  });

  it('another code is RESULT with its code and message; a message of the token is TOKEN_REJECTED', () => {
    const settled = classifyAnswer(spec, answered({ cancel_code: '9029', cancel_msg: '정산 완료' }), 0);
    expect(settled).toMatchObject({
      ok: false,
      error: { code: 'RESULT', resultCode: '9029', resultMessage: '정산 완료', endpoint: '/api/cancel' },
    });
    const token = classifyAnswer(spec, answered({ cancel_code: 'E005', cancel_msg: 'TOKEN 만료' }), 0);
    expect(token).toMatchObject({ ok: false, error: { code: 'TOKEN_REJECTED' } });
  });

  it('an answer in the RESULTCODE shape alone has no cancel_code: INVALID_RESPONSE', () => {
    const result = classifyAnswer(spec, answered({ RESULTCODE: '0000', RESULTMSG: '성공' }), 0);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_RESPONSE' } });
  });
});
