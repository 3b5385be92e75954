import type { Job } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { WorkerKind } from '../contract/names.js';
import { resultJobId } from '../contract/result-id.js';
import type { JobResult } from '../contract/result-schema.js';
import type { PublishResult } from './publish-result.js';
import { effectiveAttempts, type RetryPolicy } from './retry-policy.js';

/**
 * Was this failure BullMQ's own, without our processor running? A job whose workers died more often than
 * maxStalledCount allows is marked by the stalled check (`deferredFailure`) and failed by the next worker that
 * takes it, with no call to the processor, so nobody else would publish its result.
 */
export const isStalledFailure = (job: Pick<Job, 'deferredFailure'>, error: Error): boolean =>
  Boolean(job.deferredFailure) || /stalled more than allowable limit/.test(error.message);

/** The result of a job BullMQ failed for stalling: code STALLED, no CookiePay answer. Pure. */
export const stalledResult = (
  job: Pick<Job, 'queueName' | 'id' | 'attemptsMade' | 'finishedOn' | 'failedReason'>,
  kind: WorkerKind,
  now: number,
): JobResult => ({
  kind,
  sourceQueue: job.queueName,
  sourceJobId: String(job.id),
  ok: false,
  code: 'STALLED',
  message: job.failedReason || 'the job stalled more often than allowed (its workers kept dying)',
  response: null,
  attempts: job.attemptsMade,
  finishedAt: new Date(job.finishedOn ?? now).toISOString(),
});

/**
 * Publishes the STALLED result of a job BullMQ failed for stalling (from the worker's `failed` event). Its attempts
 * are counted as the processor counts them: a job added without attempts has the worker's (`retry`).
 */
export const publishStalledFailure = async (
  job: Job,
  kind: WorkerKind,
  publish: PublishResult,
  logger: Logger,
  retry: Pick<RetryPolicy, 'attempts'>,
): Promise<void> => {
  const maxAttempts = effectiveAttempts(job.opts, retry);
  logger.warn({ queue: job.queueName, jobId: job.id, reason: job.failedReason }, 'job failed after stalling');
  await publish(
    stalledResult(job, kind, Date.now()),
    resultJobId(job.queueName, String(job.id), Math.min(job.attemptsMade, maxAttempts - 1), maxAttempts),
  );
};
