import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queueNames } from '../../src/contract/names.js';
import { freePort, type RedisServerProcess, startRedisServer } from '../../src/dev/local-redis.js';
import { urlPayJob } from '../fixtures/jobs.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { leftover, resultAnomalies } from './chaos-kit.js';

const JOBS = 300;

const link = (i: number) => urlPayJob({ PRODUCTNAME: `재시작 주문 ${i}`, AMOUNT: 2_000 + i });

/**
 * A redis-server of the test's own (AOF on, fsync always), stopped or killed while two in-process workers drain
 * the jobs, then started again on the same port and data directory. The workers are never restarted.
 */
describe('chaos: Redis restarted mid-run', () => {
  let redis: RedisServerProcess | undefined;
  let harness: Harness | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await harness?.close();
    await redis?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['stopped (SIGTERM)', 'stop'],
    ['killed (SIGKILL)', 'kill'],
  ] as const)(
    'Redis %s and restarted after 1.5 s: every job ends with exactly one result',
    async (_label, how) => {
      dir = await mkdtemp(join(tmpdir(), 'cookiepay-chaos-redis-'));
      const port = await freePort();
      redis = await startRedisServer({ appendonly: true, port, dir });
      const h = await createHarness(redis.url);
      harness = h;
      // The outage makes the test's own connections emit errors; they reconnect by themselves.
      h.redis.on('error', () => {});
      for (const name of [queueNames.urlpay, queueNames.results]) h.queue(name).on('error', () => {});
      await h.simulator.control.setLatency(20);
      await h.startWorker({ CONCURRENCY_URLPAY: '5' });
      await h.startWorker({ CONCURRENCY_URLPAY: '5' });
      const ids = Array.from({ length: JOBS }, (_, i) => `restart-${i}`);
      await h
        .queue(queueNames.urlpay)
        .addBulk(ids.map((id, i) => ({ name: 'link', data: link(i), opts: { jobId: id } })));

      const resultsQueue = h.queue(queueNames.results);
      // After 20 s the outage comes anyway; the check below says whether it still was mid-run.
      await waitUntil(async () => (await resultsQueue.count()) >= 40, {
        timeoutMs: 20_000,
        intervalMs: 10,
        message: '40 results before the outage',
      }).catch(() => undefined);
      const beforeOutage = await resultsQueue.count();
      expect(beforeOutage).toBeLessThan(JOBS); // the outage is mid-run
      if (how === 'stop') await redis.stop();
      else await redis.kill();
      const requestsAtOutage = (await h.simulator.control.requests({ endpoint: '/urlpay/request' })).length;
      await sleep(1_500);
      redis = await startRedisServer({ appendonly: true, port, dir });

      await h.waitForResults(JOBS, 60_000).catch(() => undefined);
      await sleep(1_500);
      const results = await h.results();
      const anomalies = resultAnomalies(
        results,
        ids.map((id) => `${queueNames.urlpay}/${id}`),
      );
      const requests = await h.simulator.control.requests({ endpoint: '/urlpay/request' });
      const { links } = await h.simulator.control.payments();
      console.log(
        `[chaos] redis ${how}: results before outage=${beforeOutage} requests at outage=${requestsAtOutage} ` +
          `after=${requests.length} links=${links.length} results=${results.length} ` +
          `notOk=${JSON.stringify(results.filter((r) => !r.ok).map((r) => r.code))}`,
      );
      expect(anomalies).toEqual({ duplicated: [], missing: [], unexpected: [] });
      expect(results.every((r) => r.ok)).toBe(true);
      const left = await leftover(h.queue(queueNames.urlpay));
      expect(left).toMatchObject({ unfinished: 0, completed: JOBS, failed: 0 });
      // A link sent again after the outage kept its BILL_NO: one link per job.
      expect(links).toHaveLength(JOBS);
    },
    120_000,
  );
});
