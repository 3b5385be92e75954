import { describe, expect, it } from 'vitest';
import type { PaymentCertResponse } from '../../../src/cookiepay/schemas/payment-cert.js';
import { verifyNotification } from '../../../src/worker/verify-notification.js';

const paid: PaymentCertResponse = { RESULTCODE: '0000', TID: 'T1', AMOUNT: '25000', CANCELDATE: '' };

describe('verifyNotification', () => {
  const approval = { type: 'approval' as const, TID: 'T1', AMOUNT: '25000' };
  it('verifies an approval only when the TID and AMOUNT match a paid, not cancelled payment', () => {
    expect(verifyNotification(approval, paid)).toMatchObject({
      ok: true,
      verified: true,
      paymentStatus: 'paid',
    });
    expect(verifyNotification({ ...approval, AMOUNT: '100' }, paid)).toMatchObject({
      verified: false,
      code: 'AMOUNT_MISMATCH',
    });
    expect(verifyNotification({ ...approval, TID: 'T9' }, paid)).toMatchObject({
      verified: false,
      code: 'TID_MISMATCH',
    });
    expect(verifyNotification(approval, { ...paid, CANCELDATE: '20260101' })).toMatchObject({
      verified: false,
      code: 'CANCELLED',
      paymentStatus: 'cancelled',
    });
    expect(verifyNotification(approval, { ...paid, AMOUNT: null })).toMatchObject({ verified: false });
    expect(verifyNotification({ type: 'approval', TID: 'T1' }, paid)).toMatchObject({ verified: false });
  });

  it('verifies a cancel only when CookiePay shows the payment cancelled', () => {
    const cancel = { type: 'cancel' as const, TID: 'T1' };
    expect(verifyNotification(cancel, paid)).toMatchObject({ verified: false, code: 'NOT_CANCELLED' });
    expect(verifyNotification(cancel, { ...paid, CANCELDATE: '20260101' })).toMatchObject({
      ok: true,
      verified: true,
      paymentStatus: 'cancelled',
    });
  });
});
