import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CookiePayError } from './errors.js';
import type { RequestGate } from './request-gate.js';

/**
 * One sliding window over the whole CookiePay account, kept in Redis so every worker process and every queue
 * counts against it, token requests included. Times come from Redis (TIME), so processes need no common clock.
 * Returns 0 when the call may go now, else how many ms until a slot frees.
 */
const acquireScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if pausedUntil > now then return pausedUntil - now end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** Holds the whole account back until now + ARGV[1] ms (never shortens a longer pause). */
const pauseScript = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1])) end
return untilMs
`;

export interface AccountRateGateOptions {
  redis: Redis;
  /** Prefix of the gate's keys, e.g. the BullMQ prefix. */
  keyPrefix: string;
  /** Requests allowed per `durationMs` for the whole account. */
  max: number;
  durationMs: number;
  /**
   * Added to the window so requests that leave together do not arrive together at CookiePay: the gate decides
   * when a request leaves, CookiePay counts when it arrives. Default 2% of the window plus 10 ms.
   */
  safetyMarginMs?: number;
  /** Endpoints that wait for a slot instead of failing at once (the token request, which a job is waiting on). */
  waitingEndpoints?: readonly string[];
  /** Longest such wait before giving up with RATE_LIMITED. Default 30 s. */
  maxWaitMs?: number;
  /** Called each time a call is held back, with the wait it was told (metrics). */
  onHeldBack?: (endpoint: string, waitMs: number) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createAccountRateGate = (options: AccountRateGateOptions): RequestGate => {
  const { redis, max, durationMs } = options;
  const windowMs = durationMs + (options.safetyMarginMs ?? Math.ceil(durationMs * 0.02) + 10);
  const windowKey = `${options.keyPrefix}:{cookiepay-rate}:window`;
  const pauseKey = `${options.keyPrefix}:{cookiepay-rate}:pause`;
  const waiting = new Set(options.waitingEndpoints ?? ['/payAuth/token']);
  const maxWaitMs = options.maxWaitMs ?? 30_000;

  const tryAcquire = async (): Promise<number> =>
    Number(await redis.eval(acquireScript, 2, windowKey, pauseKey, max, windowMs, randomUUID()));

  return {
    async acquire(endpoint) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const waitMs = await tryAcquire();
        if (waitMs <= 0) return;
        options.onHeldBack?.(endpoint, waitMs);
        if (!waiting.has(endpoint) || Date.now() + waitMs > deadline) {
          throw new CookiePayError(
            'RATE_LIMITED',
            `account rate limit (${max} per ${durationMs} ms) holds the call back`,
            {
              endpoint,
              retryAfterMs: waitMs,
            },
          );
        }
        await sleep(waitMs);
      }
    },
    async throttle(ms) {
      await redis.eval(pauseScript, 1, pauseKey, Math.max(1, Math.round(ms)));
    },
  };
};
