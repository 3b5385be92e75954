import type { Queue } from 'bullmq';
import type { JobResult } from '../contract/result-schema.js';
import { type JobRetention, removalOptions } from '../contract/retention.js';

/** Resolves once the result is on `cookiepay-results`; rejects if it could not be added. */
export type PublishResult = (result: JobResult, resultId: string) => Promise<void>;

/** Most results added in one `addBulk`; more in the same turn start another. */
const maxBatch = 200;

interface Waiting {
  result: JobResult;
  resultId: string;
  settle: (error?: unknown) => void;
}

/**
 * Publishes results on `cookiepay-results`, named after their kind. The job id makes a second publication of the
 * same result a no-op in BullMQ (a job with that id already exists). Results of one turn of the event loop go out
 * in one `addBulk`: one round trip instead of one each, about 8% of the worker's CPU per job at 0 ms CookiePay
 * latency. Each caller still waits for its own result to be stored; if the bulk add fails, every caller in it gets
 * the error and its job retries, publishing again under the same id.
 */
export const resultPublisher = (resultsQueue: Queue, retention: JobRetention): PublishResult => {
  // Each result carries the results' retention (`RetentionPolicy.results`), so whoever consumes it trims the same.
  const removal = removalOptions(retention);
  let waiting: Waiting[] = [];
  const flush = async () => {
    const batch = waiting;
    if (batch.length === 0) return;
    waiting = [];
    try {
      await resultsQueue.addBulk(
        batch.map(({ result, resultId }) => ({
          name: result.kind,
          data: result,
          opts: { jobId: resultId, ...removal },
        })),
      );
      for (const entry of batch) entry.settle();
    } catch (error) {
      for (const entry of batch) entry.settle(error);
    }
  };
  return (result, resultId) =>
    new Promise<void>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({
        result,
        resultId,
        settle: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (waiting.length >= maxBatch) void flush();
    });
};
