import { describe, expect, it } from 'vitest';
import { isPaymentChange, paymentResultId } from '../../../src/worker/payment-events.js';
import { lookbackDaysOf } from '../../../src/worker/reconciliation.js';

describe('isPaymentChange', () => {
  it('moves forward only, and lets a virtual account past its deadline become unpaid', () => {
    expect(isPaymentChange(null, 'unpaid')).toBe(true);
    expect(isPaymentChange('unpaid', 'paid')).toBe(true);
    expect(isPaymentChange('paid', 'partially_cancelled')).toBe(true);
    expect(isPaymentChange('partially_cancelled', 'cancelled')).toBe(true);
    expect(isPaymentChange('awaiting_deposit', 'unpaid')).toBe(true);
    expect(isPaymentChange('paid', 'paid')).toBe(false);
    expect(isPaymentChange('cancelled', 'paid')).toBe(false);
    expect(isPaymentChange('paid', 'unpaid')).toBe(false);
  });
});

describe('paymentResultId', () => {
  it('is the same for the same change, another for another, and a valid BullMQ id', () => {
    expect(paymentResultId('T1', null, 'paid')).toBe(paymentResultId('T1', null, 'paid'));
    expect(paymentResultId('T1', null, 'paid')).not.toBe(paymentResultId('T1', 'unpaid', 'paid'));
    expect(paymentResultId('a:b', 'paid', 'cancelled')).not.toContain(':');
  });
});

describe('lookbackDaysOf', () => {
  it('is the days ending today in Korean time, oldest first', () => {
    // 2025-01-15 16:00 UTC is 2025-01-16 01:00 in Korea.
    expect(lookbackDaysOf(Date.parse('2025-01-15T16:00:00Z'), 3)).toEqual([
      '2025-01-14',
      '2025-01-15',
      '2025-01-16',
    ]);
    expect(lookbackDaysOf(Date.parse('2025-01-15T10:00:00Z'), 1)).toEqual(['2025-01-15']);
  });
});
