import { type Job, Worker } from 'bullmq';
import { got } from 'got';
import { Redis } from 'ioredis';
import type { BareWorkerConfig } from '../lib/worker-processes.js';

/**
 * The baseline: a bare BullMQ worker per queue, one got POST per job to the same simulator, no validation, no
 * shared token, no account rate gate, no result published. `tokenPerCall` is the vendor samples' way.
 */
const config = JSON.parse(process.env.BENCH_BARE_WORKER ?? '{}') as BareWorkerConfig;
const apiId = process.env.COOKIEPAY_API_ID ?? '';
const apiKey = process.env.COOKIEPAY_API_KEY ?? '';
const http = got.extend({ prefixUrl: config.simulatorUrl, method: 'POST', retry: { limit: 0 } });

type Answer = Record<string, unknown>;

const fetchToken = async (): Promise<string> => {
  const answer = await http('payAuth/token', { json: { pay2_id: apiId, pay2_key: apiKey } }).json<Answer>();
  if (answer.RTN_CD !== '0000') throw new Error(`token refused: ${String(answer.RTN_MSG)}`);
  return String(answer.TOKEN);
};

const sharedToken = config.tokenPerCall ? '' : await fetchToken();
const token = async () => (config.tokenPerCall ? fetchToken() : sharedToken);

const call = async (job: Job): Promise<Answer> => {
  const data = job.data as Record<string, unknown>;
  switch (job.queueName) {
    case 'cookiepay-urlpay':
      return http('urlpay/request', { headers: { ApiKey: apiKey }, json: { ...data, API_ID: apiId } }).json();
    case 'cookiepay-status':
      return http('api/paycert', { headers: { TOKEN: await token() }, json: { tid: data.TID } }).json();
    case 'cookiepay-delivery':
      return http('escro/delivery_add', {
        headers: { ApiKey: apiKey, TOKEN: await token() },
        json: { ...data, API_ID: apiId },
      }).json();
    default:
      throw new Error(`no call for queue ${job.queueName}`);
  }
};

const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
const workers = config.queues.map(
  (queue) =>
    new Worker(
      queue,
      async (job) => {
        const answer = await call(job);
        if (answer.RESULTCODE !== '0000') throw new Error(`CookiePay answered ${String(answer.RESULTCODE)}`);
        return answer;
      },
      {
        connection,
        prefix: config.prefix,
        concurrency: config.concurrency,
        ...(config.limiter ? { limiter: config.limiter } : {}),
        ...(config.removeOnComplete ? { removeOnComplete: config.removeOnComplete } : {}),
      },
    ),
);
await Promise.all(workers.map((worker) => worker.waitUntilReady()));
process.send?.({ type: 'ready' });

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await Promise.all(workers.map((worker) => worker.close()));
  await connection.quit();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
