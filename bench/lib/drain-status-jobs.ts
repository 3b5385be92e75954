import { queueNames } from '../../src/contract/names.js';
import { statusData } from './job-data.js';
import { type DrainFigures, measureDrain } from './measure-drain.js';
import { preparePaidPayments } from './paid-payments.js';
import { deletePrefixKeys, freshPrefix } from './redis-prefix.js';
import { type SimulatorProcess, startSimulatorProcess } from './simulator-process.js';
import type { BenchContext } from './types.js';
import { pipelineEnv, startBareWorker, startPipelineWorker } from './worker-processes.js';

export type Variant = 'pipeline' | 'baseline';

export interface StatusDrain {
  redisUrl: string;
  simulatorUrl: string;
  prefix: string;
  /** Paid TIDs the status jobs check, in turn. */
  tids: readonly string[];
  warmup: number;
  jobs: number;
  concurrency: number;
  /** The simulator's process id, so its CPU time per job is reported too. */
  simulatorPid?: number | undefined;
}

/**
 * Drains status jobs (paycert by TID) through the real worker (`pipeline`) or the bare BullMQ+got worker
 * (`baseline`), at the same concurrency, and returns the figures.
 */
export const drainStatusJobs = (variant: Variant, o: StatusDrain): Promise<DrainFigures> =>
  measureDrain({
    redisUrl: o.redisUrl,
    prefix: o.prefix,
    queueName: queueNames.status,
    warmup: o.warmup,
    jobs: o.jobs,
    data: (i) => statusData(o.tids[i % o.tids.length] as string),
    timeoutMs: 120_000,
    alsoMeasure: { simulator: o.simulatorPid },
    start: async () => [
      variant === 'pipeline'
        ? await startPipelineWorker(
            pipelineEnv(o.redisUrl, o.simulatorUrl, o.prefix, { CONCURRENCY_STATUS: String(o.concurrency) }),
          )
        : await startBareWorker({
            redisUrl: o.redisUrl,
            prefix: o.prefix,
            simulatorUrl: o.simulatorUrl,
            queues: [queueNames.status],
            concurrency: o.concurrency,
          }),
    ],
  });

export interface StatusDrains {
  sim: SimulatorProcess;
  /** One drain of either variant under a fresh prefix, the simulator's request log emptied first. */
  run: (variant: Variant) => Promise<DrainFigures>;
  /** Stops the simulator and deletes every prefix the drains used. */
  close: () => Promise<void>;
}

/**
 * A simulator in a process of its own with 20 paid payments (prepared at 0 ms latency), and drains of status
 * jobs checking them, for the throughput scenarios.
 */
export const startStatusDrains = async (
  ctx: BenchContext,
  label: string,
  shape: Pick<StatusDrain, 'warmup' | 'jobs' | 'concurrency'>,
): Promise<StatusDrains> => {
  const sim = await startSimulatorProcess();
  const prefixes: string[] = [];
  const close = async () => {
    await sim.child.stop();
    for (const prefix of prefixes) await deletePrefixKeys(ctx.redisUrl, prefix);
  };
  try {
    const setupPrefix = freshPrefix(`${label}-setup`);
    prefixes.push(setupPrefix);
    const paid = await preparePaidPayments(sim.url, sim.control, ctx.redisUrl, setupPrefix, 20);
    const tids = paid.map((payment) => payment.tid);
    const run = async (variant: Variant) => {
      const prefix = freshPrefix(`${label}-${variant}`);
      prefixes.push(prefix);
      await sim.control.resetRequests();
      return drainStatusJobs(variant, {
        ...shape,
        redisUrl: ctx.redisUrl,
        simulatorUrl: sim.url,
        prefix,
        tids,
        simulatorPid: sim.child.process.pid,
      });
    };
    return { sim, run, close };
  } catch (error) {
    await close();
    throw error;
  }
};
