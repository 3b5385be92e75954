import type { Job, Processor } from 'bullmq';
import type { Logger } from '../config/logger.js';
import { InvalidPayloadError } from '../contract/invalid-payload-error.js';
import type { WorkerKind } from '../contract/names.js';
import type { JobResult } from '../contract/result-schema.js';
import { isCookiePayError } from '../cookiepay/errors.js';
import { enactFailure, type OutcomeTools } from './bullmq-outcome.js';
import { decideFailure, decideHold, type FailureAction } from './failure-policy.js';
import { type KeptAnswer, type KeptAnswers, mayHaveKeptAnswer } from './kept-answers.js';
import type { PublishResult } from './publish-result.js';
import { effectiveAttempts, type RetryPolicy, withRetryDefaults } from './retry-policy.js';
import { rerunResultId, runResultId } from './run-result-id.js';

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
  /** Where a CookiePay answer is kept, as its result, until the job has ended. */
  answers: KeptAnswers;
  /** Whether a result with this id is on the results queue (a run of a job that had ended already). */
  resultExists: (resultId: string) => Promise<boolean>;
  retry: RetryPolicy;
  polling: { intervalMs: number; timeoutMs: number };
  rateLimitPauseMs: number;
  /** BullMQ's operations on the job's queue and on the job (bullmqOutcomeTools). */
  outcome: OutcomeTools;
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

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs one attempt of a job: validate, call CookiePay through the kind's handler, keep its answer (the result) in
 * Redis, publish the result, and hand every CookiePay failure to the failure policy. Once CookiePay has answered,
 * nothing that fails later goes to that policy: a result that cannot be published holds the job (no attempt used,
 * the same result id), and the next run publishes the kept answer without calling CookiePay. The job's returnvalue
 * is its result.
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
    let resultId = runResultId(job, deps.retry);
    const where = { queue: job.queueName, jobId: job.id, attempt: job.attemptsMade + 1 };
    const started = performance.now();
    const tools: OutcomeTools = {
      ...deps.outcome,
      onToolFailure: (tool, error) =>
        deps.logger.warn({ ...where, tool, reason: reasonOf(error) }, 'job put back another way'),
    };
    const hold = (step: 'find' | 'publish', error: unknown, holds: number) => {
      const action = decideHold(error, holds, deps.retry);
      deps.logger.warn(
        {
          ...where,
          code: action.code,
          action: action.type,
          step,
          delayMs: action.delayMs,
          reason: action.message,
        },
        'job hold',
      );
      return enactFailure(action, job, token, tools);
    };

    let kept: KeptAnswer | undefined;
    if (mayHaveKeptAnswer(job)) {
      try {
        kept = await deps.answers.find(resultId);
        // No answer kept for this run, but its result is out: the job had ended (its kept answer was dropped then)
        // and an operator runs it again. This run publishes a result of its own.
        if (!kept && (await deps.resultExists(resultId))) {
          resultId = rerunResultId(resultId, job.attemptsMade);
          kept = await deps.answers.find(resultId);
        }
      } catch (error) {
        // Unknown whether CookiePay already answered this run: not asking it twice, later.
        return hold('find', error, 1);
      }
    }
    let answer = kept;
    if (!answer) {
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
        answer = { resultId, ends: 'completed', result, publishFailures: 0 };
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
        if (action.type !== 'final') return enactFailure(action, job, token, tools);
        answer = {
          resultId,
          ends: 'failed',
          result: finalResult(job, handler, action, error, now()),
          publishFailures: 0,
        };
      }
      try {
        await deps.answers.keep(answer);
      } catch (error) {
        deps.logger.warn({ ...where, reason: reasonOf(error) }, 'could not keep the answer: publishing it');
      }
    }
    try {
      await deps.publish(answer.result, resultId);
    } catch (error) {
      // Kept again (a second chance if the first keep failed; it renews its age): the next run only publishes.
      const failed: KeptAnswer = { ...answer, publishFailures: answer.publishFailures + 1 };
      await deps.answers.keep(failed).catch(() => {});
      return hold('publish', error, failed.publishFailures);
    }
    const { code, ok, message } = answer.result;
    const fields = {
      ...where,
      code,
      ok,
      kept: kept !== undefined,
      latencyMs: Math.round(performance.now() - started),
    };
    if (answer.ends === 'completed') deps.logger.info(fields, 'job done');
    // A final failure was logged when it was decided; a run that only published its kept answer says so here.
    else if (kept) deps.logger.warn({ ...fields, action: 'final', reason: message }, 'job final');
    if (answer.ends === 'failed') return enactFailure({ type: 'final', code, message }, job, token, tools);
    return answer.result;
  };
