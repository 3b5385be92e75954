import { describe, expect, it } from 'vitest';
import { billNoLength, deriveBillNo } from '../../../src/worker/bill-no.js';

const addedAt = 1_750_000_000_000;

describe('deriveBillNo', () => {
  it('is 20 characters of [0-9A-Z], starting with W', () => {
    expect(billNoLength).toBe(20);
    for (const id of ['1', '42', 'order-1', 'x'.repeat(200), '주문-1', '']) {
      const billNo = deriveBillNo('bull', id, addedAt);
      expect(billNo).toMatch(/^W[0-9A-Z]{19}$/);
      expect(billNo).toHaveLength(20);
    }
  });

  it('is stable for the same prefix and job id', () => {
    expect(deriveBillNo('bull', 'order-1', addedAt)).toBe(deriveBillNo('bull', 'order-1', addedAt));
    expect(deriveBillNo('bull', '17', addedAt)).toBe(deriveBillNo('bull', '17', addedAt));
  });

  it('differs for different job ids', () => {
    const billNos = new Set(
      Array.from({ length: 500 }, (_, i) => deriveBillNo('bull', `order-${i}`, addedAt)),
    );
    expect(billNos.size).toBe(500);
  });

  it('differs for different prefixes', () => {
    expect(deriveBillNo('shop-a', 'order-1', addedAt)).not.toBe(deriveBillNo('shop-b', 'order-1', addedAt));
    expect(deriveBillNo('shop-a', '1', addedAt)).not.toBe(deriveBillNo('shop-b', '1', addedAt));
  });

  it('depends on addedAt for BullMQ numeric ids (they restart when a queue is emptied)', () => {
    expect(deriveBillNo('bull', '1', addedAt)).not.toBe(deriveBillNo('bull', '1', addedAt + 1));
  });

  it('does not depend on addedAt for custom ids (a re-added job keeps its bill)', () => {
    expect(deriveBillNo('bull', 'order-1', addedAt)).toBe(
      deriveBillNo('bull', 'order-1', addedAt + 86_400_000),
    );
    expect(deriveBillNo('bull', '1a', addedAt)).toBe(deriveBillNo('bull', '1a', 0));
  });
});
