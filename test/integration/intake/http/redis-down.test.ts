import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/config/logger.js';
import { createQueues } from '../../../../src/contract/create-queues.js';
import { freePort, type RedisServerProcess, startRedisServer } from '../../../../src/dev/local-redis.js';
import { buildHttpApp } from '../../../../src/intake/http/build-app.js';
import { notificationPath } from '../../../../src/intake/http/notification-route.js';
import { createMetrics } from '../../../../src/metrics/create-metrics.js';
import { createRedisConnection } from '../../../../src/redis/connection.js';
import type { RedisClient } from '../../../../src/redis/redis-client.js';
import { basicAuth, boardUser, defaultSettings } from '../../../helpers/http-harness.js';
import { waitUntil } from '../../../helpers/wait.js';

const good = basicAuth(boardUser.username, boardUser.password);

/** Every route that needs Redis, as a request. */
const needRedis: { name: string; request: (n: number) => InjectOptions }[] = [
  {
    name: 'notification',
    request: (n) => ({
      method: 'POST',
      url: notificationPath,
      payload: `{"TID":"DOWN${String(n).padStart(12, '0')}","AMOUNT":"1000"}`,
      headers: { 'content-type': 'application/json' },
    }),
  },
  { name: 'metrics', request: () => ({ url: '/metrics' }) },
  { name: 'board api', request: () => ({ url: '/board/api/queues', headers: { authorization: good } }) },
];

/** The app as the HTTP runtime builds it: over a producer connection of its own. */
const appOver = async (url: string): Promise<{ app: FastifyInstance; connection: RedisClient }> => {
  const connection = createRedisConnection(url, 'producer');
  connection.on('error', () => {});
  const queues = createQueues(connection, `down${Date.now()}`);
  for (const queue of Object.values(queues)) queue.on('error', () => {});
  const app = await buildHttpApp({
    queues,
    redis: connection,
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    settings: defaultSettings,
  });
  return { app, connection };
};

let n = 0;
/** Status and time of each route's answer. */
const answers = (app: FastifyInstance) =>
  Promise.all(
    needRedis.map(async ({ name, request }) => {
      const started = Date.now();
      n += 1;
      const response = await app.inject(request(n));
      return { name, status: response.statusCode, ms: Date.now() - started };
    }),
  );

const expectAll503InASecond = (list: { name: string; status: number; ms: number }[]) => {
  for (const answer of list) {
    expect({ name: answer.name, status: answer.status }).toEqual({ name: answer.name, status: 503 });
    expect(answer.ms).toBeLessThan(1_000);
  }
};

describe('http: Redis down → 503 within a second on every route that needs it, back by itself', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers 503 at once when Redis is unreachable from the start, and serves once it comes up', async () => {
    const port = await freePort();
    const { app, connection } = await appOver(`redis://127.0.0.1:${port}`);
    cleanups.push(async () => {
      await app.close();
      connection.disconnect();
    });
    expectAll503InASecond(await answers(app));
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const redis = await startRedisServer({ port });
    cleanups.push(() => redis.stop());
    await waitUntil(async () => (await answers(app)).every((a) => a.status === 200), {
      message: 'every route answering 200 again',
      timeoutMs: 10_000,
      intervalMs: 200,
    });
  }, 30_000);

  it('answers 503 within a second once Redis stops, and recovers by itself when it is back', async () => {
    let redis: RedisServerProcess = await startRedisServer();
    const { app, connection } = await appOver(redis.url);
    cleanups.push(async () => {
      await app.close();
      connection.disconnect();
      await redis.stop();
    });
    await waitUntil(async () => (await answers(app)).every((a) => a.status === 200), {
      message: 'every route answering 200',
      timeoutMs: 5_000,
      intervalMs: 200,
    });
    await redis.stop();
    await waitUntil(async () => connection.status !== 'ready', {
      message: 'the connection noticing Redis is gone',
      timeoutMs: 2_000,
    });
    expectAll503InASecond(await answers(app));
    redis = await startRedisServer({ port: redis.port });
    await waitUntil(async () => (await answers(app)).every((a) => a.status === 200), {
      message: 'every route answering 200 again',
      timeoutMs: 10_000,
      intervalMs: 200,
    });
  }, 30_000);
});
