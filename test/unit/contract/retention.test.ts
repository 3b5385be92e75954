import { describe, expect, it } from 'vitest';
import { retentionEnvSchema } from '../../../src/config/env.js';
import {
  batchRetentionOf,
  defaultRetention,
  removalOptions,
  retentionPolicyOf,
} from '../../../src/contract/retention.js';

const day = 24 * 3600;

describe('retentionPolicyOf', () => {
  it('gives each class its RETENTION_* ages and counts, failed jobs of every queue RETENTION_FAILED_*', () => {
    const policy = retentionPolicyOf(
      retentionEnvSchema.parse({
        RETENTION_COMPLETED_AGE_S: '10',
        RETENTION_COMPLETED_COUNT: '11',
        RETENTION_NOTIFICATIONS_AGE_S: '20',
        RETENTION_NOTIFICATIONS_COUNT: '21',
        RETENTION_RESULTS_AGE_S: '30',
        RETENTION_RESULTS_COUNT: '31',
        RETENTION_FAILED_AGE_S: '40',
        RETENTION_FAILED_COUNT: '41',
        RETENTION_BATCHES_AGE_S: '50',
      }),
    );
    const failed = { ageSeconds: 40, count: 41 };
    expect(policy).toEqual({
      sourceJobs: { completed: { ageSeconds: 10, count: 11 }, failed },
      notifications: { completed: { ageSeconds: 20, count: 21 }, failed },
      results: { completed: { ageSeconds: 30, count: 31 }, failed },
      batches: { ageSeconds: 50, rejectedRowsKept: 1_000 },
    });
    expect(batchRetentionOf({ RETENTION_BATCHES_AGE_S: 50 })).toEqual(policy.batches);
  });
});

describe('defaultRetention', () => {
  it('is the policy of the documented defaults: failed and notifications kept longer than the rest', () => {
    const failed = { ageSeconds: 30 * day, count: 10_000 };
    expect(defaultRetention).toEqual({
      sourceJobs: { completed: { ageSeconds: day, count: 100_000 }, failed },
      notifications: { completed: { ageSeconds: 7 * day, count: 30_000 }, failed },
      results: { completed: { ageSeconds: day, count: 100_000 }, failed },
      batches: { ageSeconds: 7 * day, rejectedRowsKept: 1_000 },
    });
  });

  it('cannot be changed by whoever uses it', () => {
    expect(Object.isFrozen(defaultRetention)).toBe(true);
    expect(Object.isFrozen(defaultRetention.sourceJobs.completed)).toBe(true);
    expect(Object.isFrozen(defaultRetention.results.failed)).toBe(true);
    expect(Object.isFrozen(defaultRetention.batches)).toBe(true);
  });
});

describe('removalOptions', () => {
  it("are BullMQ's removeOnComplete / removeOnFail, age and count", () => {
    expect(
      removalOptions({ completed: { ageSeconds: 60, count: 5 }, failed: { ageSeconds: 120, count: 7 } }),
    ).toEqual({
      removeOnComplete: { age: 60, count: 5 },
      removeOnFail: { age: 120, count: 7 },
    });
  });
});
