import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { waitFor } from './sleep.js';

export interface QueueSet {
  queue: (name: string) => Queue;
  /** Completed + failed jobs over the given queues. */
  finished: (names: readonly string[]) => Promise<{ done: number; failed: number }>;
  waitFinished: (names: readonly string[], count: number, timeoutMs: number) => Promise<void>;
  close: () => Promise<void>;
}

/** Plain BullMQ queues under a prefix, as another service would use them. */
export const openQueues = (redisUrl: string, prefix: string): QueueSet => {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: redis, prefix });
      queues.set(name, found);
    }
    return found;
  };
  const finished = async (names: readonly string[]) => {
    let done = 0;
    let failed = 0;
    for (const name of names) {
      const counts = await queue(name).getJobCounts('completed', 'failed');
      done += (counts.completed ?? 0) + (counts.failed ?? 0);
      failed += counts.failed ?? 0;
    }
    return { done, failed };
  };
  return {
    queue,
    finished,
    waitFinished: (names, count, timeoutMs) =>
      waitFor(`${count} finished jobs`, async () => (await finished(names)).done >= count, timeoutMs, 25),
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
};

/** addBulk in slices of 1,000. */
export const addMany = async (
  queue: Queue,
  count: number,
  job: (i: number) => { name: string; data: Record<string, unknown>; opts: { jobId: string } },
): Promise<void> => {
  for (let from = 0; from < count; from += 1_000) {
    await queue.addBulk(Array.from({ length: Math.min(1_000, count - from) }, (_, k) => job(from + k)));
  }
};
