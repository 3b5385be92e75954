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
  dropped: number;
}

export interface LeaseBook {
  leases: Lease[];
  /** Slots to ask for in the next reservation (adapts to demand, see nextLeaseSize). */
  size: number;
}

export interface EndedLease {
  used: number;
  dropped: number;
}

export interface TakenSlot {
  /** When the slot is, local ms (maybe in the future: the caller waits for it); undefined: none left. */
  slotAt: number | undefined;
  /** Leases that ran out during this take. */
  ended: EndedLease[];
}

export const emptyLeaseBook = (): LeaseBook => ({ leases: [], size: 1 });

export const lease = (firstAt: number, count: number): Lease => ({ firstAt, count, taken: 0, dropped: 0 });

/** Takes the earliest usable slot, dropping those too old to use; mutates the book. */
export const takeSlot = (book: LeaseBook, now: number, intervalMs: number, validityMs: number): TakenSlot => {
  const ended: EndedLease[] = [];
  for (let held = book.leases[0]; held !== undefined; held = book.leases[0]) {
    if (held.taken < held.count) {
      const slotAt = held.firstAt + held.taken * intervalMs;
      if (slotAt + validityMs < now) {
        const stale = Math.floor((now - validityMs - slotAt) / intervalMs) + 1;
        const skip = Math.min(held.count - held.taken, stale);
        held.taken += skip;
        held.dropped += skip;
        continue;
      }
      held.taken += 1;
      if (held.taken === held.count) {
        book.leases.shift();
        ended.push({ used: held.count - held.dropped, dropped: held.dropped });
      }
      return { slotAt, ended };
    }
    book.leases.shift();
    ended.push({ used: held.count - held.dropped, dropped: held.dropped });
  }
  return { slotAt: undefined, ended };
};

/** Adds a reserved lease, keeping the book ordered by first slot. */
export const addLease = (book: LeaseBook, added: Lease): void => {
  const at = book.leases.findIndex((held) => held.firstAt > added.firstAt);
  if (at === -1) book.leases.push(added);
  else book.leases.splice(at, 0, added);
};

/**
 * The next lease size: doubled (up to `cap`) after a lease was used up; after one had slots dropped, as many as
 * were used. Demand decides: a process that calls rarely reserves one slot at a time.
 */
export const nextLeaseSize = (size: number, ended: readonly EndedLease[], cap: number): number => {
  let next = size;
  for (const done of ended) next = done.dropped > 0 ? done.used : next * 2;
  return Math.max(1, Math.min(cap, next));
};

/**
 * How many slots one lease may hold: all of them lie within `toleranceMs` of the first, so calls leaving anywhere
 * in a lease crowd a window no more than a late call may. 1 where slots are further apart than that.
 */
export const leaseCap = (toleranceMs: number, intervalMs: number, hardCap = 64): number =>
  Math.max(1, Math.min(hardCap, Math.floor(toleranceMs / intervalMs)));
