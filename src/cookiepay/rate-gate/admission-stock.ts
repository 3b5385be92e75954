/**
 * A process's admissions that no call has taken yet. Where the limit is high, one round trip to Redis admits
 * several requests ahead of the calls that will use them (as many as asked in the last `validityMs`); an admission
 * not taken within `validityMs` is given back unused, so a process that calls rarely admits one at a time.
 * Pure bookkeeping: the gate does the I/O.
 */
export interface AdmissionStock {
  /** Admitted ids with the local time (ms) they were admitted, oldest first. */
  held: { id: string; at: number }[];
  /** When the last calls asked (a ring of up to `cap` times): the demand the next admission is sized for. */
  asked: number[];
  nextAsk: number;
}

export const emptyStock = (cap: number): AdmissionStock => ({
  held: [],
  asked: new Array<number>(cap).fill(Number.NEGATIVE_INFINITY),
  nextAsk: 0,
});

/** Notes that a call asked for an admission at `now`. */
export const noteAsk = (stock: AdmissionStock, now: number): void => {
  stock.asked[stock.nextAsk] = now;
  stock.nextAsk = (stock.nextAsk + 1) % stock.asked.length;
};

/** How many to admit in one round trip: the calls that asked within `validityMs`, at least `waiting`. */
export const admissionSize = (
  stock: AdmissionStock,
  now: number,
  validityMs: number,
  waiting: number,
): number => {
  let recent = 0;
  for (const at of stock.asked) if (at >= now - validityMs) recent += 1;
  return Math.max(1, waiting, recent);
};

/** Removes and returns the admissions older than `validityMs`: they go back unused. */
export const dropStale = (stock: AdmissionStock, now: number, validityMs: number): string[] => {
  let stale = 0;
  while (stale < stock.held.length && (stock.held[stale]?.at ?? now) < now - validityMs) stale += 1;
  return stock.held.splice(0, stale).map((entry) => entry.id);
};

/** Takes the oldest admission still valid (after dropStale), or undefined when none is left. */
export const takeAdmission = (stock: AdmissionStock): string | undefined => stock.held.shift()?.id;

/**
 * How many admissions one round trip may take ahead of demand: a sixteenth of the limit, at most 64; 1 (no
 * admission ahead) where the limit is low, so that no capacity sits unused in a process.
 */
export const stockCap = (max: number, hardCap = 64): number =>
  Math.max(1, Math.min(hardCap, Math.floor(max / 16)));
