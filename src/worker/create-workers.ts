import { type Job, type MinimalJob, Worker } from 'bullmq';
import { fixedFieldLogger, type Logger } from '../config/logger.js';
import type { CookiePayQueues } from '../contract/create-queues.js';
import { type WorkerKind, workerQueueNames } from '../contract/names.js';
import type { JobResult } from '../contract/result-schema.js';
import { type RetentionPolicy, removalOptions } from '../contract/retention.js';
import type { RedisClient } from '../redis/redis-client.js';
import { bullmqOutcomeTools, type OutcomeTools } from './bullmq-outcome.js';
import { coalescedPayCert } from './coalesced-pay-cert.js';
import type { CookiePayCalls } from './cookiepay-calls.js';
import { cancelHandler } from './handlers/cancel-handler.js';
import { deliveryHandler } from './handlers/delivery-handler.js';
import { notificationHandler } from './handlers/notification-handler.js';
import { observingHandler } from './handlers/observing-handler.js';
import { statusHandler } from './handlers/status-handler.js';
import { trackingHandler, trackJobIdPrefix } from './handlers/tracking-handler.js';
import { urlPayHandler } from './handlers/url-pay-handler.js';
import { createJobProcessor, type KindHandler } from './job-runner.js';
import { keptAnswers } from './kept-answers.js';
import { paymentEvents } from './payment-events.js';
import { type PublishResult, resultPublisher } from './publish-result.js';
import { type RetryPolicy, retryDelayMs, workerBackoffType } from './retry-policy.js';
import { endedRunResultId, rerunResultId } from './run-result-id.js';
import { sentCancels } from './sent-cancels.js';
import { sentDeliveries } from './sent-deliveries.js';
import { isStalledFailure, publishStalledFailure } from './stalled-results.js';
import { verifiedFacts } from './verified-facts.js';

/** Seams for tests: wrap the result publisher or a queue's BullMQ outcome tools, e.g. to make one call fail. */
export interface WorkerSeams {
  publish?: (publish: PublishResult) => PublishResult;
  outcome?: (tools: OutcomeTools, kind: WorkerKind) => OutcomeTools;
}

export interface WorkerSetOptions {
  connection: RedisClient;
  prefix: string;
  queues: CookiePayQueues;
  cookiepay: CookiePayCalls;
  /**
   * How notifications are verified: the account a notification must name (COOKIEPAY_API_ID), how long CookiePay may
   * take to show what it says (NOTIFICATION_VERIFY_WINDOW_MS), and the client of the account's notification share
   * (NOTIFICATION_RATE_SHARE; `cookiepay` when not given).
   */
  notifications: { apiId: string; verifyWindowMs: number; cookiepay?: Pick<CookiePayCalls, 'payCert'> };
  concurrency: Record<WorkerKind, number>;
  retry: RetryPolicy;
  polling: { intervalMs: number; timeoutMs: number };
  /** The account's limit; also each queue's own BullMQ limiter, so no queue alone starts more jobs than that. */
  rateLimit: { max: number; durationMs: number; pauseMs: number };
  logger: Logger;
  /** Lock duration and stalled-job check interval (BullMQ defaults: 30 s each). */
  stalled?: { lockDurationMs: number; intervalMs: number };
  /** What stays of ended jobs: `sourceJobs` and `notifications` on their workers, `results` on each result. */
  retention: Pick<RetentionPolicy, 'sourceJobs' | 'notifications' | 'results'>;
  /** TRACK_LINKS: whether a urlpay job that says nothing of `track` has its link followed to its end. */
  trackLinks?: boolean;
  /** Told of every result once it is published (metrics). */
  onResult?: (result: JobResult) => void;
  seams?: WorkerSeams;
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

/** The notification handler's dependencies: paycert coalesced per TID, verified facts kept as long as the jobs. */
const notificationDeps = ({ connection, prefix, cookiepay, notifications, retention }: WorkerSetOptions) => {
  const client = notifications.cookiepay ?? cookiepay;
  return {
    payCert: coalescedPayCert({ redis: connection, prefix, payCert: (request) => client.payCert(request) }),
    facts: verifiedFacts(connection, prefix, retention.notifications.completed.ageSeconds),
    apiId: notifications.apiId,
    verifyWindowMs: notifications.verifyWindowMs,
  };
};

/** A BullMQ Worker per job queue, each running the kind's processor under the worker's policies. */
export const createWorkers = (options: WorkerSetOptions): WorkerSet => {
  const { connection, prefix, queues, cookiepay, logger } = options;
  const { retention } = options;
  const publisher = resultPublisher(queues.results, retention.results);
  const publish = observed(options.seams?.publish?.(publisher) ?? publisher, options.onResult);
  const answers = keptAnswers(connection, prefix);
  // What the status checks and verified notifications learn of a payment: one `payment` result per change.
  const events = paymentEvents({ redis: connection, prefix, publish });
  const jobLogger = fixedFieldLogger(logger);
  const build = <Kind extends WorkerKind, Data>(kind: Kind, handler: KindHandler<Kind, Data>) => {
    const queue = queues[queueKeyOf(kind)];
    const queueName = workerQueueNames[kind];
    const tools = bullmqOutcomeTools(queue);
    const processor = createJobProcessor(handler, {
      publish,
      answers,
      resultExists: async (resultId) => (await connection.exists(queues.results.toKey(resultId))) === 1,
      retry: options.retry,
      polling: options.polling,
      rateLimitPauseMs: options.rateLimit.pauseMs,
      outcome: options.seams?.outcome?.(tools, kind) ?? tools,
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
      ...removalOptions(kind === 'notification' ? retention.notifications : retention.sourceJobs),
    });
    worker.on('error', (error) => logger.error({ queue: queueName, err: error }, 'worker error'));
    // A job that ended needs its kept answer no more (the answer's age drops what a crash leaves).
    const forget = (job: Job) => {
      const resultId = endedRunResultId(job, options.retry);
      return Promise.all([
        answers.forget(resultId),
        answers.forget(rerunResultId(resultId, Math.max(0, job.attemptsMade - 1))),
      ]).catch((cause: unknown) =>
        logger.warn({ queue: queueName, jobId: job.id, err: cause }, 'could not drop a kept answer'),
      );
    };
    worker.on('completed', (job) => void forget(job));
    worker.on('failed', (job, error) => {
      if (!job) return;
      if (!isStalledFailure(job, error)) {
        if (job.finishedOn) void forget(job);
        return;
      }
      publishStalledFailure(job, kind, publish, logger, options.retry, answers)
        .then(() => forget(job))
        .catch((cause: unknown) =>
          logger.error(
            { queue: queueName, jobId: job.id, err: cause },
            'could not publish the result of a stalled job',
          ),
        );
    });
    return worker;
  };
  return {
    urlpay: build(
      'urlpay',
      trackingHandler(urlPayHandler(cookiepay, prefix), queues.status, options.trackLinks ?? false),
    ),
    delivery: build(
      'delivery',
      deliveryHandler({
        cookiepay,
        sent: sentDeliveries(connection, prefix, retention.sourceJobs.completed.ageSeconds),
      }),
    ),
    cancel: build(
      'cancel',
      cancelHandler({
        cookiepay,
        sent: sentCancels(connection, prefix, retention.sourceJobs.completed.ageSeconds),
        events,
      }),
    ),
    status: build(
      'status',
      observingHandler(
        statusHandler(cookiepay, { polling: options.polling }),
        events,
        (job) => (String(job.id).startsWith(trackJobIdPrefix) ? 'track' : 'status'),
        (data) => data,
      ),
    ),
    notification: build(
      'notification',
      observingHandler(notificationHandler(notificationDeps(options)), events, 'notification', (work) => ({
        TID: work.facts.TID,
      })),
    ),
  };
};
