import { z } from 'zod';
import {
  addressRangesVar,
  booleanVar,
  integerVar,
  logLevelVar,
  optionalUrlVar,
  redisUrlVar,
  secretVar,
  shareVar,
  stringVar,
  urlVar,
} from './env-fields.js';

/** Largest notification body NOTIFICATION_BODY_LIMIT_BYTES may allow (a notification record holds it whole). */
export const maxNotificationBodyBytes = 1_048_576;

/** Every variable the service reads. Defaults here are the documented ones (README, .env.example). */
const commonVars = {
  LOG_LEVEL: logLevelVar(),
  /** redis://, rediss://, or redis-cluster://host:port[,host:port...] for a Redis Cluster. */
  REDIS_URL: redisUrlVar(),
  /** BullMQ prefix of every queue and of the worker's own keys (token, rate limit). */
  QUEUE_PREFIX: stringVar('bull').pipe(
    z.string().regex(/^[^:\s]+$/, { error: 'must not contain ":" or spaces' }),
  ),
};

const cookiePayVars = {
  COOKIEPAY_BASE_URL: urlVar('https://sandbox.cookiepayments.com', ['http:', 'https:']),
  /** pay2_id for the token and API_ID for the calls. */
  COOKIEPAY_API_ID: secretVar(30),
  /** pay2_key for the token and the ApiKey header. */
  COOKIEPAY_API_KEY: secretVar(50),
  COOKIEPAY_CONNECT_TIMEOUT_MS: integerVar(3_000, { min: 1 }),
  COOKIEPAY_TIMEOUT_MS: integerVar(20_000, { min: 1 }),
  COOKIEPAY_TOKEN_SAFETY_MARGIN_MS: integerVar(300_000),
  COOKIEPAY_TOKEN_TTL_MS: integerVar(3_000_000, { min: 1_000 }),
  COOKIEPAY_RATE_LIMIT_MAX: integerVar(10, { min: 1 }),
  COOKIEPAY_RATE_LIMIT_DURATION_MS: integerVar(1_000, { min: 1 }),
  COOKIEPAY_RATE_LIMIT_PAUSE_MS: integerVar(5_000, { min: 1 }),
};

const workerVars = {
  RETRY_ATTEMPTS: integerVar(5, { min: 1, max: 100 }),
  RETRY_BACKOFF_MS: integerVar(1_000, { min: 1 }),
  STATUS_POLL_INTERVAL_MS: integerVar(30_000, { min: 10 }),
  STATUS_POLL_TIMEOUT_MS: integerVar(86_400_000, { min: 10 }),
  CONCURRENCY_URLPAY: integerVar(10, { min: 1, max: 1_000 }),
  CONCURRENCY_DELIVERY: integerVar(10, { min: 1, max: 1_000 }),
  CONCURRENCY_STATUS: integerVar(10, { min: 1, max: 1_000 }),
  /** Cancels (refunds) at once: few, and each may cost a paycert or two. */
  CONCURRENCY_CANCEL: integerVar(2, { min: 1, max: 1_000 }),
  SHUTDOWN_TIMEOUT_MS: integerVar(30_000, { min: 0 }),
  /** How long a job's lock lasts without renewal; a crashed worker's jobs are taken over after about this. */
  WORKER_LOCK_DURATION_MS: integerVar(30_000, { min: 1_000 }),
  /** How often workers look for jobs whose worker died (stalled jobs). */
  WORKER_STALLED_INTERVAL_MS: integerVar(30_000, { min: 1_000 }),
  /**
   * How long after it was received a notification CookiePay does not show yet (EA01, not cancelled yet) is looked
   * at again, backing off, before its result says `verified: false`. 0: one look.
   */
  NOTIFICATION_VERIFY_WINDOW_MS: integerVar(300_000, { min: 0 }),
  /** The share of COOKIEPAY_RATE_LIMIT_MAX that verifications of notifications may use (at least one request). */
  NOTIFICATION_RATE_SHARE: shareVar(0.2),
  /** How often the payments of the last days are reconciled against CookiePay's /api/paysearch; 0: never. */
  RECONCILE_INTERVAL_MS: integerVar(600_000, { min: 0 }),
  /** How many days (Korean time, today included) each reconciliation asks paysearch for, one call per day. */
  RECONCILE_LOOKBACK_DAYS: integerVar(3, { min: 1, max: 31 }),
  /**
   * Whether the worker follows every link it creates to its end (paid, cancelled or past STATUS_POLL_TIMEOUT_MS) with a
   * status check of its own, when the urlpay job does not say (`track`).
   */
  TRACK_LINKS: booleanVar(false),
  /** The share of COOKIEPAY_RATE_LIMIT_MAX reconciliation may use (at least one request per window). */
  RECONCILE_RATE_SHARE: shareVar(0.1),
};

/**
 * What stays in Redis once a job ended, per queue: BullMQ's `removeOnComplete` / `removeOnFail` `{ age, count }`
 * (seconds; the most kept). The defaults keep 100,000 jobs a day under 500 MB (docs/architecture.md, Retention).
 */
const retentionVars = {
  /** Completed urlpay, delivery and status jobs. A job id is not added twice while its job is kept. */
  RETENTION_COMPLETED_AGE_S: integerVar(86_400, { min: 1 }),
  RETENTION_COMPLETED_COUNT: integerVar(100_000, { min: 1 }),
  /** Completed notification jobs: money facts, kept longer. */
  RETENTION_NOTIFICATIONS_AGE_S: integerVar(7 * 86_400, { min: 1 }),
  RETENTION_NOTIFICATIONS_COUNT: integerVar(30_000, { min: 1 }),
  /** Completed (consumed) results on cookiepay-results. A job run again while its result is kept publishes none. */
  RETENTION_RESULTS_AGE_S: integerVar(86_400, { min: 1 }),
  RETENTION_RESULTS_COUNT: integerVar(100_000, { min: 1 }),
  /** Failed jobs of every queue, results included: kept longer than completed ones. */
  RETENTION_FAILED_AGE_S: integerVar(30 * 86_400, { min: 1 }),
  RETENTION_FAILED_COUNT: integerVar(10_000, { min: 1 }),
  /** Shipment batch records (status, rows, rejected rows); every write renews them. */
  RETENTION_BATCHES_AGE_S: integerVar(7 * 86_400, { min: 1 }),
};

const httpVars = {
  HTTP_HOST: stringVar('0.0.0.0'),
  HTTP_PORT: integerVar(3000, { max: 65_535 }),
  /** Basic auth of the board and the batch upload. Without both, the board is not served unless BOARD_AUTH=off. */
  BOARD_USERNAME: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  BOARD_PASSWORD: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  BOARD_AUTH: z
    .enum(['on', 'off', ''], { error: 'must be on or off' })
    .optional()
    .transform((value) => (value === 'off' ? 'off' : 'on')),
  BOARD_READ_ONLY: booleanVar(false),
  /** Largest notification body accepted (CookiePay's Noti is a few hundred bytes); 413 above it. */
  NOTIFICATION_BODY_LIMIT_BYTES: integerVar(16_384, { min: 1_024, max: maxNotificationBodyBytes }),
  /** Notifications accepted per minute from one source address (429 beyond); 0: no limit. */
  NOTIFICATION_RATE_LIMIT_PER_MINUTE: integerVar(600, { min: 0 }),
  /**
   * The addresses notifications are accepted from (CookiePay's servers), as IPs or CIDRs; blank: every address.
   * Others get 403 and nothing is stored; the addresses listed are not rate-limited.
   */
  NOTIFICATION_ALLOWED_IPS: addressRangesVar(),
  /**
   * Proxies (IPs or CIDRs) whose X-Forwarded-For names the client's address; blank: none, the socket's address is the
   * source (of notifications, for the rate limit and the allowlist, and in logs).
   */
  HTTP_TRUST_PROXY: addressRangesVar(),
  /** Largest shipment CSV accepted over HTTP. */
  UPLOAD_MAX_BYTES: integerVar(50 * 1024 * 1024, { min: 1_024 }),
  /**
   * Rejected rows an upload's answer (and the CLI) lists in full; the rest are counted by field and reason, and all
   * are kept with the batch for `GET /batches/:id/rejected.csv` and `cookiepay-worker rejected <id>`.
   */
  UPLOAD_REPORT_REJECTED_ROWS: integerVar(1_000, { min: 0, max: 100_000 }),
  /** The longest a whole request (headers and body) may take; 408 and closed after it. */
  HTTP_REQUEST_TIMEOUT_MS: integerVar(120_000, { min: 1_000 }),
  /** The longest a client may take to send the request's headers (at most HTTP_REQUEST_TIMEOUT_MS). */
  HTTP_HEADERS_TIMEOUT_MS: integerVar(10_000, { min: 1_000 }),
  /** How long an idle keep-alive connection stays open. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integerVar(5_000, { min: 100 }),
  /** Open connections at most; more are refused (closed) at once. */
  HTTP_MAX_CONNECTIONS: integerVar(1_024, { min: 1 }),
  /** Requests on one keep-alive connection before it is closed. */
  HTTP_MAX_REQUESTS_PER_SOCKET: integerVar(1_000, { min: 1 }),
  /** Failed basic-auth logins one source address may make per minute; then one checked attempt per minute/limit. */
  HTTP_LOGIN_FAILURES_PER_MINUTE: integerVar(10, { min: 1 }),
  /** Basic auth of /metrics alone (Prometheus' basic_auth); both or neither. Unset: /metrics answers anyone. */
  METRICS_USERNAME: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined),
  METRICS_PASSWORD: z
    .string()
    .optional()
    .transform((value) => value || undefined),
};

const simulatorVars = {
  SIMULATOR_HOST: stringVar('127.0.0.1'),
  SIMULATOR_PORT: integerVar(8787, { max: 65_535 }),
  /** Where the simulator POSTs payment notifications (Noti); unset = nowhere. */
  SIMULATOR_NOTIFICATION_URL: optionalUrlVar(['http:', 'https:']),
  SIMULATOR_TOKEN_TTL_SECONDS: integerVar(3_600, { min: 1 }),
  /**
   * What the simulator answers where the manual is silent: a profile name or a JSON object of switches (checked by
   * the simulator, docs/simulator.md).
   */
  SIMULATOR_ASSUMPTIONS: stringVar('manual-literal'),
};

export const workerEnvSchema = z.object({
  ...commonVars,
  ...cookiePayVars,
  ...workerVars,
  ...retentionVars,
  ...httpVars,
});
export const simulatorEnvSchema = z.object({
  LOG_LEVEL: commonVars.LOG_LEVEL,
  COOKIEPAY_API_ID: cookiePayVars.COOKIEPAY_API_ID,
  COOKIEPAY_API_KEY: cookiePayVars.COOKIEPAY_API_KEY,
  ...simulatorVars,
});
export const producerEnvSchema = z.object({
  LOG_LEVEL: commonVars.LOG_LEVEL,
  REDIS_URL: commonVars.REDIS_URL,
  QUEUE_PREFIX: commonVars.QUEUE_PREFIX,
  /** The upload CLI creates batch records. */
  RETENTION_BATCHES_AGE_S: retentionVars.RETENTION_BATCHES_AGE_S,
  UPLOAD_REPORT_REJECTED_ROWS: httpVars.UPLOAD_REPORT_REJECTED_ROWS,
});
/** `cookiepay-worker probe`: the account, the CookiePay domain and the timeouts (no Redis). */
export const probeEnvSchema = z.object({
  COOKIEPAY_BASE_URL: cookiePayVars.COOKIEPAY_BASE_URL,
  COOKIEPAY_API_ID: cookiePayVars.COOKIEPAY_API_ID,
  COOKIEPAY_API_KEY: cookiePayVars.COOKIEPAY_API_KEY,
  COOKIEPAY_CONNECT_TIMEOUT_MS: cookiePayVars.COOKIEPAY_CONNECT_TIMEOUT_MS,
  COOKIEPAY_TIMEOUT_MS: cookiePayVars.COOKIEPAY_TIMEOUT_MS,
});

export type WorkerEnv = z.output<typeof workerEnvSchema>;
export type SimulatorEnv = z.output<typeof simulatorEnvSchema>;
export type ProducerEnv = z.output<typeof producerEnvSchema>;
export type ProbeEnv = z.output<typeof probeEnvSchema>;
/** The retention variables alone (`retentionPolicyOf` reads them; their defaults are `defaultRetention`). */
export const retentionEnvSchema = z.object(retentionVars);
export type RetentionEnv = z.output<typeof retentionEnvSchema>;
