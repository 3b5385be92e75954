import { luaScript } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-client.js';
import { batchKeys, openBatchesKey, uploadingBatchesKey } from './batch-store.js';

/** Scores the upload with the time of Redis' clock (ms): uploaders and watchers need no common clock. */
const aliveScript = luaScript(`
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
return 1
`);

const staleScript = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, 100)
`);

/** KEYS: uploading set, batch hash, open set. ARGV: id, error, time. Only a batch still `uploading` is given up. */
const abandonScript = luaScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('HGET', KEYS[2], 'status') ~= 'uploading' then return 0 end
redis.call('HSET', KEYS[2], 'status', 'aborted', 'error', ARGV[2], 'uploadedAt', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
`);

/** The uploader of `batchId` is alive (at the start, then on a timer while it reads the file). */
export const markUploadAlive = async (redis: RedisClient, prefix: string, batchId: string): Promise<void> => {
  await aliveScript(redis, [uploadingBatchesKey(prefix)], [batchId]);
};

/** Batches whose uploader gave no sign of life for `staleMs` (at most 100 per call). */
export const staleUploads = async (redis: RedisClient, prefix: string, staleMs: number): Promise<string[]> =>
  (await staleScript(redis, [uploadingBatchesKey(prefix)], [staleMs])) as string[];

/**
 * Gives up on an upload whose process is gone: the batch becomes `aborted` with `error` and joins the open ones,
 * so the rows enqueued before the uploader died still get their summary. False when it had finished meanwhile.
 */
export const abandonUpload = async (
  redis: RedisClient,
  prefix: string,
  batchId: string,
  error: string,
): Promise<boolean> =>
  (await abandonScript(
    redis,
    [uploadingBatchesKey(prefix), batchKeys(prefix, batchId).batch, openBatchesKey(prefix)],
    [batchId, error, new Date().toISOString()],
  )) === 1;

/** Marks the upload alive now, then every `everyMs` until the returned function is called. */
export const keepUploadAlive = async (
  redis: RedisClient,
  prefix: string,
  batchId: string,
  everyMs: number,
  onError: (error: unknown) => void,
): Promise<() => void> => {
  await markUploadAlive(redis, prefix, batchId);
  const timer = setInterval(() => {
    markUploadAlive(redis, prefix, batchId).catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
