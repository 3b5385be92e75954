import type { BatchDeps } from './batch-deps.js';
import { isBatchId } from './batch-id.js';
import { batchKeys, batchRetentionOfDeps, readBatch, readStoredRejected } from './batch-store.js';
import type { BatchStatus } from './batch-types.js';
import { jobOutcomes, jobPhases } from './job-outcomes.js';

/** Job ids read per round trip (HSCAN COUNT, and the size of each state pipeline). */
const scanCount = 500;

/**
 * The state of a batch from its jobs' states in BullMQ, read with HSCAN over the batch's job ids and one pipeline
 * per page (completed set, failed set, job hash). A failed job's code and reason come from its result on
 * `cookiepay-results`; a job removed after it ended counts as ended, and its result tells how. Null when the
 * batch is unknown (never uploaded, expired, or an id that is not a batch id).
 */
export const getBatchStatus = async (deps: BatchDeps, batchId: string): Promise<BatchStatus | null> => {
  if (!isBatchId(batchId)) return null;
  const { connection: redis, queues } = deps;
  const keys = batchKeys(deps.prefix, batchId);
  const batch = await readBatch(redis, keys, batchId);
  if (!batch) return null;
  let total = 0;
  let waiting = 0;
  let succeeded = 0;
  let unknown = 0;
  const failed: BatchStatus['failed'] = [];
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(keys.jobs, cursor, 'COUNT', scanCount);
    cursor = next;
    const ids: string[] = [];
    const lines: number[] = [];
    for (let index = 0; index + 1 < flat.length; index += 2) {
      ids.push(flat[index] ?? '');
      lines.push(Number(flat[index + 1]));
    }
    total += ids.length;
    const phases = await jobPhases(redis, queues.delivery, ids);
    const ended = ids.filter((_, index) => phases[index] === 'failed' || phases[index] === 'removed');
    const outcomes = await jobOutcomes(redis, queues.delivery, queues.results, ended);
    const outcomeOf = new Map(ended.map((id, index) => [id, outcomes[index]]));
    ids.forEach((jobId, index) => {
      const phase = phases[index];
      if (phase === 'pending') waiting += 1;
      else if (phase === 'completed') succeeded += 1;
      else {
        const outcome = outcomeOf.get(jobId);
        if (!outcome) unknown += 1;
        else if (outcome.ok) succeeded += 1;
        else failed.push({ line: lines[index] ?? 0, jobId, code: outcome.code, reason: outcome.reason });
      }
    });
  } while (cursor !== '0');
  failed.sort((a, b) => a.line - b.line);
  const uploading = batch.status === 'uploading';
  return {
    batchId,
    createdAt: batch.createdAt,
    status: batch.status,
    rows: batch.rows,
    alreadyEnqueued: batch.alreadyEnqueued,
    total,
    waiting,
    succeeded,
    failed,
    unknown,
    rejected: batch.rejected,
    rejectedRows: await readStoredRejected(redis, keys, batchRetentionOfDeps(deps).rejectedRowsKept),
    done: !uploading && waiting === 0,
    ...(batch.error ? { error: batch.error } : {}),
  };
};
