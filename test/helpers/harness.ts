import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { Queue } from 'bullmq';
import { expect } from 'vitest';
import { workerEnvSchema } from '../../src/config/env.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../src/contract/create-queues.js';
import type { JobResult } from '../../src/contract/result-schema.js';
import {
  type CookiePay,
  type CookiePayOptions,
  createCookiePay,
} from '../../src/cookiepay/create-cookiepay.js';
import type { RequestEvent } from '../../src/cookiepay/transport.js';
import { createProducer, type Producer } from '../../src/intake/producer/create-producer.js';
import {
  startWorkerRuntime,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from '../../src/main/worker-runtime.js';
import { createRedisConnection } from '../../src/redis/connection.js';
import type { RedisClient } from '../../src/redis/redis-client.js';
import type { AssumptionsInput } from '../../src/simulator/assumptions.js';
import type { SimulatorControl } from '../../src/simulator/control-client.js';
import type { ViolationRecord } from '../../src/simulator/request-log.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/start-simulator.js';
import { waitUntil } from './wait.js';

/** The CookiePay account of every test: the simulator's, the worker's and the CookiePay instances'. */
export const testAccount = { apiId: 'test-shop', apiKey: 'test-api-key-0123456789' } as const;

/**
 * The one prefix scheme of the tests, for BullMQ queues (QUEUE_PREFIX) and every other Redis key alike: the test
 * file's name and a random part inside a hash tag, e.g. `{t-retries-and-results-1a2b3c4d}`. Unique per file (and
 * per call), so files running in parallel never share a key; the hash tag puts every key under it in one slot, so
 * the same tests run on a Redis Cluster. No ":" (QUEUE_PREFIX refuses it).
 */
export const testPrefix = (): string => {
  const file = basename(expect.getState().testPath ?? 'test')
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9-]/g, '-')
    .slice(0, 24);
  return `{t-${file}-${randomUUID().slice(0, 8)}}`;
};

/** The keys matching `pattern`, on every master of a cluster (SCAN, never KEYS). */
export const keysMatching = async (redis: RedisClient, pattern: string): Promise<string[]> => {
  const nodes = 'nodes' in redis ? redis.nodes('master') : [redis];
  const keys = new Set<string>();
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
      cursor = next;
      for (const key of found) keys.add(key);
    } while (cursor !== '0');
  }
  return [...keys];
};

/** Deletes the keys matching `pattern` (`${prefix}:*` is a test's clean-up), on every master of a cluster. */
export const deleteKeys = async (redis: RedisClient, pattern: string): Promise<void> => {
  const keys = await keysMatching(redis, pattern);
  // One key per command: keys of another slot never meet in one DEL.
  for (let i = 0; i < keys.length; i += 500) {
    await Promise.all(keys.slice(i, i + 500).map((key) => redis.del(key)));
  }
};

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
  // No reconciliation unless a test asks for it: its paysearch calls would be counted with the test's own.
  RECONCILE_INTERVAL_MS: '0',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  // Worker processes also run the HTTP server: a free loopback port each (several on one machine).
  HTTP_PORT: '0',
  HTTP_HOST: '127.0.0.1',
  ...overrides,
});

export interface HarnessOptions {
  /** Lifetime of the tokens the simulator issues; default its own. */
  tokenTtlSeconds?: number;
  /** What the simulator answers where the manual is silent (a profile or switches); default `manual-literal`. */
  assumptions?: AssumptionsInput;
}

/** One line per request that broke the manual: `#seq endpoint: field reason; header reason`. */
export const describeViolations = (records: readonly ViolationRecord[]): string =>
  records
    .map(({ seq, endpoint, violations }) => {
      const reasons = violations.map((v) => `${'field' in v ? v.field : v.header} ${v.reason}`).join('; ');
      return `#${seq} ${endpoint}: ${reasons}`;
    })
    .join('\n');

/**
 * Fails when a simulator (in this process or another) refused requests that broke the manual since its last reset:
 * for tests that start a simulator without the harness. The harness checks by itself, in `close()`.
 */
export const expectNoViolations = async (control: SimulatorControl): Promise<void> => {
  const records = await control.violations();
  if (records.length > 0) {
    throw new Error(`requests broke the CookiePay manual:\n${describeViolations(records)}`);
  }
};

export interface Harness {
  /** The harness's own prefix (`testPrefix()`): of its queues, its CookiePay keys and its clean-up. */
  prefix: string;
  simulator: RunningSimulator;
  /** A connection of the harness's own, to arrange and read Redis state. */
  redis: RedisClient;
  producer: Producer;
  /** The queues of the contract, typed (createQueues), on `redis` under `prefix`. */
  queues: CookiePayQueues;
  /** A plain BullMQ Queue by name, as another service would use (the same object as in `queues` for those). */
  queue: (name: string) => Queue;
  /** A worker runtime in this process, on the simulator, under the prefix; closed with the harness. */
  startWorker: (overrides?: Record<string, string>, options?: WorkerRuntimeOptions) => Promise<WorkerRuntime>;
  /** Every result published so far. */
  results: () => Promise<JobResult[]>;
  /** Waits until at least `count` results were published (default 20 s), then returns them all. */
  waitForResults: (count: number, timeoutMs?: number) => Promise<JobResult[]>;
  /**
   * A CookiePay instance on a Redis connection of its own (as separate worker processes would be), keys under the
   * prefix; `events` collects what it reports to onRequest.
   */
  cookiepay: (overrides?: Partial<CookiePayOptions>) => CookiePay & { events: RequestEvent[] };
  /** How many token requests the simulator has answered since its last reset. */
  tokenRequests: () => Promise<number>;
  /** Between tests that share the harness: the simulator's state and every key under the prefix. */
  reset: () => Promise<void>;
  /**
   * The requests that broke the manual since the harness started (resets do not forget them), and forgets them: a
   * test that breaks the manual on purpose takes its own, so that `close()` does not fail on them.
   */
  takeViolations: () => ViolationRecord[];
  /**
   * Stops the workers, deletes every key under the prefix, closes every connection and the simulator; then fails
   * if any request broke the manual (the simulator refused it) and nobody took it.
   */
  close: () => Promise<void>;
}

/**
 * The test harness: a simulator, a Redis connection, a producer and queues under a prefix of their own; workers
 * and CookiePay instances on demand.
 */
export const createHarness = async (redisUrl: string, options: HarnessOptions = {}): Promise<Harness> => {
  const prefix = testPrefix();
  const violations: ViolationRecord[] = [];
  const simulator = await startSimulator({
    port: 0,
    ...testAccount,
    ...options,
    onViolation: (record) => violations.push(record),
  });
  const redis = createRedisConnection(redisUrl, 'worker');
  const producer = createProducer({ redisUrl, prefix });
  const queues = createQueues(redis, prefix);
  const otherQueues = new Map<string, Queue>();
  const runtimes: WorkerRuntime[] = [];
  const connections: RedisClient[] = [];
  const queue = (name: string) => {
    const found = Object.values(queues).find((q) => q.name === name) ?? otherQueues.get(name);
    if (found) return found;
    const created = new Queue(name, { connection: redis, prefix });
    otherQueues.set(name, created);
    return created;
  };
  const resultsQueue = queues.results;
  const results = async () => {
    const jobs = await resultsQueue.getJobs(['wait', 'active', 'completed', 'failed', 'delayed']);
    return jobs.map((job) => job.data as JobResult);
  };
  return {
    prefix,
    simulator,
    redis,
    producer,
    queues,
    queue,
    async startWorker(overrides = {}, runtimeOptions = {}) {
      const config = loadConfig(workerEnvSchema, workerTestEnv(redisUrl, simulator.url, prefix, overrides));
      const runtime = await startWorkerRuntime(
        config,
        createLogger({ level: config.LOG_LEVEL }),
        runtimeOptions,
      );
      runtimes.push(runtime);
      return runtime;
    },
    results,
    async waitForResults(count, timeoutMs = 20_000) {
      let total = 0;
      await waitUntil(
        async () => {
          const counts = await resultsQueue.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed');
          total = Object.values(counts).reduce((sum, n) => sum + n, 0);
          return total >= count;
        },
        { timeoutMs, intervalMs: 100, message: () => `${count} results (found ${total})` },
      );
      return results();
    },
    cookiepay(overrides = {}) {
      const connection = createRedisConnection(redisUrl, 'worker', { maxRetriesPerRequest: 1 });
      connections.push(connection);
      const events: RequestEvent[] = [];
      const cookiepay = createCookiePay({
        baseUrl: simulator.url,
        ...testAccount,
        redis: connection,
        keyPrefix: prefix,
        onRequest: (event) => events.push(event),
        ...overrides,
      });
      return Object.assign(cookiepay, { events });
    },
    async tokenRequests() {
      return (await simulator.control.requests({ endpoint: '/payAuth/token' })).length;
    },
    async reset() {
      await simulator.control.reset();
      await deleteKeys(redis, `${prefix}:*`);
    },
    takeViolations: () => violations.splice(0),
    async close() {
      await Promise.all(runtimes.map((runtime) => runtime.close()));
      await producer.close();
      const all = [...Object.values(queues), ...otherQueues.values()];
      for (const q of all) await q.obliterate({ force: true }).catch(() => {});
      await closeQueues(queues);
      await Promise.all([...otherQueues.values()].map((q) => q.close()));
      await deleteKeys(redis, `${prefix}:*`);
      await Promise.all(connections.map((connection) => connection.quit()));
      await redis.quit();
      await simulator.close();
      if (violations.length > 0) {
        throw new Error(`requests broke the CookiePay manual:\n${describeViolations(violations.splice(0))}`);
      }
    },
  };
};
