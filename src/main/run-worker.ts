import { workerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { handleSignals } from './handle-signals.js';
import { startHttpRuntime } from './http-runtime.js';
import { startWorkerRuntime } from './worker-runtime.js';

/** `cookiepay-worker start`: the queue workers and the HTTP server, sharing one metrics registry, until SIGTERM/SIGINT. */
export const runWorker = async (env: EnvSource): Promise<void> => {
  const config = loadConfig(workerEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  const metrics = createMetrics();
  const runtime = await startWorkerRuntime(config, logger, { metrics });
  const http = await startHttpRuntime(config, logger, { metrics }).catch(async (error: unknown) => {
    await runtime.close();
    throw error;
  });
  handleSignals({
    logger,
    shutdown: async () => {
      await http.close();
      const outcome = await runtime.close();
      logger.info({ outcome }, 'workers closed');
    },
  });
};
