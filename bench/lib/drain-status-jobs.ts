import { queueNames } from '../../src/queues/names.js';
import { statusData } from './job-data.js';
import { type DrainFigures, measureDrain } from './measure-drain.js';
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
