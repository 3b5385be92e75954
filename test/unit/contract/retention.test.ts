import { describe, expect, it } from 'vitest';
import { defaultRetention, removalOptions } from '../../../src/contract/retention.js';

const day = 24 * 3600;

describe('defaultRetention', () => {
  it('keeps source jobs and results a week, failed ones a month, batches a month and 1,000 rejected rows', () => {
    expect(defaultRetention).toEqual({
      sourceJobs: { completedAgeSeconds: 7 * day, failedAgeSeconds: 30 * day },
      results: { completedAgeSeconds: 7 * day, failedAgeSeconds: 30 * day },
      consumedResults: { completedAgeSeconds: day, failedAgeSeconds: 30 * day },
      batches: { ageSeconds: 30 * day, rejectedRowsKept: 1_000 },
    });
  });

  it('cannot be changed by whoever uses it', () => {
    expect(Object.isFrozen(defaultRetention)).toBe(true);
    for (const part of Object.values(defaultRetention)) expect(Object.isFrozen(part)).toBe(true);
  });
});

describe('removalOptions', () => {
  it("are BullMQ's removeOnComplete / removeOnFail ages", () => {
    expect(removalOptions({ completedAgeSeconds: 60, failedAgeSeconds: 120 })).toEqual({
      removeOnComplete: { age: 60 },
      removeOnFail: { age: 120 },
    });
  });
});
