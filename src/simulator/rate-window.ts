/**
 * A sliding-window request limit: at most `max` admitted requests within any `durationMs`. It keeps the times
 * of the last `max` admitted requests in a ring, so a decision is O(1) however busy the simulator is.
 */
export interface RateWindow {
  max: number;
  durationMs: number;
  stamps: number[];
  next: number;
  count: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export const createRateWindow = (max: number, durationMs: number): RateWindow => ({
  max,
  durationMs,
  stamps: new Array<number>(Math.max(1, max)).fill(0),
  next: 0,
  count: 0,
});

/** Whether a request at `nowMs` fits, and if not how long until the oldest counted request leaves the window. */
export const decideRate = (window: RateWindow, nowMs: number): RateDecision => {
  if (window.max < 1) return { allowed: false, retryAfterMs: window.durationMs };
  if (window.count < window.max) return { allowed: true };
  const oldest = window.stamps[window.next] ?? 0;
  const leavesAt = oldest + window.durationMs;
  return leavesAt <= nowMs ? { allowed: true } : { allowed: false, retryAfterMs: leavesAt - nowMs };
};

/** Counts an admitted request. */
export const recordRate = (window: RateWindow, nowMs: number): void => {
  window.stamps[window.next] = nowMs;
  window.next = (window.next + 1) % window.stamps.length;
  window.count = Math.min(window.count + 1, window.max);
};

/** Retry-After in whole seconds, at least 1, as HTTP wants it. */
export const retryAfterSeconds = (retryAfterMs: number): number =>
  Math.max(1, Math.ceil(retryAfterMs / 1000));
