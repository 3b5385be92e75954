import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import {
  type CookiePay,
  type CookiePayOptions,
  createCookiePay,
} from '../../../src/cookiepay/create-cookiepay.js';
import type { RequestEvent } from '../../../src/cookiepay/transport.js';
import { type RunningSimulator, startSimulator } from '../../../src/simulator/start-simulator.js';

export const apiId = 'cookie-test-01';
export const apiKey = 'sk-test-VERY-SECRET-api-key';

/**
 * One simulator and one Redis key prefix per test file, plus CookiePay instances each on its own Redis
 * connection (as separate worker processes would be). `reset()` between tests: simulator state, Redis keys.
 */
export const createHarness = () => {
  const redisUrl = inject('redisUrl');
  const keyPrefix = `test-${randomUUID()}`;
  const connections: Redis[] = [];
  let simulator: RunningSimulator | undefined;

  const sim = (): RunningSimulator => {
    if (!simulator) throw new Error('harness not started');
    return simulator;
  };

  const connect = (): Redis => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };

  const admin = connect();

  const deleteKeys = async () => {
    const keys = await admin.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
  };

  return {
    keyPrefix,
    admin,
    sim,
    async start(options: { tokenTtlSeconds?: number } = {}) {
      simulator = await startSimulator({ port: 0, apiId, apiKey, ...options });
    },
    async reset() {
      await sim().control.reset();
      await deleteKeys();
    },
    async stop() {
      await deleteKeys();
      await simulator?.close();
      await Promise.all(connections.map((redis) => redis.quit()));
    },
    /** A CookiePay instance on a Redis connection of its own; `events` collects onRequest. */
    cookiepay(overrides: Partial<CookiePayOptions> = {}): CookiePay & { events: RequestEvent[] } {
      const events: RequestEvent[] = [];
      const cookiepay = createCookiePay({
        baseUrl: sim().url,
        apiId,
        apiKey,
        redis: connect(),
        keyPrefix,
        onRequest: (event) => events.push(event),
        ...overrides,
      });
      return Object.assign(cookiepay, { events });
    },
    async tokenRequests() {
      return (await sim().control.requests({ endpoint: '/payAuth/token' })).length;
    },
  };
};

export const validUrlPay = {
  PRODUCTNAME: '유기농 사과 5kg',
  AMOUNT: 39000,
  BUYERNAME: '홍길동',
  BUYERHP: '010-1234-5678',
};

export const deliveryFor = (TID: string, AMOUNT: string) => ({
  TID,
  AMOUNT,
  RECEIVERNAME: '홍길동',
  RECEIVERDATE: '20250228',
  RECEIVERELATION: '본인',
  PARCELNAME: 'CJ대한통운',
  WAYBILLNO: '123456789012',
  DELIVERYADDR: '서울특별시 중구 세종대로 110',
});

/** The rejection of a promise (fails the test if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<Error & Record<string, unknown>> => {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
};
