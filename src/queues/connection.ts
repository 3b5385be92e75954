import { Redis, type RedisOptions } from 'ioredis';

export type ConnectionRole = 'worker' | 'producer';

/**
 * A Redis connection for BullMQ. Workers wait for Redis forever (BullMQ requires maxRetriesPerRequest: null so a
 * Redis restart never fails a blocking call); producers fail fast instead of queueing commands while Redis is down.
 */
export const redisOptionsFor = (role: ConnectionRole): RedisOptions =>
  role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5_000 };

export const createRedisConnection = (
  url: string,
  role: ConnectionRole,
  overrides: RedisOptions = {},
): Redis => new Redis(url, { ...redisOptionsFor(role), ...overrides });
