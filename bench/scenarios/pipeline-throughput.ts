import { drainStatusJobs, type Variant } from '../lib/drain-status-jobs.js';
import type { DrainFigures } from '../lib/measure-drain.js';
import { preparePaidPayments } from '../lib/paid-payments.js';
import { deletePrefixKeys, freshPrefix } from '../lib/redis-prefix.js';
import { startSimulatorProcess } from '../lib/simulator-process.js';
import { round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';

/**
 * Scenario 1: jobs per second through the whole pipeline (validation, shared token, HTTP at 0 ms, result
 * published) against a bare BullMQ worker doing one got POST per job, same queue, concurrency and job count.
 * Status checks by TID (paycert, a TOKEN call); baseline first, then the worker (one round each, to keep the run short).
 */
export const pipelineThroughput = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 1_000 : 5_000;
  const warmup = ctx.quick ? 200 : 500;
  const concurrency = 50;
  const rounds = 1;
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  try {
    const setupPrefix = freshPrefix('throughput-setup');
    prefixes.push(setupPrefix);
    const paid = await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, setupPrefix, 20);
    const tids = paid.map((payment) => payment.tid);
    const run = async (variant: Variant): Promise<DrainFigures> => {
      const prefix = freshPrefix(`throughput-${variant}`);
      prefixes.push(prefix);
      await sim.control.resetRequests();
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
    const pipeline: DrainFigures[] = [];
    const baseline: DrainFigures[] = [];
    for (let r = 0; r < rounds; r++) {
      baseline.push(await run('baseline'));
      pipeline.push(await run('pipeline'));
    }
    const best = (figures: DrainFigures[]) => Math.max(...figures.map((f) => f.jobsPerSecond));
    const figure = best(pipeline);
    const base = best(baseline);
    const ratio = figure / base;
    return [
      {
        id: 'pipeline-throughput',
        title: 'Throughput, whole pipeline vs bare BullMQ+got (0 ms simulator)',
        figure: round(ratio, 3),
        baseline: 1,
        unit: 'ratio',
        target: '≥ 0.8',
        pass: ratio >= 0.8,
        conditions: {
          jobs,
          warmup,
          concurrency,
          rounds,
          jobKind: 'status (paycert by TID)',
          simulatorLatencyMs: 0,
        },
        details: {
          pipelineJobsPerSecond: round(figure, 1),
          baselineJobsPerSecond: round(base, 1),
          pipelineRuns: pipeline.map((f) => round(f.jobsPerSecond, 1)).join(' / '),
          baselineRuns: baseline.map((f) => round(f.jobsPerSecond, 1)).join(' / '),
          pipelineFailed: Math.max(...pipeline.map((f) => f.failed)),
          baselineFailed: Math.max(...baseline.map((f) => f.failed)),
        },
        status: 'measured',
      },
    ];
  } finally {
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  }
};
