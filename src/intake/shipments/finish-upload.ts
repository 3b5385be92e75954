import {
  type BatchCounts,
  type BatchKeys,
  openBatchesKey,
  uploadingBatchesKey,
} from '../../batches/batch-store.js';
import { luaScript } from '../../redis/lua-script.js';
import type { RedisClient } from '../../redis/redis-client.js';

/**
 * KEYS: the batch's hash, jobs, pending, rejected, then the open and uploading sets. ARGV: id, status,
 * uploadedAt, TTL, error ('' for none), then the counts as field/value pairs. A batch no longer `uploading` (a
 * watcher gave up on it, or it expired) is left as it is.
 */
const finishScript = luaScript(`
redis.call('ZREM', KEYS[6], ARGV[1])
if redis.call('HGET', KEYS[1], 'status') ~= 'uploading' then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'uploadedAt', ARGV[3], unpack(ARGV, 6))
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[5]) end
for k = 1, 4 do redis.call('EXPIRE', KEYS[k], ARGV[4]) end
redis.call('SADD', KEYS[5], ARGV[1])
return 1
`);

/**
 * The upload has ended (`open`), or stopped on a broken file (`aborted`): the watcher may now summarise it.
 * False when the batch was not `uploading` any more: a watcher had given up on this upload as dead.
 */
export const finishUpload = async (
  redis: RedisClient,
  prefix: string,
  keys: BatchKeys,
  batchId: string,
  counts: BatchCounts,
  ttlSeconds: number,
  status: 'open' | 'aborted',
  error?: string,
): Promise<boolean> =>
  (await finishScript(
    redis,
    [keys.batch, keys.jobs, keys.pending, keys.rejected, openBatchesKey(prefix), uploadingBatchesKey(prefix)],
    [batchId, status, new Date().toISOString(), ttlSeconds, error ?? '', ...Object.entries(counts).flat()],
  )) === 1;
