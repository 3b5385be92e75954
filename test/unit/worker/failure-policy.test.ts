import { describe, expect, it } from 'vitest';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import { CookiePayError, type CookiePayErrorCode } from '../../../src/cookiepay/errors.js';
import {
  decideFailure,
  decideHold,
  type FailureContext,
  notPaidYetCode,
} from '../../../src/worker/failure-policy.js';

const now = 1_750_000_000_000;

const ctx = (overrides: Partial<FailureContext> = {}): FailureContext => ({
  kind: 'urlpay',
  attemptsMade: 0,
  maxAttempts: 5,
  now,
  addedAt: now - 60_000,
  pollIntervalMs: 30_000,
  pollTimeoutMs: 86_400_000,
  rateLimitPauseMs: 5_000,
  ...overrides,
});

const cookiePayError = (
  code: CookiePayErrorCode,
  details: { resultCode?: string; retryAfterMs?: number; endpoint?: string } = {},
) =>
  new CookiePayError(code, `${code} from CookiePay`, {
    endpoint: details.endpoint ?? '/urlpay/request',
    resultCode: details.resultCode,
    retryAfterMs: details.retryAfterMs,
  });

const notPaidYet = () => cookiePayError('RESULT', { resultCode: notPaidYetCode, endpoint: '/api/urlcert' });

describe('decideFailure', () => {
  describe('invalid job data', () => {
    it('is final with INVALID_PAYLOAD, even on the first attempt', () => {
      const error = new InvalidPayloadError('urlpay', [{ field: 'AMOUNT', reason: 'must be above 0' }]);
      expect(decideFailure(error, ctx())).toEqual({
        type: 'final',
        code: 'INVALID_PAYLOAD',
        message: 'Invalid urlpay job data: AMOUNT must be above 0',
      });
    });

    it('is final with INVALID_PAYLOAD when the client refused the request (INVALID_REQUEST)', () => {
      expect(decideFailure(cookiePayError('INVALID_REQUEST'), ctx())).toEqual({
        type: 'final',
        code: 'INVALID_PAYLOAD',
        message: 'INVALID_REQUEST from CookiePay',
      });
    });
  });

  describe('rate limits', () => {
    it('holds the job back for retryAfterMs', () => {
      expect(decideFailure(cookiePayError('RATE_LIMITED', { retryAfterMs: 1_234 }), ctx())).toEqual({
        type: 'rate-limit',
        code: 'RATE_LIMITED',
        message: 'RATE_LIMITED from CookiePay',
        delayMs: 1_234,
      });
    });

    it('falls back to the pause when CookiePay did not say how long', () => {
      const action = decideFailure(cookiePayError('RATE_LIMITED'), ctx({ rateLimitPauseMs: 7_000 }));
      expect(action).toMatchObject({ type: 'rate-limit', delayMs: 7_000 });
    });

    it('waits at least 1 ms', () => {
      const action = decideFailure(cookiePayError('RATE_LIMITED', { retryAfterMs: 0 }), ctx());
      expect(action).toMatchObject({ type: 'rate-limit', delayMs: 1 });
    });

    it('never uses up an attempt, even on the last one', () => {
      const action = decideFailure(
        cookiePayError('RATE_LIMITED', { retryAfterMs: 500 }),
        ctx({ attemptsMade: 4, maxAttempts: 5 }),
      );
      expect(action.type).toBe('rate-limit');
    });
  });

  describe('status checks that are not paid yet (EA01)', () => {
    it('polls again after the interval', () => {
      expect(decideFailure(notPaidYet(), ctx({ kind: 'status' }))).toEqual({
        type: 'poll',
        code: 'EA01',
        message: 'RESULT from CookiePay',
        delayMs: 30_000,
      });
    });

    it('polls no later than the deadline', () => {
      const action = decideFailure(
        notPaidYet(),
        ctx({ kind: 'status', addedAt: now - 86_400_000 + 10_000, pollIntervalMs: 30_000 }),
      );
      expect(action).toMatchObject({ type: 'poll', delayMs: 10_000 });
    });

    it('polls even on what would be the last attempt', () => {
      expect(decideFailure(notPaidYet(), ctx({ kind: 'status', attemptsMade: 4, maxAttempts: 5 })).type).toBe(
        'poll',
      );
    });

    it('is final and unpaid at the deadline', () => {
      expect(decideFailure(notPaidYet(), ctx({ kind: 'status', addedAt: now - 86_400_000 }))).toEqual({
        type: 'final',
        code: 'EA01',
        message: 'RESULT from CookiePay',
        unpaid: true,
      });
    });

    it('is final and unpaid after the deadline', () => {
      const action = decideFailure(
        notPaidYet(),
        ctx({ kind: 'status', addedAt: now - 100_000, pollTimeoutMs: 50_000 }),
      );
      expect(action).toMatchObject({ type: 'final', code: 'EA01', unpaid: true });
    });

    it.each(['urlpay', 'delivery'] as const)('is a plain retry for a %s job, not a poll', (kind) => {
      expect(decideFailure(notPaidYet(), ctx({ kind }))).toEqual({
        type: 'retry',
        code: 'EA01',
        message: 'RESULT from CookiePay',
      });
    });

    it('another result code on a status job is a retry', () => {
      const action = decideFailure(cookiePayError('RESULT', { resultCode: 'E001' }), ctx({ kind: 'status' }));
      expect(action).toEqual({ type: 'retry', code: 'E001', message: 'RESULT from CookiePay' });
    });
  });

  describe('other failures', () => {
    it.each([
      ['TIMEOUT', undefined, 'TIMEOUT'],
      ['NETWORK', undefined, 'NETWORK'],
      ['HTTP_STATUS', undefined, 'HTTP_STATUS'],
      ['INVALID_RESPONSE', undefined, 'INVALID_RESPONSE'],
      ['TOKEN_REJECTED', undefined, 'TOKEN_REJECTED'],
      ['RESULT', 'E001', 'E001'],
      ['RESULT', undefined, 'RESULT'],
    ] as const)('%s (result code %s) is retried and reports %s', (code, resultCode, reported) => {
      const error = cookiePayError(code, resultCode === undefined ? {} : { resultCode });
      expect(decideFailure(error, ctx({ attemptsMade: 0 }))).toEqual({
        type: 'retry',
        code: reported,
        message: `${code} from CookiePay`,
      });
    });

    it('is retried while attempts remain and final on the last one', () => {
      const error = cookiePayError('TIMEOUT');
      expect(decideFailure(error, ctx({ attemptsMade: 3, maxAttempts: 5 })).type).toBe('retry');
      expect(decideFailure(error, ctx({ attemptsMade: 4, maxAttempts: 5 }))).toEqual({
        type: 'final',
        code: 'TIMEOUT',
        message: 'TIMEOUT from CookiePay',
      });
    });

    it('is final at once with a single attempt', () => {
      expect(decideFailure(cookiePayError('NETWORK'), ctx({ attemptsMade: 0, maxAttempts: 1 })).type).toBe(
        'final',
      );
    });

    it('reports the CookiePay result code on the final attempt', () => {
      const action = decideFailure(
        cookiePayError('RESULT', { resultCode: 'E001' }),
        ctx({ attemptsMade: 4, maxAttempts: 5 }),
      );
      expect(action).toMatchObject({ type: 'final', code: 'E001' });
    });

    it('reports a plain Error as WORKER_ERROR with its message', () => {
      expect(decideFailure(new Error('boom'), ctx())).toEqual({
        type: 'retry',
        code: 'WORKER_ERROR',
        message: 'boom',
      });
      expect(decideFailure(new TypeError('bad'), ctx({ attemptsMade: 4 }))).toEqual({
        type: 'final',
        code: 'WORKER_ERROR',
        message: 'bad',
      });
    });

    it('reports a thrown non-Error as WORKER_ERROR', () => {
      expect(decideFailure('just a string', ctx())).toEqual({
        type: 'retry',
        code: 'WORKER_ERROR',
        message: 'just a string',
      });
    });
  });
});

describe('decideHold', () => {
  const policy = { backoffMs: 1_000, maxBackoffMs: 60_000 };
  const lowest = () => 0; // the jitter's lowest factor: half the exponential wait

  it('holds the job (no attempt used) with the error as its reason', () => {
    expect(decideHold(new Error('OOM command not allowed'), 1, policy, lowest)).toEqual({
      type: 'hold',
      code: 'WORKER_ERROR',
      message: 'OOM command not allowed',
      delayMs: 500,
    });
  });

  it("waits like the n-th retry of the worker's backoff, never longer than its maximum", () => {
    const delays = [1, 2, 3, 4, 20].map((holds) => decideHold(new Error('x'), holds, policy, lowest).delayMs);
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 30_000]);
    expect(decideHold(new Error('x'), 20, policy, () => 0.999_999).delayMs).toBe(60_000);
  });

  it('counts no hold as the first', () => {
    expect(decideHold(new Error('x'), 0, policy, lowest).delayMs).toBe(500);
  });

  it('reports a thrown non-Error as WORKER_ERROR', () => {
    expect(decideHold('not an Error', 3, policy, lowest)).toMatchObject({
      type: 'hold',
      code: 'WORKER_ERROR',
      message: 'not an Error',
    });
  });
});
