import { benchAccountEnv } from './bench-account.js';
import { type BenchChild, spawnTs } from './children.js';

/** The environment of a real worker under measurement: no limiter in the way unless a scenario sets one. */
export const pipelineEnv = (
  redisUrl: string,
  simulatorUrl: string,
  prefix: string,
  overrides: Record<string, string> = {},
): Record<string, string> => ({
  ...benchAccountEnv,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  COOKIEPAY_BASE_URL: simulatorUrl,
  COOKIEPAY_TIMEOUT_MS: '10000',
  COOKIEPAY_RATE_LIMIT_MAX: '1000000',
  RETRY_BACKOFF_MS: '20',
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  // No reconciliation under measurement: its scheduled run would add calls and a result of its own.
  RECONCILE_INTERVAL_MS: '0',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  ...overrides,
});

/** Extra Node flags for the workers under measurement, e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof". */
const workerNodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** `startWorkerRuntime(config, logger)` in a child process (bench/children/pipeline-worker.ts). */
export const startPipelineWorker = async (
  env: Record<string, string>,
  nodeArgs: readonly string[] = workerNodeArgs,
): Promise<BenchChild> => {
  const child = spawnTs('pipeline worker', 'bench/children/pipeline-worker.ts', [], env, {
    ipc: true,
    nodeArgs,
  });
  await child.waitForMessage('ready');
  return child;
};

/** `cookiepay-worker start` (workers and HTTP server), as deployed. */
export const startCliWorker = async (env: Record<string, string>): Promise<BenchChild> => {
  const child = spawnTs('cookiepay-worker start', 'src/bin/cookiepay-worker.ts', ['start'], {
    ...env,
    LOG_LEVEL: 'info',
  });
  await child.waitForText('worker started');
  return child;
};

export interface BareWorkerConfig {
  redisUrl: string;
  prefix: string;
  simulatorUrl: string;
  queues: readonly string[];
  concurrency: number;
  /** BullMQ's own per-queue limiter. */
  limiter?: { max: number; duration: number };
  /** The vendor samples' way: a new token before every call that needs one. */
  tokenPerCall?: boolean;
  /** BullMQ's removeOnComplete of the workers (default: keep every job). */
  removeOnComplete?: { age: number; count: number };
}

/** A bare BullMQ worker doing one got POST per job (bench/children/bare-worker.ts): the baseline. */
export const startBareWorker = async (config: BareWorkerConfig): Promise<BenchChild> => {
  const child = spawnTs(
    'bare worker',
    'bench/children/bare-worker.ts',
    [],
    { ...benchAccountEnv, BENCH_BARE_WORKER: JSON.stringify(config) },
    { ipc: true, nodeArgs: workerNodeArgs },
  );
  await child.waitForMessage('ready');
  return child;
};
