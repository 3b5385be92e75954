import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/redis-client.js';

/**
 * What the worker knows of a cancel it is about to send: `none` (never sent, or its answer was seen), or `sent` (it
 * left, its answer was lost): then `remainingBefore`, for a partial cancel, is what paycert showed of the payment
 * before the first send (null when it was not asked: a full cancel).
 */
export type SentCancel = { state: 'none' } | { state: 'sent'; remainingBefore: number | null };

export interface SentCancels {
  /** What was noted of this cancel before (none, or sent and its answer lost). */
  before(jobId: string): Promise<SentCancel>;
  /** Notes that the cancel is about to leave, with what remained of the payment before it (partial cancels). */
  sending(jobId: string, remainingBefore: number | null): Promise<void>;
  /** Its answer was seen, or it never left: a later run of the job asks CookiePay afresh. */
  forget(jobId: string): Promise<void>;
}

/** Default memory: as long as completed source jobs are kept by default (a day, RETENTION_COMPLETED_AGE_S). */
export const defaultSentCancelTtlSeconds = 86_400;

export const sentCancelKey = (prefix: string, jobId: string): string =>
  `${prefix}:cookiepay:{cancel-sent:${createHash('sha256').update(jobId).digest('hex').slice(0, 40)}}`;

/**
 * The cancels the worker sent whose answer it has not seen, in Redis, one key per cancel job for `ttlSeconds`.
 * CookiePay has no idempotency key: a full cancel sent again is answered "already cancelled", but a partial one sent
 * again would refund twice. This is how a retry knows its first send may have refunded.
 */
export const sentCancels = (
  redis: RedisClient,
  prefix: string,
  ttlSeconds = defaultSentCancelTtlSeconds,
): SentCancels => ({
  async before(jobId) {
    const noted = await redis.get(sentCancelKey(prefix, jobId));
    if (noted === null) return { state: 'none' };
    const remaining = noted === 'full' ? null : Number(noted);
    return { state: 'sent', remainingBefore: Number.isSafeInteger(remaining) ? remaining : null };
  },
  async sending(jobId, remainingBefore) {
    const value = remainingBefore === null ? 'full' : String(remainingBefore);
    await redis.set(sentCancelKey(prefix, jobId), value, 'EX', ttlSeconds);
  },
  async forget(jobId) {
    await redis.del(sentCancelKey(prefix, jobId));
  },
});
