import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { urlPayJob } from '../../fixtures/jobs.js';
import { createHarness, type Harness, workerTestEnv } from '../../helpers/harness.js';
import { isResultOf } from '../../helpers/result-kinds.js';
import { sleep, waitUntil } from '../../helpers/wait.js';
import { spawnCli, type WorkerProcess } from '../../helpers/worker-process.js';

const intervalMs = 1_000;

describe('reconciliation against /api/paysearch, four worker processes', () => {
  let h: Harness;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    const env = workerTestEnv(inject('redisUrl'), h.simulator.url, h.prefix, {
      RECONCILE_INTERVAL_MS: String(intervalMs),
    });
    workers.push(...(await Promise.all(Array.from({ length: 4 }, () => spawnCli(['start'], env)))));
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    await h.close();
  });

  const payments = async () => (await h.results()).filter(isResultOf('payment'));

  it('a payment without its notification and a cancel done outside the worker: one payment result each', async () => {
    const cookiepay = h.cookiepay();
    const paidLink = await cookiepay.urlPay(urlPayJob({ PRODUCTNAME: '통지 없는 결제' }));
    const cancelledLink = await cookiepay.urlPay(urlPayJob({ PRODUCTNAME: '밖에서 취소', AMOUNT: 12000 }));
    const { payment: paid } = await h.simulator.control.pay({ URLKEY: paidLink.URLKEY ?? '', notify: false });
    const { payment: cancelled } = await h.simulator.control.pay({
      URLKEY: cancelledLink.URLKEY ?? '',
      notify: false,
    });
    await waitUntil(async () => (await payments()).length >= 2, {
      timeoutMs: 3 * intervalMs + 2_000,
      message: 'both payments reconciled',
    });
    const cancelledAt = Date.now();
    await h.simulator.control.cancel({ TID: cancelled.TID, notify: false });
    await waitUntil(async () => (await payments()).some((result) => result.to === 'cancelled'), {
      timeoutMs: 3 * intervalMs + 2_000,
      message: 'the cancel reconciled',
    });
    // Within one interval (and the time a reconciliation takes), not whenever.
    expect(Date.now() - cancelledAt).toBeLessThan(2 * intervalMs + 1_500);
    // More reconciliations run meanwhile: none publishes the same change again.
    await sleep(3 * intervalMs);
    const published = (await payments()).map(({ TID, from, to, source, amount }) => ({
      TID,
      from,
      to,
      source,
      amount,
    }));
    expect(published).toHaveLength(3);
    expect(published).toEqual(
      expect.arrayContaining([
        { TID: paid.TID, from: null, to: 'paid', source: 'reconcile', amount: 39000 },
        { TID: cancelled.TID, from: null, to: 'paid', source: 'reconcile', amount: 12000 },
        { TID: cancelled.TID, from: 'paid', to: 'cancelled', source: 'reconcile', amount: 12000 },
      ]),
    );
  }, 30_000);

  it('runs one schedule however many workers: about one reconciliation per interval, each saying what it read', async () => {
    const started = Date.now();
    await sleep(4 * intervalMs);
    const ended = Date.now();
    const recent = (await h.results())
      .filter(isResultOf('reconcile'))
      .filter(({ finishedAt }) => Date.parse(finishedAt) >= started && Date.parse(finishedAt) <= ended);
    const intervals = (ended - started) / intervalMs;
    expect(recent.length).toBeGreaterThanOrEqual(Math.floor(intervals) - 1);
    expect(recent.length).toBeLessThanOrEqual(Math.ceil(intervals) + 1);
    for (const run of recent)
      expect(run).toMatchObject({ ok: true, code: 'RECONCILED', records: 2, changes: 0 });
    // One paysearch per day of the lookback (3 by default) per reconciliation, no paycert.
    const paycerts = await h.simulator.control.requests({ endpoint: '/api/paycert' });
    expect(paycerts).toHaveLength(0);
  }, 30_000);
});
