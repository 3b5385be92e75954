import type { RedisClient } from '../../redis/redis-client.js';
import { CookiePayError } from '../errors.js';
import type { RequestGate } from '../request-gate.js';
import { deferSchedule, pauseSchedule, reserveSlots } from './gate-scripts.js';
import { addLease, emptyLeaseBook, lease, leaseCap, leaseSize, noteAsk, takeSlot } from './slot-leases.js';

export interface AccountRateGateOptions {
  redis: RedisClient;
  /** Prefix of the gate's keys, e.g. the BullMQ prefix. */
  keyPrefix: string;
  /** Calls allowed per `durationMs` for the whole account. */
  max: number;
  durationMs: number;
  /**
   * Added to the duration before it is shared out, because the gate schedules when a call leaves and CookiePay
   * counts when it arrives. Default 4% of the duration (at least 5 ms): 20 per second leave 52 ms apart.
   */
  safetyMarginMs?: number;
  /**
   * How late a call may reach the wire after the gate let it go without a correction of the schedule. Default an
   * eighth of the margin (5 ms for a 1 s window). Slots reserved ahead in one round trip (a lease) stay usable for
   * a quarter of the margin, so a call leaves at most 3/8 of the margin after its slot uncorrected; the rest is
   * for the network.
   */
  toleranceMs?: number;
  /** How far ahead a call may be scheduled and wait in place; later ones are refused. Default durationMs. */
  horizonMs?: number;
  /** Endpoints that wait for a slot however far it is (the token request a job is waiting on), up to maxWaitMs. */
  waitingEndpoints?: readonly string[];
  maxWaitMs?: number;
  /** Called when a call is held back, with how long (metrics). */
  onHeldBack?: (endpoint: string, waitMs: number, refused: boolean) => void;
  /** Called after each reservation round trip, with the slots reserved (metrics). */
  onReserve?: (slots: number) => void;
}

interface Reservation {
  granted: boolean;
  /** Granted: until the first slot; refused: until the schedule is within the horizon again. */
  waitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The account's rate limit as a schedule kept in Redis (GCRA): every call to CookiePay, from any process and any
 * queue, token requests included, gets its own send time, one `interval` after the previous one. A call whose
 * time is within `horizon` waits for it and goes; a later one is refused with the wait, so its job goes back to
 * the queue. Calls leave evenly spaced, never in bursts, so what CookiePay sees in any window is what the schedule
 * allowed. A busy process reserves several consecutive slots per round trip when they all fall within the
 * lease validity (high limits); a call that left later than the tolerance pushes the next free slot past it.
 */
export const createAccountRateGate = (options: AccountRateGateOptions): RequestGate => {
  const { redis, max, durationMs } = options;
  const marginMs = options.safetyMarginMs ?? Math.max(5, durationMs * 0.04);
  const intervalUs = Math.ceil(((durationMs + marginMs) * 1000) / max);
  const intervalMs = intervalUs / 1000;
  const toleranceMs = options.toleranceMs ?? marginMs / 8;
  const leaseValidityMs = marginMs / 4;
  const cap = leaseCap(leaseValidityMs, intervalMs);
  const horizonUs = Math.round((options.horizonMs ?? durationMs) * 1000);
  const scheduleKey = `${options.keyPrefix}:{cookiepay-rate}:next`;
  const pauseKey = `${options.keyPrefix}:{cookiepay-rate}:pause`;
  const waiting = new Set(options.waitingEndpoints ?? ['/payAuth/token']);
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const book = emptyLeaseBook(cap);
  /** Calls waiting for a reservation, and the one reservation under way (when leases are possible). */
  let hungry = 0;
  let inflight: Promise<Reservation> | undefined;
  let lateSince = 0;
  let deferral: Promise<void> | undefined;

  /** Reserves `count` slots and puts them in the book when granted. */
  const reserve = async (count: number): Promise<Reservation> => {
    const [granted, waitUs] = (await reserveSlots(
      redis,
      [scheduleKey, pauseKey],
      [intervalUs, horizonUs, count],
    )) as [number, number];
    options.onReserve?.(count);
    if (granted === 1) addLease(book, lease(Date.now() + waitUs / 1000, count));
    return { granted: granted === 1, waitMs: waitUs / 1000 };
  };

  /**
   * Where a lease holds one slot, every call reserves its own. Otherwise one reservation at a time, sized for the
   * calls waiting on it: the others wait for it and take its slots rather than each making a round trip.
   */
  const reserveForWaiting = async (): Promise<Reservation> => {
    if (cap === 1) return reserve(1);
    hungry += 1;
    try {
      inflight ??= reserve(
        Math.min(cap, Math.max(leaseSize(book, Date.now(), leaseValidityMs), hungry)),
      ).finally(() => {
        inflight = undefined;
      });
      return await inflight;
    } finally {
      hungry -= 1;
    }
  };

  const goAt = async (endpoint: string, slotAt: number) => {
    const waitMs = slotAt - Date.now();
    if (waitMs >= 1) {
      options.onHeldBack?.(endpoint, waitMs, false);
      await sleep(waitMs);
    }
  };

  /** One correction for every late call of this turn of the event loop: the latest departure is what counts. */
  const defer = () => {
    const leftAgoUs = Math.max(0, Math.round((Date.now() - lateSince) * 1000));
    lateSince = 0;
    deferral = undefined;
    return deferSchedule(redis, [scheduleKey], [leftAgoUs, intervalUs]).then(
      () => {},
      () => {},
    );
  };

  return {
    async acquire(endpoint) {
      const deadline = Date.now() + maxWaitMs;
      if (cap > 1) noteAsk(book, Date.now());
      for (;;) {
        const slotAt = takeSlot(book, Date.now(), intervalMs, leaseValidityMs);
        if (slotAt !== undefined) return goAt(endpoint, slotAt);
        const { granted, waitMs } = await reserveForWaiting();
        if (granted) continue;
        options.onHeldBack?.(endpoint, waitMs, true);
        if (!waiting.has(endpoint) || Date.now() + waitMs > deadline) {
          throw new CookiePayError(
            'RATE_LIMITED',
            `account rate limit (${max} per ${durationMs} ms) holds the call back`,
            { endpoint, retryAfterMs: Math.max(1, Math.ceil(waitMs)) },
          );
        }
        await sleep(waitMs);
      }
    },
    late(_endpoint, lateMs, leftAgoMs) {
      if (lateMs <= toleranceMs) return Promise.resolve();
      lateSince = Math.max(lateSince, Date.now() - leftAgoMs);
      deferral ??= new Promise<void>((resolve) => setImmediate(() => resolve(defer())));
      return deferral;
    },
    async throttle(ms) {
      book.leases.length = 0;
      await pauseSchedule(redis, [pauseKey], [Math.max(1, Math.round(ms))]);
    },
  };
};
