import { spawn } from 'node:child_process';
import { queueNames } from '../../src/contract/names.js';
import { canCaptureLoopback, startWireCapture } from '../../src/dev/wire-capture.js';
import { maxInAnyWindow, sustainedRate } from '../../src/simulator/request-rate.js';
import type { BenchChild } from '../lib/children.js';
import { deliveryData, statusData, urlPayData } from '../lib/job-data.js';
import { type PaidPayment, preparePaidPayments } from '../lib/paid-payments.js';
import { addMany, openQueues } from '../lib/queue-counts.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { type SimulatorProcess, startSimulatorProcess } from '../lib/simulator-process.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';
import { pipelineEnv, startBareWorker, startCliWorker } from '../lib/worker-processes.js';

const limit = 50;
const jobQueues = [queueNames.urlpay, queueNames.status, queueNames.delivery] as const;

interface Seen {
  /** Judged on the wire (kernel timestamps of a loopback capture) when tcpdump can run, else at the simulator. */
  busiest: number;
  sustained: number;
  /** The busiest window as the simulator's own clock saw it (its event loop bunches arrivals). */
  busiestAtSimulator: number;
  requests: number;
  rateLimited: number;
  failed: number;
  seconds: number;
}

/** Adds `perQueue` jobs on each of the three queues, runs them, reads what the simulator saw. */
const drainMixed = async (
  ctx: BenchContext,
  sim: SimulatorProcess,
  prefix: string,
  paid: readonly PaidPayment[],
  perQueue: number,
  start: () => Promise<BenchChild[]>,
  wire: boolean,
): Promise<Seen> => {
  // A neighbour that keeps a core busy the whole time: the workers' event loops run late.
  const neighbour = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const capture = wire
    ? await startWireCapture(new URL(sim.url).port ? Number(new URL(sim.url).port) : 80)
    : undefined;
  const children = await start();
  const queues = openQueues(ctx.redisUrl, prefix);
  try {
    await sim.control.resetRequests();
    const started = performance.now();
    const payment = (i: number) => paid[i % paid.length] as PaidPayment;
    await addMany(queues.queue(queueNames.urlpay), perQueue, (i) => ({
      name: 'link',
      data: urlPayData(i),
      opts: { jobId: `rl-link-${i}` },
    }));
    await addMany(queues.queue(queueNames.status), perQueue, (i) => ({
      name: 'check',
      data: statusData(payment(i).tid),
      opts: { jobId: `rl-status-${i}` },
    }));
    await addMany(queues.queue(queueNames.delivery), perQueue, (i) => ({
      name: 'ship',
      // One waybill per TID, so that a TID shipped twice is the same shipment (0000 again).
      data: deliveryData(payment(i).tid, payment(i).amount, i % paid.length),
      opts: { jobId: `rl-ship-${i}` },
    }));
    await queues.waitFinished(jobQueues, perQueue * 3, 180_000);
    const seconds = (performance.now() - started) / 1000;
    const onWire = await capture?.stop();
    const { failed } = await queues.finished(jobQueues);
    const requests = await sim.control.requests();
    const seen = onWire
      ? onWire.filter((r) => !r.path.startsWith('/__sim')).map((r) => ({ at: r.at, endpoint: r.path }))
      : requests;
    const api = seen.filter((r) => r.endpoint !== '/payAuth/token');
    return {
      busiest: maxInAnyWindow(
        seen.map((r) => r.at),
        1000,
      ),
      sustained: sustainedRate(api.map((r) => r.at)),
      busiestAtSimulator: maxInAnyWindow(
        requests.map((r) => r.at),
        1000,
      ),
      requests: requests.length,
      rateLimited: requests.filter((r) => r.outcome === 'rate-limited').length,
      failed,
      seconds,
    };
  } finally {
    neighbour.kill('SIGKILL');
    await capture?.stop();
    await queues.close();
    await Promise.all(children.map((child) => child.stop()));
  }
};

/**
 * Scenario 3: the account limit (50 per second) with 3 worker processes draining 3 queues of mixed jobs, a
 * neighbour process spinning on a core, five runs: the busiest 1-second window (worst run) and the sustained rate
 * (worst run), judged where requests leave (kernel timestamps of a loopback capture, when tcpdump can run as here
 * as root; else at the simulator). Baseline: BullMQ's own per-queue limiter {max: 50, duration: 1000} on the same
 * 3 queues and 3 processes (one run).
 */
export const rateLimitFidelity = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const perQueue = ctx.quick ? 60 : 200;
  const processes = 3;
  const concurrency = 10;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  try {
    const setupPrefix = freshPrefix('rate-setup');
    prefixes.push(setupPrefix);
    const paid = await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, setupPrefix, 100);

    const prefix = freshPrefix('rate');
    prefixes.push(prefix);
    const env = pipelineEnv(ctx.redisUrl, sim.url, prefix, {
      COOKIEPAY_RATE_LIMIT_MAX: String(limit),
      COOKIEPAY_RATE_LIMIT_DURATION_MS: '1000',
      CONCURRENCY_URLPAY: String(concurrency),
      CONCURRENCY_DELIVERY: String(concurrency),
      CONCURRENCY_STATUS: String(concurrency),
    });
    const wire = canCaptureLoopback();
    const runs: Seen[] = [];
    for (let run = 0; run < (ctx.quick ? 1 : 5); run++) {
      const runPrefix = freshPrefix(`rate-${run}`);
      prefixes.push(runPrefix);
      const runEnv = { ...env, QUEUE_PREFIX: runPrefix };
      runs.push(
        await drainMixed(
          ctx,
          sim,
          runPrefix,
          paid,
          perQueue,
          () => Promise.all(Array.from({ length: processes }, () => startCliWorker(runEnv))),
          wire,
        ),
      );
    }
    const worker = {
      busiest: Math.max(...runs.map((r) => r.busiest)),
      sustained: Math.min(...runs.map((r) => r.sustained)),
      requests: runs.reduce((sum, r) => sum + r.requests, 0),
      seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
      failed: runs.reduce((sum, r) => sum + r.failed, 0),
      rateLimited: runs.reduce((sum, r) => sum + r.rateLimited, 0),
    };

    const barePrefix = freshPrefix('rate-bullmq');
    prefixes.push(barePrefix);
    const bullmq = await drainMixed(
      ctx,
      sim,
      barePrefix,
      paid,
      perQueue,
      () =>
        Promise.all(
          Array.from({ length: processes }, () =>
            startBareWorker({
              redisUrl: ctx.redisUrl,
              prefix: barePrefix,
              simulatorUrl: sim.url,
              queues: jobQueues,
              concurrency,
              limiter: { max: limit, duration: 1000 },
            }),
          ),
        ),
      wire,
    );
    const conditions = {
      limit: `${limit}/s`,
      processes,
      queues: 3,
      jobs: perQueue * 3,
      concurrencyPerQueue: concurrency,
      mix: 'urlpay+status+delivery',
      runs: runs.length,
      judged: wire ? 'on the wire (tcpdump, kernel timestamps)' : 'at the simulator',
      neighbour: 'one process spinning on a core',
    };
    const details = {
      busiestPerRun: runs.map((r) => r.busiest).join(' '),
      sustainedPerRun: runs.map((r) => round(r.sustained, 2)).join(' '),
      busiestAtSimulatorPerRun: runs.map((r) => r.busiestAtSimulator).join(' '),
      workerRequests: worker.requests,
      workerSeconds: round(worker.seconds),
      workerFailed: worker.failed,
      worker429: worker.rateLimited,
      bullmqRequests: bullmq.requests,
      bullmqSeconds: round(bullmq.seconds),
      bullmqFailed: bullmq.failed,
    };
    return [
      {
        id: 'rate-limit-fidelity',
        title: 'Rate limit 50/s, 3 processes × 3 queues, busy neighbour: busiest 1-s window, worst of runs',
        figure: worker.busiest,
        baseline: bullmq.busiest,
        unit: 'req',
        target: '≤ 50',
        pass: worker.busiest <= limit,
        conditions,
        details,
        status: 'measured',
      },
      {
        id: 'rate-limit-fidelity',
        title: 'Rate limit 50/s, 3 processes × 3 queues, busy neighbour: sustained rate, worst of runs',
        figure: round(worker.sustained, 2),
        baseline: round(bullmq.sustained, 2),
        unit: 'req/s',
        target: '≥ 47.5',
        pass: worker.sustained >= 47.5,
        conditions,
        details: {},
        status: 'measured',
      },
    ];
  } finally {
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
