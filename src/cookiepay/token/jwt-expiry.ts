/**
 * The `exp` claim (seconds since the epoch) of a JWT, read without verifying anything; undefined when the
 * token is not a JWT or carries no numeric exp.
 */
export const decodeJwtExp = (token: string): number | undefined => {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return undefined;
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
};

export interface ExpiryPolicy {
  /** How long before the JWT's exp we stop using it (default 5 min). */
  safetyMarginMs: number;
  /** How long a token without a readable exp is kept (default 50 min). */
  fallbackTtlMs: number;
}

export interface TokenExpiry {
  /** When we stop using the token (epoch ms). */
  expiresAt: number;
  source: 'jwt' | 'fallback' | 'expired-on-arrival';
}

/**
 * When to stop using a freshly fetched token:
 * - a JWT with exp: exp minus the safety margin, the margin capped at half the remaining life (a 2 s test
 *   token is kept 1 s, not thrown away at once);
 * - no JWT or no exp: now + fallback TTL;
 * - an exp already past by our clock (skew): kept only for min(margin, fallback TTL); if it is truly dead,
 *   CookiePay rejects it and the rejection path fetches another.
 */
export const tokenExpiry = (token: string, now: number, policy: ExpiryPolicy): TokenExpiry => {
  const exp = decodeJwtExp(token);
  if (exp === undefined) return { expiresAt: now + policy.fallbackTtlMs, source: 'fallback' };
  const lifeMs = exp * 1000 - now;
  if (lifeMs <= 0) {
    return {
      expiresAt: now + Math.min(policy.safetyMarginMs, policy.fallbackTtlMs),
      source: 'expired-on-arrival',
    };
  }
  const margin = Math.min(policy.safetyMarginMs, Math.floor(lifeMs / 2));
  return { expiresAt: now + lifeMs - margin, source: 'jwt' };
};
