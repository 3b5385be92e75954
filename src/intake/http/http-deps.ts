import type { Readable } from 'node:stream';
import type { BatchStatus, UploadReport } from '../../batches/batch-types.js';
import type { Logger } from '../../config/logger.js';
import type { CookiePayQueues } from '../../contract/create-queues.js';
import type { Metrics } from '../../metrics/create-metrics.js';
import type { RedisClient } from '../../redis/redis-client.js';

/** The batch upload as the HTTP routes use it (implemented in src/intake/shipments and src/batches, passed in). */
export interface BatchService {
  upload: (source: Readable, options: { dryRun: boolean }) => Promise<UploadReport>;
  status: (batchId: string) => Promise<BatchStatus | null>;
}

/** The HTTP settings, from the BOARD_*, NOTIFICATION_*, HTTP_TRUST_PROXY and UPLOAD_MAX_BYTES variables. */
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
}

/** Everything the HTTP app uses, passed in: it opens nothing and reads no environment. */
export interface HttpAppDeps {
  queues: CookiePayQueues;
  /** Answers PING for /readyz. */
  redis: Pick<RedisClient, 'ping'>;
  settings: HttpSettings;
  logger: Logger;
  metrics: Metrics;
  /** Absent: the batch routes answer 503. */
  batch?: BatchService | undefined;
  /** How long /readyz waits for PONG; default 1 s. */
  readyTimeoutMs?: number | undefined;
}
