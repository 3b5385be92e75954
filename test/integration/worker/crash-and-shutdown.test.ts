import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queueNames } from '../../../src/contract/names.js';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../../helpers/harness.js';
import { resultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../../helpers/worker-process.js';

const link = (i: number) => urlPayJob({ PRODUCTNAME: `주문 ${i}`, AMOUNT: 1000 + i });

/** Waits until the simulator has seen `count` link requests in all. */
const linkRequests = (h: Harness, count: number) =>
  waitUntil(
    async () => (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).length >= count,
    {
      timeoutMs: 20_000,
      intervalMs: 20,
      message: `${count} /urlpay/request calls`,
    },
  );

describe('worker processes that die or are told to stop', () => {
  let h: Harness;
  const processes: WorkerProcess[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      CONCURRENCY_URLPAY: '20',
    });
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await h.close();
  });

  it('a worker killed with SIGKILL mid-run: every job still ends with exactly one result', async () => {
    await h.simulator.control.setLatency(40);
    const first = await spawnCli(['start'], env);
    processes.push(first);
    const jobs = Array.from({ length: 200 }, (_, i) => ({
      name: 'link',
      data: link(i),
      opts: { jobId: `kill-${i}` },
    }));
    await h.queue(queueNames.urlpay).addBulk(jobs);
    await waitUntil(async () => (await h.queue(queueNames.results).count()) >= 40, {
      timeoutMs: 30_000,
      intervalMs: 20,
      message: '40 results before the kill',
    });
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const inFlight = await h.queue(queueNames.urlpay).getActiveCount();
    expect(inFlight).toBeGreaterThan(0);

    processes.push(await spawnCli(['start'], env));
    const results = await h.waitForResults(200, 60_000);
    await sleep(1500);
    const all = await h.results();
    expect(all).toHaveLength(200);
    expect(new Set(all.map((r) => r.sourceJobId)).size).toBe(200);
    expect(all.every((r) => r.ok)).toBe(true);
    const counts = await h
      .queue(queueNames.urlpay)
      .getJobCounts('completed', 'failed', 'active', 'wait', 'delayed');
    expect(counts).toMatchObject({ completed: 200, failed: 0, active: 0, wait: 0, delayed: 0 });
    // A link requested twice (before and after the crash) was requested with the same BILL_NO: one link each.
    const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
    expect(requests.length).toBeGreaterThanOrEqual(200);
    const { links } = await h.simulator.control.payments();
    expect(links).toHaveLength(200);
    const billNoOf = new Map(results.map((r) => [r.sourceJobId, resultOf('urlpay', r).billNo]));
    expect(new Set(billNoOf.values()).size).toBe(200);
    await h.simulator.control.setLatency(0);
  }, 90_000);

  it('SIGTERM with jobs in flight: they finish, the process exits 0 within the deadline', async () => {
    const worker = await spawnCli(['start'], { ...env, SHUTDOWN_TIMEOUT_MS: '10000' });
    processes.push(worker);
    for (const p of processes.slice(0, -1)) p.child.kill('SIGKILL');
    await h.simulator.control.resetRequests();
    await h.simulator.control.setLatency(1500);
    const before = (await h.results()).length;
    await h
      .queue(queueNames.urlpay)
      .addBulk(
        Array.from({ length: 5 }, (_, i) => ({ name: 'link', data: link(i), opts: { jobId: `term-${i}` } })),
      );
    await linkRequests(h, 5);
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(worker.output()).toContain('stopped cleanly');
    const results = await h.results();
    expect(results.length - before).toBe(5);
    expect(results.filter((r) => r.sourceJobId.startsWith('term-')).every((r) => r.ok)).toBe(true);
    await h.simulator.control.setLatency(0);
  }, 60_000);

  it('SIGTERM past the deadline: exits 0 at the deadline, the unfinished job is taken over later', async () => {
    const worker = await spawnCli(['start'], { ...env, SHUTDOWN_TIMEOUT_MS: '300' });
    processes.push(worker);
    await h.simulator.control.setLatency(1500);
    await h.queue(queueNames.urlpay).add('link', link(999), { jobId: 'slow-one' });
    await linkRequests(h, 6);
    const signalled = Date.now();
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(1_400);
    await h.simulator.control.setLatency(0);
    processes.push(await spawnCli(['start'], env));
    const results = await h.waitForResults((await h.results()).length + 1, 30_000);
    expect(results.filter((r) => r.sourceJobId === 'slow-one')).toHaveLength(1);
  }, 60_000);
});
