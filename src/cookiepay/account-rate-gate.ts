import { CookiePayError } from './errors.js';
import { luaScript } from './lua-script.js';
import type { RedisClient } from './redis-client.js';
import type { RequestGate } from './request-gate.js';

/**
 * The account's rate limit as a schedule kept in Redis (GCRA): every call to CookiePay, from any process and any
 * queue, token requests included, reserves the next free send time, one `interval` after the previous one. A
 * call whose time is within `horizon` waits for it and goes; a later one is refused with the wait, so its job
 * goes back to the queue. Calls leave evenly spaced, never in bursts, so what CookiePay sees in any window is what
 * the schedule allowed. Times come from Redis (TIME, in microseconds), so processes need no common clock.
 * Returns { granted (1|0), microseconds to wait }.
 */
const reserveScript = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
if start - now > horizon then return {0, start - now - horizon} end
redis.call('SET', KEYS[1], start + interval, 'PX', math.ceil((start + interval - now) / 1000) + 1000)
return {1, start - now}
`);

/** Holds the whole account back until now + ARGV[1] ms (never shortens a longer pause). */
const pauseScript = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilUs = now + tonumber(ARGV[1]) * 1000
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilUs > current then redis.call('SET', KEYS[1], untilUs, 'PX', tonumber(ARGV[1]) + 1000) end
return 1
`);

/**
 * A call that reached the wire late (it left ARGV[1] microseconds ago, later than its slot) keeps the next slot at
 * least one interval after it actually left. Never moves the schedule by more than that, so late calls do not add
 * up: when the schedule is already further on, nothing changes.
 */
const lateScript = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local candidate = now - tonumber(ARGV[1]) + tonumber(ARGV[2])
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
if candidate > next then
  redis.call('SET', KEYS[1], candidate, 'PX', math.ceil((candidate - now) / 1000) + 1000)
end
return 1
`);

export interface AccountRateGateOptions {
  redis: RedisClient;
  /** Prefix of the gate's keys, e.g. the BullMQ prefix. */
  keyPrefix: string;
  /** Calls allowed per `durationMs` for the whole account. */
  max: number;
  durationMs: number;
  /**
   * Added to the duration before it is shared out, because the gate schedules when a call leaves and CookiePay
   * counts when it arrives. Default 4% of the duration (at least 5 ms): 20 per second leave 52 ms apart.
   */
  safetyMarginMs?: number;
  /** How far ahead a call may be scheduled and wait in place; later ones are refused. Default durationMs. */
  horizonMs?: number;
  /** Endpoints that wait for a slot however far it is (the token request a job is waiting on), up to maxWaitMs. */
  waitingEndpoints?: readonly string[];
  maxWaitMs?: number;
  /** Called when a call is held back, with how long (metrics). */
  onHeldBack?: (endpoint: string, waitMs: number, refused: boolean) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const createAccountRateGate = (options: AccountRateGateOptions): RequestGate => {
  const { redis, max, durationMs } = options;
  const marginMs = options.safetyMarginMs ?? Math.max(5, durationMs * 0.04);
  const intervalUs = Math.ceil(((durationMs + marginMs) * 1000) / max);
  const horizonUs = Math.round((options.horizonMs ?? durationMs) * 1000);
  const scheduleKey = `${options.keyPrefix}:{cookiepay-rate}:next`;
  const pauseKey = `${options.keyPrefix}:{cookiepay-rate}:pause`;
  const waiting = new Set(options.waitingEndpoints ?? ['/payAuth/token']);
  const maxWaitMs = options.maxWaitMs ?? 30_000;

  const reserve = async (): Promise<{ granted: boolean; waitMs: number }> => {
    const [granted, waitUs] = (await reserveScript(
      redis,
      [scheduleKey, pauseKey],
      [intervalUs, horizonUs],
    )) as [number, number];
    return { granted: granted === 1, waitMs: waitUs / 1000 };
  };

  return {
    async acquire(endpoint) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const { granted, waitMs } = await reserve();
        if (granted) {
          if (waitMs >= 1) {
            options.onHeldBack?.(endpoint, waitMs, false);
            await sleep(waitMs);
          }
          return;
        }
        options.onHeldBack?.(endpoint, waitMs, true);
        if (!waiting.has(endpoint) || Date.now() + waitMs > deadline) {
          throw new CookiePayError(
            'RATE_LIMITED',
            `account rate limit (${max} per ${durationMs} ms) holds the call back`,
            {
              endpoint,
              retryAfterMs: Math.max(1, Math.ceil(waitMs)),
            },
          );
        }
        await sleep(waitMs);
      }
    },
    async late(_endpoint, _lateMs, leftAgoMs) {
      await lateScript(redis, [scheduleKey], [Math.max(0, Math.round(leftAgoMs * 1000)), intervalUs]);
    },
    async throttle(ms) {
      await pauseScript(redis, [pauseKey], [Math.max(1, Math.round(ms))]);
    },
  };
};
