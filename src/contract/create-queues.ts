import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/redis-client.js';
import { type JobKind, queueNames } from './names.js';

export type CookiePayQueues = Record<JobKind | 'results' | 'notifications' | 'reconcile', Queue>;

/** The queues of the contract (and the notification and reconciliation queues), under one prefix, on one connection. */
export const createQueues = (connection: RedisClient, prefix: string): CookiePayQueues => ({
  urlpay: new Queue(queueNames.urlpay, { connection, prefix }),
  delivery: new Queue(queueNames.delivery, { connection, prefix }),
  status: new Queue(queueNames.status, { connection, prefix }),
  cancel: new Queue(queueNames.cancel, { connection, prefix }),
  results: new Queue(queueNames.results, { connection, prefix }),
  notifications: new Queue(queueNames.notifications, { connection, prefix }),
  reconcile: new Queue(queueNames.reconcile, { connection, prefix }),
});

export const closeQueues = async (queues: CookiePayQueues): Promise<void> => {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
};
