import type { FastifyInstance } from 'fastify';
import type { HttpEnv } from '../config/http-env.js';
import type { Logger } from '../config/logger.js';
import { createQueues } from '../contract/create-queues.js';
import { batchRetentionOf } from '../contract/retention.js';
import { createBatchService } from '../intake/http/batch-service.js';
import { buildHttpApp } from '../intake/http/build-app.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { assertPrefixFitsConnection, createRedisConnection } from '../redis/connection.js';
import { closeQueuesAndConnection } from './close-queues-and-connection.js';
import { closeWithDeadline } from './close-with-deadline.js';

export interface HttpRuntime {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  app: FastifyInstance;
  /** Stops listening (requests in flight finish), closes the queues and the connection. Idempotent. */
  close(): Promise<void>;
}

export interface HttpRuntimeOptions {
  metrics: Metrics;
}

/** The composition root of the HTTP server: its own Redis connection and queues, the app, listening. */
export const startHttpRuntime = async (
  config: HttpEnv,
  logger: Logger,
  options: HttpRuntimeOptions,
): Promise<HttpRuntime> => {
  // While Redis is down (at start or later) the routes that need it answer 503 at once (route-guards.ts).
  assertPrefixFitsConnection(config.REDIS_URL, config.QUEUE_PREFIX);
  const connection = createRedisConnection(config.REDIS_URL, 'producer');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error (http)'));
  const queues = createQueues(connection, config.QUEUE_PREFIX);
  // The connection's listener logs each error once; a queue without a listener would print it again.
  for (const queue of Object.values(queues)) queue.on('error', () => {});
  const httpLogger = logger.child({ component: 'http' });
  const batch = createBatchService({
    connection,
    prefix: config.QUEUE_PREFIX,
    queues,
    logger: httpLogger,
    retention: batchRetentionOf(config),
    reportRejectedRows: config.UPLOAD_REPORT_REJECTED_ROWS,
  });
  const app = await buildHttpApp({
    queues,
    redis: connection,
    logger: httpLogger,
    metrics: options.metrics,
    batch,
    settings: {
      boardUsername: config.BOARD_USERNAME,
      boardPassword: config.BOARD_PASSWORD,
      boardAuth: config.BOARD_AUTH,
      boardReadOnly: config.BOARD_READ_ONLY,
      notificationBodyLimitBytes: config.NOTIFICATION_BODY_LIMIT_BYTES,
      notificationRatePerMinute: config.NOTIFICATION_RATE_LIMIT_PER_MINUTE,
      notificationAllowedSources: config.NOTIFICATION_ALLOWED_IPS,
      trustProxy: config.HTTP_TRUST_PROXY,
      uploadMaxBytes: config.UPLOAD_MAX_BYTES,
      metricsUsername: config.METRICS_USERNAME,
      metricsPassword: config.METRICS_PASSWORD,
      loginFailuresPerMinute: config.HTTP_LOGIN_FAILURES_PER_MINUTE,
      limits: {
        requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
        headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
        keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        maxConnections: config.HTTP_MAX_CONNECTIONS,
        maxRequestsPerSocket: config.HTTP_MAX_REQUESTS_PER_SOCKET,
      },
    },
  });
  const url = await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  const boardOpen = config.BOARD_AUTH === 'off' || (config.BOARD_USERNAME && config.BOARD_PASSWORD);
  logger.info(
    { url, board: boardOpen ? `${url}/board` : 'off (set BOARD_USERNAME/BOARD_PASSWORD)' },
    'http listening',
  );
  const close = async () => {
    await closeWithDeadline(
      () => app.close(),
      async () => {},
      5_000,
    );
    await closeQueuesAndConnection(queues, connection);
  };
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
};
