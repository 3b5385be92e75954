import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Queue, Worker } from 'bullmq';
import type { Logger } from '../config/logger.js';
import { queueNames } from '../contract/names.js';
import type { ReconcileResult } from '../contract/result-schema.js';
import { type JobRetention, removalOptions } from '../contract/retention.js';
import { successCode } from '../cookiepay/endpoints.js';
import { isCookiePayError } from '../cookiepay/errors.js';
import type { PaySearchRecord } from '../cookiepay/schemas/pay-search.js';
import type { RedisClient } from '../redis/redis-client.js';
import { amountOfAnswer, type PaymentEvents } from './payment-events.js';
import { paymentStatusOf } from './payment-status.js';
import type { PublishResult } from './publish-result.js';

/** One schedule for every worker process: they all upsert the scheduler of this id. */
export const reconcileSchedulerId = 'cookiepay-reconcile';

/** What reconciliation needs of CookiePay: paysearch, through a client whose gate has a small lane. */
export interface PaySearch {
  paySearch(request: { STD_DT: string; END_DT: string }): Promise<PaySearchRecord[]>;
}

const koreanOffsetMs = 9 * 3_600_000;
const dayMs = 86_400_000;

/** The `lookbackDays` days (Korean time, `YYYY-MM-DD`) ending on the day of `now`, oldest first. Pure. */
export const lookbackDaysOf = (now: number, lookbackDays: number): string[] =>
  Array.from({ length: Math.max(1, lookbackDays) }, (_, index) =>
    new Date(now + koreanOffsetMs - (lookbackDays - 1 - index) * dayMs).toISOString().slice(0, 10),
  );

/** Longest reconciliation waits in all for its share of the rate before its job fails (and BullMQ retries it). */
export const maxShareWaitMs = 5 * 60_000;

/**
 * Runs a call, waiting in place while the account's rate limit (or CookiePay's 429) holds it back: reconciliation is
 * background work at a small share, so it waits its turn rather than failing.
 */
const withinShare = async <T>(call: () => Promise<T>): Promise<T> => {
  let waited = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isCookiePayError(error) || error.code !== 'RATE_LIMITED' || waited >= maxShareWaitMs) throw error;
      const delayMs = Math.min(Math.max(error.retryAfterMs ?? 1_000, 10), maxShareWaitMs - waited);
      waited += delayMs;
      await sleep(delayMs);
    }
  }
};

export interface ReconcileDeps {
  cookiepay: PaySearch;
  events: PaymentEvents;
  publish: PublishResult;
  lookbackDays: number;
  now?: () => number;
}

/**
 * One reconciliation: asks paysearch for each day of the lookback (a page per day, so no answer holds more than a
 * day of payments), feeds each 0000 record to the payment events, and publishes its own result (kind `reconcile`:
 * how many records it read, how many changes they made). A failed call fails the job; BullMQ retries it.
 */
export const reconcileOnce = async (deps: ReconcileDeps, job: Pick<Job, 'id'>): Promise<ReconcileResult> => {
  const now = deps.now ?? Date.now;
  const days = lookbackDaysOf(now(), deps.lookbackDays);
  let records = 0;
  let changes = 0;
  for (const day of days) {
    const page = await withinShare(() => deps.cookiepay.paySearch({ STD_DT: day, END_DT: day }));
    records += page.length;
    const observedAt = new Date(now()).toISOString();
    const outcomes = await Promise.all(
      page
        .filter((record) => (record.RESULTCODE ?? successCode) === successCode && record.TID)
        .map((record) =>
          deps.events.observe({
            TID: record.TID ?? undefined,
            state: paymentStatusOf(record),
            amount: amountOfAnswer(record.AMOUNT),
            source: 'reconcile',
            observedAt,
            sourceQueue: queueNames.reconcile,
            sourceJobId: String(job.id),
            response: record,
          }),
        ),
    );
    changes += outcomes.filter((outcome) => outcome === 'changed').length;
  }
  const first = days[0] ?? '';
  const last = days.at(-1) ?? first;
  const result: ReconcileResult = {
    kind: 'reconcile',
    sourceQueue: queueNames.reconcile,
    sourceJobId: String(job.id),
    ok: true,
    code: 'RECONCILED',
    message: `read ${records} payment records of ${first}..${last} from CookiePay, ${changes} changed`,
    response: null,
    attempts: days.length,
    finishedAt: new Date(now()).toISOString(),
    from: first,
    to: last,
    records,
    changes,
  };
  await deps.publish(result, `${queueNames.reconcile}-${String(job.id).replaceAll(':', '-')}`);
  return result;
};

export interface ReconciliationOptions extends ReconcileDeps {
  connection: RedisClient;
  prefix: string;
  /** RECONCILE_INTERVAL_MS; 0: no schedule (the scheduler is removed). */
  intervalMs: number;
  retention: JobRetention;
  logger: Logger;
}

export interface Reconciliation {
  queue: Queue;
  worker: Worker | undefined;
  close(): Promise<void>;
}

/**
 * Upserts the reconciliation's job scheduler (the same id from every process: one schedule) and runs its jobs, one at
 * a time per process. With an interval of 0 the scheduler is removed and no worker runs.
 */
export const startReconciliation = async (options: ReconciliationOptions): Promise<Reconciliation> => {
  const { connection, prefix, logger } = options;
  const queue = new Queue(queueNames.reconcile, { connection, prefix });
  if (options.intervalMs <= 0) {
    await queue.removeJobScheduler(reconcileSchedulerId);
    return { queue, worker: undefined, close: () => queue.close() };
  }
  await queue.upsertJobScheduler(
    reconcileSchedulerId,
    { every: options.intervalMs },
    {
      name: 'reconcile',
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 1_000 },
        ...removalOptions(options.retention),
      },
    },
  );
  const worker = new Worker(queueNames.reconcile, (job) => reconcileOnce(options, job), {
    connection,
    prefix,
    concurrency: 1,
  });
  worker.on('error', (error) => logger.error({ queue: queueNames.reconcile, err: error }, 'worker error'));
  worker.on('failed', (job, error) =>
    logger.warn({ queue: queueNames.reconcile, jobId: job?.id, err: error }, 'reconciliation failed'),
  );
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
};
