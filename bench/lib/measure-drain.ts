import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { BenchChild } from './children.js';
import { cpuMsPerJob, cpuSnapshot, processCpuMs } from './cpu-time.js';
import { sleep, waitFor } from './sleep.js';

export interface DrainOptions {
  redisUrl: string;
  prefix: string;
  queueName: string;
  /** Jobs drained before the measurement (connections, JIT, token). */
  warmup: number;
  jobs: number;
  data: (i: number) => Record<string, unknown>;
  /** Starts the worker(s) under measurement; they are stopped afterwards. */
  start: () => Promise<BenchChild[]>;
  timeoutMs: number;
  /** Other processes whose CPU time per job is reported beside the workers' and Redis' (e.g. the simulator). */
  alsoMeasure?: Record<string, number | undefined>;
}

export interface DrainFigures {
  jobsPerSecond: number;
  seconds: number;
  failed: number;
  /** CPU ms per job during the measured drain: `workers` (all started children), `redis`, and `alsoMeasure`. */
  cpuMsPerJob: Record<string, number>;
}

const addJobs = async (queue: Queue, from: number, count: number, data: DrainOptions['data']) => {
  for (let done = 0; done < count; done += 1_000) {
    const size = Math.min(1_000, count - done);
    await queue.addBulk(
      Array.from({ length: size }, (_, k) => {
        const i = from + done + k;
        return { name: 'bench', data: data(i), opts: { jobId: `bench-${i}` } };
      }),
    );
  }
};

/**
 * Warm-up first, then `jobs` added to the paused queue; the clock runs from resume until all of them are
 * completed or failed (polled every 10 ms).
 */
export const measureDrain = async (options: DrainOptions): Promise<DrainFigures> => {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(options.queueName, { connection: redis, prefix: options.prefix });
  const children = await options.start();
  try {
    const finished = async () => {
      const counts = await queue.getJobCounts('completed', 'failed');
      return { done: (counts.completed ?? 0) + (counts.failed ?? 0), failed: counts.failed ?? 0 };
    };
    await addJobs(queue, 0, options.warmup, options.data);
    await waitFor('the warm-up', async () => (await finished()).done >= options.warmup, options.timeoutMs);
    await queue.pause();
    await addJobs(queue, options.warmup, options.jobs, options.data);
    await sleep(200);
    const pids = async () => {
      const workers = await Promise.all(children.map((child) => processCpuMs(child.process.pid)));
      const known = workers.filter((ms): ms is number => ms !== undefined);
      return known.length === workers.length ? known.reduce((sum, ms) => sum + ms, 0) : undefined;
    };
    const snapshot = async () => ({
      ...(await cpuSnapshot(options.alsoMeasure ?? {}, redis)),
      workers: await pids(),
    });
    const cpuBefore = await snapshot();
    const started = performance.now();
    await queue.resume();
    const total = options.warmup + options.jobs;
    await waitFor('the jobs', async () => (await finished()).done >= total, options.timeoutMs, 10);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuMsPerJob(cpuBefore, await snapshot(), options.jobs);
    const { failed } = await finished();
    return { jobsPerSecond: options.jobs / seconds, seconds, failed, cpuMsPerJob: cpu };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await queue.close();
    await redis.quit().catch(() => redis.disconnect());
  }
};
