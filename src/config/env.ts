import { z } from 'zod';
import {
  booleanVar,
  integerVar,
  logLevelVar,
  optionalUrlVar,
  redisUrlVar,
  secretVar,
  stringVar,
  urlVar,
} from './env-fields.js';

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
  SHUTDOWN_TIMEOUT_MS: integerVar(30_000, { min: 0 }),
  /** How long a job's lock lasts without renewal; a crashed worker's jobs are taken over after about this. */
  WORKER_LOCK_DURATION_MS: integerVar(30_000, { min: 1_000 }),
  /** How often workers look for jobs whose worker died (stalled jobs). */
  WORKER_STALLED_INTERVAL_MS: integerVar(30_000, { min: 1_000 }),
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
  /** Largest notification body accepted (CookiePay's Noti is a few hundred bytes). */
  NOTIFICATION_BODY_LIMIT_BYTES: integerVar(16_384, { min: 1_024 }),
  /** Largest shipment CSV accepted over HTTP. */
  UPLOAD_MAX_BYTES: integerVar(50 * 1024 * 1024, { min: 1_024 }),
};

const simulatorVars = {
  SIMULATOR_HOST: stringVar('127.0.0.1'),
  SIMULATOR_PORT: integerVar(8787, { max: 65_535 }),
  /** Where the simulator POSTs payment notifications (Noti); unset = nowhere. */
  SIMULATOR_NOTIFICATION_URL: optionalUrlVar(['http:', 'https:']),
  SIMULATOR_TOKEN_TTL_SECONDS: integerVar(3_600, { min: 1 }),
};

export const workerEnvSchema = z.object({ ...commonVars, ...cookiePayVars, ...workerVars, ...httpVars });
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
});

export type WorkerEnv = z.output<typeof workerEnvSchema>;
export type SimulatorEnv = z.output<typeof simulatorEnvSchema>;
export type ProducerEnv = z.output<typeof producerEnvSchema>;
