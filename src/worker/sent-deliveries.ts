import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/redis-client.js';

/**
 * What the worker knows of an escrow delivery registration (a TID and its waybill) it sent before: `none` (never
 * sent, or sent and clearly refused), `sent` (it left, its answer was not seen: lost, or not back yet), `registered`
 * (CookiePay answered 0000).
 */
export type SentDelivery = 'none' | 'sent' | 'registered';

export interface SentDeliveries {
  /** Notes that the registration is about to be sent; resolves to what was known of it before. */
  sending(TID: string, WAYBILLNO: string): Promise<SentDelivery>;
  /** CookiePay registered it (0000, or a refusal taken as its answer to a repeat). */
  registered(TID: string, WAYBILLNO: string): Promise<void>;
  /** It did not register (CookiePay refused it, or it never left): a later registration of it is a first one. */
  forget(TID: string, WAYBILLNO: string): Promise<void>;
}

/** Default memory: as long as completed source jobs are kept by default (a day, RETENTION_COMPLETED_AGE_S). */
export const defaultSentDeliveryTtlSeconds = 86_400;

export const sentDeliveryKey = (prefix: string, TID: string, WAYBILLNO: string): string => {
  const identity = `${TID}\u0000${WAYBILLNO}`;
  return `${prefix}:cookiepay:{delivery-sent:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}}`;
};

const states = new Set<string>(['sent', 'registered']);

/**
 * The registrations the worker sent, in Redis, one key per TID and waybill (its state), for `ttlSeconds` after its
 * last change. A duplicate delivery registration is not documented (CookiePay may answer 0000 again, or refuse it):
 * this is how the worker knows a refusal may be of its own registration whose answer was lost.
 */
export const sentDeliveries = (
  redis: RedisClient,
  prefix: string,
  ttlSeconds = defaultSentDeliveryTtlSeconds,
): SentDeliveries => ({
  async sending(TID, WAYBILLNO) {
    const key = sentDeliveryKey(prefix, TID, WAYBILLNO);
    if ((await redis.set(key, 'sent', 'EX', ttlSeconds, 'NX')) === 'OK') return 'none';
    const known = await redis.get(key);
    if (known !== null && states.has(known)) return known as SentDelivery;
    // Expired in between (or not ours): noted again, a first registration.
    await redis.set(key, 'sent', 'EX', ttlSeconds);
    return 'none';
  },
  async registered(TID, WAYBILLNO) {
    await redis.set(sentDeliveryKey(prefix, TID, WAYBILLNO), 'registered', 'EX', ttlSeconds);
  },
  async forget(TID, WAYBILLNO) {
    await redis.del(sentDeliveryKey(prefix, TID, WAYBILLNO));
  },
});
