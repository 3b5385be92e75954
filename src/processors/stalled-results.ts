import type { Queue } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { WorkerKind } from '../queues/names.js';
import type { PublishResult } from './publish-result.js';
import { resultJobId } from './result-id.js';

/**
 * A job whose worker died more often than BullMQ allows (maxStalledCount) is failed by BullMQ's stalled check,
 * not by our processor, so nobody would publish its result. The worker's `stalled` event leads here: if the job
 * ended up failed, its result (code STALLED) is published like any other final failure.
 */
export const publishStalledFailure = async (
  queue: Queue,
  kind: WorkerKind,
  jobId: string,
  publish: PublishResult,
  logger: Logger,
): Promise<void> => {
  const job = await queue.getJob(jobId);
  if (!job || (await job.getState()) !== 'failed') return;
  const maxAttempts = job.opts.attempts && job.opts.attempts >= 1 ? job.opts.attempts : 1;
  logger.warn({ queue: queue.name, jobId, reason: job.failedReason }, 'job failed after stalling');
  await publish(
    {
      kind,
      sourceQueue: queue.name,
      sourceJobId: jobId,
      ok: false,
      code: 'STALLED',
      message: job.failedReason || 'the job stalled more often than allowed',
      response: null,
      attempts: job.attemptsMade,
      finishedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
    },
    resultJobId(queue.name, jobId, Math.min(job.attemptsMade, maxAttempts - 1), maxAttempts),
  );
};
