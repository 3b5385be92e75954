import { createHash } from 'node:crypto';
import type { NotificationFacts } from '../contract/notification-job.js';
import type { RedisClient } from '../redis/redis-client.js';

/**
 * A fact CookiePay confirmed: the kind of event (a virtual account's payment is its `deposit`), the payment and the
 * amount (CookiePay's, a number).
 */
export type VerifiedFact = Pick<NotificationFacts, 'TID'> & {
  kind: NotificationFacts['kind'] | 'deposit';
  amount: number;
};

export interface VerifiedFacts {
  /**
   * Records that `jobId` verified the fact, unless another job did first; resolves to the job that did (`jobId`
   * itself when it is the first, or when it is a run of that same job again).
   */
  claim(fact: VerifiedFact, jobId: string): Promise<string>;
}

/** Default memory of verified facts: as long as completed notification jobs are kept by default (7 days). */
export const defaultVerifiedFactTtlSeconds = 7 * 24 * 3_600;

export const verifiedFactKey = (prefix: string, fact: VerifiedFact): string => {
  const identity = [fact.kind, fact.TID, String(fact.amount)].join('\u0000');
  return `${prefix}:cookiepay:{noti-fact:${createHash('sha256').update(identity).digest('hex').slice(0, 40)}}`;
};

/**
 * Verified facts in Redis, one key per fact (SET NX with the first job's id), for `ttlSeconds`. Only verified facts
 * are recorded: a notification CookiePay did not confirm records nothing, so it never stands in the way of a
 * later one for the same payment.
 */
export const verifiedFacts = (
  redis: RedisClient,
  prefix: string,
  ttlSeconds = defaultVerifiedFactTtlSeconds,
): VerifiedFacts => ({
  async claim(fact, jobId) {
    const key = verifiedFactKey(prefix, fact);
    // A key that expires between SET NX and GET is set again on the next turn.
    for (let turn = 0; turn < 3; turn++) {
      if ((await redis.set(key, jobId, 'EX', ttlSeconds, 'NX')) === 'OK') return jobId;
      const first = await redis.get(key);
      if (first !== null) return first;
    }
    return jobId;
  },
});
