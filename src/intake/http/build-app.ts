import type { Server } from 'node:http';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import { accessModeOf, metricsAccessOf } from './auth.js';
import { registerBatchRoutes } from './batch-routes.js';
import { registerBoard } from './board-plugin.js';
import { installErrorHandler } from './error-handler.js';
import { registerHealthRoutes } from './health-routes.js';
import type { HttpAppDeps, HttpLimits } from './http-deps.js';
import { createLoginThrottle } from './login-throttle.js';
import { registerMetricsRoute } from './metrics-route.js';
import { registerNotificationRoute } from './notification-route.js';
import { guardReadOnly, guardRedis } from './route-guards.js';

/** The CSP of every answer: Bull Board's own scripts, styles (inline ones too: React sets style attributes). */
export const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const serverOptionsOf = (limits: HttpLimits | undefined): FastifyHttpOptions<Server> => {
  if (!limits) return {};
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      // How often node looks for requests past their timeouts (its default, 30 s, would let them run that long).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
  };
};

/**
 * The HTTP app: health, metrics, CookiePay's notifications, Bull Board and the batch upload. Pure: it listens on
 * nothing (tests use `app.inject`, the runtime calls `listen`) and closes none of the deps. Every answer carries
 * the security headers (helmet); under BOARD_READ_ONLY nothing but the notification receiver accepts a write; while
 * Redis is not connected every route that needs it answers 503 at once.
 */
export const buildHttpApp = async (deps: HttpAppDeps): Promise<FastifyInstance> => {
  const logger: FastifyBaseLogger = deps.logger;
  // The client's address is the socket's, unless it came through a proxy named in HTTP_TRUST_PROXY.
  const trustProxy = deps.settings.trustProxy?.length ? [...deps.settings.trustProxy] : false;
  const limits = deps.settings.limits;
  const app = Fastify({ loggerInstance: logger, trustProxy, ...serverOptionsOf(limits) });
  if (limits) app.server.maxConnections = limits.maxConnections;
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  installErrorHandler(app);
  await app.register(helmet, { global: true, contentSecurityPolicy });
  guardReadOnly(app, deps.settings.boardReadOnly);
  guardRedis(app, deps.redis);
  const queues = Object.values(deps.queues);
  deps.metrics.watchQueues(queues);
  const throttle = createLoginThrottle({ maxFailures: deps.settings.loginFailuresPerMinute ?? 10 });
  const access = accessModeOf(deps.settings, throttle);
  registerHealthRoutes(app, deps);
  await registerMetricsRoute(app, deps.metrics, metricsAccessOf(deps.settings, throttle));
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
