import { describe, expect, it } from 'vitest';
import { resultSchema } from '../../../src/contract/result-schema.js';
import { isStalledFailure, stalledResult } from '../../../src/worker/stalled-results.js';

describe('jobs BullMQ failed for stalling', () => {
  it('are recognised by the deferred failure mark or the stalled message, not by other failures', () => {
    expect(
      isStalledFailure({ deferredFailure: 'job stalled more than allowable limit' }, new Error('x')),
    ).toBe(true);
    expect(
      isStalledFailure({ deferredFailure: '' }, new Error('job stalled more than allowable limit')),
    ).toBe(true);
    expect(isStalledFailure({ deferredFailure: '' }, new Error('E777: CookiePay answered E777'))).toBe(false);
  });

  it('get a STALLED result that fits the contract', () => {
    const result = stalledResult(
      {
        queueName: 'cookiepay-urlpay',
        id: 'order-7',
        attemptsMade: 1,
        finishedOn: 1_795_000_000_000,
        failedReason: 'job stalled more than allowable limit',
      },
      'urlpay',
      0,
    );
    expect(resultSchema.parse(result)).toMatchObject({
      kind: 'urlpay',
      sourceJobId: 'order-7',
      ok: false,
      code: 'STALLED',
      response: null,
      message: 'job stalled more than allowable limit',
    });
  });
});
