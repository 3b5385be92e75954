import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from '../../redis/redis-client.js';
import { CookiePayError } from '../errors.js';
import type { Admission, RequestGate } from '../request-gate.js';
import { admissionSize, dropStale, emptyStock, noteAsk, stockCap, takeAdmission } from './admission-stock.js';
import { admitRequests, pauseAccount, reportDepartures } from './gate-scripts.js';

export interface AccountRateGateOptions {
  redis: RedisClient;
  /** Prefix of the gate's keys, e.g. the BullMQ prefix. */
  keyPrefix: string;
  /** Requests allowed to leave per `durationMs` for the whole account. */
  max: number;
  durationMs: number;
  /**
   * Added to the window the gate counts in, for what can happen between a request leaving here and CookiePay
   * counting it (network jitter, a busy receiver). Default 2% of the duration (at least 5 ms): the sustained rate
   * is max per (duration + margin), 98% of the limit.
   */
  marginMs?: number;
  /**
   * A share of the account set apart for the calls through this gate (e.g. verifications of notifications): at
   * most `max` of them in a window, while the account's limit holds for all calls together. Gates with the same
   * lane name share it.
   */
  lane?: { name: string; max: number } | undefined;
  /** How long a call may wait in place for room; beyond it the call is refused with the wait. Default durationMs. */
  horizonMs?: number;
  /** Endpoints that wait for room however long it takes (the token request a job is waiting on), up to maxWaitMs. */
  waitingEndpoints?: readonly string[];
  maxWaitMs?: number;
  /**
   * How long an admission counts as leaving now when its departure is never reported (a process that died between
   * admission and report). Default 10 s or two windows, whichever is longer.
   */
  admissionTtlMs?: number;
  /** How long reports of departures are gathered before one round trip sends them. Default 20 ms. */
  reportDelayMs?: number;
  /** Called when a call is held back, with how long (metrics). */
  onHeldBack?: (endpoint: string, waitMs: number, refused: boolean) => void;
  /** Called after each round trip that admitted requests, with how many (metrics). */
  onAdmit?: (admitted: number) => void;
}

/**
 * The account's rate limit, judged by when requests really leave: a log of departures in Redis, shared by every
 * process and queue, token requests included. A request is admitted only while fewer than `max` requests left in
 * the last window (plus the margin) or were admitted without having reported yet; it is sent at once, and reports
 * the moment its last byte went out. An admitted request counts as leaving "now" until it reports, so a late send
 * (a cold connection, an event-loop stall) can never crowd a window: docs/rate-gate.md has the proof and its limits.
 * A call with no room waits in place until the oldest departure leaves the window; one that would wait beyond the
 * horizon is refused with the wait, so its job goes back to the queue.
 */
export const createAccountRateGate = (options: AccountRateGateOptions): RequestGate => {
  const { redis, max, durationMs } = options;
  const marginMs = options.marginMs ?? Math.max(5, durationMs * 0.02);
  const windowMs = durationMs + marginMs;
  const windowUs = Math.ceil(windowMs * 1000);
  /** Admissions are spread one window / max apart (at most `cap` at once), so calls leave evenly, not in bursts. */
  const paceUs = Math.floor(windowUs / max);
  const ttlUs = Math.round((options.admissionTtlMs ?? Math.max(10_000, 2 * windowMs)) * 1000);
  const horizonMs = options.horizonMs ?? durationMs;
  const waiting = new Set(options.waitingEndpoints ?? ['/payAuth/token']);
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const reportDelayMs = options.reportDelayMs ?? 20;
  const base = `${options.keyPrefix}:{cookiepay-rate}`;
  const laneKeys = options.lane
    ? [`${base}:lane:${options.lane.name}:departed`, `${base}:lane:${options.lane.name}:admitted`]
    : [];
  const admitKeys = [`${base}:departed`, `${base}:admitted`, `${base}:pause`, `${base}:pace`, ...laneKeys];
  const reportKeys = [`${base}:departed`, `${base}:admitted`, ...laneKeys];
  const laneMax = options.lane?.max ?? 0;
  const cap = stockCap(Math.min(max, laneMax || max));
  /** Admissions taken ahead stay usable this long: a small part of the window, never more than 100 ms. */
  const validityMs = Math.min(100, windowMs / 16);
  const stock = emptyStock(cap);
  const tag = randomBytes(6).toString('base64url');
  let sequence = 0;
  let hungry = 0;
  let inflight: Promise<{ admitted: number; waitMs: number }> | undefined;

  /** Departures (µs ago measured at send time; -1 unused) waiting to go to Redis in one round trip. */
  const reports: { id: string; leftAt: number | undefined }[] = [];
  let flushing = false;
  const flushReports = async () => {
    flushing = false;
    const batch = reports.splice(0);
    if (batch.length === 0) return;
    const now = Date.now();
    const args = batch.flatMap(({ id, leftAt }) => [
      id,
      leftAt === undefined ? -1 : Math.max(0, Math.round((now - leftAt) * 1000)),
    ]);
    // A report that fails leaves its admissions counted until their TTL: never fewer requests counted than left.
    await reportDepartures(redis, reportKeys, [windowUs, ...args]).catch(() => {});
  };
  const report = (id: string, leftAt: number | undefined) => {
    reports.push({ id, leftAt });
    if (flushing) return;
    flushing = true;
    setTimeout(flushReports, reportDelayMs).unref();
  };

  let sweeping = false;
  const giveBackStale = () => {
    for (const id of dropStale(stock, Date.now(), validityMs)) report(id, undefined);
  };
  const sweepLater = () => {
    if (sweeping) return;
    sweeping = true;
    setTimeout(() => {
      sweeping = false;
      giveBackStale();
      if (stock.held.length > 0) sweepLater();
    }, validityMs).unref();
  };

  const admit = async (count: number) => {
    const ids = Array.from({ length: count }, () => `${tag}:${(sequence++).toString(36)}`);
    const [admitted, waitUs] = (await admitRequests(redis, admitKeys, [
      windowUs,
      max,
      ttlUs,
      laneMax,
      paceUs,
      cap,
      ...ids,
    ])) as [number, number];
    if (admitted > 0) options.onAdmit?.(admitted);
    const at = Date.now();
    for (const id of ids.slice(0, admitted)) stock.held.push({ id, at });
    if (admitted > 0 && cap > 1) sweepLater();
    return { admitted, waitMs: waitUs / 1000 };
  };

  /** One admission round trip at a time, sized for the calls waiting on it and the recent demand. */
  const admitForWaiting = async () => {
    hungry += 1;
    try {
      inflight ??= admit(cap === 1 ? 1 : admissionSize(stock, Date.now(), validityMs, hungry)).finally(() => {
        inflight = undefined;
      });
      return await inflight;
    } finally {
      hungry -= 1;
    }
  };

  const admission = (id: string): Admission => {
    let reported = false;
    return {
      left(atMs) {
        if (reported) return;
        reported = true;
        report(id, atMs);
      },
    };
  };

  return {
    async acquire(endpoint) {
      const started = Date.now();
      const deadline = started + (waiting.has(endpoint) ? maxWaitMs : horizonMs);
      if (cap > 1) noteAsk(stock, started);
      for (;;) {
        giveBackStale();
        const id = takeAdmission(stock);
        if (id !== undefined) {
          const heldMs = Date.now() - started;
          if (heldMs >= 1) options.onHeldBack?.(endpoint, heldMs, false);
          return admission(id);
        }
        const { admitted, waitMs } = await admitForWaiting();
        if (admitted > 0) continue;
        if (Date.now() + waitMs > deadline) {
          options.onHeldBack?.(endpoint, Date.now() - started + waitMs, true);
          throw new CookiePayError(
            'RATE_LIMITED',
            `account rate limit (${max} per ${durationMs} ms) holds the call back`,
            { endpoint, retryAfterMs: Math.max(1, Math.ceil(waitMs)) },
          );
        }
        await sleep(waitMs);
      }
    },
    async throttle(ms) {
      for (const { id } of stock.held.splice(0)) report(id, undefined);
      await pauseAccount(redis, [`${base}:pause`], [Math.max(1, Math.round(ms))]);
    },
  };
};
