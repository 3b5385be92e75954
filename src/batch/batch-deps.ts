import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../config/logger.js';

/** What the batch functions need: a Redis connection, the BullMQ prefix, the delivery and results queues. */
export interface BatchDeps {
  connection: Redis;
  prefix: string;
  /** `createQueues(connection, prefix)` fits; only these two are used. */
  queues: { delivery: Queue; results: Queue };
  logger: Logger;
}
