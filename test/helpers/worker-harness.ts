import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { workerEnvSchema } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/config/logger.js';
import { queueNames } from '../../src/contract/names.js';
import type { JobResult } from '../../src/contract/result-schema.js';
import { createProducer, type Producer } from '../../src/intake/producer/create-producer.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../src/main/worker-runtime.js';
import { createRedisConnection } from '../../src/redis/connection.js';
import type { RedisClient } from '../../src/redis/redis-client.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/start-simulator.js';

export const testAccount = { apiId: 'test-shop', apiKey: 'test-api-key-0123456789' } as const;

/** The environment of a worker under test: the simulator, the given Redis, fast retries, a fresh prefix. */
export const workerTestEnv = (
  redisUrl: string,
  simulatorUrl: string,
  prefix: string,
  overrides: Record<string, string> = {},
): Record<string, string> => ({
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  COOKIEPAY_BASE_URL: simulatorUrl,
  COOKIEPAY_API_ID: testAccount.apiId,
  COOKIEPAY_API_KEY: testAccount.apiKey,
  COOKIEPAY_TIMEOUT_MS: '2000',
  COOKIEPAY_RATE_LIMIT_MAX: '1000',
  RETRY_BACKOFF_MS: '20',
  STATUS_POLL_INTERVAL_MS: '100',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  // Worker processes also run the HTTP server: a free port each.
  HTTP_PORT: '0',
  HTTP_HOST: '127.0.0.1',
  ...overrides,
});

export interface Harness {
  prefix: string;
  simulator: RunningSimulator;
  producer: Producer;
  /** A plain BullMQ Queue per queue name, as another service would use. */
  queue: (name: string) => Queue;
  redis: RedisClient;
  startWorker: (overrides?: Record<string, string>) => Promise<WorkerRuntime>;
  results: () => Promise<JobResult[]>;
  waitForResults: (count: number, timeoutMs?: number) => Promise<JobResult[]>;
  close: () => Promise<void>;
}

/** Deletes keys matching a pattern, on every master of a cluster. */
export const deleteKeys = async (redis: RedisClient, pattern: string): Promise<void> => {
  const nodes = 'nodes' in redis ? redis.nodes('master') : [redis];
  for (const node of nodes) {
    const keys = await node.keys(pattern);
    for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  }
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A simulator, a producer and plain queues under a prefix of their own; workers started on demand. */
export const createHarness = async (redisUrl: string): Promise<Harness> => {
  // A hash tag, so that the same tests run on a Redis Cluster (every key of the prefix in one slot).
  const prefix = `{t${randomUUID().slice(0, 8)}}`;
  const simulator = await startSimulator({ port: 0, ...testAccount });
  const redis = createRedisConnection(redisUrl, 'worker');
  const producer = createProducer({ redisUrl, prefix });
  const queues = new Map<string, Queue>();
  const runtimes: WorkerRuntime[] = [];
  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: redis, prefix });
      queues.set(name, found);
    }
    return found;
  };
  const results = async () => {
    const jobs = await queue(queueNames.results).getJobs([
      'wait',
      'active',
      'completed',
      'failed',
      'delayed',
    ]);
    return jobs.map((job) => job.data as JobResult);
  };
  return {
    prefix,
    simulator,
    producer,
    queue,
    redis,
    async startWorker(overrides = {}) {
      const config = loadConfig(workerEnvSchema, workerTestEnv(redisUrl, simulator.url, prefix, overrides));
      const runtime = await startWorkerRuntime(config, createLogger({ level: config.LOG_LEVEL }));
      runtimes.push(runtime);
      return runtime;
    },
    results,
    async waitForResults(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const resultsQueue = queue(queueNames.results);
      for (;;) {
        const counts = await resultsQueue.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed');
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        if (total >= count) return results();
        if (Date.now() > deadline) throw new Error(`expected ${count} results, found ${total}`);
        await sleep(100);
      }
    },
    async close() {
      await Promise.all(runtimes.map((runtime) => runtime.close()));
      await producer.close();
      for (const q of queues.values()) await q.obliterate({ force: true }).catch(() => {});
      await Promise.all([...queues.values()].map((q) => q.close()));
      await deleteKeys(redis, `${prefix}:*`);
      await redis.quit();
      await simulator.close();
    },
  };
};
