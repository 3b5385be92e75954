import { InvalidPayloadError } from '../contract/invalid-payload-error.js';
import type { WorkerKind } from '../contract/names.js';
import { isCookiePayError } from '../cookiepay/errors.js';

/** What to do with a job whose attempt did not end in 0000. Pure: decided from the error and the job's numbers. */
export type FailureAction =
  /** Try again later with the job's backoff; uses up an attempt. */
  | { type: 'retry'; code: string; message: string }
  /** This was the last word: publish the result and fail the job. */
  | { type: 'final'; code: string; message: string; unpaid?: boolean }
  /** Hold the job back without using an attempt (account rate limit, or CookiePay's 429). */
  | { type: 'rate-limit'; code: string; message: string; delayMs: number }
  /** A status check that is not paid yet: look again later, without using an attempt. */
  | { type: 'poll'; code: string; message: string; delayMs: number };

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

export const notPaidYetCode = 'EA01';

const describe = (error: unknown): { code: string; message: string } => {
  if (isCookiePayError(error)) return { code: error.reportedCode, message: error.message };
  if (error instanceof InvalidPayloadError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'WORKER_ERROR', message: error.message };
  return { code: 'WORKER_ERROR', message: String(error) };
};

export const decideFailure = (error: unknown, ctx: FailureContext): FailureAction => {
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
