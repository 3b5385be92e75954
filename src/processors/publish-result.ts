import type { Queue } from 'bullmq';
import type { JobResult } from '../queues/result-schema.js';

/** Results stay a week once consumed (a re-run within that time publishes nothing twice), failed ones a month. */
export const resultRetention = {
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export type PublishResult = (result: JobResult, resultId: string) => Promise<void>;

/**
 * Publishes a result on `cookiepay-results`, named after its kind. The job id makes a second publication of the
 * same result a no-op in BullMQ (a job with that id already exists).
 */
export const resultPublisher =
  (resultsQueue: Queue): PublishResult =>
  async (result, resultId) => {
    await resultsQueue.add(result.kind, result, { jobId: resultId, ...resultRetention });
  };
