import type { Job } from 'bullmq';
import { resultJobId } from '../contract/result-id.js';
import { effectiveAttempts, type RetryPolicy } from './retry-policy.js';

type JobFields = Pick<Job, 'queueName' | 'id' | 'attemptsMade' | 'opts'>;

/**
 * The id of the result of a job's run, from the attempts it had used when the run started. It does not change while
 * the run is held, polled or rate-limited (none uses an attempt), so a result published again keeps its id.
 */
export const runResultId = (
  job: JobFields,
  retry: Pick<RetryPolicy, 'attempts'>,
  attemptsMade = job.attemptsMade,
) => resultJobId(job.queueName, String(job.id), attemptsMade, effectiveAttempts(job.opts, retry));

/** The same id once the run has ended: BullMQ counts the run's attempt before it tells (completed, failed). */
export const endedRunResultId = (job: JobFields, retry: Pick<RetryPolicy, 'attempts'>) =>
  runResultId(job, retry, Math.max(0, job.attemptsMade - 1));
