import { describe, expect, it } from 'vitest';
import {
  addLease,
  emptyLeaseBook,
  lease,
  leaseCap,
  nextLeaseSize,
  takeSlot,
} from '../../../../src/cookiepay/rate-gate/slot-leases.js';

describe('slot leases', () => {
  it('hands out a lease slot by slot, interval apart, and reports it used up', () => {
    const book = emptyLeaseBook();
    addLease(book, lease(1_000, 3));
    expect(takeSlot(book, 1_000, 2, 5)).toEqual({ slotAt: 1_000, ended: [] });
    expect(takeSlot(book, 1_000, 2, 5)).toEqual({ slotAt: 1_002, ended: [] });
    expect(takeSlot(book, 1_001, 2, 5)).toEqual({ slotAt: 1_004, ended: [{ used: 3, dropped: 0 }] });
    expect(book.leases).toHaveLength(0);
    expect(takeSlot(book, 1_001, 2, 5)).toEqual({ slotAt: undefined, ended: [] });
  });

  it('gives a future slot as it is (the caller waits for it)', () => {
    const book = emptyLeaseBook();
    addLease(book, lease(2_000, 2));
    expect(takeSlot(book, 1_000, 10, 5).slotAt).toBe(2_000);
  });

  it('drops slots older than their validity, counting them, and uses the first young enough', () => {
    const book = emptyLeaseBook();
    addLease(book, lease(1_000, 10));
    // At 1,020 with validity 5: slots at 1,000 … 1,014 are too old, 1,016 is the first usable one.
    expect(takeSlot(book, 1_020, 2, 5)).toEqual({ slotAt: 1_016, ended: [] });
    // The last slot ends the lease: 2 used, 8 dropped.
    expect(takeSlot(book, 1_020, 2, 5)).toEqual({ slotAt: 1_018, ended: [{ used: 2, dropped: 8 }] });
    expect(takeSlot(book, 1_020, 2, 5).slotAt).toBeUndefined();
  });

  it('drops a whole stale lease and goes on to the next one', () => {
    const book = emptyLeaseBook();
    addLease(book, lease(2_000, 2));
    addLease(book, lease(1_000, 3));
    expect(book.leases.map((held) => held.firstAt)).toEqual([1_000, 2_000]);
    expect(takeSlot(book, 1_995, 1, 5)).toEqual({ slotAt: 2_000, ended: [{ used: 0, dropped: 3 }] });
  });

  it('sizes leases by demand: doubles after a used-up lease, else what was used, within 1 … cap', () => {
    expect(nextLeaseSize(1, [{ used: 1, dropped: 0 }], 8)).toBe(2);
    expect(nextLeaseSize(4, [{ used: 4, dropped: 0 }], 8)).toBe(8);
    expect(nextLeaseSize(8, [{ used: 8, dropped: 0 }], 8)).toBe(8);
    expect(nextLeaseSize(8, [{ used: 3, dropped: 5 }], 8)).toBe(3);
    expect(nextLeaseSize(1, [{ used: 0, dropped: 1 }], 8)).toBe(1);
    expect(nextLeaseSize(4, [], 8)).toBe(4);
  });

  it('caps a lease so all its slots lie within the tolerance; 1 when slots are further apart', () => {
    expect(leaseCap(10, 20.8)).toBe(1);
    expect(leaseCap(10, 1.04)).toBe(9);
    expect(leaseCap(10, 0.001)).toBe(64);
    expect(leaseCap(10, 0.001, 16)).toBe(16);
  });
});
