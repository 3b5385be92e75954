/**
 * What the simulator's request log says of a client's rate: the busiest window and the sustained rate of the
 * requests it received (`at` times). Used by the rate-limit tests and the benchmark.
 */
/** The largest number of timestamps inside any window of `windowMs` (a window [t, t + windowMs)). */
export const maxInAnyWindow = (timestamps: readonly number[], windowMs: number): number => {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
};

/** Requests per second between the first and the last timestamp ((n - 1) intervals over the span). */
export const sustainedRate = (timestamps: readonly number[]): number => {
  if (timestamps.length < 2) return 0;
  const first = Math.min(...timestamps);
  const last = Math.max(...timestamps);
  return last === first ? 0 : ((timestamps.length - 1) * 1000) / (last - first);
};
