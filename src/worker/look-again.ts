/**
 * "Look again later": CookiePay does not show what a notification says yet (EA01, or a payment not cancelled yet),
 * and its status API may lag its own notification; or a status check found a virtual account not paid into yet.
 * Thrown by the notification handler while the verification window lasts, and by the status handler until the
 * deposit deadline; the failure policy makes it a poll (the job is delayed, no attempt used).
 */
export class LookAgainError extends Error {
  override readonly name = 'LookAgainError';
  constructor(
    readonly code: string,
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

/** The first looks again come this soon (longer than a coalesced answer is kept, so each look asks afresh). */
export const minLookAgainMs = 2_000;
/** Looks never come further apart than this. */
export const maxLookAgainMs = 60_000;

/**
 * How long to wait before looking again at something awaited since `since`, or undefined once `until` has passed.
 * The waits grow with the time already waited (never below `minMs`, never above `maxMs`), and the last look falls
 * on `until`. Pure.
 */
export const growingDelayMs = (
  since: number,
  now: number,
  until: number,
  bounds: { minMs: number; maxMs: number },
): number | undefined => {
  const remaining = until - now;
  if (remaining <= 0) return undefined;
  const waited = Math.max(0, now - since);
  return Math.max(1, Math.min(remaining, Math.max(bounds.minMs, Math.min(bounds.maxMs, waited))));
};

/**
 * How long to wait before looking again at a notification received at `receivedAt`, or undefined once its window
 * has passed: 2 s, 2 s, 4 s, 8 s, … at most a minute apart, the last look on the window's end. Pure.
 */
export const lookAgainDelayMs = (receivedAt: number, now: number, windowMs: number): number | undefined =>
  growingDelayMs(receivedAt, now, receivedAt + windowMs, { minMs: minLookAgainMs, maxMs: maxLookAgainMs });
