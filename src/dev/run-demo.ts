import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { UploadReport } from '../batches/batch-types.js';
import { workerEnvSchema } from '../config/env.js';
import { type EnvSource, loadConfig } from '../config/load-config.js';
import { createLogger } from '../config/logger.js';
import { queueNames } from '../contract/names.js';
import type { JobResult } from '../contract/result-schema.js';
import { consumeResults } from '../intake/producer/consume-results.js';
import { createProducer } from '../intake/producer/create-producer.js';
import { handleSignals } from '../main/handle-signals.js';
import { startHttpRuntime } from '../main/http-runtime.js';
import { startWorkerRuntime } from '../main/worker-runtime.js';
import { createMetrics } from '../metrics/create-metrics.js';
import { createRedisConnection } from '../redis/connection.js';
import { redactSecretsInText } from '../shared/secrets.js';
import { startSimulator } from '../simulator/start-simulator.js';
import { describeResult, runDemoScript } from './demo-script.js';
import { freePort, pingRedis, startRedisServer } from './local-redis.js';

const demoAccount = { COOKIEPAY_API_ID: 'demo-shop', COOKIEPAY_API_KEY: 'demo-api-key' };

const NO_REDIS =
  'No Redis answers at REDIS_URL and there is no redis-server to start. Get one with ' +
  '`docker compose up -d redis`, or `apt-get install redis-server` (macOS: `brew install redis`), ' +
  'or set REDIS_URL to a Redis you have.';

const findOrStartRedis = async (env: EnvSource, write: (line: string) => void) => {
  const url = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await pingRedis(url)) return { url, stop: async () => {} };
  if (env.REDIS_URL) throw new Error(`No Redis answers at REDIS_URL (${redactSecretsInText(url)}).`);
  write('No Redis on 127.0.0.1:6379: starting a redis-server of our own for the demo.');
  const server = await startRedisServer().catch(() => {
    throw new Error(NO_REDIS);
  });
  return { url: server.url, stop: server.stop };
};

/**
 * `npm run demo`: the embedded default. Redis (REDIS_URL, or a redis-server it starts), the simulator, the
 * worker, then a short scripted session whose results are printed as they arrive. Ctrl-C stops everything.
 */
export const runDemo = async (env: EnvSource, write: (line: string) => void): Promise<void> => {
  const redis = await findOrStartRedis(env, write);
  const logger = createLogger({ level: env.LOG_LEVEL || 'error' });
  const simulator = await startSimulator({
    port: 0,
    apiId: demoAccount.COOKIEPAY_API_ID,
    apiKey: demoAccount.COOKIEPAY_API_KEY,
    logger,
  });
  const httpPort = env.HTTP_PORT || String(await freePort());
  const boardPassword = env.BOARD_PASSWORD || randomBytes(6).toString('hex');
  const config = loadConfig(workerEnvSchema, {
    ...demoAccount,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: env.QUEUE_PREFIX || 'demo',
    COOKIEPAY_BASE_URL: simulator.url,
    STATUS_POLL_INTERVAL_MS: '1000',
    STATUS_POLL_TIMEOUT_MS: '60000',
    RETRY_BACKOFF_MS: '500',
    LOG_LEVEL: env.LOG_LEVEL || 'error',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: httpPort,
    BOARD_USERNAME: env.BOARD_USERNAME || 'demo',
    BOARD_PASSWORD: boardPassword,
  });
  if (config.QUEUE_PREFIX === 'demo') {
    // Each demo starts clean: jobs of an earlier run would ask a simulator that no longer exists.
    const cleaner = createRedisConnection(redis.url, 'producer');
    const stale = await cleaner.keys('demo:*');
    for (let i = 0; i < stale.length; i += 500) await cleaner.del(...stale.slice(i, i + 500));
    await cleaner.quit();
  }
  const metrics = createMetrics();
  const runtime = await startWorkerRuntime(config, logger, { metrics });
  const http = await startHttpRuntime(config, logger, { metrics });
  // Paid links send their notification (Noti) to our receiver, which has CookiePay verify it.
  await simulator.control.setNotificationUrl(`${http.url}/cookiepay/notification`);
  const auth = `Basic ${Buffer.from(`${config.BOARD_USERNAME}:${boardPassword}`).toString('base64')}`;
  const producer = createProducer({ redisUrl: redis.url, prefix: config.QUEUE_PREFIX });
  const results = new Map<string, JobResult>();
  const consumer = consumeResults({
    redisUrl: redis.url,
    prefix: config.QUEUE_PREFIX,
    handler: (result) => {
      results.set(result.sourceJobId, result);
      write(describeResult(result));
    },
  });
  const rawConnection = createRedisConnection(redis.url, 'producer');
  const rawQueue = new Queue(queueNames.urlpay, { connection: rawConnection, prefix: config.QUEUE_PREFIX });

  write(`CookiePay simulator: ${simulator.url}   Redis: ${redis.url}   queue prefix: ${config.QUEUE_PREFIX}`);
  write(`Bull Board: ${http.url}/board   user ${config.BOARD_USERNAME}   password ${boardPassword}`);
  write(`Metrics: ${http.url}/metrics   notifications: POST ${http.url}/cookiepay/notification`);
  const stop = async () => {
    await consumer.close();
    await producer.close();
    await rawQueue.close();
    await rawConnection.quit();
    await http.close();
    await runtime.close();
    await simulator.close();
    await redis.stop();
  };
  handleSignals({ logger, shutdown: stop });
  await runDemoScript({
    producer,
    control: simulator.control,
    results,
    write,
    runId: `demo-${Date.now().toString(36)}`,
    addRawUrlPay: async (data, jobId) => String((await rawQueue.add('urlpay', data, { jobId })).id),
    uploadCsv: async (csv) => {
      const response = await fetch(`${http.url}/batches/shipments`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'text/csv' },
        body: csv,
      });
      return (await response.json()) as UploadReport;
    },
  });
  write(`\nThe worker keeps running; look around in the board: ${http.url}/board (Ctrl-C stops everything).`);
};
