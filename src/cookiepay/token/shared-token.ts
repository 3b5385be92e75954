import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { luaScript } from '../../redis/lua-script.js';
import type { RedisClient } from '../../redis/redis-client.js';
import { CookiePayError } from '../errors.js';
import { type CookiePayLogger, silentLogger } from '../logger.js';
import { tokenExpiry } from './jwt-expiry.js';
import {
  type CachedToken,
  decideWhileWaiting,
  fromRedis,
  isFresh,
  pollDelayMs,
  redisTtlMs,
  type TokenKeys,
} from './token-cache.js';

export interface SharedTokenOptions {
  redis: RedisClient;
  /** From `tokenKeys(prefix, baseUrl, apiId)`. */
  keys: TokenKeys;
  /** Fetches a brand-new token from CookiePay (throws a CookiePayError when CookiePay refuses). */
  fetchToken: () => Promise<string>;
  safetyMarginMs: number;
  fallbackTtlMs: number;
  /** How long the fetch lock lives if its owner dies; longer than one token request may take. */
  lockTtlMs: number;
  /** How long a process waits for another one's fetch before giving up with TIMEOUT. */
  waitTimeoutMs: number;
  now?: (() => number) | undefined;
  random?: (() => number) | undefined;
  logger?: CookiePayLogger | undefined;
}

/** The one CookiePay token of an account, shared by every process through Redis. */
export interface SharedToken {
  /** A token believed valid: the local copy, else Redis, else fetched by exactly one process. */
  get(): Promise<string>;
  /** CookiePay refused `token`: forget it locally, and in Redis unless another token already replaced it. */
  reject(token: string): Promise<void>;
}

/** Deletes KEYS[1] only while it still holds ARGV[1] (lock release by its owner, drop of a rejected token). */
const compareAndDelete = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** The token, its remaining life and whether a fetch lock is held, in one atomic round trip. */
const readTokenState = luaScript(`
return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1]), redis.call('EXISTS', KEYS[2])}`);

export const createSharedToken = (options: SharedTokenOptions): SharedToken => {
  const { redis, keys, fetchToken } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  let local: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  const readState = async () => {
    const [value, pttl, lock] = (await readTokenState(redis, [keys.tokenKey, keys.lockKey], [])) as [
      string | null,
      number,
      number,
    ];
    return { cached: fromRedis(value, pttl, now()), lockHeld: lock === 1 };
  };

  const fetchAndStore = async (): Promise<CachedToken> => {
    const token = await fetchToken();
    const fetchedAt = now();
    const { expiresAt, source } = tokenExpiry(token, fetchedAt, options);
    await redis.set(keys.tokenKey, token, 'PX', redisTtlMs(expiresAt, fetchedAt));
    logger.info(
      { tokenKey: keys.tokenKey, expiresAt: new Date(expiresAt).toISOString(), expirySource: source },
      'Fetched a new CookiePay token and shared it through Redis',
    );
    return { token, expiresAt };
  };

  const fetchUnderLock = async (): Promise<CachedToken | undefined> => {
    const owner = randomUUID();
    const taken = await redis.set(keys.lockKey, owner, 'PX', options.lockTtlMs, 'NX');
    if (taken !== 'OK') return undefined;
    try {
      // Another process may have stored a token between our read and our lock.
      const { cached } = await readState();
      return isFresh(cached, now()) ? cached : await fetchAndStore();
    } finally {
      await compareAndDelete(redis, [keys.lockKey], [owner]).catch((error: unknown) => {
        logger.warn({ lockKey: keys.lockKey, error: String(error) }, 'Could not release the token lock');
      });
    }
  };

  const obtain = async (): Promise<CachedToken> => {
    const deadline = now() + options.waitTimeoutMs;
    for (;;) {
      const { cached, lockHeld } = await readState();
      const decision = decideWhileWaiting({ cached, lockHeld, now: now(), deadline });
      if (decision === 'use-token' && cached) return cached;
      if (decision === 'give-up') {
        throw new CookiePayError(
          'TIMEOUT',
          `Waited ${options.waitTimeoutMs} ms for another process to fetch the CookiePay token`,
          { endpoint: '/payAuth/token' },
        );
      }
      if (decision === 'take-lock') {
        const fetched = await fetchUnderLock();
        if (fetched) return fetched;
      }
      await sleep(pollDelayMs(random()));
    }
  };

  return {
    async get() {
      if (isFresh(local, now())) return local.token;
      inflight ??= obtain()
        .then((cached) => {
          local = cached;
          return cached;
        })
        .finally(() => {
          inflight = undefined;
        });
      return (await inflight).token;
    },

    async reject(token) {
      // Let a fetch under way land first, so it cannot bring the rejected token back afterwards.
      await inflight?.catch(() => undefined);
      if (local?.token === token) local = undefined;
      const dropped = await compareAndDelete(redis, [keys.tokenKey], [token]);
      // Many calls may report the same rejected token; only the one that removed it from Redis says so.
      if (dropped === 1)
        logger.warn({ tokenKey: keys.tokenKey }, 'CookiePay rejected the shared token; dropped it');
    },
  };
};
