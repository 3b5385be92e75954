import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { accessModeOf } from './auth.js';
import { registerBatchRoutes } from './batch-routes.js';
import { registerBoard } from './board-plugin.js';
import { installErrorHandler } from './error-handler.js';
import { registerHealthRoutes } from './health-routes.js';
import type { HttpAppDeps } from './http-deps.js';
import { registerMetricsRoute } from './metrics-route.js';
import { registerNotificationRoute } from './notification-route.js';

/**
 * The HTTP app: health, metrics, CookiePay's notifications, Bull Board and the batch upload. Pure: it listens on
 * nothing (tests use `app.inject`, the runtime calls `listen`) and closes none of the deps.
 */
export const buildHttpApp = async (deps: HttpAppDeps): Promise<FastifyInstance> => {
  const logger: FastifyBaseLogger = deps.logger;
  // The client's address is the socket's, unless it came through a proxy named in HTTP_TRUST_PROXY.
  const trustProxy = deps.settings.trustProxy?.length ? [...deps.settings.trustProxy] : false;
  const app = Fastify({ loggerInstance: logger, trustProxy });
  installErrorHandler(app);
  const queues = Object.values(deps.queues);
  deps.metrics.watchQueues(queues);
  const access = accessModeOf(deps.settings);
  registerHealthRoutes(app, deps);
  registerMetricsRoute(app, deps.metrics);
  await registerNotificationRoute(app, {
    queue: deps.queues.notifications,
    bodyLimitBytes: deps.settings.notificationBodyLimitBytes,
    ratePerMinute: deps.settings.notificationRatePerMinute,
    allowedSources: deps.settings.notificationAllowedSources,
  });
  await registerBoard(app, { queues, access, readOnly: deps.settings.boardReadOnly });
  await registerBatchRoutes(app, {
    batch: deps.batch,
    access,
    uploadMaxBytes: deps.settings.uploadMaxBytes,
  });
  await app.ready();
  return app;
};
