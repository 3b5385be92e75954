import { describe, expect, it } from 'vitest';
import { resultJobId } from '../../../src/contract/result-id.js';

describe('resultJobId', () => {
  it('is the source queue and job id while attempts remain, whatever the attempt', () => {
    expect(resultJobId('cookiepay-urlpay', 'order-1', 0, 5)).toBe('cookiepay-urlpay-order-1');
    expect(resultJobId('cookiepay-urlpay', 'order-1', 4, 5)).toBe('cookiepay-urlpay-order-1');
  });

  it('differs by queue and by job id', () => {
    expect(resultJobId('cookiepay-urlpay', '1', 0, 5)).not.toBe(resultJobId('cookiepay-status', '1', 0, 5));
    expect(resultJobId('cookiepay-urlpay', '1', 0, 5)).not.toBe(resultJobId('cookiepay-urlpay', '2', 0, 5));
  });

  it('gives a run retried by an operator after all its attempts its own id', () => {
    expect(resultJobId('cookiepay-urlpay', 'order-1', 5, 5)).toBe('cookiepay-urlpay-order-1-run5');
    expect(resultJobId('cookiepay-urlpay', 'order-1', 10, 5)).toBe('cookiepay-urlpay-order-1-run10');
    expect(resultJobId('cookiepay-urlpay', 'order-1', 5, 5)).not.toBe(
      resultJobId('cookiepay-urlpay', 'order-1', 10, 5),
    );
  });

  it('never contains ":" for ids without one', () => {
    expect(resultJobId('cookiepay-delivery', 'delivery-abc', 7, 5)).not.toContain(':');
  });
});
