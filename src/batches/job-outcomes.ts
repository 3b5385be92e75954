import type { Queue } from 'bullmq';
import { resultSchema } from '../contract/result-schema.js';
import { execAll } from '../redis/exec-all.js';
import type { RedisClient } from '../redis/redis-client.js';

/** Where a job stands for a batch: still to run (waiting, delayed, active…), ended, or gone from Redis. */
export type JobPhase = 'pending' | 'completed' | 'failed' | 'removed';

/**
 * The phase of each job, three commands a job in one pipeline: is it in the queue's completed set, its failed
 * set, does its hash still exist. A job removed after it ended (retention) is `removed`, which counts as ended.
 */
export const jobPhases = async (
  redis: RedisClient,
  queue: Queue,
  jobIds: readonly string[],
): Promise<JobPhase[]> => {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) {
    pipeline.zscore(queue.toKey('completed'), id);
    pipeline.zscore(queue.toKey('failed'), id);
    pipeline.exists(queue.toKey(id));
  }
  const replies = await execAll(pipeline);
  return jobIds.map((_, index) => {
    if (replies[3 * index] !== null) return 'completed';
    if (replies[3 * index + 1] !== null) return 'failed';
    return replies[3 * index + 2] === 1 ? 'pending' : 'removed';
  });
};

export interface JobOutcome {
  ok: boolean;
  code: string;
  reason: string;
}

/**
 * How ended jobs came out, from their result on `cookiepay-results` (id `cookiepay-delivery-<jobId>`, see
 * resultJobId), else from the failed job's reason (`CODE: message`). Undefined when neither is left.
 */
export const jobOutcomes = async (
  redis: RedisClient,
  sourceQueue: Queue,
  resultsQueue: Queue,
  jobIds: readonly string[],
): Promise<(JobOutcome | undefined)[]> => {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) {
    pipeline.hget(resultsQueue.toKey(`${sourceQueue.name}-${id}`), 'data');
    pipeline.hget(sourceQueue.toKey(id), 'failedReason');
  }
  const replies = await execAll(pipeline);
  return jobIds.map((_, index) => {
    const data = replies[2 * index];
    const failedReason = replies[2 * index + 1];
    if (typeof data === 'string') {
      const parsed = resultSchema.safeParse(safeJson(data));
      if (parsed.success) return { ok: parsed.data.ok, code: parsed.data.code, reason: parsed.data.message };
    }
    if (typeof failedReason === 'string' && failedReason) {
      const match = /^([A-Z0-9_]+): ([\s\S]*)$/.exec(failedReason);
      return { ok: false, code: match?.[1] ?? 'WORKER_ERROR', reason: match?.[2] ?? failedReason };
    }
    return undefined;
  });
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
