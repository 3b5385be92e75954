import { startStatusDrains } from '../lib/drain-status-jobs.js';
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
  const drains = await startStatusDrains(ctx, 'slow', { warmup, jobs, concurrency });
  try {
    await drains.sim.control.setLatency(latencyMs);
    const baseline = await drains.run('baseline');
    const pipeline = await drains.run('pipeline');
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
    await drains.close();
  }
};
