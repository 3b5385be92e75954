import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobResult } from '../../../src/contract/result-schema.js';
import { defaultRetention } from '../../../src/contract/retention.js';
import { createRedisConnection } from '../../../src/redis/connection.js';
import type { RedisClient } from '../../../src/redis/redis-client.js';
import { resultPublisher } from '../../../src/worker/publish-result.js';
import { deleteKeys, testPrefix } from '../../helpers/harness.js';

const result = (i: number): JobResult => ({
  kind: 'status',
  sourceQueue: 'cookiepay-status',
  sourceJobId: String(i),
  ok: true,
  code: '0000',
  message: 'paid',
  response: null,
  attempts: 1,
  finishedAt: new Date(0).toISOString(),
});

describe('resultPublisher (real Redis)', () => {
  const prefix = testPrefix();
  let redis: RedisClient;
  let results: Queue;

  beforeAll(() => {
    redis = createRedisConnection(inject('redisUrl'), 'worker');
    results = new Queue('cookiepay-results', { connection: redis, prefix });
  });
  afterAll(async () => {
    await results.close();
    await deleteKeys(redis, `${prefix}:*`);
    await redis.quit();
  });

  it('stores each result before its caller goes on, results of one turn in one bulk, a repeated id once', async () => {
    const publish = resultPublisher(results, defaultRetention.results);
    const seenWhenResolved: boolean[] = [];
    // 450 results in one turn (more than one bulk of 200), the first ten published twice.
    await Promise.all(
      [...Array.from({ length: 450 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => i)].map(
        async (i) => {
          await publish(result(i), `cookiepay-status-${i}`);
          seenWhenResolved.push(
            (await results.getJob(`cookiepay-status-${i}`))?.data.sourceJobId === String(i),
          );
        },
      ),
    );
    expect(seenWhenResolved).toHaveLength(460);
    expect(seenWhenResolved.every(Boolean)).toBe(true);
    expect(await results.getJobCountByTypes('wait')).toBe(450);
    const job = await results.getJob('cookiepay-status-7');
    expect(job?.name).toBe('status');
    expect(job?.opts.removeOnComplete).toEqual({ age: 24 * 3600, count: 100_000 });
    expect(job?.opts.removeOnFail).toEqual({ age: 30 * 24 * 3600, count: 10_000 });
  });

  it('gives every caller of a bulk the error when it cannot be added', async () => {
    // A connection closed before it ever connected: every command fails, on a single server or a cluster alike.
    const broken = new Redis({ maxRetriesPerRequest: 0, lazyConnect: true });
    const queue = new Queue('cookiepay-results', { connection: broken, prefix });
    queue.on('error', () => {}); // the closed connection, reported here too
    broken.disconnect();
    const publish = resultPublisher(queue, defaultRetention.results);
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => publish(result(i), `broken-${i}`)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : undefined));
    expect(new Set(reasons).size).toBe(1); // one bulk, one error for all
    await queue.close().catch(() => {});
  });
});
