import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { urlPayJob } from '../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../helpers/harness.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../helpers/worker-process.js';
import { killAll, leftover, resultAnomalies } from './chaos-kit.js';

const IN_FLIGHT = 200;
const QUEUED_BEHIND = 50;
const LATENCY_MS = 3_000;

describe('chaos: SIGTERM with 200 jobs in flight', () => {
  let h: Harness;
  const spawned: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.simulator.control.setLatency(0).catch(() => {});
    await killAll(spawned);
    await h.close();
  });

  it('every in-flight job gets its result, no new job is taken, exit 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    const worker = await spawnCli(
      ['start'],
      workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
        SHUTDOWN_TIMEOUT_MS: '10000',
        COOKIEPAY_TIMEOUT_MS: '8000',
        CONCURRENCY_URLPAY: String(IN_FLIGHT),
      }),
    );
    spawned.push(worker);
    await h.simulator.control.setLatency(LATENCY_MS);
    const ids = Array.from({ length: IN_FLIGHT + QUEUED_BEHIND }, (_, i) => `term-${i}`);
    await h.queue(queueNames.urlpay).addBulk(
      ids.map((id, i) => ({
        name: 'link',
        // The product name carries the job id back out of the simulator's request log (see sentIds).
        data: urlPayJob({ PRODUCTNAME: `종료 주문 ${i}`, AMOUNT: 500 + i }),
        opts: { jobId: id },
      })),
    );
    await waitUntil(
      async () => (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).length >= IN_FLIGHT,
      { timeoutMs: 20_000, intervalMs: 20, message: `${IN_FLIGHT} requests in flight` },
    );
    const active = await h.queue(queueNames.urlpay).getActiveCount();
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    const tookMs = Date.now() - signalled;
    await sleep(500);

    const results = await h.results();
    const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    const left = await leftover(h.queue(queueNames.urlpay));
    console.log(
      `[chaos] sigterm: activeAtSignal=${active} exit=${JSON.stringify(exit)} tookMs=${tookMs} ` +
        `results=${results.length} requests=${requests.length} left=${JSON.stringify(left)}`,
    );
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(10_000);
    expect(worker.output()).toContain('stopped cleanly');
    // Every request in flight became a result; nothing was started after the signal.
    const sentIds = new Set(
      requests.map((r) => (r.body as { PRODUCTNAME?: string }).PRODUCTNAME?.replace('종료 주문 ', 'term-')),
    );
    expect(requests).toHaveLength(IN_FLIGHT);
    expect(
      resultAnomalies(
        results,
        [...sentIds].map((id) => `${queueNames.urlpay}/${id}`),
      ),
    ).toEqual({ duplicated: [], missing: [], unexpected: [] });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(left).toMatchObject({ active: 0, completed: IN_FLIGHT, failed: 0, wait: QUEUED_BEHIND });
  }, 60_000);
});
