import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { defaultQueuePrefix, queueNames } from '../../contract/names.js';
import { type JobResult, resultSchema } from '../../contract/result-schema.js';
import { defaultRetention, type JobRetention, removalOptions } from '../../contract/retention.js';
import { createRedisConnection } from '../../redis/connection.js';
import type { RedisClient } from '../../redis/redis-client.js';

export interface ConsumeResultsOptions {
  /** A connection for the consumer (BullMQ needs maxRetriesPerRequest: null on it); or give `redisUrl`. */
  connection?: RedisClient;
  redisUrl?: string;
  prefix?: string;
  concurrency?: number;
  /** Called once per result; throw to have it retried. */
  handler: (result: JobResult, job: Job) => Promise<void> | void;
  /**
   * What stays of consumed results that carry no retention of their own (the worker's all carry its
   * `RETENTION_RESULTS_*` / `RETENTION_FAILED_*`); default the documented defaults, `defaultRetention.results`.
   */
  retention?: JobRetention;
}

export interface ResultsConsumer {
  worker: Worker;
  /** Stops taking results, waits for the handlers running, closes the connection it opened. */
  close(): Promise<void>;
}

/**
 * Consumes `cookiepay-results` with the contract's schema. Consumed results are kept as the worker's publisher said
 * on each of them (a job's own retention wins over the consumer's): `RETENTION_RESULTS_AGE_S` / `_COUNT`, a day and
 * 100,000 by default, so a source job that runs again within that time still finds its result and publishes no
 * second one. `retention` covers only results added without retention of their own.
 */
export const consumeResults = (options: ConsumeResultsOptions): ResultsConsumer => {
  const connection =
    options.connection ?? createRedisConnection(options.redisUrl ?? 'redis://127.0.0.1:6379', 'worker');
  const worker = new Worker(
    queueNames.results,
    async (job) => {
      const parsed = resultSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`not a cookiepay result: ${parsed.error.message}`);
      await options.handler(parsed.data, job);
    },
    {
      connection,
      prefix: options.prefix ?? defaultQueuePrefix,
      concurrency: options.concurrency ?? 1,
      ...removalOptions(options.retention ?? defaultRetention.results),
    },
  );
  return {
    worker,
    async close() {
      await worker.close();
      if (!options.connection) await connection.quit();
    },
  };
};
