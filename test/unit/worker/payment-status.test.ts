import { describe, expect, it } from 'vitest';
import { paymentCertResponseSchema } from '../../../src/cookiepay/schemas/payment-cert.js';
import { paymentStatusOf } from '../../../src/worker/payment-status.js';

const answer = (fields: Record<string, unknown>) =>
  paymentCertResponseSchema.parse({
    RESULTCODE: '0000',
    RESULTMSG: 'OK',
    TID: 'T1',
    AMOUNT: '1000',
    ...fields,
  });

describe('paymentStatusOf', () => {
  it('is cancelled when CANCELDATE is set', () => {
    expect(paymentStatusOf(answer({ CANCELDATE: '2025-01-15 10:00:00' }))).toBe('cancelled');
    expect(paymentStatusOf(answer({ CANCELDATE: 20250115 }))).toBe('cancelled');
  });

  it.each([
    ['absent', {}],
    ['null', { CANCELDATE: null }],
    ['empty', { CANCELDATE: '' }],
    ['blank', { CANCELDATE: '   ' }],
  ])('is paid when CANCELDATE is %s', (_label, fields) => {
    expect(paymentStatusOf(answer(fields))).toBe('paid');
  });
});
