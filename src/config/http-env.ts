import type { z } from 'zod';
import { workerEnvSchema } from './env.js';

/** What `cookiepay-worker http` alone reads: the worker's own variables for Redis and HTTP, no CookiePay credentials. */
export const httpEnvSchema = workerEnvSchema.pick({
  LOG_LEVEL: true,
  REDIS_URL: true,
  QUEUE_PREFIX: true,
  HTTP_HOST: true,
  HTTP_PORT: true,
  BOARD_USERNAME: true,
  BOARD_PASSWORD: true,
  BOARD_AUTH: true,
  BOARD_READ_ONLY: true,
  NOTIFICATION_BODY_LIMIT_BYTES: true,
  NOTIFICATION_RATE_LIMIT_PER_MINUTE: true,
  NOTIFICATION_ALLOWED_IPS: true,
  HTTP_TRUST_PROXY: true,
  UPLOAD_MAX_BYTES: true,
  UPLOAD_REPORT_REJECTED_ROWS: true,
  HTTP_REQUEST_TIMEOUT_MS: true,
  HTTP_HEADERS_TIMEOUT_MS: true,
  HTTP_KEEP_ALIVE_TIMEOUT_MS: true,
  HTTP_MAX_CONNECTIONS: true,
  HTTP_MAX_REQUESTS_PER_SOCKET: true,
  HTTP_LOGIN_FAILURES_PER_MINUTE: true,
  METRICS_USERNAME: true,
  METRICS_PASSWORD: true,
  // The batches it uploads.
  RETENTION_BATCHES_AGE_S: true,
});

export type HttpEnv = z.output<typeof httpEnvSchema>;
