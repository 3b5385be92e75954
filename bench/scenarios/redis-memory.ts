import { queueNames } from '../../src/contract/names.js';
import { defaultRetention, type JobRetention } from '../../src/contract/retention.js';
import { consumeResults } from '../../src/intake/producer/consume-results.js';
import { createProducer } from '../../src/intake/producer/create-producer.js';
import type { BenchChild } from '../lib/children.js';
import { urlPayData } from '../lib/job-data.js';
import { addMany, openQueues, type QueueSet } from '../lib/queue-counts.js';
import { keptJobBytes, type PrefixMemory, prefixMemory } from '../lib/redis-memory.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { waitFor } from '../lib/sleep.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';
import { pipelineEnv, startBareWorker, startPipelineWorker } from '../lib/worker-processes.js';

const day = 86_400;
const jobsPerDay = 100_000;
const budgetMb = 500;
/** BullMQ trims each queue's event stream to about this many entries (`streams.events.maxLen`). */
const eventsMaxLen = 10_000;
const mb = (bytes: number) => round(bytes / 1_000_000, 1);

/** Jobs a queue keeps at `jobsPerDay` under this retention of its completed jobs. */
const keptAtRate = ({ completed }: JobRetention) =>
  Math.min((jobsPerDay * completed.ageSeconds) / day, completed.count);

/** Bytes of a queue's event stream once BullMQ trims it, from the bytes per entry measured. */
const eventsAtCap = (memory: PrefixMemory, queue: string) => {
  const entries = memory.eventEntries[queue] ?? 0;
  const bytes = memory.byQueue[queue]?.events.bytes ?? 0;
  return entries === 0 ? 0 : (bytes / entries) * eventsMaxLen;
};

/** Until `queue` has exactly `kept` completed jobs and nothing left to run. */
const waitSteady = (queues: QueueSet, queue: string, kept: number) =>
  waitFor(
    `${kept} completed jobs left on ${queue}`,
    async () => {
      const counts = await queues.queue(queue).getJobCounts('completed', 'wait', 'active', 'delayed');
      return counts.completed === kept && !counts.wait && !counts.active && !counts.delayed;
    },
    60_000,
    50,
  );

/**
 * Scenario 7: Redis bytes per urlpay job at steady state. `jobs` urlpay jobs through a real worker process on the
 * simulator, their results consumed (consumeResults), retention by count (`kept`, a quarter of the jobs) so that
 * each queue has turned over four times and holds exactly `kept` jobs when measured. Figure: MEMORY USAGE of the
 * kept jobs (hashes and their entries in the completed sets) of cookiepay-urlpay and cookiepay-results, per job.
 * Baseline: a bare BullMQ worker (one got POST, the answer as return value) on the same data, keeping the same
 * number of completed jobs. Event streams are fixed costs (trimmed to ~10,000 entries per queue), reported apart.
 */
export const redisMemory = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 600 : 2_000;
  const kept = jobs / 4;
  const concurrency = 20;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  const children: BenchChild[] = [];
  try {
    // The worker, its results consumed.
    const prefix = freshPrefix('memory');
    prefixes.push(prefix);
    children.push(
      await startPipelineWorker(
        pipelineEnv(ctx.redisUrl, sim.url, prefix, {
          CONCURRENCY_URLPAY: String(concurrency),
          RETENTION_COMPLETED_COUNT: String(kept),
          RETENTION_RESULTS_COUNT: String(kept),
        }),
      ),
    );
    let consumed = 0;
    const consumer = consumeResults({
      redisUrl: ctx.redisUrl,
      prefix,
      concurrency,
      handler: () => {
        consumed += 1;
      },
    });
    const producer = createProducer({ redisUrl: ctx.redisUrl, prefix });
    const queues = openQueues(ctx.redisUrl, prefix);
    for (let from = 0; from < jobs; from += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, jobs - from) }, (_, k) =>
          producer.enqueueUrlPay(urlPayData(from + k), { jobId: `mem-${from + k}` }),
        ),
      );
    }
    await waitFor(`${jobs} consumed results`, async () => consumed >= jobs, 120_000, 50);
    await waitSteady(queues, queueNames.urlpay, kept);
    await waitSteady(queues, queueNames.results, kept);
    const { failed } = await queues.finished([queueNames.urlpay]);
    const memory = await prefixMemory(ctx.redisUrl, prefix, Object.values(queueNames));
    await consumer.close();
    await producer.close();
    await queues.close();
    await Promise.all(children.splice(0).map((child) => child.stop()));

    // The baseline: a bare BullMQ job with the same data, kept the same way.
    const barePrefix = freshPrefix('memory-bare');
    prefixes.push(barePrefix);
    children.push(
      await startBareWorker({
        redisUrl: ctx.redisUrl,
        prefix: barePrefix,
        simulatorUrl: sim.url,
        queues: [queueNames.urlpay],
        concurrency,
        removeOnComplete: { age: day, count: kept },
      }),
    );
    const bareQueues = openQueues(ctx.redisUrl, barePrefix);
    await addMany(bareQueues.queue(queueNames.urlpay), jobs, (i) => ({
      name: 'urlpay',
      data: urlPayData(i),
      opts: { jobId: `mem-${i}` },
    }));
    await waitSteady(bareQueues, queueNames.urlpay, kept);
    const bareMemory = await prefixMemory(ctx.redisUrl, barePrefix, [queueNames.urlpay]);
    await bareQueues.close();

    const source = keptJobBytes(memory, queueNames.urlpay);
    const result = keptJobBytes(memory, queueNames.results);
    const bare = keptJobBytes(bareMemory, queueNames.urlpay);
    const sourcePerJob = source.bytes / source.jobs;
    const resultPerJob = result.bytes / result.jobs;
    const perJob = sourcePerJob + resultPerJob;
    const barePerJob = bare.bytes / bare.jobs;
    const events = eventsAtCap(memory, queueNames.urlpay) + eventsAtCap(memory, queueNames.results);
    const bareEvents = eventsAtCap(bareMemory, queueNames.urlpay);
    // Steady state at 100,000 urlpay jobs a day under the default retention, and under the old one (7 days by age).
    const projected =
      sourcePerJob * keptAtRate(defaultRetention.sourceJobs) +
      resultPerJob * keptAtRate(defaultRetention.results) +
      events;
    const bareProjected = barePerJob * keptAtRate(defaultRetention.sourceJobs) + bareEvents;
    const oldProjected = perJob * jobsPerDay * 7 + events;
    const conditions = {
      jobs,
      kept,
      jobKind: 'urlpay (results consumed)',
      concurrency,
      measure: 'MEMORY USAGE SAMPLES 0',
    };
    const details = {
      sourceJobBytes: Math.round(sourcePerJob),
      resultBytes: Math.round(resultPerJob),
      keptSourceJobs: source.jobs,
      keptResults: result.jobs,
      failedJobs: failed,
      eventStreamsAtCapMb: mb(events),
      bareEventStreamAtCapMb: mb(bareEvents),
      otherKeysBytes: memory.other.bytes,
    };
    return [
      {
        id: 'redis-memory',
        title: 'Redis bytes per urlpay job at steady state (the job and its result)',
        figure: Math.round(perJob),
        baseline: Math.round(barePerJob),
        baselineNote: 'a bare BullMQ job, same data, answer as return value',
        unit: 'B',
        target: `≤ ${(budgetMb * 1_000_000) / jobsPerDay} B (${budgetMb} MB / ${jobsPerDay.toLocaleString('en')} kept)`,
        pass: perJob <= (budgetMb * 1_000_000) / jobsPerDay,
        conditions,
        details,
        status: 'measured',
      },
      {
        id: 'redis-memory',
        title: `Redis at ${jobsPerDay.toLocaleString('en')} urlpay jobs a day, default retention (steady state)`,
        figure: mb(projected),
        baseline: mb(bareProjected),
        baselineNote: 'bare jobs kept the same',
        unit: 'MB',
        target: `≤ ${budgetMb}`,
        pass: projected <= budgetMb * 1_000_000,
        conditions: {
          ...conditions,
          keptSourceJobs: keptAtRate(defaultRetention.sourceJobs),
          keptResults: keptAtRate(defaultRetention.results),
        },
        details: { ...details, oldRetention7DaysMb: mb(oldProjected) },
        status: 'measured',
      },
    ];
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
