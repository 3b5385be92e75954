import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../../../src/config/logger.js';
import { buildHttpApp } from '../../../../src/intake/http/build-app.js';
import { createMetrics } from '../../../../src/metrics/create-metrics.js';
import { urlPayJob } from '../../../fixtures/jobs.js';
import { createHttpHarness, defaultSettings, type HttpHarness } from '../../../helpers/http-harness.js';

describe('http: health, readiness and metrics', () => {
  let h: HttpHarness;

  beforeAll(async () => {
    h = await createHttpHarness(inject('redisUrl'));
  });
  afterAll(async () => h.close());

  it('answers /healthz 200 and /readyz 200 when Redis answers PING', async () => {
    const app = await h.app();
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', redis: 'ok' });
  });

  it('answers /readyz 503 with the reason when Redis does not answer', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
      retryStrategy: () => null,
    });
    dead.on('error', () => {});
    const app = await buildHttpApp({
      queues: h.queues,
      redis: dead,
      logger: createLogger({ level: 'silent' }),
      metrics: createMetrics(),
      settings: defaultSettings,
      readyTimeoutMs: 500,
    });
    try {
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().status).toBe('not ready');
      expect(ready.json().redis).toEqual(expect.any(String));
    } finally {
      await app.close();
      dead.disconnect();
    }
  });

  it('exposes the metrics, with a job outcome once a job ran and the queue depths', async () => {
    const app = await h.app();
    await h.startWorker({}, { metrics: h.metrics });
    await h.queue('cookiepay-urlpay').add('link', { PRODUCTNAME: '', AMOUNT: 0 }, { jobId: 'metrics-bad' });
    await h.producer.enqueueUrlPay(urlPayJob(), { jobId: 'metrics-ok' });
    await h.waitForResults(2);
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    for (const name of [
      'cookiepay_jobs_total',
      'cookiepay_request_duration_seconds',
      'cookiepay_requests_total',
      'cookiepay_token_requests_total',
      'cookiepay_rate_limit_wait_seconds',
      'cookiepay_rate_limit_admission_round_trips_total',
      'cookiepay_rate_limit_admissions_total',
      'cookiepay_queue_jobs',
    ])
      expect(text).toContain(`# TYPE ${name}`);
    expect(text).toMatch(
      /cookiepay_jobs_total\{queue="cookiepay-urlpay",kind="urlpay",outcome="ok",code="0000"\} 1/,
    );
    expect(text).toMatch(
      /cookiepay_jobs_total\{queue="cookiepay-urlpay",kind="urlpay",outcome="failed",code="INVALID_PAYLOAD"\} 1/,
    );
    expect(text).toMatch(
      /cookiepay_request_duration_seconds_count\{endpoint="\/urlpay\/request",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/cookiepay_token_requests_total\{outcome="ok"\} 1/);
    // The token request and the link, one admission round trip each (the second may admit one ahead, given back).
    expect(text).toMatch(/cookiepay_rate_limit_admission_round_trips_total 2\n/);
    expect(text).toMatch(/cookiepay_rate_limit_admissions_total [23]\n/);
    expect(text).toMatch(/cookiepay_queue_jobs\{queue="cookiepay-results",state="waiting"\} 2/);
    expect(text).toMatch(/cookiepay_queue_jobs\{queue="cookiepay-notifications",state="waiting"\} 0/);
    expect(text).toMatch(/cookiepay_queue_jobs\{queue="cookiepay-cancel",state="waiting"\} 0/);
    expect(text).toMatch(/cookiepay_queue_jobs\{queue="cookiepay-reconcile",state="waiting"\} 0/);
  });
});
