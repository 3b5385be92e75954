import { type RetentionEnv, retentionEnvSchema } from '../config/env.js';

/** How long, and how many, of one queue's ended jobs BullMQ keeps (its `removeOnComplete` / `removeOnFail`). */
export interface JobRetention {
  completed: { ageSeconds: number; count: number };
  failed: { ageSeconds: number; count: number };
}

/** How long a shipment batch's records stay, and how many of its rejected rows. */
export interface BatchRetention {
  /** Every write renews the batch's keys for this long. */
  ageSeconds: number;
  /** Rejected rows the status view shows (Redis keeps them all with the batch, for the CSV download). */
  rejectedRowsKept: number;
}

/**
 * What stays in Redis, and how long: plain data, built from the configuration (`retentionPolicyOf`). Retention is
 * per queue: BullMQ trims a queue's whole completed (or failed) set by the ages and count of the job that has just
 * ended, so every job of a queue must carry the same ones.
 */
export interface RetentionPolicy {
  /** urlpay, delivery and status jobs, set by their workers. */
  sourceJobs: JobRetention;
  /** Notification jobs, set by their worker: what CookiePay confirmed of a payment, kept longer. */
  notifications: JobRetention;
  /**
   * Results on `cookiepay-results`, set on each result by the publisher and by the consumer alike. A source job
   * that runs again while its result is kept finds it and publishes no second one.
   */
  results: JobRetention;
  batches: BatchRetention;
}

/** Not configured: the status view shows the first 1,000 rejected rows of a batch. */
const rejectedRowsKept = 1_000;

/** The policy the variables say (`RETENTION_*`; failed jobs of every queue by `RETENTION_FAILED_*`). */
export const retentionPolicyOf = (env: RetentionEnv): RetentionPolicy => {
  const failed = { ageSeconds: env.RETENTION_FAILED_AGE_S, count: env.RETENTION_FAILED_COUNT };
  const completed = (ageSeconds: number, count: number): JobRetention => ({
    completed: { ageSeconds, count },
    failed,
  });
  return {
    sourceJobs: completed(env.RETENTION_COMPLETED_AGE_S, env.RETENTION_COMPLETED_COUNT),
    notifications: completed(env.RETENTION_NOTIFICATIONS_AGE_S, env.RETENTION_NOTIFICATIONS_COUNT),
    results: completed(env.RETENTION_RESULTS_AGE_S, env.RETENTION_RESULTS_COUNT),
    batches: { ageSeconds: env.RETENTION_BATCHES_AGE_S, rejectedRowsKept },
  };
};

/** The batch part alone, from what the upload commands read. */
export const batchRetentionOf = (env: Pick<RetentionEnv, 'RETENTION_BATCHES_AGE_S'>): BatchRetention => ({
  ageSeconds: env.RETENTION_BATCHES_AGE_S,
  rejectedRowsKept,
});

const deepFreeze = <T extends object>(value: T): Readonly<T> => {
  for (const part of Object.values(value)) if (typeof part === 'object' && part !== null) deepFreeze(part);
  return Object.freeze(value);
};

/** The policy of an empty environment: the documented defaults (src/config/env.ts, .env.example). */
export const defaultRetention: Readonly<RetentionPolicy> = deepFreeze(
  retentionPolicyOf(retentionEnvSchema.parse({})),
);

/** The BullMQ options (of a worker, or of one job) that keep ended jobs as `retention` says. */
export const removalOptions = (retention: JobRetention) => ({
  removeOnComplete: { age: retention.completed.ageSeconds, count: retention.completed.count },
  removeOnFail: { age: retention.failed.ageSeconds, count: retention.failed.count },
});
