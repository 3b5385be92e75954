import { describe, expect, it } from 'vitest';
import {
  isAlreadyCancelled,
  isCancelAnswerAboutPayment,
  isSettled,
} from '../../../../src/cookiepay/cancel-answers.js';
import { CookiePayError } from '../../../../src/cookiepay/errors.js';
import { lostPartialFinding, remainingOf } from '../../../../src/worker/handlers/cancel-handler.js';

const refusal = (endpoint: string, resultCode: string, resultMessage: string) =>
  new CookiePayError('RESULT', `CookiePay ${endpoint} answered ${resultCode}`, {
    endpoint,
    resultCode,
    resultMessage,
  });

describe('what /api/cancel answered', () => {
  it('already cancelled: by its words (이미 취소, 원거래 기취소), whatever the code', () => {
    expect(isAlreadyCancelled(refusal('/api/cancel', '9010', '이미 취소된 거래입니다'))).toBe(true);
    expect(isAlreadyCancelled(refusal('/api/cancel', 'E777', '원거래 기취소'))).toBe(true);
    expect(
      isAlreadyCancelled(refusal('/api/cancel', '9011', '취소 금액이 취소 가능 금액을 초과합니다')),
    ).toBe(false);
    // The same words from another endpoint are not a cancel's answer.
    expect(isAlreadyCancelled(refusal('/api/paycert', '9010', '이미 취소된 거래입니다'))).toBe(false);
  });

  it('9029: settled, refund by deposit; both are answers about the payment, never about the TOKEN', () => {
    expect(isSettled(refusal('/api/cancel', '9029', '정산 완료'))).toBe(true);
    expect(isSettled(refusal('/api/cancel', '9028', '정산 완료'))).toBe(false);
    expect(isCancelAnswerAboutPayment(refusal('/api/cancel', '9029', ''))).toBe(true);
    expect(isCancelAnswerAboutPayment(refusal('/api/cancel', 'E005', 'TOKEN이 유효하지 않습니다'))).toBe(
      false,
    );
    const timeout = new CookiePayError('TIMEOUT', 'slow', { endpoint: '/api/cancel' });
    expect(isCancelAnswerAboutPayment(timeout)).toBe(false);
  });
});

describe('a partial cancel retried after its answer was lost', () => {
  it('is applied when what remains fell by its amount, not applied when it did not change, else unknown', () => {
    expect(lostPartialFinding(10_000, 7_000, 3_000)).toBe('applied');
    expect(lostPartialFinding(3_000, 0, 3_000)).toBe('applied');
    expect(lostPartialFinding(10_000, 10_000, 3_000)).toBe('not-applied');
    expect(lostPartialFinding(10_000, 5_000, 3_000)).toBe('unknown');
    expect(lostPartialFinding(null, 7_000, 3_000)).toBe('unknown');
    expect(lostPartialFinding(10_000, null, 3_000)).toBe('unknown');
  });

  it('reads what remains from paycert: nothing once CANCELDATE is set, else AMOUNT', () => {
    expect(remainingOf({ RESULTCODE: '0000', AMOUNT: '7000', CANCELDATE: '' })).toBe(7000);
    expect(remainingOf({ RESULTCODE: '0000', AMOUNT: '7,000' })).toBe(7000);
    expect(remainingOf({ RESULTCODE: '0000', AMOUNT: '7000', CANCELDATE: '20260101120000' })).toBe(0);
    expect(remainingOf({ RESULTCODE: '0000', AMOUNT: '' })).toBeNull();
  });
});
