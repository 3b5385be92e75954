import { httpEnvSchema } from '../config/http-env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { handleSignals } from './handle-signals.js';
import { startHttpRuntime } from './http-runtime.js';

/** `cookiepay-worker http`: the HTTP server alone (board, notifications, metrics, batches), until SIGTERM/SIGINT. */
export const runHttp = async (env: EnvSource): Promise<void> => {
  const config = loadConfig(httpEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  const runtime = await startHttpRuntime(config, logger, { metrics: createMetrics() });
  handleSignals({ logger, shutdown: () => runtime.close() });
};
