/** How long BullMQ keeps a queue's jobs once they ended (its `removeOnComplete` / `removeOnFail` ages). */
export interface JobRetention {
  completedAgeSeconds: number;
  failedAgeSeconds: number;
}

/**
 * What stays in Redis, and how long: plain data, so that a configuration can provide it. A job's own
 * `removeOnComplete` / `removeOnFail` win over its worker's.
 */
export interface RetentionPolicy {
  /** Source jobs (urlpay, delivery, status, notification), set by their workers. */
  sourceJobs: JobRetention;
  /**
   * Results on `cookiepay-results`, set on each result by the publisher, so they win over the consumer's. A source
   * job that runs again while its result is kept finds it and publishes no second one.
   */
  results: JobRetention;
  /** The results consumer's own, for results added without ages of their own (ours always carry `results`). */
  consumedResults: JobRetention;
  batches: {
    /** Batch keys live this long; every write renews them. */
    ageSeconds: number;
    /** Rejected rows kept in Redis for the status view (the upload's report has them all). */
    rejectedRowsKept: number;
  };
}

const day = 24 * 3600;

export const defaultRetention: RetentionPolicy = Object.freeze({
  sourceJobs: Object.freeze({ completedAgeSeconds: 7 * day, failedAgeSeconds: 30 * day }),
  results: Object.freeze({ completedAgeSeconds: 7 * day, failedAgeSeconds: 30 * day }),
  consumedResults: Object.freeze({ completedAgeSeconds: day, failedAgeSeconds: 30 * day }),
  batches: Object.freeze({ ageSeconds: 30 * day, rejectedRowsKept: 1_000 }),
});

/** The BullMQ options (of a worker, or of one job) that keep ended jobs as `retention` says. */
export const removalOptions = (retention: JobRetention) => ({
  removeOnComplete: { age: retention.completedAgeSeconds },
  removeOnFail: { age: retention.failedAgeSeconds },
});
