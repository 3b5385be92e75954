import type { Queue } from 'bullmq';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobResult } from '../contract/result-schema.js';
import { endpoints } from '../cookiepay/endpoints.js';
import type { RequestEvent } from '../cookiepay/transport.js';

/** The states a queue's depth is reported in. */
export const queueStates = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

export const tokenEndpoint = endpoints.token.path;

export interface Metrics {
  /** Its own registry (never prom-client's global one): what `/metrics` exposes. */
  registry: Registry;
  /** A job ended and its result was published. */
  jobEnded: (result: JobResult) => void;
  /** One request to CookiePay (the `onRequest` hook of createCookiePay). */
  cookiePayRequest: (event: RequestEvent) => void;
  /** The account rate gate held a call back (`onHeldBack` of createAccountRateGate). */
  heldBack: (endpoint: string, waitMs: number, refused: boolean) => void;
  /** The account rate gate admitted `requests` in one Redis round trip (`onAdmit`). */
  admitted: (requests: number) => void;
  /** Queues whose depth is read (getJobCounts) on every scrape. */
  watchQueues: (queues: readonly Queue[]) => void;
}

/** Every metric of the service on a registry of its own. Nothing is collected until something reports. */
export const createMetrics = (registry: Registry = new Registry()): Metrics => {
  const jobs = new Counter({
    name: 'cookiepay_jobs_total',
    help: 'Jobs that ended, by source queue, kind, outcome (ok, failed) and result code',
    labelNames: ['queue', 'kind', 'outcome', 'code'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'cookiepay_request_duration_seconds',
    help: 'Latency of requests to CookiePay, by endpoint and outcome (ok or the error code)',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'cookiepay_requests_total',
    help: 'Requests to CookiePay, by endpoint, outcome, HTTP status and result code',
    labelNames: ['endpoint', 'outcome', 'http_status', 'result_code'] as const,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'cookiepay_token_requests_total',
    help: 'Token requests to CookiePay (/payAuth/token), by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const waits = new Histogram({
    name: 'cookiepay_rate_limit_wait_seconds',
    help: 'Waits imposed by the account rate limit, by endpoint and whether the call was refused (sent back to wait)',
    labelNames: ['endpoint', 'refused'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60],
    registers: [registry],
  });
  const admissionRoundTrips = new Counter({
    name: 'cookiepay_rate_limit_admission_round_trips_total',
    help: 'Redis round trips that admitted requests on the account rate limit (one per call, fewer at high limits)',
    registers: [registry],
  });
  const admissions = new Counter({
    name: 'cookiepay_rate_limit_admissions_total',
    help: 'Requests admitted by the account rate limit (used, or given back unused at high limits)',
    registers: [registry],
  });
  const watched: Queue[] = [];
  new Gauge({
    name: 'cookiepay_queue_jobs',
    help: 'Jobs in each queue by state, read when scraped',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        watched.map(async (queue) => {
          const counts = await queue.getJobCounts(...queueStates);
          for (const state of queueStates) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  return {
    registry,
    jobEnded: (result) =>
      jobs.inc({
        queue: result.sourceQueue,
        kind: result.kind,
        outcome: result.ok ? 'ok' : 'failed',
        code: result.code,
      }),
    cookiePayRequest: (event) => {
      latency.observe({ endpoint: event.endpoint, outcome: event.outcome }, event.durationMs / 1000);
      requests.inc({
        endpoint: event.endpoint,
        outcome: event.outcome,
        http_status: event.httpStatus === undefined ? '' : String(event.httpStatus),
        result_code: event.resultCode ?? '',
      });
      if (event.endpoint === tokenEndpoint) tokens.inc({ outcome: event.outcome });
    },
    heldBack: (endpoint, waitMs, refused) =>
      waits.observe({ endpoint, refused: refused ? 'true' : 'false' }, waitMs / 1000),
    admitted: (requests) => {
      admissionRoundTrips.inc();
      admissions.inc(requests);
    },
    watchQueues: (queues) => {
      for (const queue of queues) if (!watched.includes(queue)) watched.push(queue);
    },
  };
};
