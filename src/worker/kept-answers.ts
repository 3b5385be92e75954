import type { Job } from 'bullmq';
import type { ChainableCommander } from 'ioredis';
import { z } from 'zod';
import { resultSchema } from '../contract/result-schema.js';
import type { RedisClient } from '../redis/redis-client.js';

/**
 * A CookiePay answer made into its job's result, kept in Redis before the result is published: a later run of the
 * same job (its publication failed, its worker died, its lock was lost) publishes it instead of calling CookiePay
 * again.
 */
export const keptAnswerSchema = z.object({
  /** The result's id on `cookiepay-results` (resultJobId of the run that got the answer). */
  resultId: z.string(),
  /** How the job ends once the result is out: completed (the result is its return value) or failed (final). */
  ends: z.enum(['completed', 'failed']),
  result: resultSchema,
  /** Publications of it that failed so far: the next one waits the worker's backoff for that many. */
  publishFailures: z.number().int().min(0),
});

export type KeptAnswer = z.output<typeof keptAnswerSchema>;

export interface KeptAnswers {
  /** Stores the answer under its result id; resolves once Redis has it. */
  keep(answer: KeptAnswer): Promise<void>;
  /** The answer kept under `resultId`; undefined when there is none (or it is not one, e.g. of an older version). */
  find(resultId: string): Promise<KeptAnswer | undefined>;
  /** Drops the answer once its job has ended. */
  forget(resultId: string): Promise<void>;
}

/**
 * Whether a run may find an answer kept by an earlier one: not on a job's very first start (BullMQ counts starts,
 * `attemptsStarted`, before the processor runs), which spares that look-up on the way of almost every job.
 */
export const mayHaveKeptAnswer = (job: Pick<Job, 'attemptsStarted' | 'attemptsMade'>): boolean =>
  job.attemptsStarted !== 1 || job.attemptsMade !== 0;

/** Longest an answer is kept: each is dropped when its job ends, so the age only bounds what a crash left. */
export const keptAnswerTtlMs = 7 * 24 * 3_600_000;

export const keptAnswerKey = (prefix: string, resultId: string) => `${prefix}:cookiepay-answer:${resultId}`;

type Write = (pipeline: ChainableCommander) => void;

/** Writes of one turn of the event loop go out in one pipeline; each caller gets its own command's error. */
const writesPerTurn = (redis: RedisClient) => {
  let waiting: { write: Write; settle: (error?: unknown) => void }[] = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    const pipeline = redis.pipeline();
    for (const { write } of batch) write(pipeline);
    try {
      const replies = (await pipeline.exec()) ?? [];
      batch.forEach(({ settle }, i) => {
        settle(replies[i]?.[0] ?? undefined);
      });
    } catch (error) {
      for (const { settle } of batch) settle(error);
    }
  };
  return (write: Write) =>
    new Promise<void>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ write, settle: (error) => (error ? reject(error) : resolve()) });
    });
};

/** Kept answers under `<prefix>:cookiepay-answer:<resultId>`, each for `ttlMs` at most. */
export const keptAnswers = (redis: RedisClient, prefix: string, ttlMs = keptAnswerTtlMs): KeptAnswers => {
  const write = writesPerTurn(redis);
  return {
    keep: (answer) =>
      write((pipeline) =>
        pipeline.set(keptAnswerKey(prefix, answer.resultId), JSON.stringify(answer), 'PX', ttlMs),
      ),
    async find(resultId) {
      const stored = await redis.get(keptAnswerKey(prefix, resultId));
      if (stored === null) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(stored);
      } catch {
        return undefined;
      }
      const parsed = keptAnswerSchema.safeParse(json);
      return parsed.success && parsed.data.resultId === resultId ? parsed.data : undefined;
    },
    forget: (resultId) => write((pipeline) => pipeline.del(keptAnswerKey(prefix, resultId))),
  };
};
