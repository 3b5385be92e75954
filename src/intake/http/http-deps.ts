import type { Readable } from 'node:stream';
import type { RouteOptions } from 'fastify';
import type { BatchStatus, UploadReport } from '../../batches/batch-types.js';
import type { Logger } from '../../config/logger.js';
import type { CookiePayQueues } from '../../contract/create-queues.js';
import type { Metrics } from '../../metrics/create-metrics.js';
import type { RedisClient } from '../../redis/redis-client.js';

/** The batch upload as the HTTP routes use it (implemented in src/intake/shipments and src/batches, passed in). */
export interface BatchService {
  upload: (source: Readable, options: { dryRun: boolean }) => Promise<UploadReport>;
  status: (batchId: string) => Promise<BatchStatus | null>;
  /** Every rejected row of the batch as CSV text, streamed; null when the batch is unknown. */
  rejectedCsv: (batchId: string) => Promise<AsyncIterable<string> | null>;
}

/** The HTTP settings, from the BOARD_*, METRICS_*, NOTIFICATION_*, HTTP_* and UPLOAD_MAX_BYTES variables. */
export interface HttpSettings {
  boardUsername?: string | undefined;
  boardPassword?: string | undefined;
  /** 'off' serves the board (and the batch routes) without credentials: only on purpose. */
  boardAuth: 'on' | 'off';
  boardReadOnly: boolean;
  notificationBodyLimitBytes: number;
  /** Notifications per minute from one source address (429 beyond); 0: no limit; default 600. */
  notificationRatePerMinute?: number | undefined;
  /** The only addresses (IPs, CIDRs) notifications are accepted from; empty or absent: every address. */
  notificationAllowedSources?: readonly string[] | undefined;
  /** Proxies (IPs, CIDRs) whose X-Forwarded-For gives the client's address; empty or absent: none. */
  trustProxy?: readonly string[] | undefined;
  uploadMaxBytes: number;
  /** Basic auth of /metrics alone (METRICS_USERNAME/METRICS_PASSWORD); neither: open; one only: 503. */
  metricsUsername?: string | undefined;
  metricsPassword?: string | undefined;
  /** Failed logins per source address and minute (HTTP_LOGIN_FAILURES_PER_MINUTE); default 10. */
  loginFailuresPerMinute?: number | undefined;
  /** The request limits of the server (HTTP_*); fastify's defaults where absent. */
  limits?: HttpLimits | undefined;
}

/** HTTP_REQUEST_TIMEOUT_MS, HTTP_HEADERS_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS, HTTP_MAX_CONNECTIONS, HTTP_MAX_REQUESTS_PER_SOCKET. */
export interface HttpLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  maxRequestsPerSocket: number;
}

/** Everything the HTTP app uses, passed in: it opens nothing and reads no environment. */
export interface HttpAppDeps {
  queues: CookiePayQueues;
  /** Answers PING for /readyz; while its `status` is not `ready`, every route that needs Redis answers 503 at once. */
  redis: Pick<RedisClient, 'ping' | 'status' | 'once' | 'off'>;
  settings: HttpSettings;
  logger: Logger;
  metrics: Metrics;
  /** Absent: the batch routes answer 503. */
  batch?: BatchService | undefined;
  /** Called with every route as it is registered (a test lists them all). */
  onRoute?: ((route: RouteOptions) => void) | undefined;
  /** How long /readyz waits for PONG; default 1 s. */
  readyTimeoutMs?: number | undefined;
}
