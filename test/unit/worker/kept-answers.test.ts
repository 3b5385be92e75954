import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { keptAnswerSchema, mayHaveKeptAnswer } from '../../../src/worker/kept-answers.js';
import { endedRunResultId, runResultId } from '../../../src/worker/run-result-id.js';

const result: JobResult = {
  kind: 'urlpay',
  sourceQueue: 'cookiepay-urlpay',
  sourceJobId: 'order-7',
  ok: true,
  code: '0000',
  message: 'payment link created',
  response: { RESULTCODE: '0000', URLKEY: 'K1' },
  attempts: 1,
  finishedAt: new Date(0).toISOString(),
  billNo: 'B7',
};

describe('kept answers', () => {
  it('are looked for on every start but the first of a job', () => {
    expect(mayHaveKeptAnswer({ attemptsStarted: 1, attemptsMade: 0 })).toBe(false);
    // Taken over after a crash or a lost lock, held, polled, rate-limited: started again.
    expect(mayHaveKeptAnswer({ attemptsStarted: 2, attemptsMade: 0 })).toBe(true);
    // Retried after a failure.
    expect(mayHaveKeptAnswer({ attemptsStarted: 2, attemptsMade: 1 })).toBe(true);
    // Starts not counted (an operator reset them): looked for.
    expect(mayHaveKeptAnswer({ attemptsStarted: 0, attemptsMade: 0 })).toBe(true);
    expect(mayHaveKeptAnswer({ attemptsStarted: 1, attemptsMade: 3 })).toBe(true);
  });

  it('round-trip through JSON as the result they carry', () => {
    const answer = { resultId: 'cookiepay-urlpay-order-7', ends: 'completed', result, publishFailures: 2 };
    expect(keptAnswerSchema.parse(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    expect(keptAnswerSchema.safeParse({ ...answer, ends: 'maybe' }).success).toBe(false);
  });
});

describe('the result id of a run', () => {
  const job = (attemptsMade: number, attempts?: number) => ({
    queueName: 'cookiepay-urlpay',
    id: 'order-7',
    attemptsMade,
    opts: attempts === undefined ? {} : { attempts },
  });
  const retry = { attempts: 3 };

  it('is the same before the run and once BullMQ has counted its attempt', () => {
    for (const attemptsMade of [0, 1, 2, 3, 5]) {
      expect(endedRunResultId(job(attemptsMade + 1), retry)).toBe(runResultId(job(attemptsMade), retry));
    }
  });

  it("is the job's own while attempts remain, and a new run's after an operator retried a used-up job", () => {
    expect(runResultId(job(0), retry)).toBe('cookiepay-urlpay-order-7');
    expect(runResultId(job(2), retry)).toBe('cookiepay-urlpay-order-7');
    expect(runResultId(job(3), retry)).toBe('cookiepay-urlpay-order-7-run3');
    expect(runResultId(job(3, 5), retry)).toBe('cookiepay-urlpay-order-7');
  });
});
