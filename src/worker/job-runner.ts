import type { Job, Processor } from 'bullmq';
import type { Logger } from '../config/logger.js';
import { InvalidPayloadError } from '../contract/invalid-payload-error.js';
import type { WorkerKind } from '../contract/names.js';
import { resultJobId } from '../contract/result-id.js';
import type { JobResult } from '../contract/result-schema.js';
import { isCookiePayError } from '../cookiepay/errors.js';
import { enactFailure } from './bullmq-outcome.js';
import { decideFailure, type FailureAction } from './failure-policy.js';
import type { PublishResult } from './publish-result.js';
import { effectiveAttempts, type RetryPolicy, withRetryDefaults } from './retry-policy.js';

/** The result of one worker kind (its own schema in the contract). */
type ResultOf<Kind extends WorkerKind> = Extract<JobResult, { kind: Kind }>;

/** What the runner fills in from the job; the handler reports the rest. */
type RunnerFields = 'kind' | 'sourceQueue' | 'sourceJobId' | 'attempts' | 'finishedAt' | 'issues';

/** What a kind's handler reports when CookiePay answered: its kind's result without what the runner fills in. */
export type Success<Kind extends WorkerKind> = Omit<ResultOf<Kind>, RunnerFields>;

export interface KindHandler<Kind extends WorkerKind, Data> {
  kind: Kind;
  /** Validates job data; throws InvalidPayloadError. */
  parse: (data: unknown) => Data;
  call: (data: Data, job: Job) => Promise<Success<Kind>>;
  /** Fields a final failure's result carries for this kind (a notification that could not be checked: unverified). */
  failureFields?: Omit<Success<Kind>, 'ok' | 'code' | 'message' | 'response'>;
}

export interface RunnerDeps {
  publish: PublishResult;
  retry: RetryPolicy;
  polling: { intervalMs: number; timeoutMs: number };
  rateLimitPauseMs: number;
  rateLimitQueue: (ms: number) => Promise<void>;
  /** Gets one line per attempt, of fixed primitive fields only (see fixedFieldLogger). */
  logger: Logger;
  now?: () => number;
}

const finalResult = <Kind extends WorkerKind>(
  job: Job,
  { kind, failureFields }: Pick<KindHandler<Kind, unknown>, 'kind' | 'failureFields'>,
  action: FailureAction,
  error: unknown,
  now: number,
): JobResult => ({
  kind,
  sourceQueue: job.queueName,
  sourceJobId: String(job.id),
  ok: false,
  code: action.code,
  message: action.message,
  response: isCookiePayError(error) ? (error.response ?? null) : null,
  attempts: error instanceof InvalidPayloadError ? 0 : job.attemptsMade + 1,
  finishedAt: new Date(now).toISOString(),
  ...(error instanceof InvalidPayloadError ? { issues: [...error.issues] } : {}),
  ...(action.type === 'final' && action.unpaid ? { paymentStatus: 'unpaid' as const } : {}),
  ...failureFields,
});

/**
 * Runs one attempt of a job: validate, call CookiePay through the kind's handler, publish the one result when
 * the job ends, and hand every failure to the failure policy. The job's returnvalue is its result.
 */
export const createJobProcessor =
  <Kind extends WorkerKind, Data>(
    handler: KindHandler<Kind, Data>,
    deps: RunnerDeps,
  ): Processor<unknown, JobResult> =>
  async (job, token) => {
    const now = deps.now ?? Date.now;
    Object.assign(job.opts, withRetryDefaults(job.opts, deps.retry));
    const maxAttempts = effectiveAttempts(job.opts, deps.retry);
    const resultId = resultJobId(job.queueName, String(job.id), job.attemptsMade, maxAttempts);
    const where = { queue: job.queueName, jobId: job.id, attempt: job.attemptsMade + 1 };
    const started = performance.now();
    try {
      const success = await handler.call(handler.parse(job.data), job);
      const result: JobResult = {
        kind: handler.kind,
        sourceQueue: job.queueName,
        sourceJobId: String(job.id),
        attempts: job.attemptsMade + 1,
        finishedAt: new Date(now()).toISOString(),
        ...success,
      };
      await deps.publish(result, resultId);
      deps.logger.info(
        { ...where, code: result.code, ok: result.ok, latencyMs: Math.round(performance.now() - started) },
        'job done',
      );
      return result;
    } catch (error) {
      const action = decideFailure(error, {
        kind: handler.kind,
        attemptsMade: job.attemptsMade,
        maxAttempts,
        now: now(),
        addedAt: job.timestamp,
        pollIntervalMs: deps.polling.intervalMs,
        pollTimeoutMs: deps.polling.timeoutMs,
        rateLimitPauseMs: deps.rateLimitPauseMs,
      });
      const latencyMs = Math.round(performance.now() - started);
      const level = action.type === 'final' ? 'warn' : action.type === 'retry' ? 'info' : 'debug';
      deps.logger[level](
        { ...where, code: action.code, action: action.type, latencyMs, reason: action.message },
        `job ${action.type}`,
      );
      if (action.type === 'final')
        await deps.publish(finalResult(job, handler, action, error, now()), resultId);
      return enactFailure(action, job, token, { rateLimitQueue: deps.rateLimitQueue });
    }
  };
