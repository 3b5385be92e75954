import { type MinimalJob, Worker } from 'bullmq';
import { fixedFieldLogger, type Logger } from '../config/logger.js';
import type { CookiePayQueues } from '../contract/create-queues.js';
import { type WorkerKind, workerQueueNames } from '../contract/names.js';
import type { JobResult } from '../contract/result-schema.js';
import { defaultRetention, type RetentionPolicy, removalOptions } from '../contract/retention.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { CookiePayCalls } from './cookiepay-calls.js';
import { deliveryHandler } from './handlers/delivery-handler.js';
import { notificationHandler } from './handlers/notification-handler.js';
import { statusHandler } from './handlers/status-handler.js';
import { urlPayHandler } from './handlers/url-pay-handler.js';
import { createJobProcessor, type KindHandler } from './job-runner.js';
import { type PublishResult, resultPublisher } from './publish-result.js';
import { type RetryPolicy, retryDelayMs, workerBackoffType } from './retry-policy.js';
import { isStalledFailure, publishStalledFailure } from './stalled-results.js';

export interface WorkerSetOptions {
  connection: RedisClient;
  prefix: string;
  queues: CookiePayQueues;
  cookiepay: CookiePayCalls;
  concurrency: Record<WorkerKind, number>;
  retry: RetryPolicy;
  polling: { intervalMs: number; timeoutMs: number };
  /** The account's limit; also each queue's own BullMQ limiter, so no queue alone starts more jobs than that. */
  rateLimit: { max: number; durationMs: number; pauseMs: number };
  logger: Logger;
  /** Lock duration and stalled-job check interval (BullMQ defaults: 30 s each). */
  stalled?: { lockDurationMs: number; intervalMs: number };
  /** How long ended source jobs and their results stay (`sourceJobs`, `results`); defaultRetention when not given. */
  retention?: Pick<RetentionPolicy, 'sourceJobs' | 'results'>;
  /** Told of every result once it is published (metrics). */
  onResult?: (result: JobResult) => void;
}

export type WorkerSet = Record<WorkerKind, Worker<unknown, JobResult>>;

const observed =
  (publish: PublishResult, onResult: ((result: JobResult) => void) | undefined): PublishResult =>
  async (result, resultId) => {
    await publish(result, resultId);
    onResult?.(result);
  };

const queueKeyOf = (kind: WorkerKind): Exclude<keyof WorkerSetOptions['queues'], 'results'> =>
  kind === 'notification' ? 'notifications' : kind;

const backoffStrategy =
  (retry: RetryPolicy) => (attemptsMade: number, type?: string, _err?: Error, job?: MinimalJob) => {
    if (type !== workerBackoffType) return 0;
    const backoff = job?.opts.backoff;
    const base = typeof backoff === 'object' && backoff.delay ? backoff.delay : retry.backoffMs;
    return retryDelayMs(attemptsMade, base, retry.maxBackoffMs);
  };

/** A BullMQ Worker per job queue, each running the kind's processor under the worker's policies. */
export const createWorkers = (options: WorkerSetOptions): WorkerSet => {
  const { connection, prefix, queues, cookiepay, logger } = options;
  const retention = options.retention ?? defaultRetention;
  const publish = observed(resultPublisher(queues.results, retention.results), options.onResult);
  const jobLogger = fixedFieldLogger(logger);
  const build = <Kind extends WorkerKind, Data>(kind: Kind, handler: KindHandler<Kind, Data>) => {
    const queue = queues[queueKeyOf(kind)];
    const queueName = workerQueueNames[kind];
    const processor = createJobProcessor(handler, {
      publish,
      retry: options.retry,
      polling: options.polling,
      rateLimitPauseMs: options.rateLimit.pauseMs,
      rateLimitQueue: (ms) => queue.rateLimit(ms),
      logger: jobLogger,
    });
    const worker = new Worker<unknown, JobResult>(queueName, processor, {
      connection,
      prefix,
      concurrency: options.concurrency[kind],
      limiter: { max: options.rateLimit.max, duration: options.rateLimit.durationMs },
      settings: { backoffStrategy: backoffStrategy(options.retry) },
      lockDuration: options.stalled?.lockDurationMs ?? 30_000,
      stalledInterval: options.stalled?.intervalMs ?? 30_000,
      ...removalOptions(retention.sourceJobs),
    });
    worker.on('error', (error) => logger.error({ queue: queueName, err: error }, 'worker error'));
    worker.on('failed', (job, error) => {
      if (!job || !isStalledFailure(job, error)) return;
      publishStalledFailure(job, kind, publish, logger, options.retry).catch((cause: unknown) =>
        logger.error(
          { queue: queueName, jobId: job.id, err: cause },
          'could not publish the result of a stalled job',
        ),
      );
    });
    return worker;
  };
  return {
    urlpay: build('urlpay', urlPayHandler(cookiepay, prefix)),
    delivery: build('delivery', deliveryHandler(cookiepay)),
    status: build('status', statusHandler(cookiepay)),
    notification: build('notification', notificationHandler(cookiepay)),
  };
};
