import type { Job } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { WorkerKind } from '../contract/names.js';
import type { JobResult } from '../contract/result-schema.js';
import type { KeptAnswers } from './kept-answers.js';
import type { PublishResult } from './publish-result.js';
import type { RetryPolicy } from './retry-policy.js';
import { endedRunResultId } from './run-result-id.js';

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
 * Publishes the result of a job BullMQ failed for stalling (from the worker's `failed` event): the answer an earlier
 * run kept, when CookiePay had answered before the job's workers died, else STALLED. Its id is the run's (BullMQ has
 * counted the failed attempt by then); its attempts are counted as the processor counts them: a job added without
 * attempts has the worker's (`retry`).
 */
export const publishStalledFailure = async (
  job: Job,
  kind: WorkerKind,
  publish: PublishResult,
  logger: Logger,
  retry: Pick<RetryPolicy, 'attempts'>,
  answers: Pick<KeptAnswers, 'find'>,
): Promise<void> => {
  const resultId = endedRunResultId(job, retry);
  const kept = await answers.find(resultId);
  logger.warn(
    { queue: job.queueName, jobId: job.id, reason: job.failedReason, kept: kept !== undefined },
    'job failed after stalling',
  );
  await publish(kept?.result ?? stalledResult(job, kind, Date.now()), resultId);
};
