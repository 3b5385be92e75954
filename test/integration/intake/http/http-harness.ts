import type { FastifyInstance } from 'fastify';
import { workerEnvSchema } from '../../../../src/config/env.js';
import { loadConfig } from '../../../../src/config/load-config.js';
import { createLogger } from '../../../../src/config/logger.js';
import { type CookiePayQueues, closeQueues, createQueues } from '../../../../src/contract/create-queues.js';
import { buildHttpApp } from '../../../../src/intake/http/build-app.js';
import type { BatchService, HttpSettings } from '../../../../src/intake/http/http-deps.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../../../src/main/worker-runtime.js';
import { createMetrics, type Metrics } from '../../../../src/metrics/create-metrics.js';
import { createHarness, type Harness, workerTestEnv } from '../../../helpers/worker-harness.js';

export const boardUser = { username: 'ops', password: 'correct horse battery staple' } as const;

export const basicAuth = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export const defaultSettings: HttpSettings = {
  boardUsername: boardUser.username,
  boardPassword: boardUser.password,
  boardAuth: 'on',
  boardReadOnly: false,
  notificationBodyLimitBytes: 2_048,
  uploadMaxBytes: 4_096,
};

export interface HttpHarness extends Harness {
  queues: CookiePayQueues;
  metrics: Metrics;
  /** A fresh app over this harness's queues (closed with the harness). */
  app: (settings?: Partial<HttpSettings>, batch?: BatchService) => Promise<FastifyInstance>;
  /** A worker that reports to this harness's metrics. */
  startMeteredWorker: (overrides?: Record<string, string>) => Promise<WorkerRuntime>;
}

/** The worker harness (simulator, queues under a fresh prefix) plus HTTP apps built over the same queues. */
export const createHttpHarness = async (redisUrl: string): Promise<HttpHarness> => {
  const h = await createHarness(redisUrl);
  const queues = createQueues(h.redis, h.prefix);
  const metrics = createMetrics();
  const apps: FastifyInstance[] = [];
  const runtimes: WorkerRuntime[] = [];
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return {
    ...h,
    queues,
    metrics,
    async app(settings = {}, batch) {
      const app = await buildHttpApp({
        queues,
        redis: h.redis,
        logger,
        metrics,
        batch,
        settings: { ...defaultSettings, ...settings },
      });
      apps.push(app);
      return app;
    },
    async startMeteredWorker(overrides = {}) {
      const config = loadConfig(
        workerEnvSchema,
        workerTestEnv(redisUrl, h.simulator.url, h.prefix, overrides),
      );
      const runtime = await startWorkerRuntime(config, logger, { metrics });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all(runtimes.map((runtime) => runtime.close()));
      for (const queue of Object.values(queues)) await queue.obliterate({ force: true }).catch(() => {});
      await closeQueues(queues);
      await h.close();
    },
  };
};
