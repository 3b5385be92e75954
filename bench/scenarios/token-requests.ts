import { queueNames } from '../../src/contract/names.js';
import type { BenchChild } from '../lib/children.js';
import { statusData } from '../lib/job-data.js';
import { preparePaidPayments } from '../lib/paid-payments.js';
import { addMany, openQueues } from '../lib/queue-counts.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';
import { pipelineEnv, startBareWorker, startCliWorker } from '../lib/worker-processes.js';

const tokenEndpoint = '/payAuth/token';

/**
 * Scenario 2: token requests the simulator saw while 4 `cookiepay-worker start` processes ran 10,000 status
 * checks (TOKEN calls). Baseline: the vendor samples' way (a token before every call), measured on a sample
 * with a bare worker and scaled to the same job count.
 */
export const tokenRequests = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 2_000 : 10_000;
  const sampleJobs = 200;
  const processes = 4;
  const concurrency = 25;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  const children: BenchChild[] = [];
  try {
    const setupPrefix = freshPrefix('token-setup');
    prefixes.push(setupPrefix);
    const paid = await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, setupPrefix, 20);
    const job = (i: number) => ({
      name: 'check',
      data: statusData((paid[i % paid.length] as { tid: string }).tid),
      opts: { jobId: `tok-${i}` },
    });

    // The worker: 4 processes, one shared token.
    const prefix = freshPrefix('token');
    prefixes.push(prefix);
    await sim.control.resetRequests();
    const env = pipelineEnv(ctx.redisUrl, sim.url, prefix, { CONCURRENCY_STATUS: String(concurrency) });
    children.push(...(await Promise.all(Array.from({ length: processes }, () => startCliWorker(env)))));
    const queues = openQueues(ctx.redisUrl, prefix);
    const started = performance.now();
    await addMany(queues.queue(queueNames.status), jobs, job);
    await queues.waitFinished([queueNames.status], jobs, 180_000);
    const seconds = (performance.now() - started) / 1000;
    const { failed } = await queues.finished([queueNames.status]);
    await queues.close();
    const tokens = (await sim.control.requests({ endpoint: tokenEndpoint })).length;
    const calls = (await sim.control.requests({ endpoint: '/api/paycert' })).length;
    await Promise.all(children.splice(0).map((child) => child.stop()));

    // The vendor way on a sample: a token per call.
    const vendorPrefix = freshPrefix('token-vendor');
    prefixes.push(vendorPrefix);
    await sim.control.resetRequests();
    const vendor = await startBareWorker({
      redisUrl: ctx.redisUrl,
      prefix: vendorPrefix,
      simulatorUrl: sim.url,
      queues: [queueNames.status],
      concurrency,
      tokenPerCall: true,
    });
    children.push(vendor);
    const vendorQueues = openQueues(ctx.redisUrl, vendorPrefix);
    await addMany(vendorQueues.queue(queueNames.status), sampleJobs, job);
    await vendorQueues.waitFinished([queueNames.status], sampleJobs, 60_000);
    await vendorQueues.close();
    const vendorTokens = (await sim.control.requests({ endpoint: tokenEndpoint })).length;
    const perJob = vendorTokens / sampleJobs;
    const baseline = Math.round(perJob * jobs);
    return [
      {
        id: 'token-requests',
        title: `Token requests per ${jobs.toLocaleString('en')} jobs, ${processes} processes`,
        figure: tokens,
        baseline,
        baselineNote: `measured ${vendorTokens} per ${sampleJobs}, scaled`,
        unit: 'tokens',
        target: '1',
        pass: tokens === 1,
        conditions: {
          jobs,
          processes,
          concurrencyPerProcess: concurrency,
          jobKind: 'status (paycert, TOKEN call)',
        },
        details: {
          paycertCalls: calls,
          failedJobs: failed,
          seconds: round(seconds),
          vendorSampleJobs: sampleJobs,
          vendorSampleTokens: vendorTokens,
        },
        status: 'measured',
      },
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
