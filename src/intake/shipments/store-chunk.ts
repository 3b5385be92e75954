import type { BatchCounts, BatchKeys } from '../../batches/batch-store.js';
import type { RejectedRow } from '../../batches/batch-types.js';
import { luaScript } from '../../redis/lua-script.js';
import type { RedisClient } from '../../redis/redis-client.js';

/**
 * One round trip per chunk of an upload. KEYS: the batch's jobs hash, pending set, rejected list and hash, then
 * the key of each job. ARGV: TTL, rows, accepted, rejected, the number n of rejected rows to keep, those n rows
 * (JSON), then job id and line for each job. For each job: recorded in the batch unless an earlier row of the
 * file had it (first line wins), pending when new in the batch, and to add unless its job already exists. The
 * counts are written, the keys' TTLs renewed. Returns a flag per job: '1' to add, '0' not.
 */
const storeChunkScript = luaScript(`
local rejectedRows = tonumber(ARGV[5])
local first = 6 + rejectedRows
local flags = {}
local added = 0
for i = 5, #KEYS do
  local at = first + (i - 5) * 2
  local id = ARGV[at]
  local isNew = redis.call('HSETNX', KEYS[1], id, ARGV[at + 1])
  if isNew == 1 then redis.call('SADD', KEYS[2], id) end
  if isNew == 1 and redis.call('EXISTS', KEYS[i]) == 0 then
    added = added + 1
    flags[#flags + 1] = '1'
  else
    flags[#flags + 1] = '0'
  end
end
if rejectedRows > 0 then redis.call('RPUSH', KEYS[3], unpack(ARGV, 6, 5 + rejectedRows)) end
redis.call('HSET', KEYS[4], 'rows', ARGV[2], 'accepted', ARGV[3], 'rejected', ARGV[4])
redis.call('HINCRBY', KEYS[4], 'added', added)
redis.call('HINCRBY', KEYS[4], 'alreadyEnqueued', #KEYS - 4 - added)
for k = 1, 4 do redis.call('EXPIRE', KEYS[k], ARGV[1]) end
return table.concat(flags)
`);

/**
 * Records a chunk of accepted jobs and rejected rows in the batch, atomically, and says which jobs to add: new in
 * the batch (not a repeated row of the same file) and not already on the queue. `counts` are the upload's so far,
 * this chunk included; `added` and `alreadyEnqueued` are counted here.
 */
export const storeChunk = async (
  redis: RedisClient,
  keys: BatchKeys,
  jobs: readonly { jobId: string; line: number }[],
  jobKey: (jobId: string) => string,
  rejected: readonly RejectedRow[],
  counts: Pick<BatchCounts, 'rows' | 'accepted' | 'rejected'>,
  ttlSeconds: number,
): Promise<boolean[]> => {
  const flags = (await storeChunkScript(
    redis,
    [keys.jobs, keys.pending, keys.rejected, keys.batch, ...jobs.map((job) => jobKey(job.jobId))],
    [
      ttlSeconds,
      counts.rows,
      counts.accepted,
      counts.rejected,
      rejected.length,
      ...rejected.map((row) => JSON.stringify(row)),
      ...jobs.flatMap((job) => [job.jobId, job.line]),
    ],
  )) as string;
  return jobs.map((_, index) => flags[index] === '1');
};
