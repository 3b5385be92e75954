import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { isCookiePayError } from '../cookiepay/errors.js';
import { paymentCertResponseSchema } from '../cookiepay/schemas/payment-cert.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { CookiePayCalls } from './cookiepay-calls.js';

/**
 * What CookiePay said about a TID: its 0000 answer, or a result other than 0000 (EA01, E…), which is an answer about
 * the payment too. Transport failures (network, timeout, token, rate limit) are not outcomes: they are thrown.
 */
export const payCertOutcomeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer'), response: paymentCertResponseSchema }),
  z.object({
    type: z.literal('refused'),
    /** CookiePay's RESULTCODE (EA01, E006, …). */
    resultCode: z.string().optional(),
    /** The code a result reports (CookiePayError.reportedCode). */
    reportedCode: z.string(),
    message: z.string(),
    response: z.record(z.string(), z.unknown()).nullable(),
  }),
]);

export type PayCertOutcome = z.output<typeof payCertOutcomeSchema>;

/** Asks CookiePay about a TID (paycert), once for all the notifications of that TID verified at about that time. */
export type CoalescedPayCert = (tid: string) => Promise<PayCertOutcome>;

export interface CoalescedPayCertOptions {
  redis: RedisClient;
  /** Prefix of the keys (QUEUE_PREFIX). */
  prefix: string;
  payCert: CookiePayCalls['payCert'];
  /** How long an answer serves the other notifications of its TID; default 1 s. */
  answerTtlMs?: number | undefined;
  /** How long one caller holds the right to ask (longer than a call, its token and its rate-limit wait); 30 s. */
  lockTtlMs?: number | undefined;
  /** How often a caller waiting for another's answer looks for it; default 25 ms. */
  pollMs?: number | undefined;
}

const ask = async (payCert: CookiePayCalls['payCert'], tid: string): Promise<PayCertOutcome> => {
  try {
    return { type: 'answer', response: await payCert({ tid }) };
  } catch (error) {
    if (!isCookiePayError(error) || error.code !== 'RESULT') throw error;
    return {
      type: 'refused',
      ...(error.resultCode === undefined ? {} : { resultCode: error.resultCode }),
      reportedCode: error.reportedCode,
      message: error.message,
      response: error.response ?? null,
    };
  }
};

const outcomeOf = (stored: string): PayCertOutcome | undefined => {
  try {
    const parsed = payCertOutcomeSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Paycert by TID, coalesced across every worker process: the first caller for a TID takes a lock in Redis and asks
 * CookiePay; the others wait for its answer, which is kept `answerTtlMs` for whoever asks about that TID next. N
 * notifications of one TID verified at once make one call. Only answers are shared: a transport failure is thrown
 * to its own caller (the lock goes, the next caller asks). Redis failing to keep an answer costs a second call, never
 * an answer.
 */
export const coalescedPayCert = (options: CoalescedPayCertOptions): CoalescedPayCert => {
  const { redis, prefix, payCert } = options;
  const answerTtlMs = options.answerTtlMs ?? 1_000;
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const pollMs = options.pollMs ?? 25;
  return async (tid) => {
    const hash = createHash('sha256').update(tid).digest('hex').slice(0, 32);
    const base = `${prefix}:cookiepay:{noti-paycert:${hash}}`;
    const answerKey = `${base}:answer`;
    const lockKey = `${base}:lock`;
    const giveUpAt = Date.now() + lockTtlMs;
    for (;;) {
      const stored = await redis.get(answerKey);
      const shared = stored === null ? undefined : outcomeOf(stored);
      if (shared) return shared;
      const mine = (await redis.set(lockKey, '1', 'PX', lockTtlMs, 'NX')) === 'OK';
      if (mine || Date.now() >= giveUpAt) {
        try {
          const outcome = await ask(payCert, tid);
          await redis.set(answerKey, JSON.stringify(outcome), 'PX', answerTtlMs).catch(() => {});
          return outcome;
        } finally {
          if (mine) await redis.del(lockKey).catch(() => {});
        }
      }
      await sleep(pollMs);
    }
  };
};
