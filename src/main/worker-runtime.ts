import type { WorkerEnv } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { createQueues } from '../contract/create-queues.js';
import { retentionPolicyOf } from '../contract/retention.js';
import { createCookiePay } from '../cookiepay/create-cookiepay.js';
import { createAccountRateGate } from '../cookiepay/rate-gate/account-rate-gate.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { assertPrefixFitsConnection, createRedisConnection } from '../redis/connection.js';
import { startBatchWatcher } from '../worker/batch-watcher.js';
import { createWorkers, type WorkerSeams } from '../worker/create-workers.js';
import { paymentEvents } from '../worker/payment-events.js';
import { type PublishResult, resultPublisher } from '../worker/publish-result.js';
import { startReconciliation } from '../worker/reconciliation.js';
import { closeQueuesAndConnection } from './close-queues-and-connection.js';
import { closeWithDeadline } from './close-with-deadline.js';

export interface WorkerRuntime {
  /** Stops taking jobs, lets the ones in flight finish within the deadline, closes every connection. Idempotent. */
  close(): Promise<'graceful' | 'forced'>;
}

/** Longest a token request waits for the account's rate limit. */
const tokenGateWaitMs = 10_000;

/** The composition root of the worker process: everything is built here from the configuration. */
export interface WorkerRuntimeOptions {
  /** Where job outcomes, CookiePay requests and rate-limit waits are counted. */
  metrics?: Metrics | undefined;
  /** Test seams of the workers (createWorkers). */
  seams?: WorkerSeams | undefined;
}

export const startWorkerRuntime = async (
  config: WorkerEnv,
  logger: Logger,
  { metrics, seams }: WorkerRuntimeOptions = {},
): Promise<WorkerRuntime> => {
  assertPrefixFitsConnection(config.REDIS_URL, config.QUEUE_PREFIX);
  const connection = createRedisConnection(config.REDIS_URL, 'worker');
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const gateOptions = {
    redis: connection,
    keyPrefix: config.QUEUE_PREFIX,
    max: config.COOKIEPAY_RATE_LIMIT_MAX,
    durationMs: config.COOKIEPAY_RATE_LIMIT_DURATION_MS,
    maxWaitMs: tokenGateWaitMs,
    onHeldBack: metrics?.heldBack,
    onAdmit: metrics?.admitted,
  };
  const gate = createAccountRateGate(gateOptions);
  // Verifications of notifications get their own share of the account (NOTIFICATION_RATE_SHARE), so a flood of
  // forged ones cannot take the rate the shop's jobs need. The same keys: the account's limit holds for both.
  const notificationGate = createAccountRateGate({
    ...gateOptions,
    lane: {
      name: 'notifications',
      max: Math.max(1, Math.floor(config.NOTIFICATION_RATE_SHARE * config.COOKIEPAY_RATE_LIMIT_MAX)),
    },
  });
  const clientOptions = {
    baseUrl: config.COOKIEPAY_BASE_URL,
    apiId: config.COOKIEPAY_API_ID,
    apiKey: config.COOKIEPAY_API_KEY,
    connectTimeoutMs: config.COOKIEPAY_CONNECT_TIMEOUT_MS,
    timeoutMs: config.COOKIEPAY_TIMEOUT_MS,
    redis: connection,
    keyPrefix: config.QUEUE_PREFIX,
    tokenSafetyMarginMs: config.COOKIEPAY_TOKEN_SAFETY_MARGIN_MS,
    tokenFallbackTtlMs: config.COOKIEPAY_TOKEN_TTL_MS,
    // The token request may wait for the rate limit before it is sent: the lock outlives both.
    tokenLockTtlMs: config.COOKIEPAY_TIMEOUT_MS + tokenGateWaitMs + 5_000,
    onRequest: metrics?.cookiePayRequest,
    logger,
  };
  const cookiepay = createCookiePay({ ...clientOptions, gate });
  const notificationCookiepay = createCookiePay({ ...clientOptions, gate: notificationGate });
  // Reconciliation gets a small share of the account too (RECONCILE_RATE_SHARE): a day's paysearch never holds back
  // the shop's jobs.
  const reconcileCookiepay = createCookiePay({
    ...clientOptions,
    gate: createAccountRateGate({
      ...gateOptions,
      lane: {
        name: 'reconcile',
        max: Math.max(1, Math.floor(config.RECONCILE_RATE_SHARE * config.COOKIEPAY_RATE_LIMIT_MAX)),
      },
    }),
  });
  try {
    // Fails fast on wrong credentials, and warms the connection to CookiePay before jobs run.
    await cookiepay.sharedToken.get();
  } catch (error) {
    logger.warn({ err: error }, 'could not get a CookiePay token at start; jobs will retry');
  }
  const queues = createQueues(connection, config.QUEUE_PREFIX);
  const retention = retentionPolicyOf(config);
  const workers = createWorkers({
    connection,
    prefix: config.QUEUE_PREFIX,
    queues,
    cookiepay,
    notifications: {
      apiId: config.COOKIEPAY_API_ID,
      verifyWindowMs: config.NOTIFICATION_VERIFY_WINDOW_MS,
      cookiepay: notificationCookiepay,
    },
    concurrency: {
      urlpay: config.CONCURRENCY_URLPAY,
      delivery: config.CONCURRENCY_DELIVERY,
      status: config.CONCURRENCY_STATUS,
      cancel: config.CONCURRENCY_CANCEL,
      // Verifying a notification is the same call as a status check.
      notification: config.CONCURRENCY_STATUS,
    },
    retry: { attempts: config.RETRY_ATTEMPTS, backoffMs: config.RETRY_BACKOFF_MS, maxBackoffMs: 15 * 60_000 },
    polling: { intervalMs: config.STATUS_POLL_INTERVAL_MS, timeoutMs: config.STATUS_POLL_TIMEOUT_MS },
    rateLimit: {
      max: config.COOKIEPAY_RATE_LIMIT_MAX,
      durationMs: config.COOKIEPAY_RATE_LIMIT_DURATION_MS,
      pauseMs: config.COOKIEPAY_RATE_LIMIT_PAUSE_MS,
    },
    stalled: {
      lockDurationMs: config.WORKER_LOCK_DURATION_MS,
      intervalMs: config.WORKER_STALLED_INTERVAL_MS,
    },
    retention,
    trackLinks: config.TRACK_LINKS,
    logger,
    onResult: metrics?.jobEnded,
    ...(seams ? { seams } : {}),
  });
  // Publishes one summary per uploaded shipment batch once all its rows have ended.
  const batchWatcher = startBatchWatcher({
    connection,
    prefix: config.QUEUE_PREFIX,
    queues,
    publish: resultPublisher(queues.results, retention.results),
    logger,
  });
  // Every process upserts the same job scheduler: one reconciliation per interval however many run.
  const resultsOut = resultPublisher(queues.results, retention.results);
  const reconcilePublish: PublishResult = async (result, resultId) => {
    await resultsOut(result, resultId);
    metrics?.jobEnded(result);
  };
  const reconciliation = await startReconciliation({
    connection,
    prefix: config.QUEUE_PREFIX,
    intervalMs: config.RECONCILE_INTERVAL_MS,
    lookbackDays: config.RECONCILE_LOOKBACK_DAYS,
    cookiepay: reconcileCookiepay,
    events: paymentEvents({ redis: connection, prefix: config.QUEUE_PREFIX, publish: reconcilePublish }),
    publish: reconcilePublish,
    retention: retention.sourceJobs,
    logger,
  });
  await Promise.all(Object.values(workers).map((worker) => worker.waitUntilReady()));
  logger.info({ prefix: config.QUEUE_PREFIX, baseUrl: config.COOKIEPAY_BASE_URL }, 'worker started');

  const close = async (): Promise<'graceful' | 'forced'> => {
    const all = Object.values(workers);
    await batchWatcher.close();
    // worker.close() waits for the jobs in flight, with no deadline of its own. At the deadline we stop waiting
    // (a second worker.close(true) would only return the same pending promise): the connection is cut, and the
    // unfinished jobs stall and are taken over by another worker once their lock expires.
    const outcome = await closeWithDeadline(
      async () => {
        await Promise.all([...all.map((worker) => worker.close()), reconciliation.close()]);
      },
      async () => {
        logger.warn(
          { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
          'jobs still running at the deadline: leaving them',
        );
      },
      config.SHUTDOWN_TIMEOUT_MS,
    );
    if (outcome === 'forced') {
      connection.disconnect();
      return outcome;
    }
    await closeQueuesAndConnection(queues, connection);
    return outcome;
  };
  let closing: Promise<'graceful' | 'forced'> | undefined;
  return {
    close: () => {
      closing ??= close();
      return closing;
    },
  };
};
