import { InvalidPayloadError } from '../contract/invalid-payload-error.js';
import type { WorkerKind } from '../contract/names.js';
import { notPaidYetCode } from '../cookiepay/endpoints.js';
import { isCookiePayError } from '../cookiepay/errors.js';
import { LookAgainError } from './look-again.js';
import { type RetryPolicy, retryDelayMs } from './retry-policy.js';

/** What to do with a job whose attempt did not end in 0000. Pure: decided from the error and the job's numbers. */
export type FailureAction =
  /** Try again later with the job's backoff; uses up an attempt. */
  | { type: 'retry'; code: string; message: string }
  /** This was the last word: publish the result and fail the job. */
  | { type: 'final'; code: string; message: string; unpaid?: boolean }
  /** Hold the job back without using an attempt (account rate limit, or CookiePay's 429). */
  | { type: 'rate-limit'; code: string; message: string; delayMs: number }
  /**
   * Not there yet (a status check not paid, a notification CookiePay does not show yet): look again later, without
   * using an attempt.
   */
  | { type: 'poll'; code: string; message: string; delayMs: number }
  /**
   * Redis refused what the job needs once CookiePay has answered (storing its result, or looking for a kept
   * answer): run the job again later, without using an attempt; the run publishes the kept answer and calls
   * CookiePay only if none was kept.
   */
  | { type: 'hold'; code: string; message: string; delayMs: number };

export interface FailureContext {
  kind: WorkerKind;
  /** Attempts already used before this one (BullMQ's attemptsMade). */
  attemptsMade: number;
  maxAttempts: number;
  now: number;
  /** When the job was added (its timestamp): status polls stop `pollTimeoutMs` after it. */
  addedAt: number;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  /** Pause when a 429 does not say for how long. */
  rateLimitPauseMs: number;
}

export { notPaidYetCode };

const describe = (error: unknown): { code: string; message: string } => {
  if (isCookiePayError(error)) return { code: error.reportedCode, message: error.message };
  if (error instanceof InvalidPayloadError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'WORKER_ERROR', message: error.message };
  return { code: 'WORKER_ERROR', message: String(error) };
};

export const decideFailure = (error: unknown, ctx: FailureContext): FailureAction => {
  if (error instanceof LookAgainError)
    return { type: 'poll', code: error.code, message: error.message, delayMs: error.delayMs };
  const { code, message } = describe(error);
  if (error instanceof InvalidPayloadError) return { type: 'final', code, message };
  if (isCookiePayError(error)) {
    if (error.code === 'INVALID_REQUEST') return { type: 'final', code: 'INVALID_PAYLOAD', message };
    if (error.code === 'RATE_LIMITED') {
      return {
        type: 'rate-limit',
        code,
        message,
        delayMs: Math.max(1, error.retryAfterMs ?? ctx.rateLimitPauseMs),
      };
    }
    if (ctx.kind === 'status' && error.code === 'RESULT' && error.resultCode === notPaidYetCode) {
      const deadline = ctx.addedAt + ctx.pollTimeoutMs;
      if (ctx.now >= deadline) return { type: 'final', code, message, unpaid: true };
      return {
        type: 'poll',
        code,
        message,
        delayMs: Math.max(1, Math.min(ctx.pollIntervalMs, deadline - ctx.now)),
      };
    }
  }
  if (ctx.attemptsMade + 1 >= ctx.maxAttempts) return { type: 'final', code, message };
  return { type: 'retry', code, message };
};

/**
 * A failure of Redis around a CookiePay answer is never a CookiePay failure: the job is held, not retried, so it
 * uses no attempt and never ends with a failure result for a call that succeeded. The n-th hold in a row waits
 * like the n-th retry (the worker's backoff, at most `maxBackoffMs`), so a job stays held, at a slow pace, until
 * Redis takes its result; publishing it again is harmless, its id is the same.
 */
export const decideHold = (
  error: unknown,
  holds: number,
  policy: Pick<RetryPolicy, 'backoffMs' | 'maxBackoffMs'>,
  random: () => number = Math.random,
): Extract<FailureAction, { type: 'hold' }> => ({
  type: 'hold',
  ...describe(error),
  delayMs: retryDelayMs(Math.max(1, holds), policy.backoffMs, policy.maxBackoffMs, random),
});
