import { createHash } from 'node:crypto';

/** A token together with the moment we stop using it (epoch ms). */
export interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * The Redis keys of the shared token: `<prefix>:cookiepay:{token:<sha256(baseUrl + apiId), 16 hex>}` and the
 * same with `:lock`. The hash keeps sandbox and live, or two API IDs, apart without writing any credential.
 */
export interface TokenKeys {
  tokenKey: string;
  lockKey: string;
}

export const tokenKeys = (prefix: string, baseUrl: string, apiId: string): TokenKeys => {
  const digest = createHash('sha256')
    .update(`${baseUrl.replace(/\/+$/, '')}\n${apiId}`)
    .digest('hex')
    .slice(0, 16);
  // The braces keep the token and its lock in one Redis Cluster slot when the prefix has no hash tag of its own.
  const tokenKey = `${prefix ? `${prefix}:` : ''}cookiepay:{token:${digest}}`;
  return { tokenKey, lockKey: `${tokenKey}:lock` };
};

export const isFresh = (cached: CachedToken | undefined, now: number): cached is CachedToken =>
  cached !== undefined && cached.expiresAt > now;

/** What Redis holds (GET value, PTTL) as a cached token; a key without a TTL is not ours and is ignored. */
export const fromRedis = (value: string | null, pttlMs: number, now: number): CachedToken | undefined =>
  value && pttlMs > 0 ? { token: value, expiresAt: now + pttlMs } : undefined;

/** The PX to store a token with: what is left of its life, at least 1 ms. */
export const redisTtlMs = (expiresAt: number, now: number): number => Math.max(1, Math.ceil(expiresAt - now));

export type WaitDecision = 'use-token' | 'take-lock' | 'keep-waiting' | 'give-up';

/**
 * While another process holds the lock: use the token once it appears; if the lock vanished without a
 * token (its owner failed or died), try to take it; past the deadline, give up.
 */
export const decideWhileWaiting = (state: {
  cached: CachedToken | undefined;
  lockHeld: boolean;
  now: number;
  deadline: number;
}): WaitDecision => {
  if (isFresh(state.cached, state.now)) return 'use-token';
  if (!state.lockHeld) return 'take-lock';
  return state.now >= state.deadline ? 'give-up' : 'keep-waiting';
};

/** Poll delay while waiting: 20–50 ms, spread so waiting processes do not poll in step. */
export const pollDelayMs = (random: number): number => 20 + Math.floor(random * 30);
