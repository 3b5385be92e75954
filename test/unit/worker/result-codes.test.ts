import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { BatchStatus } from '../../../src/batches/batch-types.js';
import { InvalidPayloadError } from '../../../src/contract/invalid-payload-error.js';
import { workerKinds } from '../../../src/contract/names.js';
import { type WorkerResultCode, workerResultCodes } from '../../../src/contract/result-codes.js';
import { resultSchema } from '../../../src/contract/result-schema.js';
import { CookiePayError, cookiePayErrorCodes } from '../../../src/cookiepay/errors.js';
import type { PaymentCertResponse } from '../../../src/cookiepay/schemas/payment-cert.js';
import { batchSummary } from '../../../src/worker/batch-summary.js';
import { decideFailure, type FailureContext } from '../../../src/worker/failure-policy.js';
import { notificationHandler } from '../../../src/worker/handlers/notification-handler.js';
import { stalledResult } from '../../../src/worker/stalled-results.js';
import { verifyNotification } from '../../../src/worker/verify-notification.js';

const isWorkerCode = (code: string): code is WorkerResultCode =>
  (workerResultCodes as readonly string[]).includes(code);

/** The last attempt of a job: every failure that is not held back or polled is final here. */
const lastAttempt: FailureContext = {
  kind: 'urlpay',
  attemptsMade: 4,
  maxAttempts: 5,
  now: 1_750_000_000_000,
  addedAt: 1_750_000_000_000 - 60_000,
  pollIntervalMs: 30_000,
  pollTimeoutMs: 86_400_000,
  rateLimitPauseMs: 5_000,
};

const cookiePayError = (code: (typeof cookiePayErrorCodes)[number], resultCode?: string) =>
  new CookiePayError(code, `${code} from CookiePay`, { endpoint: '/urlpay/request', resultCode });

describe("the worker's result codes", () => {
  it('are unique', () => {
    expect(new Set(workerResultCodes).size).toBe(workerResultCodes.length);
  });

  it('cover every code a final failure can carry, except the result code CookiePay answered', () => {
    const finalCodes = new Set<string>();
    const errors: unknown[] = [
      ...cookiePayErrorCodes.map((code) => cookiePayError(code)),
      cookiePayError('RESULT', ''),
      new InvalidPayloadError('urlpay', [{ field: 'AMOUNT', reason: 'must be above 0' }]),
      new Error('boom'),
      'not even an error',
    ];
    for (const kind of workerKinds)
      for (const error of errors) {
        const action = decideFailure(error, { ...lastAttempt, kind });
        if (action.type === 'final') finalCodes.add(action.code);
      }
    expect([...finalCodes].filter((code) => !isWorkerCode(code))).toEqual([]);
    expect([...finalCodes].sort()).toEqual(
      [
        'HTTP_STATUS',
        'INVALID_PAYLOAD',
        'INVALID_RESPONSE',
        'NETWORK',
        'RESULT',
        'TIMEOUT',
        'TOKEN_REJECTED',
        'WORKER_ERROR',
      ].sort(),
    );
    expect(decideFailure(cookiePayError('RESULT', 'E006'), lastAttempt)).toMatchObject({
      type: 'final',
      code: 'E006',
    });
  });

  it('leave out what never ends a job: a rate limit is held back, an invalid request is INVALID_PAYLOAD', () => {
    expect(decideFailure(cookiePayError('RATE_LIMITED'), lastAttempt).type).toBe('rate-limit');
    expect(decideFailure(cookiePayError('INVALID_REQUEST'), lastAttempt)).toMatchObject({
      type: 'final',
      code: 'INVALID_PAYLOAD',
    });
    expect(isWorkerCode('RATE_LIMITED')).toBe(false);
    expect(isWorkerCode('INVALID_REQUEST')).toBe(false);
  });

  it('cover every code of a notification CookiePay did not confirm', async () => {
    const paid: PaymentCertResponse = { RESULTCODE: '0000', TID: 'T1', AMOUNT: '25000', CANCELDATE: '' };
    const cancelled = { ...paid, CANCELDATE: '20260101' };
    const approval = { kind: 'approval' as const, TID: 'T1', amount: 25000 };
    const verdicts = [
      verifyNotification({ ...approval, TID: 'T9' }, paid),
      verifyNotification({ kind: 'cancel', TID: 'T1' }, paid),
      verifyNotification(approval, cancelled),
      verifyNotification({ ...approval, amount: 100 }, paid),
      verifyNotification(approval, { ...paid, PAYMETHOD: 'VACCT', ACCEPTNO: '' }),
    ];
    const handler = notificationHandler({
      payCert: async () => ({ type: 'answer', response: paid }),
      facts: { claim: async () => 'noti-first' },
      apiId: 'shop',
      verifyWindowMs: 0,
    });
    const job = { id: 'noti-second', timestamp: 0 } as Job;
    const handled = [
      await handler.call({ facts: { ...approval, apiId: 'another-shop' } }, job),
      await handler.call({ facts: approval }, job),
    ];
    const codes = [
      ...verdicts.map((verdict) => verdict.result.code),
      ...handled.map((result) => result.code),
    ];
    expect(codes).toEqual([
      'TID_MISMATCH',
      'NOT_CANCELLED',
      'CANCELLED',
      'AMOUNT_MISMATCH',
      'NOT_DEPOSITED',
      'FOREIGN_ACCOUNT',
      'DUPLICATE',
    ]);
    expect(codes.every(isWorkerCode)).toBe(true);
  });

  it('cover the STALLED result of every worker kind, and both batch summaries', () => {
    const stalled = workerKinds.map((kind) =>
      stalledResult({ queueName: 'q', id: '1', attemptsMade: 1, finishedOn: 0, failedReason: '' }, kind, 0),
    );
    const status: BatchStatus = {
      batchId: 'b-1',
      createdAt: '2025-01-15T00:00:00.000Z',
      total: 1,
      waiting: 0,
      succeeded: 1,
      failed: [],
      rejected: 0,
      done: true,
      status: 'open',
      rows: 1,
      alreadyEnqueued: 0,
      unknown: 0,
      rejectedRows: [],
    };
    const summaries = [
      batchSummary(status, new Date(0)),
      batchSummary({ ...status, succeeded: 0, rejected: 1 }, new Date(0)),
    ];
    const results = [...stalled, ...summaries];
    expect(results.map((result) => result.code)).toEqual([
      ...workerKinds.map(() => 'STALLED'),
      'BATCH_DONE',
      'BATCH_FAILURES',
    ]);
    expect(results.every((result) => isWorkerCode(result.code))).toBe(true);
    for (const result of results) expect(resultSchema.parse(result)).toEqual(result);
  });
});
