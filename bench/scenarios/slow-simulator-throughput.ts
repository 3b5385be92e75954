import { drainStatusJobs, type Variant } from '../lib/drain-status-jobs.js';
import type { DrainFigures } from '../lib/measure-drain.js';
import { preparePaidPayments } from '../lib/paid-payments.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';

/**
 * Scenario 4: the simulator answers after 200 ms; one process at concurrency 100 can at best do 500 jobs/s.
 * The real worker against the bare BullMQ+got worker at the same settings.
 */
export const slowSimulatorThroughput = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 1_000 : 2_000;
  const warmup = 200;
  const concurrency = 100;
  const latencyMs = 200;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  try {
    const setupPrefix = freshPrefix('slow-setup');
    prefixes.push(setupPrefix);
    const paid = await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, setupPrefix, 20);
    await sim.control.setLatency(latencyMs);
    const tids = paid.map((payment) => payment.tid);
    const run = async (variant: Variant): Promise<DrainFigures> => {
      const prefix = freshPrefix(`slow-${variant}`);
      prefixes.push(prefix);
      return drainStatusJobs(variant, {
        redisUrl: ctx.redisUrl,
        simulatorUrl: sim.url,
        prefix,
        tids,
        warmup,
        jobs,
        concurrency,
      });
    };
    const baseline = await run('baseline');
    const pipeline = await run('pipeline');
    return [
      {
        id: 'slow-simulator-throughput',
        title: 'Throughput at 200 ms simulator latency, concurrency 100, 1 process',
        figure: round(pipeline.jobsPerSecond, 1),
        baseline: round(baseline.jobsPerSecond, 1),
        unit: 'jobs/s',
        target: '≥ 400 (of 500)',
        pass: pipeline.jobsPerSecond >= 400,
        conditions: {
          jobs,
          warmup,
          concurrency,
          processes: 1,
          simulatorLatencyMs: latencyMs,
          jobKind: 'status',
        },
        details: {
          pipelineSeconds: round(pipeline.seconds),
          baselineSeconds: round(baseline.seconds),
          ceilingJobsPerSecond: (concurrency * 1000) / latencyMs,
          pipelineFailed: pipeline.failed,
          baselineFailed: baseline.failed,
        },
        status: 'measured',
      },
    ];
  } finally {
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
