import type { Job } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { WorkerKind } from '../contract/names.js';
import { resultJobId } from '../contract/result-id.js';
import type { JobResult } from '../contract/result-schema.js';
import type { PublishResult } from './publish-result.js';

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

/** Publishes the STALLED result of a job BullMQ failed for stalling (from the worker's `failed` event). */
export const publishStalledFailure = async (
  job: Job,
  kind: WorkerKind,
  publish: PublishResult,
  logger: Logger,
): Promise<void> => {
  const maxAttempts = job.opts.attempts && job.opts.attempts >= 1 ? job.opts.attempts : 1;
  logger.warn({ queue: job.queueName, jobId: job.id, reason: job.failedReason }, 'job failed after stalling');
  await publish(
    stalledResult(job, kind, Date.now()),
    resultJobId(job.queueName, String(job.id), Math.min(job.attemptsMade, maxAttempts - 1), maxAttempts),
  );
};
