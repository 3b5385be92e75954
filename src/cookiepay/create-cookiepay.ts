import type { RedisClient } from '../redis/redis-client.js';
import { type CookiePayClient, createCookiePayClient, fetchTokenValue } from './client.js';
import type { CookiePayLogger } from './logger.js';
import type { RequestGate } from './request-gate.js';
import { createSharedToken, type SharedToken } from './token/shared-token.js';
import { type TokenKeys, tokenKeys } from './token/token-cache.js';
import {
  createTransport,
  defaultConnectTimeoutMs,
  defaultTimeoutMs,
  type RequestEvent,
} from './transport.js';

export interface CookiePayOptions {
  /** e.g. `https://sandbox.cookiepayments.com`. */
  baseUrl: string;
  /** API_ID, also sent as pay2_id. */
  apiId: string;
  /** Secret sent as the ApiKey header and as pay2_key. Never logged. */
  apiKey: string;
  /** Default 3 s. */
  connectTimeoutMs?: number | undefined;
  /** Total per request; default 20 s. */
  timeoutMs?: number | undefined;
  /** A connection this layer uses but does not own (never closed here). */
  redis: RedisClient;
  /** Prefix of the Redis keys, e.g. `bull` → `bull:cookiepay:{token:<hash>}`. */
  keyPrefix: string;
  /** Default 5 min before the JWT's exp. */
  tokenSafetyMarginMs?: number | undefined;
  /** Lifetime of a token without a readable exp; default 50 min. */
  tokenFallbackTtlMs?: number | undefined;
  /** Default: timeoutMs + 5 s. */
  tokenLockTtlMs?: number | undefined;
  /** Default: lock TTL + 5 s. */
  tokenWaitTimeoutMs?: number | undefined;
  gate?: RequestGate | undefined;
  onRequest?: ((event: RequestEvent) => void) | undefined;
  logger?: CookiePayLogger | undefined;
  now?: (() => number) | undefined;
}

export interface CookiePay extends CookiePayClient {
  sharedToken: SharedToken;
  tokenKeys: TokenKeys;
}

export const defaultTokenSafetyMarginMs = 5 * 60_000;
export const defaultTokenFallbackTtlMs = 50 * 60_000;

/** Wires transport, shared token and client from plain options. Opens nothing until the first call. */
export const createCookiePay = (options: CookiePayOptions): CookiePay => {
  if (!options.apiId || !options.apiKey) throw new TypeError('createCookiePay needs apiId and apiKey');
  new URL(options.baseUrl); // throws on a malformed base URL, before any job runs
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const transport = createTransport({
    baseUrl: options.baseUrl,
    connectTimeoutMs: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    timeoutMs,
    gate: options.gate,
    onRequest: options.onRequest,
    logger: options.logger,
    now: options.now,
  });
  const credentials = { apiId: options.apiId, apiKey: options.apiKey };
  const keys = tokenKeys(options.keyPrefix, options.baseUrl, options.apiId);
  const lockTtlMs = options.tokenLockTtlMs ?? timeoutMs + 5_000;
  const sharedToken = createSharedToken({
    redis: options.redis,
    keys,
    fetchToken: () => fetchTokenValue(transport, credentials),
    safetyMarginMs: options.tokenSafetyMarginMs ?? defaultTokenSafetyMarginMs,
    fallbackTtlMs: options.tokenFallbackTtlMs ?? defaultTokenFallbackTtlMs,
    lockTtlMs,
    waitTimeoutMs: options.tokenWaitTimeoutMs ?? lockTtlMs + 5_000,
    now: options.now,
    logger: options.logger,
  });
  const client = createCookiePayClient({ transport, credentials, tokens: sharedToken });
  return { ...client, sharedToken, tokenKeys: keys };
};
