import { createHash } from 'node:crypto';
import {
  type PaymentResult,
  type PaymentSource,
  type PaymentState,
  paymentStates,
} from '../contract/result-schema.js';
import { luaScript } from '../redis/lua-script.js';
import type { RedisClient } from '../redis/redis-client.js';
import type { PublishResult } from './publish-result.js';

export type { PaymentSource, PaymentState };
export { paymentStates };

/** Something learnt of a payment: by TID, or by URLKEY before there is one (both when both are known). */
export interface PaymentObservation {
  TID?: string | undefined;
  URLKEY?: string | undefined;
  state: PaymentState;
  /** CookiePay's AMOUNT of the payment, when the look had it. */
  amount?: number | undefined;
  source: PaymentSource;
  /** ISO 8601 time it was seen. */
  observedAt: string;
  /** The job that saw it; the payment result names it in `seenBy`. */
  sourceQueue: string;
  sourceJobId: string;
  /** CookiePay's answer that showed it, when there is one (published in the result's `response`). */
  response?: Record<string, unknown> | null;
}

/** What an observation did: a change published, the state the worker reported already, or a stale look ignored. */
export type ObserveOutcome = 'changed' | 'same' | 'stale';

export interface PaymentEvents {
  /**
   * Reports what was learnt of a payment. A real change (forward from the state reported last) publishes exactly
   * one `payment` result, however many processes observe it at once; the same state again, or a state that goes
   * backwards (cancelled → paid from a stale look), publishes nothing.
   */
  observe(observation: PaymentObservation): Promise<ObserveOutcome>;
}

/** The `sourceQueue` of payment results (no such queue: the payment events publish them); `seenBy` names the job. */
export const paymentEventsSource = 'cookiepay-payment-events';

/** How long the last reported state of a payment is remembered after its last change. */
export const defaultPaymentStateTtlSeconds = 90 * 24 * 3_600;

const rank: Record<PaymentState, number> = {
  unpaid: 0,
  awaiting_deposit: 1,
  paid: 2,
  partially_cancelled: 3,
  cancelled: 4,
};

/**
 * Whether a payment moves from `from` to `to`: forward only, and a virtual account whose deadline passed
 * (awaiting_deposit → unpaid). The same state is no change. Pure (the Lua script below decides the same).
 */
export const isPaymentChange = (from: PaymentState | null, to: PaymentState): boolean =>
  from === null || rank[to] > rank[from] || (from === 'awaiting_deposit' && to === 'unpaid');

/** All keys in one hash slot ({payment-state}), so one script may read and write a TID's and a URLKEY's. */
const keyBase = (prefix: string) => `${prefix}:cookiepay:{payment-state}`;
export const paymentStateKeys = (prefix: string) => ({
  tid: (tid: string) => `${keyBase(prefix)}:tid:${tid}`,
  urlKey: (urlKey: string) => `${keyBase(prefix)}:url:${urlKey}`,
  /** Stands in for a key not given (never written). */
  none: `${keyBase(prefix)}:none`,
});

/**
 * The id of a change's result: from the payment and the change, so a second publication of the same change is a
 * no-op in BullMQ. (Hashed: a TID or URLKEY may hold characters a job id must not.)
 */
export const paymentResultId = (payment: string, from: PaymentState | null, to: PaymentState): string =>
  `payment-${createHash('sha256')
    .update(`${payment}\n${from ?? ''}\n${to}`)
    .digest('hex')
    .slice(0, 32)}`;

/**
 * Compare and set. KEYS[1]: the TID's key, KEYS[2]: the URLKEY's (an unused key of the same slot when there is none:
 * every key of a script in one slot). ARGV: the state, the TTL in seconds, the TID, whether each key is given (1/0). A URLKEY's key holds its state until the TID is known, then `@<TID>` (linked: its state
 * moved to the TID's key). Returns {outcome, from}: `linked` (with the TID) when only a URLKEY was given and it is
 * linked, for the caller to observe by that TID.
 */
const observeScript = luaScript(`
local rank = { unpaid = 0, awaiting_deposit = 1, paid = 2, partially_cancelled = 3, cancelled = 4 }
local state, ttl, tid = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local tidKey = ARGV[4] == '1' and KEYS[1] or ''
local urlKey = ARGV[5] == '1' and KEYS[2] or ''
local current = false
if tidKey ~= '' then current = redis.call('GET', tidKey) end
if urlKey ~= '' then
  local byUrl = redis.call('GET', urlKey)
  if byUrl and string.sub(byUrl, 1, 1) == '@' then
    if tidKey == '' then return { 'linked', string.sub(byUrl, 2) } end
  elseif tidKey ~= '' then
    if byUrl and not current then
      current = byUrl
      redis.call('SET', tidKey, current, 'EX', ttl)
    end
    redis.call('SET', urlKey, '@' .. tid, 'EX', ttl)
  else
    current = byUrl
  end
end
local target = tidKey ~= '' and tidKey or urlKey
if current == state then return { 'same', current } end
if current and not (rank[state] > rank[current] or (current == 'awaiting_deposit' and state == 'unpaid')) then
  return { 'stale', current }
end
redis.call('SET', target, state, 'EX', ttl)
return { 'changed', current or '' }
`);

/** Puts `from` back if the state is still `to` (its publication failed: the change is seen again later). */
const revertScript = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') end
return 1
`);

/** Payments whose last reported state a process remembers (the most recent ones). */
const seenMax = 10_000;

const blankToUndefined = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
};

export interface PaymentEventsDeps {
  redis: RedisClient;
  /** The queue prefix (QUEUE_PREFIX): the states live next to the queues. */
  prefix: string;
  publish: PublishResult;
  ttlSeconds?: number;
}

/**
 * Payment events in Redis: the last reported state of each payment, changed only by one Lua script (compare and
 * set), so of several processes observing the same change exactly one publishes it. A publication that fails puts
 * the state back and rethrows (the job retries and observes again).
 */
export const paymentEvents = ({
  redis,
  prefix,
  publish,
  ttlSeconds = defaultPaymentStateTtlSeconds,
}: PaymentEventsDeps): PaymentEvents => {
  const keys = paymentStateKeys(prefix);
  /**
   * The state this process last saw reported for a payment (the same TID and URLKEY), so that seeing it again (a
   * status check of a paid payment, the hot path) costs no round trip. Skipping is safe: a state this process saw
   * reported is either still the one in Redis, or behind it (the observation would be stale).
   */
  const seen = new Map<string, PaymentState>();
  const remember = (key: string, state: PaymentState) => {
    seen.delete(key);
    seen.set(key, state);
    if (seen.size > seenMax) seen.delete(seen.keys().next().value as string);
  };
  const observe = async (observation: PaymentObservation): Promise<ObserveOutcome> => {
    const tid = blankToUndefined(observation.TID);
    const urlKey = blankToUndefined(observation.URLKEY);
    if (tid === undefined && urlKey === undefined)
      throw new Error('payment observation: TID or URLKEY is required, neither was given');
    const seenKey = `${tid ?? ''}\n${urlKey ?? ''}`;
    if (seen.get(seenKey) === observation.state) return 'same';
    const tidKey = tid === undefined ? keys.none : keys.tid(tid);
    const urlKeyKey = urlKey === undefined ? keys.none : keys.urlKey(urlKey);
    const [outcome, value] = (await observeScript(
      redis,
      [tidKey, urlKeyKey],
      [observation.state, ttlSeconds, tid ?? '', tid === undefined ? 0 : 1, urlKey === undefined ? 0 : 1],
    )) as [string, string | null];
    if (outcome === 'linked') return observe({ ...observation, TID: value ?? '' });
    if (outcome === 'same') remember(seenKey, observation.state);
    if (outcome !== 'changed') return outcome as ObserveOutcome;
    const from = value === '' || value === null ? null : (value as PaymentState);
    const payment = tid ?? `url:${urlKey}`;
    const target = tid === undefined ? urlKeyKey : tidKey;
    const resultId = paymentResultId(payment, from, observation.state);
    const result: PaymentResult = {
      kind: 'payment',
      // The event is its own source: a job's own result stays the only one naming the job as its source.
      sourceQueue: paymentEventsSource,
      sourceJobId: resultId,
      seenBy: { queue: observation.sourceQueue, jobId: observation.sourceJobId },
      ok: true,
      code: 'PAYMENT_CHANGED',
      message: `payment ${tid ?? `of link ${urlKey}`} is ${observation.state.replace('_', ' ')}${
        from === null ? '' : ` (was ${from.replace('_', ' ')})`
      }, seen by ${observation.source}`,
      response: observation.response ?? null,
      attempts: 0,
      finishedAt: observation.observedAt,
      ...(tid === undefined ? {} : { TID: tid }),
      ...(urlKey === undefined ? {} : { URLKEY: urlKey }),
      from,
      to: observation.state,
      ...(observation.amount === undefined ? {} : { amount: observation.amount }),
      source: observation.source,
      observedAt: observation.observedAt,
    };
    try {
      await publish(result, resultId);
    } catch (error) {
      await revertScript(redis, [target], [observation.state, from ?? '']).catch(() => undefined);
      throw error;
    }
    remember(seenKey, observation.state);
    return 'changed';
  };
  return { observe };
};

/** CookiePay's AMOUNT as a number; undefined when it gave none or not digits. */
export const amountOfAnswer = (value: string | null | undefined): number | undefined => {
  const text = value?.trim() ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
};
