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

/**
 * The id of the result of a run that starts after the job had ended under `resultId` (an operator retried it from
 * the board, e.g. after a fix): a result of its own, not dropped as a repeat of the first. Stable while that run is
 * taken over by another worker (a stall counts no attempt), and different from the first run's, which started one
 * attempt earlier.
 */
export const rerunResultId = (resultId: string, attemptsMade: number) => `${resultId}-a${attemptsMade}`;
