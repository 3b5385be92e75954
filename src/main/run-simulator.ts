import { simulatorEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { parseAssumptionsSetting } from '../simulator/assumptions.js';
import { startSimulator } from '../simulator/start-simulator.js';
import { handleSignals } from './handle-signals.js';

/** `cookiepay-worker simulator`: a local CookiePay for tests, demos and development. */
export const runSimulator = async (env: EnvSource): Promise<void> => {
  const config = loadConfig(simulatorEnvSchema, env);
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'cookiepay-simulator' });
  const assumptions = parseAssumptionsSetting(config.SIMULATOR_ASSUMPTIONS);
  const simulator = await startSimulator({
    host: config.SIMULATOR_HOST,
    port: config.SIMULATOR_PORT,
    apiId: config.COOKIEPAY_API_ID,
    apiKey: config.COOKIEPAY_API_KEY,
    tokenTtlSeconds: config.SIMULATOR_TOKEN_TTL_SECONDS,
    notificationUrl: config.SIMULATOR_NOTIFICATION_URL ?? null,
    assumptions,
    logger,
  });
  logger.info(
    { url: simulator.url, assumptions: simulator.context.settings.assumptions },
    'use this as COOKIEPAY_BASE_URL',
  );
  handleSignals({ logger, shutdown: () => simulator.close() });
};
