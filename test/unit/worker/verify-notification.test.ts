import { describe, expect, it } from 'vitest';
import type { NotificationFacts } from '../../../src/contract/notification-job.js';
import type { PaymentCertResponse } from '../../../src/cookiepay/schemas/payment-cert.js';
import { verdictOf, verifyNotification } from '../../../src/worker/verify-notification.js';

const paid: PaymentCertResponse = {
  RESULTCODE: '0000',
  TID: 'T1',
  AMOUNT: '25000',
  PAYMETHOD: 'CARD',
  ACCEPTNO: '12345678',
  CANCELDATE: '',
};
const cancelled: PaymentCertResponse = { ...paid, CANCELDATE: '20260101120000' };

describe('verifyNotification', () => {
  const approval = { kind: 'approval' as const, TID: 'T1', amount: 25000 };

  it('confirms an approval when the TID and the AMOUNT (as numbers) match a paid, not cancelled payment', () => {
    expect(verifyNotification(approval, paid)).toMatchObject({
      type: 'confirmed',
      fact: { kind: 'approval', TID: 'T1', amount: 25000 },
      result: { ok: true, verified: true, paymentStatus: 'paid', paymentMethod: 'CARD', code: '0000' },
    });
    expect(verifyNotification(approval, paid).result.virtualAccount).toBeUndefined();
    expect(verifyNotification(approval, { ...paid, AMOUNT: '025000' }).type).toBe('confirmed');
  });

  it('refutes an approval CookiePay contradicts', () => {
    const code = (response: PaymentCertResponse, facts: NotificationFacts = approval) => {
      const verdict = verifyNotification(facts, response);
      return [verdict.type, verdict.result.code, verdict.result.verified];
    };
    expect(code(paid, { ...approval, amount: 100 })).toEqual(['refuted', 'AMOUNT_MISMATCH', false]);
    expect(code(paid, { ...approval, TID: 'T9' })).toEqual(['refuted', 'TID_MISMATCH', false]);
    expect(code(cancelled)).toEqual(['refuted', 'CANCELLED', false]);
    expect(code({ ...paid, AMOUNT: null })).toEqual(['refuted', 'AMOUNT_MISMATCH', false]);
    expect(code(paid, { kind: 'approval', TID: 'T1' })).toEqual(['refuted', 'AMOUNT_MISMATCH', false]);
  });

  it('looks again at a virtual account issued but not paid into, and names a paid one a deposit', () => {
    const issued = {
      ...paid,
      PAYMETHOD: 'VACCT',
      ACCEPTNO: '',
      ACCOUNTNO: '90012345678',
      CARDNAME: '국민은행',
      RECEIVERNAME: '쿠키페이',
      DEPOSITENDDATE: '20260108235959',
    };
    const account = {
      accountNo: '90012345678',
      bank: '국민은행',
      holder: '쿠키페이',
      depositDeadline: '2026-01-08T14:59:59.000Z',
    };
    expect(verifyNotification(approval, issued)).toMatchObject({
      type: 'not-yet',
      result: {
        code: 'NOT_DEPOSITED',
        verified: false,
        paymentStatus: 'awaiting_deposit',
        paymentMethod: 'VACCT',
        virtualAccount: account,
      },
    });
    const deposited = { ...issued, ACCEPTNO: '30001234', ACCEPTDATE: '20260102101500' };
    expect(verifyNotification(approval, deposited)).toMatchObject({
      type: 'confirmed',
      fact: { kind: 'deposit', amount: 25000 },
      result: { verified: true, paymentStatus: 'paid', paymentMethod: 'VACCT', virtualAccount: account },
    });
  });

  it('never verifies as paid what may be a virtual account not paid into yet', () => {
    const notYet = [
      { ...paid, PAYMETHOD: 'VACCOUNT', ACCEPTNO: '' },
      { ...paid, PAYMETHOD: 'vacct', ACCEPTNO: '00000000', ACCEPTDATE: '20260102101500' },
      { ...paid, PAYMETHOD: 'VACCT', ACCEPTNO: '30001234', ACCEPTDATE: '' },
      // No PAYMETHOD (or another one), but an account to pay into: a virtual account.
      { ...paid, PAYMETHOD: null, ACCOUNTNO: '90012345678', ACCEPTNO: null },
      { ...paid, PAYMETHOD: 'VBANK', ACCEPTNO: '' },
    ];
    for (const response of notYet) {
      const verdict = verifyNotification(approval, response);
      expect(verdict.type).toBe('not-yet');
      expect(verdict.result).toMatchObject({ verified: false, paymentStatus: 'awaiting_deposit' });
    }
  });

  it('confirms a cancel only when CookiePay shows it cancelled, for CookiePay’s amount', () => {
    const cancel = { kind: 'cancel' as const, TID: 'T1' };
    expect(verifyNotification(cancel, paid)).toMatchObject({
      type: 'not-yet',
      result: { verified: false, code: 'NOT_CANCELLED', paymentStatus: 'paid' },
    });
    expect(verifyNotification(cancel, cancelled)).toMatchObject({
      type: 'confirmed',
      fact: { kind: 'cancel', TID: 'T1', amount: 25000 },
      result: { ok: true, verified: true, paymentStatus: 'cancelled' },
    });
    expect(verifyNotification({ ...cancel, amount: 25000 }, cancelled).type).toBe('confirmed');
    expect(verifyNotification({ ...cancel, amount: 1 }, cancelled)).toMatchObject({
      type: 'refuted',
      result: { code: 'AMOUNT_MISMATCH', verified: false },
    });
  });
});

describe('verdictOf a refusal', () => {
  const facts = { kind: 'approval' as const, TID: 'T1', amount: 25000 };
  it('looks again at EA01, and takes any other code as final', () => {
    expect(
      verdictOf(facts, {
        type: 'refused',
        resultCode: 'EA01',
        reportedCode: 'EA01',
        message: 'x',
        response: null,
      }),
    ).toMatchObject({ type: 'not-yet', result: { code: 'EA01', verified: false, paymentStatus: 'unpaid' } });
    expect(
      verdictOf(facts, {
        type: 'refused',
        resultCode: 'E006',
        reportedCode: 'E006',
        message: 'unknown TID',
        response: { RESULTCODE: 'E006' },
      }),
    ).toMatchObject({ type: 'refuted', result: { code: 'E006', verified: false, message: 'unknown TID' } });
  });
});
