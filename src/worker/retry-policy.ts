/**
 * The worker's retry policy. It belongs to the worker, not to whoever added the job: a job added with a bare
 * `queue.add(name, data)` gets it; a job's own `attempts` / `backoff`, when given, win.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (RETRY_ATTEMPTS). */
  attempts: number;
  /** Base of the exponential backoff (RETRY_BACKOFF_MS). */
  backoffMs: number;
  /** No wait is longer than this. */
  maxBackoffMs: number;
}

/** The backoff type the worker registers with BullMQ (`settings.backoffStrategy`). */
export const workerBackoffType = 'cookiepay';

interface RetryOptions {
  attempts?: number | undefined;
  backoff?: number | { type: string; delay?: number | undefined } | undefined;
}

/**
 * The attempts a job has in all, the first included: its own `attempts` when it gave some, else the worker's
 * policy. BullMQ reads a missing `attempts` as 0 (and treats 0 like 1), so anything below 1 counts as not given.
 */
export const effectiveAttempts = (
  opts: Pick<RetryOptions, 'attempts'>,
  policy: Pick<RetryPolicy, 'attempts'>,
) => (opts.attempts && opts.attempts >= 1 ? opts.attempts : policy.attempts);

/** The job options with the worker's policy filled in where the job gave none. */
export const withRetryDefaults = <Options extends RetryOptions>(
  opts: Options,
  policy: RetryPolicy,
): Options => ({
  ...opts,
  attempts: effectiveAttempts(opts, policy),
  backoff: opts.backoff ?? { type: workerBackoffType, delay: policy.backoffMs },
});

/**
 * Exponential backoff with jitter: the n-th retry waits base·2^(n−1), scaled by a random factor in [0.5, 1)
 * so workers that failed together do not come back together; never more than `maxBackoffMs`.
 */
export const retryDelayMs = (
  retryNumber: number,
  baseMs: number,
  maxBackoffMs: number,
  random: () => number = Math.random,
): number => {
  const exponential = Math.min(maxBackoffMs, baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.max(1, Math.round(exponential * (0.5 + random() / 2)));
};
