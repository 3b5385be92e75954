import { queueNames } from '../../src/contract/names.js';
import type { JobResult } from '../../src/contract/result-schema.js';
import { createProducer } from '../../src/intake/producer/create-producer.js';
import type { BenchChild } from '../lib/children.js';
import { urlPayData } from '../lib/job-data.js';
import { openQueues } from '../lib/queue-counts.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { sleep, waitFor } from '../lib/sleep.js';
import { percentile, round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';
import { pipelineEnv, startBareWorker, startPipelineWorker } from '../lib/worker-processes.js';

/** Calls `enqueue(i)` every `everyMs` (on a fixed schedule) and returns when each call began (epoch ms). */
const paced = async (count: number, everyMs: number, enqueue: (i: number) => Promise<void>) => {
  const sentAt: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * everyMs - performance.now();
    if (wait > 0) await sleep(wait);
    sentAt.push(Date.now());
    await enqueue(i);
  }
  return sentAt;
};

/**
 * Scenario 5: at light load (a urlpay job every 20 ms), the time from `producer.enqueueUrlPay` to the result job's
 * timestamp on cookiepay-results. Baseline: a bare `queue.add` to a BullMQ+got worker, until the job's finishedOn.
 */
export const enqueueToResultLatency = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 150 : 500;
  const everyMs = 20;
  const warmup = 20;
  const concurrency = 10;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  const children: BenchChild[] = [];
  try {
    // The worker: producer → worker → result.
    const prefix = freshPrefix('latency');
    prefixes.push(prefix);
    children.push(
      await startPipelineWorker(
        pipelineEnv(ctx.redisUrl, sim.url, prefix, { CONCURRENCY_URLPAY: String(concurrency) }),
      ),
    );
    const queues = openQueues(ctx.redisUrl, prefix);
    const producer = createProducer({ redisUrl: ctx.redisUrl, prefix });
    const results = queues.queue(queueNames.results);
    const resultCount = async () => (await results.getJobCounts('wait')).wait ?? 0;
    for (let i = 0; i < warmup; i++) await producer.enqueueUrlPay(urlPayData(i), { jobId: `warm-${i}` });
    await waitFor('warm-up results', async () => (await resultCount()) >= warmup, 30_000);
    const sentAt = await paced(jobs, everyMs, async (i) => {
      await producer.enqueueUrlPay(urlPayData(i), { jobId: `lat-${i}` });
    });
    await waitFor('results', async () => (await resultCount()) >= warmup + jobs, 60_000);
    const published = new Map<string, number>();
    for (const job of await results.getJobs(['wait'], 0, -1)) {
      published.set((job.data as JobResult).sourceJobId, job.timestamp);
    }
    const worker = sentAt.map((at, i) => (published.get(`lat-${i}`) ?? Number.NaN) - at);
    await producer.close();
    await queues.close();
    await Promise.all(children.splice(0).map((child) => child.stop()));

    // Baseline: queue.add → bare worker → completed.
    const barePrefix = freshPrefix('latency-bare');
    prefixes.push(barePrefix);
    children.push(
      await startBareWorker({
        redisUrl: ctx.redisUrl,
        prefix: barePrefix,
        simulatorUrl: sim.url,
        queues: [queueNames.urlpay],
        concurrency,
      }),
    );
    const bareQueues = openQueues(ctx.redisUrl, barePrefix);
    const urlpay = bareQueues.queue(queueNames.urlpay);
    for (let i = 0; i < warmup; i++) await urlpay.add('link', urlPayData(i), { jobId: `warm-${i}` });
    await bareQueues.waitFinished([queueNames.urlpay], warmup, 30_000);
    const bareSentAt = await paced(jobs, everyMs, async (i) => {
      await urlpay.add('link', urlPayData(i), { jobId: `lat-${i}` });
    });
    await bareQueues.waitFinished([queueNames.urlpay], warmup + jobs, 60_000);
    const finished = new Map<string, number>();
    for (const job of await urlpay.getJobs(['completed'], 0, -1))
      finished.set(String(job.id), job.finishedOn ?? Number.NaN);
    const bare = bareSentAt.map((at, i) => (finished.get(`lat-${i}`) ?? Number.NaN) - at);
    await bareQueues.close();

    const missing = worker.filter(Number.isNaN).length;
    const conditions = { jobs, everyMs, warmup, concurrency, jobKind: 'urlpay', simulatorLatencyMs: 0 };
    const p = (values: number[], q: number) =>
      round(
        percentile(
          values.filter((v) => !Number.isNaN(v)),
          q,
        ),
        1,
      );
    return [
      {
        id: 'enqueue-to-result-latency',
        title: 'Enqueue → result latency at 50 jobs/s: p50',
        figure: p(worker, 50),
        baseline: p(bare, 50),
        unit: 'ms',
        target: '≤ 10',
        pass: missing === 0 && p(worker, 50) <= 10,
        conditions,
        details: { missingResults: missing, workerMax: p(worker, 100), bareMax: p(bare, 100) },
        status: 'measured',
      },
      {
        id: 'enqueue-to-result-latency',
        title: 'Enqueue → result latency at 50 jobs/s: p99',
        figure: p(worker, 99),
        baseline: p(bare, 99),
        unit: 'ms',
        target: '≤ 50',
        pass: missing === 0 && p(worker, 99) <= 50,
        conditions,
        details: {},
        status: 'measured',
      },
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
