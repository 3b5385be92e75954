/**
 * A process's stock of send slots, reserved from the account's schedule in one round trip. The slots of a lease
 * are `intervalMs` apart from `firstAt` (local ms). A slot may be used from its time until `validityMs` after
 * it; an older one is dropped unused, so no call leaves further from its slot than the gate tolerates.
 */
export interface Lease {
  firstAt: number;
  count: number;
  /** Slots taken so far, used or dropped. */
  taken: number;
}

export interface LeaseBook {
  leases: Lease[];
  /** When the last calls asked for a slot (a ring of up to `cap` times): the demand a lease is sized for. */
  asked: number[];
  nextAsk: number;
}

export const emptyLeaseBook = (cap: number): LeaseBook => ({
  leases: [],
  asked: new Array<number>(cap).fill(Number.NEGATIVE_INFINITY),
  nextAsk: 0,
});

export const lease = (firstAt: number, count: number): Lease => ({ firstAt, count, taken: 0 });

/** Notes that a call asked for a slot at `now`. */
export const noteAsk = (book: LeaseBook, now: number): void => {
  book.asked[book.nextAsk] = now;
  book.nextAsk = (book.nextAsk + 1) % book.asked.length;
};

/**
 * Slots to reserve in one round trip: as many as calls asked within the last `validityMs` (at least 1, at most
 * the ring's size), so a process that calls rarely reserves one at a time and wastes none.
 */
export const leaseSize = (book: LeaseBook, now: number, validityMs: number): number => {
  let recent = 0;
  for (const at of book.asked) if (at >= now - validityMs) recent += 1;
  return Math.max(1, recent);
};

/** Takes the earliest usable slot, dropping those too old to use; mutates the book. Undefined: none left. */
export const takeSlot = (
  book: LeaseBook,
  now: number,
  intervalMs: number,
  validityMs: number,
): number | undefined => {
  for (let held = book.leases[0]; held !== undefined; held = book.leases[0]) {
    if (held.taken < held.count) {
      const slotAt = held.firstAt + held.taken * intervalMs;
      if (slotAt + validityMs >= now) {
        held.taken += 1;
        if (held.taken === held.count) book.leases.shift();
        return slotAt;
      }
      const stale = Math.floor((now - validityMs - slotAt) / intervalMs) + 1;
      held.taken += Math.min(held.count - held.taken, stale);
      continue;
    }
    book.leases.shift();
  }
  return undefined;
};

/** Adds a reserved lease, keeping the book ordered by first slot. */
export const addLease = (book: LeaseBook, added: Lease): void => {
  const at = book.leases.findIndex((held) => held.firstAt > added.firstAt);
  if (at === -1) book.leases.push(added);
  else book.leases.splice(at, 0, added);
};

/**
 * How many slots one lease may hold: all of them lie within `validityMs` of the first, so calls leaving anywhere
 * in a lease crowd a window no more than a late call may. 1 where slots are further apart than that.
 */
export const leaseCap = (validityMs: number, intervalMs: number, hardCap = 64): number =>
  Math.max(1, Math.min(hardCap, Math.floor(validityMs / intervalMs)));
