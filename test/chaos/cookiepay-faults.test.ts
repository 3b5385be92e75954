import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { deliveryJob, urlPayJob } from '../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../helpers/harness.js';
import { sleep } from '../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../helpers/worker-process.js';
import { isAlive, killAll, leftover, resultAnomalies } from './chaos-kit.js';

/** Codes a job may end with while CookiePay fails a share of requests in every way it can. */
const allowedCodes = new Set([
  '0000',
  'E006', // a delivery for a TID the simulator does not know
  'EA01', // a status check that timed out polling
  'INVALID_PAYLOAD',
  'NETWORK',
  'TIMEOUT',
  'HTTP_STATUS',
  'INVALID_RESPONSE',
]);

const mixedJobs = () => {
  const jobs: { queue: string; id: string; data: Record<string, unknown> }[] = [];
  for (let i = 0; i < 180; i++) {
    jobs.push({
      queue: queueNames.urlpay,
      id: `fault-link-${i}`,
      data: urlPayJob({ PRODUCTNAME: `장애 주문 ${i}`, AMOUNT: 3_000 + i }),
    });
  }
  for (let i = 0; i < 40; i++) {
    // invalid: no call, INVALID_PAYLOAD at once
    jobs.push({
      queue: queueNames.urlpay,
      id: `fault-bad-${i}`,
      data: { PRODUCTNAME: `a&b ${i}`, AMOUNT: -i, BUYERNAME: '', BUYERHP: 'x' },
    });
  }
  for (let i = 0; i < 40; i++) {
    jobs.push({
      queue: queueNames.delivery,
      id: `fault-delivery-${i}`,
      data: deliveryJob({ TID: `T${i}`, AMOUNT: '1000', WAYBILLNO: `W-${i}` }),
    });
  }
  for (let i = 0; i < 40; i++) {
    jobs.push({ queue: queueNames.status, id: `fault-status-${i}`, data: { URLKEY: `missing-${i}` } });
  }
  return jobs;
};

describe('chaos: CookiePay failing 30% of requests in every way', () => {
  let h: Harness;
  const spawned: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.simulator.control.setFaults({ rate: 0 }).catch(() => {});
    await killAll(spawned);
    await h.close();
  });

  it('~300 mixed jobs all end with exactly one result, none stays active, no worker crashes', async () => {
    const env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
      COOKIEPAY_TIMEOUT_MS: '500',
      RETRY_ATTEMPTS: '8',
      RETRY_BACKOFF_MS: '20',
      STATUS_POLL_INTERVAL_MS: '200',
      STATUS_POLL_TIMEOUT_MS: '3000',
      CONCURRENCY_URLPAY: '20',
      CONCURRENCY_DELIVERY: '10',
      CONCURRENCY_STATUS: '10',
    });
    const workers = await Promise.all([spawnCli(['start'], env), spawnCli(['start'], env)]);
    spawned.push(...workers);
    await h.simulator.control.setLatency(10);
    await h.simulator.control.setFaults({
      rate: 0.3,
      kinds: ['http500', 'timeout', 'drop', 'html', 'invalid-json'],
      hangMs: 1_500,
    });
    const jobs = mixedJobs();
    for (const name of [queueNames.urlpay, queueNames.delivery, queueNames.status]) {
      await h
        .queue(name)
        .addBulk(
          jobs
            .filter((j) => j.queue === name)
            .map((j) => ({ name: 'job', data: j.data, opts: { jobId: j.id } })),
        );
    }
    await h.waitForResults(jobs.length, 90_000).catch(() => undefined);
    await sleep(1_500);
    const results = await h.results();
    const anomalies = resultAnomalies(
      results,
      jobs.map((j) => `${j.queue}/${j.id}`),
    );
    const codes: Record<string, number> = {};
    for (const r of results) codes[r.code] = (codes[r.code] ?? 0) + 1;
    const faults = (await h.simulator.control.requests()).filter((r) => r.outcome === 'fault');
    const byKind: Record<string, number> = {};
    for (const f of faults) byKind[f.detail ?? '?'] = (byKind[f.detail ?? '?'] ?? 0) + 1;
    console.log(
      `[chaos] faults: results=${results.length} codes=${JSON.stringify(codes)} ` +
        `faultsInjected=${JSON.stringify(byKind)} linksOk=${results.filter((r) => r.kind === 'urlpay' && r.ok).length}/180`,
    );
    expect(anomalies).toEqual({ duplicated: [], missing: [], unexpected: [] });
    expect(results.filter((r) => !allowedCodes.has(r.code)).map((r) => `${r.sourceJobId}:${r.code}`)).toEqual(
      [],
    );
    expect(
      results
        .filter((r) => r.sourceJobId.startsWith('fault-bad-'))
        .every((r) => r.code === 'INVALID_PAYLOAD'),
    ).toBe(true);
    // Faults of every kind were injected; retries got most links through (each job has 8 attempts).
    expect(Object.keys(byKind).sort()).toEqual(['drop', 'html', 'http500', 'invalid-json', 'timeout']);
    expect(results.filter((r) => r.kind === 'urlpay' && r.ok).length).toBeGreaterThanOrEqual(170);
    for (const name of [queueNames.urlpay, queueNames.delivery, queueNames.status]) {
      expect((await leftover(h.queue(name))).unfinished).toBe(0);
    }
    // A link sent again after a lost answer kept its BILL_NO: one link per urlpay job at most.
    expect((await h.simulator.control.payments()).links.length).toBeLessThanOrEqual(180);

    await h.simulator.control.setFaults({ rate: 0 });
    for (const worker of workers) expect(isAlive(worker)).toBe(true);
    for (const worker of workers) worker.child.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  }, 150_000);
});
