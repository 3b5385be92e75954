import { type BatchRetention, defaultRetention } from '../contract/retention.js';
import { execAll } from '../redis/exec-all.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { BatchDeps } from './batch-deps.js';
import type { RejectedRow } from './batch-types.js';

/** How long batch keys live (every write renews them) and how many rejected rows they keep: `deps.retention`. */
export const batchRetentionOfDeps = (deps: Pick<BatchDeps, 'retention'>): BatchRetention =>
  deps.retention ?? defaultRetention.batches;

export type BatchState = 'uploading' | 'open' | 'done' | 'aborted';

/**
 * Redis keys of a batch, under the BullMQ prefix:
 * - `<prefix>:cookiepay-batch:<id>`          hash: createdAt, status, encoding, rows, accepted, alreadyEnqueued,
 *                                             added, rejected, finishedAt, error
 * - `<prefix>:cookiepay-batch:<id>:jobs`     hash: delivery job id → line of its first row
 * - `<prefix>:cookiepay-batch:<id>:pending`  set: job ids not yet seen ended (the watcher removes ended ones)
 * - `<prefix>:cookiepay-batch:<id>:rejected` list: every rejected row, JSON {line, issues} (the status view reads
 *                                             the first BatchRetention.rejectedRowsKept; rejected-csv.ts all)
 * - `<prefix>:cookiepay-batches:open`        set: ids of uploaded batches whose summary is not published yet
 * - `<prefix>:cookiepay-batches:uploading`   sorted set: ids being uploaded → last heartbeat (upload-liveness.ts)
 */
export const batchKeys = (prefix: string, batchId: string) => {
  const base = `${prefix}:cookiepay-batch:${batchId}`;
  return { batch: base, jobs: `${base}:jobs`, pending: `${base}:pending`, rejected: `${base}:rejected` };
};
export type BatchKeys = ReturnType<typeof batchKeys>;

export const openBatchesKey = (prefix: string) => `${prefix}:cookiepay-batches:open`;
export const uploadingBatchesKey = (prefix: string) => `${prefix}:cookiepay-batches:uploading`;

export interface BatchRecord {
  batchId: string;
  createdAt: string;
  status: BatchState;
  encoding: string;
  rows: number;
  accepted: number;
  alreadyEnqueued: number;
  rejected: number;
  error?: string;
}

export interface BatchCounts {
  rows: number;
  accepted: number;
  alreadyEnqueued: number;
  added: number;
  rejected: number;
}

export const createBatch = async (
  redis: RedisClient,
  keys: BatchKeys,
  fields: { createdAt: string; encoding: string },
  ttlSeconds: number,
): Promise<void> => {
  await execAll(
    redis
      .multi()
      .hset(keys.batch, {
        ...fields,
        status: 'uploading',
        rows: 0,
        accepted: 0,
        alreadyEnqueued: 0,
        rejected: 0,
      })
      .expire(keys.batch, ttlSeconds),
  );
};

const toNumber = (value: string | undefined) => (value ? Number(value) : 0);

export const readBatch = async (
  redis: RedisClient,
  keys: BatchKeys,
  batchId: string,
): Promise<BatchRecord | null> => {
  const hash = await redis.hgetall(keys.batch);
  if (!hash.createdAt) return null;
  return {
    batchId,
    createdAt: hash.createdAt,
    status: (hash.status ?? 'open') as BatchState,
    encoding: hash.encoding ?? '',
    rows: toNumber(hash.rows),
    accepted: toNumber(hash.accepted),
    alreadyEnqueued: toNumber(hash.alreadyEnqueued),
    rejected: toNumber(hash.rejected),
    ...(hash.error ? { error: hash.error } : {}),
  };
};

export const readStoredRejected = async (
  redis: RedisClient,
  keys: BatchKeys,
  kept: number,
): Promise<RejectedRow[]> =>
  (await redis.lrange(keys.rejected, 0, kept - 1)).map((row) => JSON.parse(row) as RejectedRow);

/** The summary was published: the batch is done and leaves the open set. */
export const markDone = async (
  redis: RedisClient,
  prefix: string,
  keys: BatchKeys,
  batchId: string,
): Promise<void> => {
  await execAll(
    redis
      .multi()
      .hset(keys.batch, { status: 'done', finishedAt: new Date().toISOString() })
      .srem(openBatchesKey(prefix), batchId)
      .del(keys.pending),
  );
};
