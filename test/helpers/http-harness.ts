import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../src/config/logger.js';
import { buildHttpApp } from '../../src/intake/http/build-app.js';
import type { BatchService, HttpAppDeps, HttpSettings } from '../../src/intake/http/http-deps.js';
import { createMetrics, type Metrics } from '../../src/metrics/create-metrics.js';
import { createHarness, type Harness } from './harness.js';

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
  /** The metrics of the apps; give them to a worker with `startWorker(env, { metrics })`. */
  metrics: Metrics;
  /** A fresh app over the harness's queues (closed with the harness). */
  app: (
    settings?: Partial<HttpSettings>,
    batch?: BatchService,
    deps?: Pick<HttpAppDeps, 'onRoute'>,
  ) => Promise<FastifyInstance>;
}

/** The harness plus HTTP apps built over its queues and connection. */
export const createHttpHarness = async (redisUrl: string): Promise<HttpHarness> => {
  const h = await createHarness(redisUrl);
  const metrics = createMetrics();
  const apps: FastifyInstance[] = [];
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return {
    ...h,
    metrics,
    async app(settings = {}, batch, deps = {}) {
      const app = await buildHttpApp({
        ...deps,
        queues: h.queues,
        redis: h.redis,
        logger,
        metrics,
        batch,
        settings: { ...defaultSettings, ...settings },
      });
      apps.push(app);
      return app;
    },
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      await h.close();
    },
  };
};
