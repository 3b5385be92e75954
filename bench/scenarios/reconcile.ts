import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '../../src/contract/names.js';
import { defaultRetention } from '../../src/contract/retention.js';
import { createCookiePay } from '../../src/cookiepay/create-cookiepay.js';
import { createAccountRateGate } from '../../src/cookiepay/rate-gate/account-rate-gate.js';
import { paymentEvents } from '../../src/worker/payment-events.js';
import { resultPublisher } from '../../src/worker/publish-result.js';
import { reconcileOnce } from '../../src/worker/reconciliation.js';
import { benchAccount } from '../lib/bench-account.js';
import { preparePaidPayments } from '../lib/paid-payments.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';

/** The worker's defaults: COOKIEPAY_RATE_LIMIT_MAX 10 per second, RECONCILE_RATE_SHARE 0.1, 3 days looked back. */
const rateMax = 10;
const durationMs = 1_000;
const share = 0.1;
const lookbackDays = 3;

/**
 * Reconciling a day of 10,000 paid payments: one reconciliation (paysearch, one call per day of the lookback, through
 * the account's gate at the reconcile lane's share) against the baseline of one paycert per payment. The payments are
 * made before anything is measured, through the simulator's HTTP API (a link and a pay per payment, 8 at a time,
 * their notifications not sent). The baseline's time is computed from the limit: 10,000 calls at the lane's rate (and
 * at the whole account's).
 */
export const reconcile = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const count = ctx.quick ? 1_000 : 10_000;
  const prefix = freshPrefix('reconcile');
  const sim = await startSimulatorProcess();
  const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: 2 });
  const results = new Queue(queueNames.results, { connection: redis, prefix });
  try {
    const prepareStarted = performance.now();
    await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, prefix, count, { notify: false });
    const prepareSeconds = (performance.now() - prepareStarted) / 1000;
    await sim.control.resetRequests();
    const laneMax = Math.max(1, Math.floor(share * rateMax));
    const gate = createAccountRateGate({
      redis,
      keyPrefix: prefix,
      max: rateMax,
      durationMs,
      lane: { name: 'reconcile', max: laneMax },
    });
    const cookiepay = createCookiePay({ baseUrl: sim.url, ...benchAccount, redis, keyPrefix: prefix, gate });
    const publish = resultPublisher(results, defaultRetention.results);
    const started = performance.now();
    const outcome = await reconcileOnce(
      {
        cookiepay,
        events: paymentEvents({ redis, prefix, publish }),
        publish,
        lookbackDays,
      },
      { id: 'bench-1' },
    );
    const seconds = (performance.now() - started) / 1000;
    const requests = await sim.control.requests();
    const calls = requests.filter((entry) => entry.endpoint !== '/payAuth/token').length;
    const tokenCalls = requests.length - calls;
    const baselineSeconds = (count / laneMax) * (durationMs / 1000);
    return [
      {
        id: 'reconcile',
        title: `Reconciling ${count.toLocaleString('en')} paid payments of a day: CookiePay calls`,
        figure: calls,
        baseline: count,
        unit: 'calls',
        target: `≤ ${lookbackDays} (one paysearch per day looked back)`,
        pass: calls <= lookbackDays && outcome.records === count && outcome.changes === count,
        baselineNote: 'one paycert per payment: one call each, by definition',
        conditions: { payments: count, lookbackDays, rateMax, durationMs, reconcileShare: share, laneMax },
        details: {
          seconds: round(seconds),
          baselineSecondsAtLane: round(baselineSeconds),
          baselineSecondsAtAccount: round((count / rateMax) * (durationMs / 1000)),
          baselineSecondsNote: 'computed from the limit: calls ÷ rate (not measured)',
          records: outcome.records,
          changes: outcome.changes,
          tokenCalls,
          prepareSeconds: round(prepareSeconds),
        },
        status: 'measured',
      },
    ];
  } finally {
    await results.obliterate({ force: true }).catch(() => undefined);
    await results.close();
    await redis.quit().catch(() => redis.disconnect());
    await deletePrefixKeys(ctx.redisUrl, prefix);
    await sim.child.stop();
  }
};
