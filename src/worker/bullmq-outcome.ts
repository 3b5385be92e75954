import { DelayedError, type Job, RateLimitError, UnrecoverableError } from 'bullmq';
import type { FailureAction } from './failure-policy.js';

export interface OutcomeTools {
  /** Holds the job's queue back for `ms` (BullMQ's queue.rateLimit). */
  rateLimitQueue: (ms: number) => Promise<void>;
  /** Moves the job, locked by `token`, to delayed until `untilMs` (BullMQ's job.moveToDelayed; no attempt used). */
  delayJob: (job: Job, untilMs: number, token: string | undefined) => Promise<void>;
  /** Told when a tool failed and the job was put back another way. */
  onToolFailure?: (tool: 'rateLimitQueue' | 'delayJob', error: unknown) => void;
}

/** The BullMQ operations of a queue's jobs, as the worker runs them. */
export const bullmqOutcomeTools = (queue: { rateLimit: (ms: number) => Promise<void> }): OutcomeTools => ({
  rateLimitQueue: (ms) => queue.rateLimit(ms),
  delayJob: (job, untilMs, token) => job.moveToDelayed(untilMs, token),
});

const tried = async (
  tools: OutcomeTools,
  tool: 'rateLimitQueue' | 'delayJob',
  run: () => Promise<void>,
): Promise<boolean> => {
  try {
    await run();
    return true;
  } catch (error) {
    tools.onToolFailure?.(tool, error);
    return false;
  }
};

/**
 * The one place that turns a failure decision into BullMQ's control errors: UnrecoverableError (fail now),
 * RateLimitError (back to wait, no attempt used), DelayedError (later, no attempt used), or a plain Error (BullMQ
 * retries it with the job's backoff). Always throws.
 *
 * A decision that uses no attempt keeps that promise when its own Redis call fails: a queue that cannot be held back
 * delays the job alone, and a job that cannot be delayed goes back to wait (RateLimitError, still no attempt). A
 * plain Error there would use an attempt, and on the last one fail the job with no result at all.
 */
export const enactFailure = async (
  action: FailureAction,
  job: Job,
  token: string | undefined,
  tools: OutcomeTools,
): Promise<never> => {
  const reason = `${action.code}: ${action.message}`;
  const delayed = (ms: number) => tried(tools, 'delayJob', () => tools.delayJob(job, Date.now() + ms, token));
  switch (action.type) {
    case 'final':
      throw new UnrecoverableError(reason);
    case 'rate-limit':
      if (await tried(tools, 'rateLimitQueue', () => tools.rateLimitQueue(action.delayMs)))
        throw new RateLimitError();
      if (await delayed(action.delayMs)) throw new DelayedError(reason);
      throw new RateLimitError();
    case 'poll':
    case 'hold':
      if (await delayed(action.delayMs)) throw new DelayedError(reason);
      throw new RateLimitError();
    case 'retry':
      throw new Error(reason);
  }
};
