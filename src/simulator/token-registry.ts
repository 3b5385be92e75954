import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt, type TokenClaims, verifyJwt } from './jwt.js';

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'revoked' };

export interface TokenRegistry {
  issue: (apiId: string, nowMs: number) => string;
  check: (token: string, nowMs: number) => TokenCheck;
  /** Every token issued so far stops working. */
  revokeAll: () => void;
}

const PRUNE_AT = 10_000;

/**
 * The tokens of one simulator: signed with a secret of its own (a token of another instance is badly signed),
 * remembered by `jti` until they expire so that they can be revoked.
 */
export const createTokenRegistry = (ttlSeconds: number): TokenRegistry => {
  const secret = randomBytes(32);
  const live = new Map<string, number>();
  let pruneAt = PRUNE_AT;

  const prune = (nowMs: number): void => {
    for (const [jti, expMs] of live) if (expMs <= nowMs) live.delete(jti);
    pruneAt = Math.max(PRUNE_AT, live.size * 2);
  };

  return {
    issue: (apiId, nowMs) => {
      if (live.size >= pruneAt) prune(nowMs);
      const iat = Math.floor(nowMs / 1000);
      const claims: TokenClaims = { user: apiId, iat, exp: iat + ttlSeconds, jti: randomUUID() };
      live.set(claims.jti, claims.exp * 1000);
      return signJwt(claims, secret);
    },
    check: (token, nowMs) => {
      const result = verifyJwt(token, secret, nowMs);
      if (result.ok && !live.has(result.claims.jti)) return { ok: false, reason: 'revoked' };
      return result;
    },
    revokeAll: () => {
      live.clear();
      pruneAt = PRUNE_AT;
    },
  };
};
