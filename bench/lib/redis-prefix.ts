import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** A queue prefix of its own for one scenario run (no ":" allowed in QUEUE_PREFIX). */
export const freshPrefix = (scenario: string): string => `bench-${scenario}-${randomUUID().slice(0, 8)}`;

/** Deletes every key under `prefix:` (SCAN, never KEYS on a shared Redis). */
export const deletePrefixKeys = async (redisUrl: string, prefix: string): Promise<number> => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  return deleted;
};
