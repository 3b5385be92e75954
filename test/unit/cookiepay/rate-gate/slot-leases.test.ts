import { describe, expect, it } from 'vitest';
import {
  addLease,
  emptyLeaseBook,
  lease,
  leaseCap,
  leaseSize,
  noteAsk,
  takeSlot,
} from '../../../../src/cookiepay/rate-gate/slot-leases.js';

describe('slot leases', () => {
  it('hands out a lease slot by slot, interval apart, then none', () => {
    const book = emptyLeaseBook(8);
    addLease(book, lease(1_000, 3));
    expect([1_000, 1_000, 1_001, 1_001].map((now) => takeSlot(book, now, 2, 5))).toEqual([
      1_000,
      1_002,
      1_004,
      undefined,
    ]);
    expect(book.leases).toHaveLength(0);
  });

  it('gives a future slot as it is (the caller waits for it)', () => {
    const book = emptyLeaseBook(8);
    addLease(book, lease(2_000, 2));
    expect(takeSlot(book, 1_000, 10, 5)).toBe(2_000);
  });

  it('drops slots older than their validity and uses the first young enough', () => {
    const book = emptyLeaseBook(8);
    addLease(book, lease(1_000, 10));
    // At 1,020 with validity 5: slots at 1,000 … 1,014 are too old, 1,016 is the first usable one.
    expect(takeSlot(book, 1_020, 2, 5)).toBe(1_016);
    expect(takeSlot(book, 1_020, 2, 5)).toBe(1_018);
    expect(takeSlot(book, 1_020, 2, 5)).toBeUndefined();
  });

  it('drops a whole stale lease and goes on to the next one, kept in slot order', () => {
    const book = emptyLeaseBook(8);
    addLease(book, lease(2_000, 2));
    addLease(book, lease(1_000, 3));
    expect(book.leases.map((held) => held.firstAt)).toEqual([1_000, 2_000]);
    expect(takeSlot(book, 1_995, 1, 5)).toBe(2_000);
    expect(book.leases).toHaveLength(1);
  });

  it('sizes a lease by the calls asked within the validity: 1 for a process that calls rarely', () => {
    const book = emptyLeaseBook(4);
    expect(leaseSize(book, 0, 10)).toBe(1);
    for (const at of [0, 30, 60]) noteAsk(book, at);
    expect(leaseSize(book, 60, 10)).toBe(1);
    for (const at of [61, 62, 63, 64, 65]) noteAsk(book, at);
    // Five asked within 10 ms, but the ring holds 4: never more than the cap.
    expect(leaseSize(book, 65, 10)).toBe(4);
    expect(leaseSize(book, 200, 10)).toBe(1);
  });

  it('caps a lease so all its slots lie within the validity; 1 when slots are further apart', () => {
    expect(leaseCap(10, 20.8)).toBe(1);
    expect(leaseCap(10, 1.04)).toBe(9);
    expect(leaseCap(10, 0.001)).toBe(64);
    expect(leaseCap(10, 0.001, 16)).toBe(16);
  });
});
