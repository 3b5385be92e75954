import { describe, expect, it } from 'vitest';
import { paymentCertResponseSchema } from '../../../src/cookiepay/schemas/payment-cert.js';
import { paymentFieldsOf, paymentStatusOf } from '../../../src/worker/payment-status.js';

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

describe('virtual accounts', () => {
  const issued = {
    PAYMETHOD: 'VACCT',
    ACCOUNTNO: '90012345678',
    RECEIVERNAME: '쿠키페이',
    CARDNAME: '국민은행',
    CARDCODE: '004',
    DEPOSITENDDATE: '20260108235959',
    ACCEPTNO: '',
    ACCEPTDATE: '',
  };
  const deposited = { ...issued, ACCEPTNO: '30001234', ACCEPTDATE: '20260102101500' };

  it('is awaiting_deposit, never paid, while nothing shows the money arrived', () => {
    expect(paymentStatusOf(answer(issued))).toBe('awaiting_deposit');
    expect(paymentStatusOf(answer({ ...issued, PAYMETHOD: 'VACCOUNT' }))).toBe('awaiting_deposit');
    expect(paymentStatusOf(answer({ ...issued, ACCEPTNO: '00000000' }))).toBe('awaiting_deposit');
    expect(paymentStatusOf(answer({ ...deposited, ACCEPTDATE: '' }))).toBe('awaiting_deposit');
    expect(paymentStatusOf(answer({ ...issued, PAYMETHOD: null }))).toBe('awaiting_deposit');
    expect(paymentStatusOf(answer({ ...issued, ACCEPTNO: null, ACCEPTDATE: null }))).toBe('awaiting_deposit');
  });

  it('is paid once an approval number and time show the deposit; cancelled wins over both', () => {
    expect(paymentStatusOf(answer(deposited))).toBe('paid');
    expect(paymentStatusOf(answer({ ...issued, CANCELDATE: '20260103' }))).toBe('cancelled');
  });

  it('gives the method, and for a virtual account its account, bank, holder and deadline', () => {
    expect(paymentFieldsOf(answer(issued))).toEqual({
      paymentStatus: 'awaiting_deposit',
      paymentMethod: 'VACCT',
      virtualAccount: {
        accountNo: '90012345678',
        bank: '국민은행',
        holder: '쿠키페이',
        depositDeadline: '2026-01-08T14:59:59.000Z',
      },
    });
    expect(
      paymentFieldsOf(answer({ ...issued, DEPOSITENDDATE: 'soon' })).virtualAccount?.depositDeadline,
    ).toBeNull();
    expect(paymentFieldsOf(answer({ PAYMETHOD: 'CARD', ACCEPTNO: '12345678' }))).toEqual({
      paymentStatus: 'paid',
      paymentMethod: 'CARD',
    });
    expect(paymentFieldsOf(answer({}))).toEqual({ paymentStatus: 'paid' });
  });
});
