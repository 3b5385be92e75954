import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getBatchStatus } from '../../../../src/batches/batch-status.js';
import { openBatchesKey } from '../../../../src/batches/batch-store.js';
import type { BatchStatus } from '../../../../src/batches/batch-types.js';
import { createLogger } from '../../../../src/config/logger.js';
import { deliveryJobId } from '../../../../src/contract/job-ids.js';
import { defaultRetention } from '../../../../src/contract/retention.js';
import { uploadShipments } from '../../../../src/intake/shipments/upload-shipments.js';
import type { WorkerRuntime } from '../../../../src/main/worker-runtime.js';
import { type BatchWatcher, startBatchWatcher } from '../../../../src/worker/batch-watcher.js';
import { resultPublisher } from '../../../../src/worker/publish-result.js';
import { urlPayJob } from '../../../fixtures/jobs.js';
import { createHarness, type Harness } from '../../../helpers/harness.js';
import { sleep, waitUntil } from '../../../helpers/wait.js';

const header = 'TID,AMOUNT,RECEIVERNAME,RECEIVERDATE,RECEIVERELATION,PARCELNAME,WAYBILLNO,DELIVERYADDR';
const shipment = (tid: string, amount: string, waybill: string) =>
  `${tid},${amount},홍길동,20250115,본인,CJ대한통운,${waybill},서울특별시 중구 세종대로 110`;
const csv = (lines: string[]) => Readable.from([Buffer.from(`${[header, ...lines].join('\n')}\n`)]);

describe('a batch runs through the worker to its one summary', () => {
  let h: Harness;
  let runtime: WorkerRuntime;
  let deps: Parameters<typeof uploadShipments>[0];
  const watchers: BatchWatcher[] = [];

  const startWatcher = () => {
    const watcher = startBatchWatcher({
      connection: h.redis,
      prefix: h.prefix,
      queues: h.queues,
      publish: resultPublisher(h.queues.results, defaultRetention.results),
      intervalMs: 100,
      logger: deps.logger,
    });
    watchers.push(watcher);
    return watcher;
  };
  const batchResults = async (batchId: string) =>
    (await h.results()).filter((r) => r.kind === 'batch' && r.sourceJobId === batchId);
  const waitUntilDone = (batchId: string, timeoutMs = 20_000): Promise<BatchStatus> => {
    let status: BatchStatus | null = null;
    return waitUntil(
      async () => {
        status = await getBatchStatus(deps, batchId);
        return status?.done ? status : undefined;
      },
      {
        timeoutMs,
        intervalMs: 100,
        message: () => `batch ${batchId} to be done (${JSON.stringify(status)})`,
      },
    );
  };
  const waitForSummary = (batchId: string, timeoutMs = 20_000) =>
    waitUntil(
      async () => {
        const found = await batchResults(batchId);
        return found.length > 0 && found;
      },
      { timeoutMs, intervalMs: 100, message: `the summary of batch ${batchId}` },
    );

  beforeAll(async () => {
    h = await createHarness(inject('redisUrl'));
    deps = {
      connection: h.redis,
      prefix: h.prefix,
      queues: h.queues,
      logger: createLogger({ level: 'silent' }),
    };
    runtime = await h.startWorker({ RETRY_ATTEMPTS: '2' });
  });
  afterAll(async () => {
    await Promise.all(watchers.map((watcher) => watcher.close()));
    await runtime.close();
    await h.close();
  });

  it('registers the paid shipments, fails the unknown TID, and publishes one batch result', async () => {
    const links = ['link-a', 'link-b'];
    for (const jobId of links) {
      await h.producer.enqueueUrlPay(urlPayJob(), { jobId });
    }
    const linkResults = await h.waitForResults(2);
    const payments = [];
    for (const result of linkResults) {
      const URLKEY = String(result.response?.URLKEY);
      payments.push((await h.simulator.control.pay({ URLKEY })).payment);
    }
    const [first, second] = payments;
    if (!first || !second) throw new Error('expected two payments');

    const report = await uploadShipments(deps, {
      source: csv([
        shipment(first.TID, first.AMOUNT, 'W-1001'),
        shipment('NOSUCHTID123', '1000', 'W-1002'),
        shipment(second.TID, second.AMOUNT, 'W-1003'),
        shipment('T-BAD', '-5', 'W-1004'),
      ]),
    });
    expect(report).toMatchObject({ rows: 4, accepted: 3, alreadyEnqueued: 0 });
    expect(report.rejected).toEqual([{ line: 5, issues: [{ field: 'AMOUNT', reason: expect.any(String) }] }]);

    startWatcher();
    startWatcher(); // a second worker process watching the same batches
    const status = await waitUntilDone(report.batchId);
    expect(status).toMatchObject({ total: 3, waiting: 0, succeeded: 2, rejected: 1, unknown: 0, done: true });
    expect(status.failed).toEqual([
      {
        line: 3,
        jobId: deliveryJobId('NOSUCHTID123', 'W-1002'),
        code: 'E006',
        reason: expect.stringContaining('TID'),
      },
    ]);

    const [summary] = await waitForSummary(report.batchId);
    expect(summary).toMatchObject({
      kind: 'batch',
      sourceQueue: 'cookiepay-delivery',
      sourceJobId: report.batchId,
      ok: false,
      code: 'BATCH_FAILURES',
      attempts: 0,
      batch: { id: report.batchId, total: 3, succeeded: 2, failed: 1, rejected: 1, failures: status.failed },
    });
    expect(await h.redis.sismember(openBatchesKey(h.prefix), report.batchId)).toBe(0);
    await Promise.all(watchers.map((watcher) => watcher.checkNow()));
    await sleep(300);
    expect(await batchResults(report.batchId)).toHaveLength(1);
    expect((await getBatchStatus(deps, report.batchId))?.status).toBe('done');
    const deliveries = (await h.simulator.control.payments()).deliveries;
    expect(deliveries.map((d) => d.WAYBILLNO).sort()).toEqual(['W-1001', 'W-1003']);
  });

  it('ends a batch with no accepted row at once, and an all-good batch ok', async () => {
    const empty = await uploadShipments(deps, { source: csv([shipment('T-1', '0', 'W-2001')]) });
    expect(empty).toMatchObject({ rows: 1, accepted: 0 });
    const [emptySummary] = await waitForSummary(empty.batchId, 5_000);
    expect(emptySummary).toMatchObject({
      ok: false,
      code: 'BATCH_FAILURES',
      batch: { total: 0, succeeded: 0, failed: 0, rejected: 1, failures: [] },
    });

    // The first batch's shipments, uploaded again: already enqueued and ended, so the batch ends at once, ok.
    const payments = (await h.simulator.control.payments()).deliveries;
    const again = await uploadShipments(deps, {
      source: csv(payments.map((d) => shipment(d.TID, d.AMOUNT, d.WAYBILLNO))),
    });
    expect(again).toMatchObject({ accepted: 2, alreadyEnqueued: 2 });
    const [okSummary] = await waitForSummary(again.batchId, 5_000);
    expect(okSummary).toMatchObject({
      ok: true,
      code: 'BATCH_DONE',
      batch: { total: 2, succeeded: 2, failed: 0, rejected: 0 },
    });
  });
});
