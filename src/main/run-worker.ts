import { workerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { handleSignals } from './handle-signals.js';
import { startWorkerRuntime } from './worker-runtime.js';

/** `cookiepay-worker start`: the three queue workers until SIGTERM/SIGINT. */
export const runWorker = async (env: EnvSource): Promise<void> => {
  const config = loadConfig(workerEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  const runtime = await startWorkerRuntime(config, logger);
  handleSignals({
    logger,
    shutdown: async () => {
      const outcome = await runtime.close();
      logger.info({ outcome }, 'workers closed');
    },
  });
};
