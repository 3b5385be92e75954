import { startStatusDrains } from '../lib/drain-status-jobs.js';
import type { DrainFigures } from '../lib/measure-drain.js';
import { median, round } from '../lib/stats.js';
import type { BenchContext, ScenarioResult } from '../lib/types.js';

/**
 * Scenario 1: jobs per second through the whole pipeline (validation, shared token, HTTP at 0 ms, result
 * published) against a bare BullMQ worker doing one got POST per job, same queue, concurrency and job count.
 * Status checks by TID (paycert, a TOKEN call). Rounds alternate baseline and worker, and the figure is the median
 * of each round's ratio: on a shared 2-core machine one round alone swings by ±10%. CPU time per job of the
 * worker, Redis and the simulator is reported beside it (Linux), which shows where a gap comes from.
 */
export const pipelineThroughput = async (ctx: BenchContext): Promise<ScenarioResult[]> => {
  const jobs = ctx.quick ? 1_000 : 3_000;
  const warmup = ctx.quick ? 200 : 2_000;
  const concurrency = 50;
  const rounds = ctx.quick ? 1 : 5;
  const drains = await startStatusDrains(ctx, 'throughput', { warmup, jobs, concurrency });
  try {
    const pipeline: DrainFigures[] = [];
    const baseline: DrainFigures[] = [];
    for (let r = 0; r < rounds; r++) {
      baseline.push(await drains.run('baseline'));
      pipeline.push(await drains.run('pipeline'));
    }
    const ratio = median(
      pipeline.map((figures, r) => figures.jobsPerSecond / (baseline[r] as DrainFigures).jobsPerSecond),
    );
    const cpu = (figures: DrainFigures[], name: string) =>
      round(median(figures.map((f) => f.cpuMsPerJob[name] ?? Number.NaN)), 3);
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
          pipelineJobsPerSecond: round(median(pipeline.map((f) => f.jobsPerSecond)), 1),
          baselineJobsPerSecond: round(median(baseline.map((f) => f.jobsPerSecond)), 1),
          pipelineRuns: pipeline.map((f) => round(f.jobsPerSecond, 1)).join(' / '),
          baselineRuns: baseline.map((f) => round(f.jobsPerSecond, 1)).join(' / '),
          roundRatios: pipeline
            .map((f, r) => round(f.jobsPerSecond / (baseline[r] as DrainFigures).jobsPerSecond, 2))
            .join(' / '),
          workerCpuMsPerJob: `${cpu(pipeline, 'workers')} (bare ${cpu(baseline, 'workers')})`,
          redisCpuMsPerJob: `${cpu(pipeline, 'redis')} (bare ${cpu(baseline, 'redis')})`,
          simulatorCpuMsPerJob: `${cpu(pipeline, 'simulator')} (bare ${cpu(baseline, 'simulator')})`,
          pipelineFailed: Math.max(...pipeline.map((f) => f.failed)),
          baselineFailed: Math.max(...baseline.map((f) => f.failed)),
        },
        status: 'measured',
      },
    ];
  } finally {
    await drains.close();
  }
};
