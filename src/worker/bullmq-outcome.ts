import { DelayedError, type Job, RateLimitError, UnrecoverableError } from 'bullmq';
import type { FailureAction } from './failure-policy.js';

export interface OutcomeTools {
  /** Holds the job's queue back for `ms` (BullMQ's queue.rateLimit). */
  rateLimitQueue: (ms: number) => Promise<void>;
}

/**
 * The one place that turns a failure decision into BullMQ's control errors: UnrecoverableError (fail now),
 * RateLimitError (back to wait, no attempt used), DelayedError (poll later, no attempt used), or a plain Error
 * (BullMQ retries it with the job's backoff). Always throws.
 */
export const enactFailure = async (
  action: FailureAction,
  job: Job,
  token: string | undefined,
  tools: OutcomeTools,
): Promise<never> => {
  const reason = `${action.code}: ${action.message}`;
  switch (action.type) {
    case 'final':
      throw new UnrecoverableError(reason);
    case 'rate-limit':
      await tools.rateLimitQueue(action.delayMs);
      throw new RateLimitError();
    case 'poll':
      await job.moveToDelayed(Date.now() + action.delayMs, token);
      throw new DelayedError(reason);
    case 'retry':
      throw new Error(reason);
  }
};
