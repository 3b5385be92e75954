import type { Queue } from 'bullmq';
import type { Logger } from '../config/logger.js';
import type { BatchRetention } from '../contract/retention.js';
import type { RedisClient } from '../redis/redis-client.js';

/** What the batch functions need: a Redis connection, the BullMQ prefix, the delivery and results queues. */
export interface BatchDeps {
  connection: RedisClient;
  prefix: string;
  /** `createQueues(connection, prefix)` fits; only these two are used. */
  queues: { delivery: Queue; results: Queue };
  logger: Logger;
  /** How long batch records stay (`RETENTION_BATCHES_AGE_S`); default the documented one (`defaultRetention`). */
  retention?: BatchRetention;
}
